package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.ForeignKeyTest.state;
import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DML against DDL on one table from two sessions (ADR 0036): whichever starts first, the other
 * waits for it (or, under repeatable read, fails with 40001), and no row is left in a layout
 * or without the index entries the committed descriptor calls for. Each case would commit a
 * wrong row without the table locks: an INSERT bound to the old descriptor committing after
 * ADD PRIMARY KEY or CREATE INDEX.
 */
@Timeout(60)
class TableLockTest {
    private Database db;
    private Session a;
    private Session b;
    private ExecutorService other;

    @BeforeEach
    void open() {
        db = Database.inMemory(DatabaseOptions.defaults().withBackgroundThreads(0));
        a = db.newSession();
        b = db.newSession();
        other = Executors.newSingleThreadExecutor();
        a.execute("CREATE TABLE t (k int NOT NULL, v text);"
                + " INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 50) g");
    }

    @AfterEach
    void close() throws Exception {
        other.shutdownNow();
        a.close();
        b.close();
        db.close();
    }

    /**
     * Runs {@code sql} in session b on the other thread and waits until it waits for a lock on
     * table t (a row of cutaway.locks, not granted): then it cannot have gone ahead.
     */
    private Future<String> waitingInB(String sql) throws Exception {
        return awaitWaiting("public.t", other.submit(() -> state(b, sql)), sql);
    }

    /** Waits until a statement waits for the table lock of {@code relation}; returns it. */
    private Future<String> awaitWaiting(String relation, Future<String> f, String what)
            throws Exception {
        long polls = 0;
        while (!query(a, "SELECT count(*) FROM cutaway.locks WHERE relation = '" + relation
                + "' AND key = '(table)' AND NOT granted").equals("1")) {
            assertThat(f.isDone()).as("%s ended without waiting: %s", what,
                    f.isDone() ? f.get() : "").isFalse();
            assertThat(++polls).as("%s never waited", what).isLessThan(2000);
            Thread.sleep(5);
        }
        return f;
    }

    @Test
    void addPrimaryKeyWaitsForAnOpenInsertAndReKeysItsRow() throws Exception {
        a.execute("BEGIN; INSERT INTO t VALUES (51, 'late')");
        assertThat(query(a, "SELECT mode FROM cutaway.locks WHERE key = '(table)'"))
                .isEqualTo("share");
        Future<String> ddl = waitingInB("ALTER TABLE t ADD PRIMARY KEY (k)");
        a.execute("COMMIT");
        assertThat(ddl.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(query(a, "SELECT v FROM t WHERE k = 51")).isEqualTo("late");
        assertThat(query(a, "EXPLAIN (COSTS off) SELECT v FROM t WHERE k = 51"))
                .contains("Key Lookup on t");
        assertThat(query(a, "SELECT count(*), count(DISTINCT k) FROM t")).isEqualTo("51|51");
        assertThat(state(a, "INSERT INTO t VALUES (51, 'again')")).startsWith("23505");
    }

    @Test
    void anInsertWaitsForAnOpenAddPrimaryKeyAndUsesTheNewKey() throws Exception {
        b.execute("BEGIN; ALTER TABLE t ADD PRIMARY KEY (k)");
        ExecutorService third = Executors.newSingleThreadExecutor();
        try (Session c = db.newSession()) {
            Future<String> insert = awaitWaiting("public.t",
                    third.submit(() -> state(c, "INSERT INTO t VALUES (7, 'dup')")), "insert");
            Future<String> fresh = third.submit(() -> state(c, "INSERT INTO t VALUES (52, 'x')"));
            b.execute("COMMIT");
            assertThat(insert.get(10, TimeUnit.SECONDS)).startsWith("23505");
            assertThat(fresh.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        } finally {
            third.shutdownNow();
        }
        assertThat(query(a, "SELECT v FROM t WHERE k = 52")).isEqualTo("x");
        assertThat(query(a, "SELECT count(*) FROM t")).isEqualTo("51");
    }

    @Test
    void createIndexWaitsForAnOpenInsertAndIndexesItsRow() throws Exception {
        a.execute("BEGIN; INSERT INTO t VALUES (99, 'late')");
        Future<String> ddl = waitingInB("CREATE INDEX t_v ON t (v)");
        a.execute("COMMIT");
        assertThat(ddl.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(query(a, "EXPLAIN (COSTS off) SELECT k FROM t WHERE v = 'late'"))
                .contains("t_v");
        assertThat(query(a, "SELECT k FROM t WHERE v = 'late'")).isEqualTo("99");
    }

    @Test
    void anUpdateWaitsForAnOpenAddColumnAndWritesTheNewLayout() throws Exception {
        b.execute("BEGIN; ALTER TABLE t ADD COLUMN w int DEFAULT 5");
        Future<String> update = other.submit(() -> state(a, "UPDATE t SET v = 'u' WHERE k = 3"));
        Thread.sleep(200);
        assertThat(update.isDone()).as("the update went ahead of the DDL").isFalse();
        b.execute("COMMIT");
        assertThat(update.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(query(b, "SELECT v, w FROM t WHERE k = 3")).isEqualTo("u|5");
    }

    @Test
    void repeatableReadDdlFailsWhenRowsWereCommittedAfterItsSnapshot() {
        b.execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM t");
        a.execute("INSERT INTO t VALUES (60, 'after')");
        assertThat(state(b, "CREATE INDEX t_v ON t (v)")).startsWith("40001");
        b.execute("ROLLBACK");
        b.execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM t;"
                + " CREATE INDEX t_v ON t (v); COMMIT");
        assertThat(query(a, "SELECT k FROM t WHERE v = 'after'")).isEqualTo("60");
    }

    @Test
    void repeatableReadDmlFailsWhenTheTableChangedAfterItsSnapshot() {
        a.execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM t");
        b.execute("ALTER TABLE t ADD PRIMARY KEY (k)");
        assertThat(state(a, "INSERT INTO t VALUES (70, 'old')")).startsWith("40001");
        a.execute("ROLLBACK");
        assertThat(query(a, "SELECT count(*) FROM t WHERE k = 70")).isEqualTo("0");
    }

    @Test
    void aSecondCreateTableOfOneNameWaitsAndFinds42P07() throws Exception {
        a.execute("BEGIN; CREATE TABLE u (x int)");
        Future<String> create = awaitWaiting("public.u",
                other.submit(() -> state(b, "CREATE TABLE u (y text)")), "second CREATE");
        a.execute("COMMIT");
        assertThat(create.get(10, TimeUnit.SECONDS))
                .isEqualTo("42P07 relation \"u\" already exists");
        assertThat(a.executeOne("SELECT * FROM u").columnNames()).containsExactly("x");
    }

    @Test
    void aCascadeIntoATableAlteredMeanwhileFails40001() throws Exception {
        a.execute("CREATE TABLE p (id int PRIMARY KEY);"
                + " CREATE TABLE c (pid int REFERENCES p ON DELETE SET NULL, n int);"
                + " INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (1, 10), (2, 20)");
        a.execute("BEGIN; ALTER TABLE c ADD COLUMN w int DEFAULT 7");
        Future<String> delete = awaitWaiting("public.c",
                other.submit(() -> state(b, "DELETE FROM p WHERE id = 1")), "cascade");
        a.execute("COMMIT");
        assertThat(delete.get(10, TimeUnit.SECONDS)).startsWith("40001");
        assertThat(state(b, "DELETE FROM p WHERE id = 1")).isEqualTo("ok");
        assertThat(query(a, "SELECT pid, n, w FROM c ORDER BY n")).isEqualTo("NULL|10|7\n2|20|7");
    }

    @Test
    void readersTakeNoTableLock() throws Exception {
        b.execute("BEGIN; ALTER TABLE t ADD COLUMN w int");
        assertThat(query(a, "SELECT count(*) FROM t")).isEqualTo("50");
        assertThat(query(a, "SELECT mode FROM cutaway.locks WHERE key = '(table)'"))
                .isEqualTo("exclusive");
        b.execute("ROLLBACK");
        assertThat(query(a, "SELECT count(*) FROM cutaway.locks")).isEqualTo("0");
    }
}
