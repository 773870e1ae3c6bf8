package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DDL beyond foreign keys: view dependencies (2BP01, CASCADE), views across renames, identity
 * and serial columns, multi-column unique indexes, CHECK with NULL, DEFAULT expressions, and
 * the reclaiming of a dropped table's keys.
 */
@Timeout(60)
class DdlTest {
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    private String state(String sql) {
        return ForeignKeyTest.state(s, sql);
    }

    @Test
    void viewsAreDependentsOfWhatTheyUse() {
        s.execute("""
                CREATE TABLE p (id int PRIMARY KEY, x text, y int);
                INSERT INTO p VALUES (1, 'a', 10);
                CREATE VIEW v AS SELECT id, x FROM p;
                CREATE VIEW v2 AS SELECT * FROM v;
                CREATE VIEW star AS SELECT * FROM p WHERE id > 0;
                """);
        assertThat(state("DROP TABLE p")).isEqualTo("2BP01 cannot drop table p because other"
                + " objects depend on it / view v depends on table p\nview v2 depends on view"
                + " v\nview star depends on table p");
        assertThat(state("DROP VIEW v")).isEqualTo("2BP01 cannot drop view v because other"
                + " objects depend on it / view v2 depends on view v");
        assertThat(state("ALTER TABLE p DROP COLUMN x")).isEqualTo("2BP01 cannot drop column x"
                + " of table p because other objects depend on it / view v depends on column x"
                + " of table p\nview v2 depends on view v\nview star depends on column x of"
                + " table p");
        s.execute("DROP VIEW star");
        assertThat(state("ALTER TABLE p DROP COLUMN y")).isEqualTo("ok");   // no view uses y
        assertThat(query(s, "SELECT * FROM v2")).isEqualTo("1|a");
        s.execute("ALTER TABLE p DROP COLUMN x CASCADE");
        assertThat(state("SELECT * FROM v")).startsWith("42P01");
        assertThat(state("SELECT * FROM v2")).startsWith("42P01");
        s.execute("CREATE VIEW w AS SELECT id FROM p; CREATE VIEW w2 AS SELECT * FROM w");
        s.execute("DROP VIEW w CASCADE");
        assertThat(state("SELECT * FROM w2")).startsWith("42P01");
        s.execute("CREATE VIEW w AS SELECT id FROM p");
        s.execute("DROP TABLE p CASCADE");
        assertThat(state("SELECT * FROM w")).startsWith("42P01");
    }

    @Test
    void viewsKeepWorkingAcrossRenames() {
        s.execute("""
                CREATE TABLE t (a int, b text, c int);
                INSERT INTO t VALUES (1, 'x', 3);
                CREATE VIEW v AS SELECT t.a, b, (SELECT max(c) FROM t) AS m FROM t WHERE c > 0;
                CREATE VIEW j AS SELECT a, t.b, u.c FROM t JOIN t AS u USING (a);
                CREATE VIEW s AS SELECT * FROM t;
                ALTER TABLE t RENAME COLUMN b TO bee;
                ALTER TABLE t RENAME TO tt;
                ALTER TABLE tt RENAME COLUMN c TO cee;
                ALTER TABLE tt ADD COLUMN d int DEFAULT 4;
                ALTER TABLE tt RENAME COLUMN a TO ay;
                """);
        assertThat(query(s, "SELECT * FROM v")).isEqualTo("1|x|3");
        assertThat(query(s, "SELECT * FROM j")).isEqualTo("1|x|3");
        assertThat(query(s, "SELECT * FROM s")).startsWith("1|x|3");
        s.execute("INSERT INTO tt (ay, bee, cee) VALUES (2, 'y', -1)");
        assertThat(query(s, "SELECT a FROM v ORDER BY a")).isEqualTo("1");
        // a column no view uses may go, and the alias lists follow the shift
        s.execute("ALTER TABLE tt ADD COLUMN z int; ALTER TABLE tt DROP COLUMN d");
        assertThat(query(s, "SELECT * FROM v")).isEqualTo("1|x|3");
        assertThat(state("ALTER TABLE tt DROP COLUMN bee")).startsWith("2BP01");
    }

    @Test
    void checksFollowColumnRenamesAndDrops() {
        s.execute("""
                CREATE TABLE t (a int CHECK (a > 0), b int, CHECK (b > a));
                ALTER TABLE t RENAME COLUMN a TO x;
                """);
        assertThat(state("INSERT INTO t VALUES (0, 5)")).startsWith("23514");
        assertThat(state("INSERT INTO t VALUES (2, 1)")).startsWith("23514");
        assertThat(state("INSERT INTO t VALUES (1, 5)")).isEqualTo("ok");
        s.execute("ALTER TABLE t DROP COLUMN x");
        assertThat(state("INSERT INTO t VALUES (-7)")).isEqualTo("ok");
    }

    @Test
    void identitySerialUniqueCheckAndDefaults() {
        s.execute("""
                CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    n bigint GENERATED BY DEFAULT AS IDENTITY, s serial,
                    a int, b text, c int CHECK (c > 0), d text DEFAULT 'x' || 'y',
                    e int DEFAULT 2 * 21);
                CREATE UNIQUE INDEX t_ab ON t (a, b);
                CREATE TABLE IF NOT EXISTS t (z int);
                """);
        assertThat(state("INSERT INTO t (id) VALUES (5)")).startsWith("428C9 cannot insert a"
                + " non-DEFAULT value into column \"id\"");
        s.execute("INSERT INTO t (n, a, b, c) VALUES (100, 1, 'p', NULL), (DEFAULT, 1, NULL,"
                + " 1), (DEFAULT, 1, NULL, 2)");
        assertThat(query(s, "SELECT id, n, s, d, e FROM t ORDER BY id"))
                .isEqualTo("1|100|1|xy|42\n2|1|2|xy|42\n3|2|3|xy|42");
        assertThat(state("INSERT INTO t (a, b) VALUES (1, 'p')")).startsWith("23505 duplicate"
                + " key value violates unique constraint \"t_ab\" / Key (a, b)=(1, p)");
        assertThat(state("INSERT INTO t (a, b) VALUES (2, 'p')")).isEqualTo("ok");
        assertThat(state("INSERT INTO t (c) VALUES (0)")).startsWith("23514");
        s.execute("TRUNCATE t RESTART IDENTITY");
        s.execute("INSERT INTO t (a) VALUES (9)");
        assertThat(query(s, "SELECT id, n, s FROM t")).isEqualTo("1|1|1");
        s.execute("ALTER TABLE t RENAME TO t2; DROP TABLE t2");
        assertThat(state("SELECT nextval('t_s_seq')")).startsWith("42P01");
        assertThat(state("DROP TABLE IF EXISTS t2")).isEqualTo("ok");
    }

    /** Keys under {@code id}'s prefix a fresh transaction sees. */
    private static int keysUnder(Database d, long id) throws Exception {
        int n = 0;
        try (Transaction t = d.txnStore().begin(Isolation.READ_COMMITTED, true);
                KvCursor c = t.scan(TableRows.prefix(id), TableRows.prefixEnd(id), true)) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    private static List<Long> idsOf(Database d, String table) {
        try (Transaction t = d.txnStore().begin(Isolation.READ_COMMITTED, true)) {
            Relation.Table rel = (Relation.Table) Catalog.lookup(t, "public", table);
            List<Long> ids = new ArrayList<>(List.of(rel.id()));
            for (IndexDesc i : rel.indexes()) {
                ids.add(i.id());
            }
            return ids;
        }
    }

    @Test
    void aDroppedTablesKeysAreSweptByTheBackgroundThreads() throws Exception {
        s.execute("CREATE TABLE big (id int PRIMARY KEY, v text);"
                + " INSERT INTO big SELECT g, 'v' FROM generate_series(1, 20000) g");
        long id = idsOf(db, "big").getFirst();
        s.execute("DROP TABLE big");
        assertThat(state("SELECT count(*) FROM big")).startsWith("42P01");
        for (int polls = 0; !Reclaim.pending(db.txnStore()).isEmpty(); polls++) {
            assertThat(polls).as("the background sweep finishes").isLessThan(2000);
            Thread.sleep(5);
        }
        assertThat(keysUnder(db, id)).isZero();
    }

    @Test
    void droppedTablesGiveTheirKeysBack() throws Exception {
        s.close();   // the sweep runs on the committing thread without background threads
        db.close();
        db = Database.inMemory(DatabaseOptions.defaults().withBackgroundThreads(0));
        s = db.newSession();
        s.execute("""
                CREATE TABLE t (id int PRIMARY KEY, v int UNIQUE, w int);
                CREATE INDEX t_w ON t (w);
                CREATE TABLE l (a int, b int) WITH (engine = 'lsm');
                INSERT INTO t SELECT g, g, g % 7 FROM generate_series(1, 5000) g;
                INSERT INTO l SELECT g, g FROM generate_series(1, 100) g;
                """);
        List<Long> ids = idsOf(db, "t");
        long lsm = idsOf(db, "l").getFirst();
        assertThat(keysUnder(db, ids.get(0))).isEqualTo(5000);
        assertThat(keysUnder(db, ids.get(2))).isEqualTo(5000);
        s.execute("BEGIN; DROP TABLE t; ROLLBACK");
        assertThat(keysUnder(db, ids.get(0))).isEqualTo(5000);
        s.execute("DROP INDEX t_w");
        assertThat(keysUnder(db, ids.get(2))).isZero();
        assertThat(keysUnder(db, ids.get(1))).isEqualTo(5000);
        s.execute("BEGIN; DROP TABLE t; DROP TABLE l; COMMIT");
        for (long id : ids) {
            assertThat(keysUnder(db, id)).as("keys under %d", id).isZero();
        }
        assertThat(keysUnder(db, lsm)).isZero();
        assertThat(Reclaim.pending(db.txnStore())).isEmpty();
    }

    @Test
    void reclaimResumesAfterReopen(@TempDir Path dir) throws Exception {
        DatabaseOptions options = DatabaseOptions.defaults().withBackgroundThreads(0);
        long id;
        try (Database d = Database.open(dir, options); Session x = d.newSession()) {
            x.execute("CREATE TABLE t (id int PRIMARY KEY);"
                    + " INSERT INTO t SELECT g FROM generate_series(1, 100) g");
            id = idsOf(d, "t").getFirst();
            // schedule as DROP does, but stop before the sweep (as a crash would)
            try (Transaction t = d.txnStore().begin(Isolation.READ_COMMITTED)) {
                Reclaim.schedule(t, id);
                t.commit();
            }
            assertThat(keysUnder(d, id)).isEqualTo(100);
        }
        try (Database d = Database.open(dir, options)) {
            assertThat(keysUnder(d, id)).isZero();
            assertThat(Reclaim.pending(d.txnStore())).isEmpty();
        }
    }
}
