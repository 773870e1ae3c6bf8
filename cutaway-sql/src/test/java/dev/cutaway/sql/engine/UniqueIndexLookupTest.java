package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An equality lookup on every column of a unique index reads its one possible entry with a
 * point read (Scans.IndexLookup): it sees the snapshot and the transaction's own writes as the
 * range scan did, finds nothing for NULL, and under serializable still conflicts with a
 * concurrent writer of that key.
 */
@Timeout(60)
class UniqueIndexLookupTest {
    private Database db;
    private Session s;
    private Session other;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
        other = db.newSession();
        s.execute("CREATE TABLE a (aid int NOT NULL, bid int, abalance int);"
                + "INSERT INTO a VALUES (1, 1, 10), (2, 1, 20), (3, 2, 30);"
                + "ALTER TABLE a ADD CONSTRAINT a_aid UNIQUE (aid);"
                + "CREATE UNIQUE INDEX a_bid_bal ON a (bid, abalance)");
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        other.close();
        db.close();
    }

    private static String error(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (SqlException e) {
            return e.sqlState();
        }
    }

    @Test
    void aPreparedLookupOnTheUniqueIndexFindsTheRowThroughOnePointRead() {
        Prepared p = s.prepare("SELECT abalance FROM a WHERE aid = $1");
        assertThat(Rows.text(p.execute(List.of(2)))).isEqualTo("20");
        assertThat(p.execute(List.of(9)).rows()).isEmpty();
        Plan plan = ((RowOps.Project) p.cachedPlan()).input();
        Plan scan = plan instanceof RowOps.Filter f ? f.input() : plan;
        assertThat(scan).isInstanceOf(Scans.IndexLookup.class);
        assertThat(query(s, "SELECT aid FROM a WHERE bid = 1 AND abalance = 20")).isEqualTo("2");
        assertThat(query(s, "SELECT count(*) FROM a WHERE bid = 1 AND abalance = NULL"))
                .isEqualTo("0");
    }

    @Test
    void theLookupSeesOwnWritesAndKeepsItsSnapshot() {
        s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertThat(query(s, "SELECT abalance FROM a WHERE aid = 1")).isEqualTo("10");
        other.execute("UPDATE a SET aid = 7 WHERE aid = 1; INSERT INTO a VALUES (8, 3, 80)");
        assertThat(query(s, "SELECT abalance FROM a WHERE aid = 1")).isEqualTo("10");
        assertThat(query(s, "SELECT count(*) FROM a WHERE aid = 8")).isEqualTo("0");
        s.executeOne("INSERT INTO a VALUES (5, 5, 50)");
        assertThat(query(s, "SELECT abalance FROM a WHERE aid = 5")).isEqualTo("50");
        s.executeOne("DELETE FROM a WHERE aid = 2");
        assertThat(query(s, "SELECT count(*) FROM a WHERE aid = 2")).isEqualTo("0");
        s.executeOne("COMMIT");
        assertThat(query(s, "SELECT abalance FROM a WHERE aid = 7")).isEqualTo("10");
        assertThat(query(s, "SELECT count(*) FROM a WHERE aid = 1")).isEqualTo("0");
    }

    @Test
    void serializableReadOfAMissingKeyConflictsWithItsConcurrentInsert() {
        s.execute("BEGIN ISOLATION LEVEL SERIALIZABLE");
        other.execute("BEGIN ISOLATION LEVEL SERIALIZABLE");
        assertThat(query(s, "SELECT count(*) FROM a WHERE aid = 4")).isEqualTo("0");
        assertThat(query(other, "SELECT count(*) FROM a WHERE aid = 5")).isEqualTo("0");
        s.executeOne("INSERT INTO a VALUES (5, 9, 90)");      // what other read as absent
        other.executeOne("INSERT INTO a VALUES (4, 9, 91)");  // what s read as absent
        s.executeOne("COMMIT");
        assertThat(error(() -> other.executeOne("COMMIT"))).isEqualTo("40001");
    }
}
