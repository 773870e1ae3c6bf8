package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Transaction control through SQL: blocks, autocommit, the failed state (25P02), savepoints,
 * isolation levels, transactional DDL, and conflicts between two sessions.
 */
@Timeout(60)
class SqlTransactionTest {
    private Database db;
    private Session s;
    private Session other;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
        other = db.newSession();
        s.execute("CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 10)");
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
            return "no error";
        } catch (SqlException e) {
            return e.sqlState();
        }
    }

    @Test
    void commitMakesWritesVisibleAndRollbackDiscardsThem() {
        assertThat(s.executeOne("BEGIN").commandTag()).isEqualTo("BEGIN");
        assertThat(s.inTransaction()).isTrue();
        s.executeOne("INSERT INTO t VALUES (2, 20)");
        assertThat(query(other, "SELECT count(*) FROM t")).isEqualTo("1");
        assertThat(s.executeOne("COMMIT").commandTag()).isEqualTo("COMMIT");
        assertThat(query(other, "SELECT count(*) FROM t")).isEqualTo("2");
        s.execute("BEGIN; DELETE FROM t; ROLLBACK");
        assertThat(query(other, "SELECT count(*) FROM t")).isEqualTo("2");
        assertThat(s.inTransaction()).isFalse();
    }

    @Test
    void anErrorAbortsTheBlockUntilRollback() {
        s.executeOne("BEGIN");
        s.executeOne("INSERT INTO t VALUES (2, 20)");
        assertThat(error(() -> s.executeOne("INSERT INTO t VALUES (1, 1)"))).isEqualTo("23505");
        assertThat(s.inFailedTransaction()).isTrue();
        assertThat(error(() -> s.executeOne("SELECT 1"))).isEqualTo("25P02");
        assertThat(s.executeOne("COMMIT").commandTag()).isEqualTo("ROLLBACK");
        assertThat(s.inTransaction()).isFalse();
        assertThat(query(s, "SELECT count(*) FROM t")).isEqualTo("1");
    }

    @Test
    void savepointsUndoPartOfABlockAndRecoverFromErrors() {
        s.execute("BEGIN; INSERT INTO t VALUES (2, 20); SAVEPOINT a;"
                + " INSERT INTO t VALUES (3, 30)");
        assertThat(error(() -> s.executeOne("INSERT INTO t VALUES (1, 1)"))).isEqualTo("23505");
        assertThat(s.inFailedTransaction()).isTrue();
        assertThat(s.executeOne("ROLLBACK TO SAVEPOINT a").commandTag()).isEqualTo("ROLLBACK");
        assertThat(s.inFailedTransaction()).isFalse();
        s.execute("SAVEPOINT b; INSERT INTO t VALUES (4, 40); RELEASE SAVEPOINT b; COMMIT");
        assertThat(query(s, "SELECT id FROM t ORDER BY id")).isEqualTo("1\n2\n4");
        assertThat(error(() -> s.executeOne("ROLLBACK TO SAVEPOINT a"))).isEqualTo("25P01");
    }

    @Test
    void ddlIsTransactional() {
        s.execute("BEGIN; CREATE TABLE n (a int); INSERT INTO n VALUES (1)");
        assertThat(query(s, "SELECT count(*) FROM n")).isEqualTo("1");
        assertThat(error(() -> other.executeOne("SELECT * FROM n"))).isEqualTo("42P01");
        s.executeOne("ROLLBACK");
        assertThat(error(() -> s.executeOne("SELECT * FROM n"))).isEqualTo("42P01");
        s.execute("BEGIN; DROP TABLE t; ROLLBACK");
        assertThat(query(s, "SELECT count(*) FROM t")).isEqualTo("1");
        s.execute("BEGIN; ALTER TABLE t ADD COLUMN w text DEFAULT 'x'; COMMIT");
        assertThat(query(other, "SELECT id, v, w FROM t")).isEqualTo("1|10|x");
    }

    @Test
    void repeatableReadKeepsItsSnapshotAndFirstUpdaterWins() {
        s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertThat(query(s, "SELECT v FROM t WHERE id = 1")).isEqualTo("10");
        other.executeOne("UPDATE t SET v = 11 WHERE id = 1");
        assertThat(query(s, "SELECT v FROM t WHERE id = 1")).isEqualTo("10");
        assertThat(error(() -> s.executeOne("UPDATE t SET v = 12 WHERE id = 1")))
                .isEqualTo("40001");
        s.executeOne("ROLLBACK");
        assertThat(query(s, "SELECT v FROM t")).isEqualTo("11");
    }

    @Test
    void readCommittedSeesEachStatementsSnapshot() {
        s.execute("BEGIN");
        assertThat(query(s, "SELECT v FROM t")).isEqualTo("10");
        other.executeOne("UPDATE t SET v = 11 WHERE id = 1");
        assertThat(query(s, "SELECT v FROM t")).isEqualTo("11");
        s.executeOne("UPDATE t SET v = v + 1");
        s.executeOne("COMMIT");
        assertThat(query(other, "SELECT v FROM t")).isEqualTo("12");
    }

    @Test
    void setTransactionMustComeFirst() {
        s.execute("BEGIN; SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        assertThat(query(s, "SHOW transaction_isolation")).isEqualTo("serializable");
        s.executeOne("SELECT 1");
        assertThat(error(() -> s.executeOne("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")))
                .isEqualTo("25001");
        s.executeOne("ROLLBACK");
        assertThat(query(s, "SHOW transaction_isolation")).isEqualTo("read committed");
    }

    @Test
    void selectForUpdateLocksRows() {
        s.execute("BEGIN; SELECT * FROM t WHERE id = 1 FOR UPDATE");
        other.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        assertThatThrownBy(() -> other.executeOne("SELECT * FROM t FOR UPDATE NOWAIT"))
                .isInstanceOf(SqlException.class);
        s.executeOne("COMMIT");
        other.executeOne("ROLLBACK");
    }

    @Test
    void readOnlyTransactionsRefuseWrites() {
        s.execute("BEGIN READ ONLY");
        assertThat(error(() -> s.executeOne("DELETE FROM t"))).isEqualTo("25006");
        s.executeOne("ROLLBACK");
    }
}
