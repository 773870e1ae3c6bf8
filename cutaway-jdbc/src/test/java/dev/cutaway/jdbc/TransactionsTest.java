package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Autocommit, commit/rollback, isolation levels and savepoints through JDBC. */
class TransactionsTest {
    private String url;
    private Connection a;
    private Connection b;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:cutaway:mem:txn_" + System.nanoTime();
        a = DriverManager.getConnection(url);
        b = DriverManager.getConnection(url);
        a.createStatement().execute("CREATE TABLE acct (id int PRIMARY KEY, balance int)");
        a.createStatement().executeUpdate("INSERT INTO acct VALUES (1, 100), (2, 200)");
    }

    @AfterEach
    void close() throws SQLException {
        a.close();
        b.close();
    }

    private static int balance(Connection c, int id) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT balance FROM acct WHERE id = " + id)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }

    private static String stateOf(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    @Test
    void autocommitMakesEachStatementVisibleAtOnce() throws SQLException {
        assertThat(a.getAutoCommit()).isTrue();
        a.createStatement().executeUpdate("UPDATE acct SET balance = 150 WHERE id = 1");
        assertThat(balance(b, 1)).isEqualTo(150);
        assertThatThrownBy(a::commit).satisfies(e -> assertThat(stateOf(e)).isEqualTo("25000"));
    }

    @Test
    void withoutAutocommitChangesAreHiddenUntilCommit() throws SQLException {
        a.setAutoCommit(false);
        a.createStatement().executeUpdate("UPDATE acct SET balance = 150 WHERE id = 1");
        assertThat(balance(b, 1)).isEqualTo(100);
        assertThat(balance(a, 1)).isEqualTo(150);
        a.commit();
        assertThat(balance(b, 1)).isEqualTo(150);
    }

    @Test
    void rollbackUndoesTheTransaction() throws SQLException {
        a.setAutoCommit(false);
        a.createStatement().executeUpdate("UPDATE acct SET balance = 0");
        a.rollback();
        assertThat(balance(a, 1)).isEqualTo(100);
        assertThat(balance(b, 2)).isEqualTo(200);
    }

    @Test
    void switchingAutocommitOnCommits() throws SQLException {
        a.setAutoCommit(false);
        a.createStatement().executeUpdate("DELETE FROM acct WHERE id = 2");
        a.setAutoCommit(true);
        try (ResultSet rs = b.createStatement().executeQuery("SELECT count(*) FROM acct")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void closingRollsBackAnOpenTransaction() throws SQLException {
        a.setAutoCommit(false);
        a.createStatement().executeUpdate("UPDATE acct SET balance = 0");
        a.close();
        assertThat(balance(b, 1)).isEqualTo(100);
    }

    @Test
    void readCommittedSeesOtherCommitsStatementByStatement() throws SQLException {
        a.setAutoCommit(false);
        a.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        assertThat(balance(a, 1)).isEqualTo(100);
        b.createStatement().executeUpdate("UPDATE acct SET balance = 111 WHERE id = 1");
        assertThat(balance(a, 1)).isEqualTo(111);
        a.commit();
    }

    @Test
    void repeatableReadKeepsItsSnapshotWhileAnotherConnectionCommits() throws SQLException {
        a.setAutoCommit(false);
        a.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(a.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(balance(a, 1)).isEqualTo(100);
        b.createStatement().executeUpdate("UPDATE acct SET balance = 111 WHERE id = 1");
        assertThat(balance(b, 1)).isEqualTo(111);
        assertThat(balance(a, 1)).isEqualTo(100);
        a.commit();
        assertThat(balance(a, 1)).isEqualTo(111);
    }

    @Test
    void writeWriteConflictUnderRepeatableReadGives40001() throws SQLException {
        a.setAutoCommit(false);
        a.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        assertThat(balance(a, 1)).isEqualTo(100);
        b.createStatement().executeUpdate("UPDATE acct SET balance = 111 WHERE id = 1");
        assertThatThrownBy(() -> a.createStatement()
                .executeUpdate("UPDATE acct SET balance = 99 WHERE id = 1"))
                .isInstanceOf(CutawaySqlException.class)
                .satisfies(e -> assertThat(stateOf(e)).isEqualTo("40001"));
        a.rollback();
        assertThat(balance(a, 1)).isEqualTo(111);
    }

    @Test
    void serializableInAutocommitModeRunsEachStatement() throws SQLException {
        a.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        a.createStatement().executeUpdate("UPDATE acct SET balance = 7 WHERE id = 2");
        assertThat(balance(b, 2)).isEqualTo(7);
        a.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
        assertThat(a.getTransactionIsolation())
                .isEqualTo(Connection.TRANSACTION_READ_UNCOMMITTED);
        assertThat(balance(a, 2)).isEqualTo(7);
    }

    @Test
    void isolationCannotChangeInsideATransaction() throws SQLException {
        a.setAutoCommit(false);
        balance(a, 1);
        assertThatThrownBy(() -> a.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE))
                .satisfies(e -> assertThat(stateOf(e)).isEqualTo("25001"));
        a.rollback();
        a.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    }

    @Test
    void readOnlyConnectionRefusesWritesWith25006() throws SQLException {
        a.setReadOnly(true);
        assertThat(a.isReadOnly()).isTrue();
        assertThat(balance(a, 1)).isEqualTo(100);
        assertThatThrownBy(() -> a.createStatement().executeUpdate("DELETE FROM acct"))
                .satisfies(e -> assertThat(stateOf(e)).isEqualTo("25006"));
        a.setAutoCommit(false);
        assertThatThrownBy(() -> a.createStatement().executeUpdate("DELETE FROM acct"))
                .satisfies(e -> assertThat(stateOf(e)).isEqualTo("25006"));
        a.rollback();
        a.setReadOnly(false);
        assertThat(a.createStatement().executeUpdate("DELETE FROM acct WHERE id = 1"))
                .isEqualTo(1);
    }

    @Test
    void savepointsRollBackPartOfATransaction() throws SQLException {
        assertThatThrownBy(a::setSavepoint).satisfies(e -> assertThat(stateOf(e))
                .isEqualTo("25000"));
        a.setAutoCommit(false);
        a.createStatement().executeUpdate("UPDATE acct SET balance = 1 WHERE id = 1");
        Savepoint first = a.setSavepoint();
        a.createStatement().executeUpdate("UPDATE acct SET balance = 2 WHERE id = 1");
        Savepoint named = a.setSavepoint("Before Three");
        assertThat(named.getSavepointName()).isEqualTo("Before Three");
        assertThat(first.getSavepointId()).isPositive();
        a.createStatement().executeUpdate("UPDATE acct SET balance = 3 WHERE id = 1");
        a.rollback(named);
        assertThat(balance(a, 1)).isEqualTo(2);
        a.rollback(first);
        assertThat(balance(a, 1)).isEqualTo(1);
        a.releaseSavepoint(first);
        a.commit();
        assertThat(balance(b, 1)).isEqualTo(1);
    }

    @Test
    void savepointRecoversAFailedTransaction() throws SQLException {
        a.setAutoCommit(false);
        a.createStatement().executeUpdate("UPDATE acct SET balance = 5 WHERE id = 1");
        Savepoint sp = a.setSavepoint();
        assertThatThrownBy(() -> a.createStatement()
                .executeUpdate("INSERT INTO acct VALUES (1, 0)"))
                .satisfies(e -> assertThat(stateOf(e)).isEqualTo("23505"));
        assertThatThrownBy(() -> balance(a, 1)).satisfies(e -> assertThat(stateOf(e))
                .isEqualTo("25P02"));
        a.rollback(sp);
        a.commit();
        assertThat(balance(b, 1)).isEqualTo(5);
    }

    @Test
    void commitOfAFailedTransactionReportsTheRollback() throws SQLException {
        a.setAutoCommit(false);
        a.createStatement().executeUpdate("UPDATE acct SET balance = 5 WHERE id = 1");
        assertThatThrownBy(() -> a.createStatement().executeQuery("SELECT 1/0"))
                .satisfies(e -> assertThat(stateOf(e)).isEqualTo("22012"));
        assertThatThrownBy(a::commit).satisfies(e -> assertThat(stateOf(e)).isEqualTo("40000"));
        assertThat(balance(b, 1)).isEqualTo(100);
        assertThat(balance(a, 1)).isEqualTo(100);
    }
}
