package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.kv.NodeOptions;
import dev.cutaway.sql.SqlException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Data and catalog survive closing and reopening the database, on both engines. */
@Timeout(60)
class DurabilityTest {

    /**
     * Hidden row ids are reserved a block at a time without waiting for the mark (ADR 0038):
     * after a restart, new rows take ids past every id handed out before, so no insert meets
     * an old row's key (which would fail with 23505).
     */
    @Test
    void hiddenRowIdsDoNotRepeatAfterRestart(@TempDir Path dir) throws Exception {
        DatabaseOptions options = DatabaseOptions.defaults().withBackgroundThreads(0);
        String load = "INSERT INTO nokey SELECT g, 'r' || g FROM generate_series(1, 1500) g";
        try (Database db = Database.open(dir, options); Session s = db.newSession()) {
            s.executeOne("CREATE TABLE nokey (a int, b text)");
            s.executeOne(load);
        }
        for (int restart = 0; restart < 2; restart++) {
            try (Database db = Database.open(dir, options); Session s = db.newSession()) {
                s.executeOne(load);
                s.executeOne("INSERT INTO nokey VALUES (0, 'one')");
            }
        }
        try (Database db = Database.open(dir, options); Session s = db.newSession()) {
            assertThat(query(s, "SELECT count(*), count(DISTINCT b) FROM nokey"))
                    .isEqualTo("4502|1501");
        }
    }

    @Test
    void dataAndCatalogSurviveRestart(@TempDir Path dir) throws Exception {
        DatabaseOptions options = DatabaseOptions.defaults().withBackgroundThreads(0);
        try (Database db = Database.open(dir, options); Session s = db.newSession()) {
            s.execute("""
                    CREATE TABLE t (id serial PRIMARY KEY, v text UNIQUE);
                    CREATE TABLE l (a int, b int) WITH (engine = 'lsm');
                    INSERT INTO t (v) VALUES ('a'), ('b');
                    INSERT INTO l VALUES (1, 2), (3, 4);
                    CREATE VIEW tv AS SELECT v FROM t WHERE id > 1;
                    CREATE INDEX l_b ON l (b);
                    BEGIN; CREATE TABLE gone (x int); INSERT INTO t (v) VALUES ('c'); ROLLBACK;
                    """);
        }
        try (Database db = Database.open(dir, options); Session s = db.newSession()) {
            assertThat(query(s, "SELECT id, v FROM t")).isEqualTo("1|a\n2|b");
            assertThat(query(s, "SELECT * FROM tv")).isEqualTo("b");
            assertThat(query(s, "SELECT a, b FROM l")).isEqualTo("1|2\n3|4");
            s.executeOne("INSERT INTO t (v) VALUES ('d')");
            assertThat(query(s, "SELECT id FROM t WHERE v = 'd'")).doesNotContain("1", "2");
            s.executeOne("INSERT INTO l VALUES (5, 6)");
            db.checkpoint();
            assertThat(db.node().spaces()).hasSize(2);
            assertThat(db.node().spaces().get(1).kind()).isEqualTo(NodeOptions.EngineKind.LSM);
        }
        try (Database db = Database.open(dir, options); Session s = db.newSession()) {
            assertThat(query(s, "SELECT count(*) FROM l")).isEqualTo("3");
            assertThat(query(s, "SELECT count(*) FROM t")).isEqualTo("3");
            assertThatThrownBy(() -> s.executeOne("SELECT * FROM gone"))
                    .isInstanceOf(SqlException.class)
                    .extracting(e -> ((SqlException) e).sqlState()).isEqualTo("42P01");
        }
    }
}
