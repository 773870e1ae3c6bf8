package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relation cache and the plan cache never show a session a catalog its snapshot does not
 * see: its own uncommitted DDL, others' committed DDL, an older repeatable-read snapshot.
 */
@Timeout(60)
class CatalogCacheTest {
    private Database db;
    private Session a;
    private Session b;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        a = db.newSession();
        b = db.newSession();
        a.execute("CREATE TABLE t (id int PRIMARY KEY, x int); INSERT INTO t VALUES (1, 10)");
    }

    @AfterEach
    void close() throws Exception {
        a.close();
        b.close();
        db.close();
    }

    private static String state(Runnable r) {
        try {
            r.run();
            return "ok";
        } catch (SqlException e) {
            return e.sqlState();
        }
    }

    private static int width(Session s, String sql) {
        return s.executeOne(sql).columnNames().size();
    }

    @Test
    void uncommittedDdlIsSeenOnlyByItsOwnTransaction() {
        assertThat(width(b, "SELECT * FROM t")).isEqualTo(2);   // b caches t
        a.executeOne("BEGIN");
        a.executeOne("ALTER TABLE t ADD COLUMN y int");
        assertThat(width(a, "SELECT * FROM t")).isEqualTo(3);
        assertThat(width(b, "SELECT * FROM t")).isEqualTo(2);
        a.executeOne("CREATE TABLE u (z int)");
        assertThat(state(() -> b.executeOne("SELECT * FROM u"))).isEqualTo("42P01");
        a.executeOne("COMMIT");
        assertThat(width(b, "SELECT * FROM t")).isEqualTo(3);
        assertThat(state(() -> b.executeOne("SELECT * FROM u"))).isEqualTo("ok");
        a.executeOne("DROP TABLE u");
        assertThat(state(() -> b.executeOne("SELECT * FROM u"))).isEqualTo("42P01");
    }

    @Test
    void aRolledBackDdlLeavesTheCachedCatalogAsItWas() {
        Prepared p = b.prepare("SELECT x FROM t WHERE id = $1");
        a.executeOne("BEGIN");
        a.executeOne("DROP TABLE t");
        a.executeOne("ROLLBACK");
        assertThat(p.execute(List.of(1)).rows().getFirst()[0]).isEqualTo(10);
        assertThat(width(b, "SELECT * FROM t")).isEqualTo(2);
    }

    @Test
    void anOlderRepeatableReadSnapshotKeepsItsCatalog() {
        b.executeOne("BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertThat(width(b, "SELECT * FROM t")).isEqualTo(2);
        a.executeOne("ALTER TABLE t ADD COLUMN y int");
        assertThat(width(a, "SELECT * FROM t")).isEqualTo(3);   // a caches the new t
        assertThat(width(b, "SELECT * FROM t")).isEqualTo(2);
        b.executeOne("COMMIT");
        assertThat(width(b, "SELECT * FROM t")).isEqualTo(3);
    }
}
