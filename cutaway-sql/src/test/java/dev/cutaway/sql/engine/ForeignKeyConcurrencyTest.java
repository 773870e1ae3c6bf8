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
 * Two sessions racing a child insert against a parent delete: whichever goes first, no
 * orphan commits. The child's check SHARE-locks the parent key to commit; the parent's
 * delete looks for children also in a fresh snapshot (ADR 0016).
 */
@Timeout(60)
class ForeignKeyConcurrencyTest {
    private Database db;
    private Session a;
    private Session b;
    private ExecutorService other;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        a = db.newSession();
        b = db.newSession();
        other = Executors.newSingleThreadExecutor();
        a.execute("""
                CREATE TABLE p (id int PRIMARY KEY, u int UNIQUE);
                CREATE TABLE c (a int REFERENCES p, b int REFERENCES p (u));
                INSERT INTO p VALUES (1, 10), (2, 20), (3, 30), (4, 40);
                """);
    }

    @AfterEach
    void close() throws Exception {
        other.shutdownNow();
        a.close();
        b.close();
        db.close();
    }

    /** Runs {@code sql} in session b on the other thread and checks that it blocks. */
    private Future<String> blockedInB(String sql) throws Exception {
        Future<String> f = other.submit(() -> state(b, sql));
        Thread.sleep(300);
        assertThat(f.isDone()).as("%s waits for the other transaction", sql).isFalse();
        return f;
    }

    @Test
    void childFirstMakesTheParentDeleteFail() throws Exception {
        a.execute("BEGIN; INSERT INTO c VALUES (1, NULL)");
        Future<String> delete = blockedInB("DELETE FROM p WHERE id = 1");
        a.execute("COMMIT");
        assertThat(delete.get(10, TimeUnit.SECONDS)).isEqualTo("23503 update or delete on"
                + " table \"p\" violates foreign key constraint \"c_a_fkey\" on table \"c\" /"
                + " Key (id)=(1) is still referenced from table \"c\".");
        assertThat(query(a, "SELECT count(*) FROM p WHERE id = 1")).isEqualTo("1");
    }

    @Test
    void childFirstThroughAUniqueKey() throws Exception {
        a.execute("BEGIN; INSERT INTO c VALUES (NULL, 20)");
        Future<String> update = blockedInB("UPDATE p SET u = 21 WHERE id = 2");
        a.execute("COMMIT");
        assertThat(update.get(10, TimeUnit.SECONDS)).contains("Key (u)=(20) is still"
                + " referenced");
    }

    @Test
    void parentFirstMakesTheChildInsertFail() throws Exception {
        a.execute("BEGIN; DELETE FROM p WHERE id = 3");
        Future<String> insert = blockedInB("INSERT INTO c VALUES (3, NULL)");
        a.execute("COMMIT");
        assertThat(insert.get(10, TimeUnit.SECONDS)).isEqualTo("23503 insert or update on"
                + " table \"c\" violates foreign key constraint \"c_a_fkey\" / Key (a)=(3) is"
                + " not present in table \"p\".");
        assertThat(query(a, "SELECT count(*) FROM c")).isEqualTo("0");
    }

    @Test
    void parentRolledBackLetsTheChildIn() throws Exception {
        a.execute("BEGIN; DELETE FROM p WHERE id = 4");
        Future<String> insert = blockedInB("INSERT INTO c VALUES (4, 40)");
        a.execute("ROLLBACK");
        assertThat(insert.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(query(a, "SELECT a, b FROM c")).isEqualTo("4|40");
    }

    @Test
    void repeatableReadChildSeesASerializationFailure() throws Exception {
        b.execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM c");
        a.execute("INSERT INTO c VALUES (2, NULL)");
        // b's snapshot does not hold the new child; the fresh look finds and locks it
        assertThat(state(b, "DELETE FROM p WHERE id = 2")).startsWith("40001");
        b.execute("ROLLBACK");
        a.execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM p");
        b.execute("DELETE FROM c; DELETE FROM p WHERE id = 1");
        assertThat(state(a, "INSERT INTO c VALUES (1, NULL)")).startsWith("40001");
        a.execute("ROLLBACK");
    }
}
