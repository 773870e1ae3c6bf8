package dev.cutaway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.util.PSQLException;

/**
 * pgjdbc (the real driver, over a real socket) against the server: the flows CLIENTS.md
 * section 3 captured — extended protocol for every statement, the switch to a named
 * server-side statement with binary results after prepareThreshold, batches, RETURNING,
 * transactions at every isolation level, errors with SQLSTATE and position, row limits with
 * named portals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgJdbcTest {
    private ServerFixture fx;

    @BeforeAll
    void start() throws Exception {
        fx = new ServerFixture();
    }

    @AfterAll
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void connectsAndReportsAPostgresLookingVersion() throws Exception {
        try (Connection c = fx.connect()) {
            assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith("15.4");
            assertThat(c.isValid(2)).isTrue();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select 1 + 1 as two, 'x' as x")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("two")).isEqualTo(2);
                assertThat(rs.getString(2)).isEqualTo("x");
                assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("two");
            }
        }
    }

    @Test
    void preparedStatementsSwitchToServerSideWithBinaryResults() throws Exception {
        try (Connection c = fx.connect(); Statement s = c.createStatement()) {
            s.execute("create table typed (id int primary key, b bigint, d double precision,"
                    + " n numeric(10,3), dt date, ts timestamp, t text, f boolean, s smallint)");
            try (PreparedStatement ins = c.prepareStatement(
                    "insert into typed values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= 8; i++) {
                    ins.setInt(1, i);
                    ins.setLong(2, 10_000_000_000L + i);
                    ins.setDouble(3, i + 0.5);
                    ins.setBigDecimal(4, new BigDecimal("-" + i + ".125"));
                    ins.setDate(5, Date.valueOf(LocalDate.of(2024, 1, i)));
                    ins.setTimestamp(6, Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, i,
                            123_456_000)));
                    ins.setString(7, "row " + i);
                    ins.setBoolean(8, i % 2 == 0);
                    ins.setShort(9, (short) -i);
                    assertThat(ins.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement q = c.prepareStatement("select * from typed where id = ?")) {
                for (int round = 0; round < 8; round++) {   // past prepareThreshold (5)
                    int i = round + 1;
                    q.setInt(1, i);
                    try (ResultSet rs = q.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getLong("b")).isEqualTo(10_000_000_000L + i);
                        assertThat(rs.getDouble("d")).isEqualTo(i + 0.5);
                        assertThat(rs.getBigDecimal("n")).isEqualByComparingTo("-" + i + ".125");
                        assertThat(rs.getDate("dt").toLocalDate())
                                .isEqualTo(LocalDate.of(2024, 1, i));
                        assertThat(rs.getTimestamp("ts").toLocalDateTime()).isEqualTo(
                                LocalDateTime.of(2024, 1, 2, 3, 4, i, 123_456_000));
                        assertThat(rs.getString("t")).isEqualTo("row " + i);
                        assertThat(rs.getBoolean("f")).isEqualTo(i % 2 == 0);
                        assertThat(rs.getShort("s")).isEqualTo((short) -i);
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void batchesAndGeneratedKeys() throws Exception {
        try (Connection c = fx.connect(); Statement s = c.createStatement()) {
            s.execute("create table batch (id serial primary key, name text, n int)");
            try (PreparedStatement ins = c.prepareStatement(
                    "insert into batch(name, n) values (?, ?)")) {
                for (int i = 0; i < 20; i++) {
                    ins.setString(1, "n" + i);
                    ins.setInt(2, i);
                    ins.addBatch();
                }
                int[] counts = ins.executeBatch();
                assertThat(counts).hasSize(20).containsOnly(1);
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "insert into batch(name, n) values (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ins.setString(1, "keyed");
                ins.setInt(2, 99);
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getInt("id")).isEqualTo(21);
                }
            }
            try (ResultSet rs = s.executeQuery(
                    "update batch set n = n + 1 where id <= 2 returning id, n")) {
                List<Integer> ns = new ArrayList<>();
                while (rs.next()) {
                    ns.add(rs.getInt(2));
                }
                assertThat(ns).containsExactlyInAnyOrder(1, 2);
            }
            Properties rewrite = new Properties();
            rewrite.setProperty("reWriteBatchedInserts", "true");
            try (Connection r = fx.connect(rewrite); PreparedStatement ins = r.prepareStatement(
                    "insert into batch(name, n) values (?, ?)")) {
                for (int i = 0; i < 5; i++) {
                    ins.setString(1, "rw" + i);
                    ins.setInt(2, i);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            try (ResultSet rs = s.executeQuery("select count(*) from batch")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(26);
            }
        }
    }

    @Test
    void transactionsAtEveryIsolationLevel() throws Exception {
        int[] levels = {Connection.TRANSACTION_READ_UNCOMMITTED,
                Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
                Connection.TRANSACTION_SERIALIZABLE};
        try (Connection c = fx.connect(); Statement s = c.createStatement()) {
            s.execute("create table acct (id int primary key, bal int)");
            s.execute("insert into acct values (1, 100), (2, 100)");
            for (int level : levels) {
                c.setTransactionIsolation(level);
                assertThat(c.getTransactionIsolation()).isEqualTo(level);
                c.setAutoCommit(false);
                s.executeUpdate("update acct set bal = bal - 10 where id = 1");
                s.executeUpdate("update acct set bal = bal + 10 where id = 2");
                c.commit();
                s.executeUpdate("update acct set bal = 0 where id = 1");
                c.rollback();
                c.setAutoCommit(true);
            }
            try (ResultSet rs = s.executeQuery("select bal from acct order by id")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(60);
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(140);
            }
        }
    }

    @Test
    void errorsCarrySqlStateAndPositionAndTheBlockFails() throws Exception {
        try (Connection c = fx.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("selec 1"))
                    .isInstanceOfSatisfying(PSQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("42601");
                        assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(1);
                    });
            assertThatThrownBy(() -> s.execute("select * from nosuchtable"))
                    .hasFieldOrPropertyWithValue("SQLState", "42P01");
            s.execute("create table uniq (id int primary key)");
            s.execute("insert into uniq values (1)");
            c.setAutoCommit(false);
            assertThatThrownBy(() -> s.execute("insert into uniq values (1)"))
                    .hasFieldOrPropertyWithValue("SQLState", "23505");
            assertThatThrownBy(() -> s.execute("select 1"))
                    .hasFieldOrPropertyWithValue("SQLState", "25P02");
            c.commit();   // answered ROLLBACK; pgjdbc returns normally
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("select count(*) from uniq")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
            assertThatThrownBy(() -> s.execute("select 1/0"))
                    .hasFieldOrPropertyWithValue("SQLState", "22012");
        }
    }

    @Test
    void fetchSizeUsesANamedPortalAcrossSyncs() throws Exception {
        try (Connection c = fx.connect(); Statement s = c.createStatement()) {
            s.execute("create table many (id int primary key)");
            s.execute("insert into many select g from generate_series(1, 25) as g");
            c.setAutoCommit(false);
            try (Statement f = c.createStatement()) {
                f.setFetchSize(4);
                int seen = 0;
                try (ResultSet rs = f.executeQuery("select id from many order by id")) {
                    while (rs.next()) {
                        seen++;
                        assertThat(rs.getInt(1)).isEqualTo(seen);
                    }
                }
                assertThat(seen).isEqualTo(25);
            }
            c.commit();
            try (Statement m = c.createStatement()) {
                m.setMaxRows(3);
                int seen = 0;
                try (ResultSet rs = m.executeQuery("select id from many")) {
                    while (rs.next()) {
                        seen++;
                    }
                }
                assertThat(seen).isEqualTo(3);
            }
            c.commit();
        }
    }

    @Test
    void multiStatementsSettingsAndEmptyQueries() throws Exception {
        try (Connection c = fx.connect(); Statement s = c.createStatement()) {
            assertThat(s.execute("select 1 as first; select 2 as second")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            c.setClientInfo("ApplicationName", "my-app");
            try (ResultSet rs = s.executeQuery("show application_name")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("my-app");
            }
            assertThat(s.execute("")).isFalse();
            assertThat(c.getSchema()).isEqualTo("public");
        }
    }

    @Test
    void simpleQueryModeInlinesParameters() throws Exception {
        Properties p = new Properties();
        p.setProperty("preferQueryMode", "simple");
        try (Connection c = fx.connect(p); PreparedStatement q = c.prepareStatement(
                "select ? as n, ? as s")) {
            q.setInt(1, 7);
            q.setString(2, "it's");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
                assertThat(rs.getString(2)).isEqualTo("it's");
            }
        }
    }

    @Test
    void unknownDatabaseAndRoleFailWithPostgresStates() {
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection("jdbc:postgresql://"
                + "127.0.0.1:" + fx.server.port() + "/nosuchdb", "postgres", ""))
                .isInstanceOf(SQLException.class)
                .hasFieldOrPropertyWithValue("SQLState", "3D000");
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(fx.url(), "nosuchrole",
                ""))
                .isInstanceOf(SQLException.class)
                .hasFieldOrPropertyWithValue("SQLState", "28000");
    }

    @Test
    void pgCatalogDescribesTypesRelationsAndColumns() throws Exception {
        try (Connection c = fx.connect(); Statement s = c.createStatement()) {
            s.execute("create table catalogued (id int primary key, v varchar(10) not null)");
            try (PreparedStatement q = c.prepareStatement(
                    "select typname, typlen from pg_catalog.pg_type where oid = ?")) {
                q.setLong(1, 1043);
                try (ResultSet rs = q.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("varchar");
                    assertThat(rs.getInt(2)).isEqualTo(-1);
                }
            }
            try (ResultSet rs = s.executeQuery("select a.attname, a.atttypid, a.atttypmod,"
                    + " a.attnotnull from pg_attribute a join pg_class c on a.attrelid = c.oid"
                    + " join pg_namespace n on c.relnamespace = n.oid where c.relname ="
                    + " 'catalogued' and n.nspname = 'public' order by a.attnum")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("id");
                assertThat(rs.getLong(2)).isEqualTo(23);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(3)).isEqualTo(14);   // varchar(10): 10 + 4
                assertThat(rs.getBoolean(4)).isTrue();
            }
            try (ResultSet rs = s.executeQuery("select datname from pg_database"
                    + " where datallowconn")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("postgres");
            }
        }
    }
}
