package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URLs, ServiceLoader registration and the sharing and lifetime of databases. */
class DriverUrlTest {

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    @Test
    void driverManagerFindsTheDriverThroughServiceLoader() throws SQLException {
        assertThat(DriverManager.getDriver("jdbc:cutaway:mem:")).isInstanceOf(CutawayDriver.class);
        assertThat(new CutawayDriver().connect("jdbc:postgresql://x/y", null)).isNull();
    }

    @Test
    void badUrlIsRefusedWith08001() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:cutaway:disk:/x"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
    }

    @Test
    void unnamedMemoryDatabaseIsPrivateToItsConnection() throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:cutaway:mem:");
             Connection b = DriverManager.getConnection("jdbc:cutaway:mem:")) {
            a.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY)");
            assertThat(count(a, "t")).isZero();
            assertThatThrownBy(() -> count(b, "t")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState())
                            .isEqualTo("42P01"));
        }
    }

    @Test
    void namedMemoryDatabaseIsSharedAndClosedWithItsLastConnection() throws SQLException {
        String url = "jdbc:cutaway:mem:shared_" + System.nanoTime();
        try (Connection a = DriverManager.getConnection(url)) {
            a.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY)");
            try (Connection b = DriverManager.getConnection(url)) {
                assertThat(CutawayDriver.connectionsSharing(url)).isEqualTo(2);
                b.createStatement().executeUpdate("INSERT INTO t VALUES (1), (2)");
                assertThat(count(a, "t")).isEqualTo(2);
            }
            assertThat(CutawayDriver.connectionsSharing(url)).isEqualTo(1);
        }
        assertThat(CutawayDriver.connectionsSharing(url)).isZero();
        try (Connection c = DriverManager.getConnection(url)) {
            assertThatThrownBy(() -> count(c, "t")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void fileDatabasePersistsAcrossReopen(@TempDir Path dir) throws SQLException {
        String url = "jdbc:cutaway:file:" + dir.resolve("db");
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        }
        assertThat(CutawayDriver.connectionsSharing(url)).isZero();
        try (Connection c = DriverManager.getConnection(url + "/.");
             Connection d = DriverManager.getConnection(url)) {
            assertThat(CutawayDriver.connectionsSharing(url)).isEqualTo(2);
            assertThat(count(c, "t")).isEqualTo(2);
            try (ResultSet rs = d.createStatement().executeQuery("SELECT v FROM t WHERE id = 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("v")).isEqualTo("two");
            }
        }
    }

    @Test
    void closedConnectionRefusesWork() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:cutaway:mem:");
        assertThat(c.isValid(1)).isTrue();
        c.close();
        c.close();   // idempotent
        assertThat(c.isClosed()).isTrue();
        assertThat(c.isValid(1)).isFalse();
        assertThatThrownBy(c::createStatement).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08003"));
    }

    @Test
    void unsupportedMethodsThrowFeatureNotSupported() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:cutaway:mem:")) {
            assertThatThrownBy(() -> c.prepareCall("CALL p()"))
                    .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
            assertThatThrownBy(() -> c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                    ResultSet.CONCUR_READ_ONLY))
                    .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
        }
    }
}
