package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.error;
import static dev.cutaway.sql.engine.Rows.plan;
import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ALTER TABLE ADD PRIMARY KEY makes the key the row key, as CREATE TABLE does: lookups by key
 * read the row directly, rows come back in key order, the other indexes follow their rows,
 * and a duplicate or NULL key fails with PostgreSQL's SQLSTATE leaving the table as it was.
 */
@Timeout(60)
class AddPrimaryKeyTest {
    private QuietDatabase q;
    private Session s;

    @BeforeEach
    void open() {
        // keys inserted out of order, so most rows move to a new key
        q = new QuietDatabase("CREATE TABLE t (k int, v text, tag int);"
                + "INSERT INTO t SELECT (g * 7) % 50 + 1, 'v' || g, g % 5"
                + " FROM generate_series(0, 49) g;"
                + "CREATE INDEX t_tag ON t (tag);"
                + "CREATE UNIQUE INDEX t_v ON t (v)");
        s = q.s;
    }

    @AfterEach
    void close() throws Exception {
        q.close();
    }

    @Test
    void theKeyBecomesTheRowKeyAndTheIndexesFollowTheRows() {
        String before = query(s, "SELECT k, v, tag FROM t ORDER BY v");
        s.execute("ALTER TABLE t ADD PRIMARY KEY (k)");
        assertThat(plan(s, "SELECT v FROM t WHERE k = 8")).contains("Key Lookup on t");
        assertThat(query(s, "SELECT v FROM t WHERE k = 8")).isEqualTo("v1");
        assertThat(query(s, "SELECT k, v, tag FROM t ORDER BY v")).isEqualTo(before);
        // the rows are stored in key order: ORDER BY the key needs no sort
        assertThat(plan(s, "SELECT k, v FROM t ORDER BY k")).doesNotContain("Sort");
        assertThat(query(s, "SELECT string_agg(k::text, ',') FROM (SELECT k, v FROM t"
                + " ORDER BY k LIMIT 5) x")).isEqualTo("1,2,3,4,5");
        assertThat(plan(s, "SELECT k FROM t WHERE v = 'v1'")).contains("t_v");
        assertThat(query(s, "SELECT k FROM t WHERE v = 'v1'")).isEqualTo("8");
        assertThat(query(s, "SELECT count(*) FROM t WHERE tag = 1")).isEqualTo("10");
        assertThat(error(s, "CREATE INDEX t_pkey ON t (tag)").sqlState()).isEqualTo("42P07");
        assertThat(error(s, "INSERT INTO t VALUES (8, 'new', 0)").sqlState()).isEqualTo("23505");
        assertThat(error(s, "INSERT INTO t VALUES (NULL, 'new', 0)").sqlState())
                .isEqualTo("23502");
        s.execute("UPDATE t SET k = 100 WHERE k = 8");
        assertThat(query(s, "SELECT k FROM t WHERE v = 'v1'")).isEqualTo("100");
        // a foreign key may now name the table alone: it references the primary key
        s.execute("CREATE TABLE c (k int REFERENCES t)");
        s.execute("INSERT INTO c VALUES (100)");
        assertThat(error(s, "INSERT INTO c VALUES (8)").sqlState()).isEqualTo("23503");
    }

    @Test
    void aDuplicateOrNullKeyFailsAndLeavesTheTableAsItWas() {
        s.execute("INSERT INTO t VALUES (3, 'dup', 0)");
        SqlException dup = error(s, "ALTER TABLE t ADD PRIMARY KEY (k)");
        assertThat(dup.sqlState()).isEqualTo("23505");
        assertThat(dup.getMessage()).isEqualTo("could not create unique index \"t_pkey\"");
        assertThat(dup.detail()).isEqualTo("Key (k)=(3) is duplicated.");
        s.execute("DELETE FROM t WHERE v = 'dup'; INSERT INTO t VALUES (NULL, 'null', 0)");
        assertThat(error(s, "ALTER TABLE t ADD PRIMARY KEY (k)").sqlState()).isEqualTo("23502");
        assertThat(query(s, "SELECT count(*) FROM t")).isEqualTo("51");
        assertThat(plan(s, "SELECT v FROM t WHERE k = 3")).doesNotContain("Key Lookup");
        s.execute("CREATE INDEX t_pkey ON t (tag); DROP INDEX t_pkey");   // the name is free
        s.execute("INSERT INTO t VALUES (3, 'dup', 0)");   // still no key to violate
        assertThat(query(s, "SELECT count(*) FROM t WHERE k = 3")).isEqualTo("2");
    }

    @Test
    void aRollbackKeepsTheOldKeysAndAnOlderSnapshotStillReadsTheRows() {
        s.execute("BEGIN; ALTER TABLE t ADD PRIMARY KEY (k); ROLLBACK");
        assertThat(plan(s, "SELECT v FROM t WHERE k = 3")).doesNotContain("Key Lookup");
        assertThat(query(s, "SELECT count(*) FROM t WHERE tag = 2")).isEqualTo("10");
        try (Session reader = q.db.newSession()) {
            reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertThat(query(reader, "SELECT count(*) FROM t")).isEqualTo("50");
            s.execute("ALTER TABLE t ADD PRIMARY KEY (k)");
            assertThat(query(reader, "SELECT sum(k), count(*) FROM t")).isEqualTo("1275|50");
            assertThat(query(reader, "SELECT k FROM t WHERE v = 'v2'")).isEqualTo("15");
            reader.execute("COMMIT");
            assertThat(query(reader, "SELECT k FROM t WHERE v = 'v2'")).isEqualTo("15");
        }
    }

    @Test
    void rowsAlreadyAtTheirKeyAreNotWrittenAgain() {
        // pgbench's load: integer keys inserted in order get row ids equal to the keys
        s.execute("CREATE TABLE p (aid int, abalance int);"
                + "INSERT INTO p SELECT g, 0 FROM generate_series(1, 200) g");
        s.execute("BEGIN");
        s.execute("ALTER TABLE p ADD PRIMARY KEY (aid)");
        String locks = query(s, "SELECT count(*) FROM cutaway.locks l JOIN cutaway.transactions"
                + " x ON l.txn_id = x.txn_id WHERE x.is_current AND l.granted");
        assertThat(Integer.parseInt(locks)).as("catalog entries only").isLessThan(10);
        s.execute("COMMIT");
        assertThat(plan(s, "UPDATE p SET abalance = 1 WHERE aid = 5"))
                .contains("Key Lookup on p");
        assertThat(query(s, "SELECT count(*), sum(aid) FROM p")).isEqualTo("200|20100");
    }

    @Test
    void aCompositeTextKeyAndAClashingNameAndASecondKey() {
        s.execute("CREATE TABLE m (a text, b int, n int);"
                + "INSERT INTO m VALUES ('y', 2, 1), ('x', 9, 2), ('y', 1, 3)");
        s.execute("ALTER TABLE m ADD CONSTRAINT m_key PRIMARY KEY (a, b)");
        assertThat(plan(s, "SELECT n FROM m ORDER BY a, b")).doesNotContain("Sort");
        assertThat(query(s, "SELECT string_agg(n::text, ',') FROM (SELECT n FROM m"
                + " ORDER BY a, b) x")).isEqualTo("2,3,1");
        assertThat(plan(s, "SELECT n FROM m WHERE a = 'y' AND b = 1"))
                .contains("Key Lookup on m");
        assertThat(error(s, "ALTER TABLE m ADD PRIMARY KEY (n)").sqlState()).isEqualTo("42P16");
        s.execute("CREATE TABLE z (k int)");
        assertThat(error(s, "ALTER TABLE z ADD CONSTRAINT m_key PRIMARY KEY (k)").sqlState())
                .isEqualTo("42P07");
        assertThatThrownBy(() -> s.execute("ALTER TABLE z ADD PRIMARY KEY (nope)"))
                .isInstanceOf(SqlException.class);
    }
}
