package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.error;
import static dev.cutaway.sql.engine.Rows.plan;
import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ALTER TABLE DROP CONSTRAINT of a primary key re-keys the rows to hidden row ids (ADR 0039):
 * the key's uniqueness is gone but its NOT NULL stays (as in PostgreSQL), every secondary
 * index finds its rows at their new keys, a foreign key that needs the key is a dependent
 * (2BP01, or dropped with CASCADE), and a rollback puts everything back.
 */
@Timeout(60)
class DropPrimaryKeyTest {
    /** The rows of t as text, in an order that does not depend on the row keys. */
    private static final String ALL = "SELECT k, n, tag FROM t ORDER BY n";

    private QuietDatabase q;
    private Session s;

    @BeforeEach
    void open() {
        // a text key: every row moves to a row id when the key is dropped
        q = new QuietDatabase("CREATE TABLE t (k text PRIMARY KEY, n int, tag int);"
                + "INSERT INTO t SELECT 'k' || ((g * 7) % 50), g, g % 5"
                + " FROM generate_series(0, 49) g;"
                + "CREATE INDEX t_tag ON t (tag);"
                + "CREATE UNIQUE INDEX t_n ON t (n)");
        s = q.s;
    }

    @AfterEach
    void close() throws Exception {
        q.close();
    }

    /**
     * Reads through both indexes (sequential scans off) and compares with what a scan of the
     * rows finds; {@code nIsKey} when n is the primary key (its lookups read the row).
     */
    private void assertIndexesFindEveryRow(String where, boolean nIsKey) {
        String byTag = "SELECT k, n, tag FROM t WHERE " + where + " ORDER BY n";
        String byN = "SELECT string_agg(k, ',') FROM (SELECT k FROM t"
                + " WHERE n IN (0, 7, 21, 42) ORDER BY k) x";
        String scannedTag = query(s, byTag);
        String scannedN = query(s, byN);
        assertThat(scannedTag).isNotEmpty();
        s.execute("SET enable_seqscan = off");
        try {
            if (!nIsKey) {
                assertThat(plan(s, "SELECT k FROM t WHERE n = 7")).contains("t_n");
            }
            for (int n = 0; n < 50; n += 7) {
                if (n % 5 != 4) {   // tag 4 may have been deleted
                    assertThat(query(s, "SELECT k FROM t WHERE n = " + n))
                            .isEqualTo("k" + (n * 7) % 50);
                }
            }
            assertThat(query(s, byN)).isEqualTo(scannedN).isEqualTo("k0,k44,k47,k49");
            assertThat(plan(s, "SELECT k, n, tag FROM t WHERE " + where)).contains("t_tag");
            assertThat(query(s, byTag)).isEqualTo(scannedTag);
        } finally {
            s.execute("RESET enable_seqscan");
        }
    }

    @Test
    void theRowsMoveToRowIdsAndTheIndexesFollowThem() {
        String before = query(s, ALL);
        assertThat(plan(s, "SELECT n FROM t WHERE k = 'k7'")).contains("Key Lookup on t");
        s.execute("ALTER TABLE t DROP CONSTRAINT t_pkey");
        assertThat(plan(s, "SELECT n FROM t WHERE k = 'k7'")).doesNotContain("Key Lookup");
        assertThat(query(s, "SELECT n FROM t WHERE k = 'k7'")).isEqualTo("1");
        assertThat(query(s, ALL)).isEqualTo(before);
        assertIndexesFindEveryRow("tag = 2", false);
        // the key is no longer unique, but its column stays NOT NULL as in PostgreSQL
        s.execute("INSERT INTO t VALUES ('k7', 100, 2), ('k7', 101, 2)");
        assertThat(query(s, "SELECT count(*) FROM t WHERE k = 'k7'")).isEqualTo("3");
        assertThat(error(s, "INSERT INTO t VALUES (NULL, 102, 0)").sqlState())
                .isEqualTo("23502");
        s.execute("ALTER TABLE t ALTER COLUMN k DROP NOT NULL");   // refused while in the key
        s.execute("INSERT INTO t VALUES (NULL, 102, 0)");
        // updates and deletes find the re-keyed rows through the indexes
        s.execute("UPDATE t SET tag = 9 WHERE n = 3; DELETE FROM t WHERE tag = 4");
        assertThat(query(s, "SELECT count(*) FROM t")).isEqualTo("43");
        assertIndexesFindEveryRow("tag = 9", false);
        assertThat(error(s, "INSERT INTO t VALUES ('x', 3, 0)").sqlState()).isEqualTo("23505");
        s.execute("CREATE INDEX t_pkey ON t (tag)");   // the constraint's name is free again
    }

    @Test
    void anIntegerKeyStaysInPlaceAndNewRowIdsFollowIt() {
        // pgbench's accounts: integer keys, each key already encoded as the row id it becomes
        s.execute("CREATE TABLE p (aid int PRIMARY KEY, abalance int);"
                + "INSERT INTO p SELECT g, 0 FROM generate_series(-2, 200) g;"
                + "CREATE INDEX p_bal ON p (abalance)");
        s.execute("BEGIN");
        s.execute("ALTER TABLE p DROP CONSTRAINT p_pkey");
        String locks = query(s, "SELECT count(*) FROM cutaway.locks l JOIN cutaway.transactions"
                + " x ON l.txn_id = x.txn_id WHERE x.is_current AND l.granted");
        assertThat(Integer.parseInt(locks)).as("catalog entries only").isLessThan(10);
        s.execute("COMMIT");
        assertThat(plan(s, "SELECT abalance FROM p WHERE aid = 5")).doesNotContain("Key Lookup");
        // new rows get row ids above every kept one: none collides with a row at its key
        s.execute("INSERT INTO p SELECT g % 3, 1 FROM generate_series(1, 300) g");
        assertThat(query(s, "SELECT count(*), sum(aid) FROM p")).isEqualTo("503|20397");
        assertThat(query(s, "SELECT count(*) FROM p WHERE aid = 1")).isEqualTo("101");
        s.execute("SET enable_seqscan = off");
        assertThat(query(s, "SELECT count(*), sum(aid) FROM p WHERE abalance = 1"))
                .isEqualTo("300|300");
    }

    @Test
    void theKeyCanBeAddedBackOnceItsValuesAreUniqueAgain() {
        String before = query(s, ALL);
        s.execute("ALTER TABLE t DROP CONSTRAINT t_pkey");
        s.execute("INSERT INTO t VALUES ('k7', 100, 0)");
        SqlException dup = error(s, "ALTER TABLE t ADD PRIMARY KEY (k)");
        assertThat(dup.sqlState()).isEqualTo("23505");
        assertThat(dup.detail()).isEqualTo("Key (k)=(k7) is duplicated.");
        s.execute("DELETE FROM t WHERE n = 100");
        s.execute("ALTER TABLE t ADD PRIMARY KEY (k)");
        assertThat(plan(s, "SELECT n FROM t WHERE k = 'k7'")).contains("Key Lookup on t");
        assertThat(query(s, ALL)).isEqualTo(before);
        assertIndexesFindEveryRow("tag = 1", false);
        // both in one statement: the key moves to another column
        s.execute("ALTER TABLE t DROP CONSTRAINT t_pkey, ADD CONSTRAINT t_n_pk PRIMARY KEY (n)");
        assertThat(plan(s, "SELECT k FROM t WHERE n = 8")).contains("Key Lookup on t");
        assertThat(plan(s, "SELECT n FROM t WHERE k = 'k7'")).doesNotContain("Key Lookup");
        assertThat(query(s, ALL)).isEqualTo(before);
        assertIndexesFindEveryRow("tag = 3", true);
        s.execute("INSERT INTO t VALUES ('k7', 200, 0)");
        assertThat(error(s, "INSERT INTO t VALUES ('k7', 200, 0)").sqlState())
                .isEqualTo("23505");
    }

    @Test
    void aCompositeKeyOnTheLsmEngine() {
        s.execute("CREATE TABLE l (a text, b int, v int, PRIMARY KEY (a, b))"
                + " WITH (engine = 'lsm');"
                + "INSERT INTO l SELECT 'a' || (g % 4), g, g % 10 FROM generate_series(1, 80) g;"
                + "CREATE INDEX l_v ON l (v)");
        s.execute("ALTER TABLE l DROP CONSTRAINT l_pkey");
        s.execute("INSERT INTO l VALUES ('a1', 1, 3)");   // the old key again
        assertThat(query(s, "SELECT count(*), sum(b) FROM l")).isEqualTo("81|3241");
        assertThat(query(s, "SELECT count(*) FROM l WHERE a = 'a1' AND b = 1")).isEqualTo("2");
        s.execute("SET enable_seqscan = off");
        assertThat(plan(s, "SELECT b FROM l WHERE v = 3")).contains("l_v");
        assertThat(query(s, "SELECT count(*), sum(b) FROM l WHERE v = 3")).isEqualTo("9|305");
    }

    @Test
    void aForeignKeyOnTheKeyIsADependentUnlessCascade() {
        s.execute("CREATE TABLE c (k text REFERENCES t, note text);"
                + "INSERT INTO c VALUES ('k7', 'a')");
        SqlException e = error(s, "ALTER TABLE t DROP CONSTRAINT t_pkey");
        assertThat(e.sqlState()).isEqualTo("2BP01");
        assertThat(e.getMessage()).isEqualTo(
                "cannot drop constraint t_pkey on table t because other objects depend on it");
        assertThat(e.detail()).isEqualTo("constraint c_k_fkey on table c depends on index t_pkey");
        assertThat(e.hint()).isEqualTo("Use DROP ... CASCADE to drop the dependent objects too.");
        assertThat(plan(s, "SELECT n FROM t WHERE k = 'k7'")).contains("Key Lookup on t");
        assertThat(error(s, "INSERT INTO c VALUES ('nope', 'b')").sqlState())
                .isEqualTo("23503");
        s.drainNotices();
        s.execute("ALTER TABLE t DROP CONSTRAINT t_pkey CASCADE");
        assertThat(s.drainNotices())
                .containsExactly("drop cascades to constraint c_k_fkey on table c");
        s.execute("INSERT INTO c VALUES ('nope', 'b')");   // the foreign key went with it
        s.execute("DELETE FROM t WHERE k = 'k7'");
        assertThat(query(s, "SELECT count(*) FROM c")).isEqualTo("2");
    }

    @Test
    void aForeignKeyThatAnotherUniqueIndexServesSurvivesTheDrop() {
        s.execute("CREATE TABLE g (id int PRIMARY KEY, parent int REFERENCES g (id));"
                + "CREATE UNIQUE INDEX g_id ON g (id);"
                + "INSERT INTO g VALUES (1, NULL), (2, 1), (3, 2)");
        s.execute("ALTER TABLE g DROP CONSTRAINT g_pkey");
        assertThat(error(s, "INSERT INTO g VALUES (4, 99)").sqlState()).isEqualTo("23503");
        s.execute("INSERT INTO g VALUES (4, 3)");
        assertThat(error(s, "DELETE FROM g WHERE id = 3").sqlState()).isEqualTo("23503");
        // a self reference that needs the key is a dependent like any other
        s.execute("CREATE TABLE h (id int PRIMARY KEY, parent int REFERENCES h)");
        SqlException e = error(s, "ALTER TABLE h DROP CONSTRAINT h_pkey");
        assertThat(e.sqlState()).isEqualTo("2BP01");
        assertThat(e.detail()).isEqualTo(
                "constraint h_parent_fkey on table h depends on index h_pkey");
        s.execute("INSERT INTO h VALUES (1, NULL); ALTER TABLE h DROP CONSTRAINT h_pkey CASCADE");
        s.execute("INSERT INTO h VALUES (1, 42)");
        assertThat(query(s, "SELECT count(*) FROM h WHERE id = 1")).isEqualTo("2");
    }

    @Test
    void aRollbackRestoresTheKeyAndAnOlderSnapshotStillReadsTheRows() {
        String before = query(s, ALL);
        s.execute("BEGIN; ALTER TABLE t DROP CONSTRAINT t_pkey;"
                + "INSERT INTO t VALUES ('k7', 100, 0)");
        assertThat(query(s, "SELECT count(*) FROM t WHERE k = 'k7'")).isEqualTo("2");
        s.execute("ROLLBACK");
        assertThat(plan(s, "SELECT n FROM t WHERE k = 'k7'")).contains("Key Lookup on t");
        assertThat(query(s, ALL)).isEqualTo(before);
        assertIndexesFindEveryRow("tag = 0", false);
        assertThat(error(s, "INSERT INTO t VALUES ('k7', 100, 0)").sqlState())
                .isEqualTo("23505");
        try (Session reader = q.db.newSession()) {
            reader.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
            assertThat(query(reader, "SELECT count(*) FROM t")).isEqualTo("50");
            s.execute("ALTER TABLE t DROP CONSTRAINT t_pkey");
            assertThat(query(reader, ALL)).isEqualTo(before);
            assertThat(query(reader, "SELECT n FROM t WHERE k = 'k14'")).isEqualTo("2");
            reader.execute("COMMIT");
            assertThat(query(reader, "SELECT n FROM t WHERE k = 'k14'")).isEqualTo("2");
            assertThat(query(reader, ALL)).isEqualTo(before);
        }
    }

    @Test
    void aMissingConstraintIs42704AndIfExistsANotice() {
        SqlException e = error(s, "ALTER TABLE t DROP CONSTRAINT nope");
        assertThat(e.sqlState()).isEqualTo("42704");
        assertThat(e.getMessage())
                .isEqualTo("constraint \"nope\" of relation \"t\" does not exist");
        s.drainNotices();
        s.execute("ALTER TABLE t DROP CONSTRAINT IF EXISTS nope");
        assertThat(s.drainNotices())
                .containsExactly("constraint \"nope\" of relation \"t\" does not exist, skipping");
        s.execute("ALTER TABLE t DROP CONSTRAINT IF EXISTS t_pkey");
        assertThat(plan(s, "SELECT n FROM t WHERE k = 'k7'")).doesNotContain("Key Lookup");
        assertThat(error(s, "ALTER TABLE t DROP CONSTRAINT t_pkey").sqlState())
                .isEqualTo("42704");
        s.execute("ALTER TABLE t DROP CONSTRAINT IF EXISTS t_pkey");
    }
}
