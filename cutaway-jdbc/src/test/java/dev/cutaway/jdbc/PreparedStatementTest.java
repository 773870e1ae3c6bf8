package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.types.Interval;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parameters of every supported type, batches and generated keys. */
class PreparedStatementTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:cutaway:mem:");
        c.createStatement().execute("CREATE TABLE v (id int PRIMARY KEY, s smallint, i int,"
                + " l bigint, n numeric(12,3), r real, d double precision, t text,"
                + " vc varchar(10), b boolean, dt date, tm time, ts timestamp,"
                + " tz timestamptz, by bytea, iv interval)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private ResultSet row(int id) throws SQLException {
        PreparedStatement q = c.prepareStatement("SELECT * FROM v WHERE id = ?");
        q.setInt(1, id);
        ResultSet rs = q.executeQuery();
        assertThat(rs.next()).isTrue();
        return rs;
    }

    @Test
    void everyTypedSetterRoundTrips() throws SQLException {
        PreparedStatement p = c.prepareStatement("INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?)");
        p.setInt(1, 1);
        p.setShort(2, (short) -7);
        p.setInt(3, Integer.MIN_VALUE);
        p.setLong(4, Long.MAX_VALUE);
        p.setBigDecimal(5, new BigDecimal("-123456789.125"));
        p.setFloat(6, 1.5f);
        p.setDouble(7, -0.1);
        p.setString(8, "it's -- not /* a comment */ ?");
        p.setString(9, "short");
        p.setBoolean(10, true);
        p.setDate(11, Date.valueOf("2024-02-29"));
        p.setTime(12, Time.valueOf("13:14:15"));
        p.setTimestamp(13, Timestamp.valueOf("2024-01-02 03:04:05.123456"));
        p.setObject(14, Instant.parse("2024-05-06T07:08:09.5Z"));
        p.setBytes(15, new byte[] {0, 1, (byte) 0xff});
        p.setObject(16, new Interval(1, 2, 3_000_000));
        assertThat(p.executeUpdate()).isEqualTo(1);
        ResultSet rs = row(1);
        assertThat(rs.getShort("s")).isEqualTo((short) -7);
        assertThat(rs.getObject("s")).isEqualTo(-7);
        assertThat(rs.getInt("i")).isEqualTo(Integer.MIN_VALUE);
        assertThat(rs.getLong("l")).isEqualTo(Long.MAX_VALUE);
        assertThat(rs.getBigDecimal("n")).isEqualByComparingTo("-123456789.125");
        assertThat(rs.getFloat("r")).isEqualTo(1.5f);
        assertThat(rs.getDouble("d")).isEqualTo(-0.1);
        assertThat(rs.getString("t")).isEqualTo("it's -- not /* a comment */ ?");
        assertThat(rs.getString("vc")).isEqualTo("short");
        assertThat(rs.getBoolean("b")).isTrue();
        assertThat(rs.getDate("dt")).isEqualTo(Date.valueOf("2024-02-29"));
        assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(rs.getTime("tm")).isEqualTo(Time.valueOf("13:14:15"));
        assertThat(rs.getTimestamp("ts"))
                .isEqualTo(Timestamp.valueOf("2024-01-02 03:04:05.123456"));
        assertThat(rs.getObject("tz", OffsetDateTime.class))
                .isEqualTo(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 500_000_000, ZoneOffset.UTC));
        assertThat(rs.getBytes("by")).containsExactly(0, 1, 0xff);
        assertThat(rs.getString("by")).isEqualTo("\\x0001ff");
        assertThat(rs.getObject("iv", Interval.class)).isEqualTo(new Interval(1, 2, 3_000_000));
        assertThat(rs.getString("iv")).isEqualTo("1 mon 2 days 00:00:03");
    }

    @Test
    void javaTimeObjectsAndNullsBind() throws SQLException {
        PreparedStatement p = c.prepareStatement("INSERT INTO v (id, dt, tm, ts, n, t)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
        p.setObject(1, 2L);
        p.setObject(2, LocalDate.of(1999, 12, 31));
        p.setObject(3, LocalTime.of(23, 59, 58, 1000));
        p.setObject(4, LocalDateTime.of(2000, 1, 1, 0, 0));
        p.setNull(5, Types.NUMERIC);
        p.setObject(6, null);
        p.executeUpdate();
        ResultSet rs = row(2);
        assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(23, 59, 58, 1000));
        assertThat(rs.getObject("ts", LocalDateTime.class))
                .isEqualTo(LocalDateTime.of(2000, 1, 1, 0, 0));
        assertThat(rs.getBigDecimal("n")).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getInt("s")).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getString("t")).isNull();
    }

    @Test
    void negativeNumbersCannotTurnIntoComments() throws SQLException {
        PreparedStatement p = c.prepareStatement("SELECT 10-?, 10 - ?");
        p.setInt(1, -3);
        p.setBigDecimal(2, new BigDecimal("-0.5"));
        ResultSet rs = p.executeQuery();
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(13);
        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("10.5");
    }

    @Test
    void placeholdersInsideLiteralsAndCommentsAreNotParameters() throws SQLException {
        PreparedStatement p = c.prepareStatement("SELECT '?' AS q, \"?\" FROM (SELECT ?"
                + " AS \"?\") x -- ?\n /* ? */");
        p.setString(1, "value");
        ResultSet rs = p.executeQuery();
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("?");
        assertThat(rs.getString(2)).isEqualTo("value");
    }

    @Test
    void missingParameterFailsWith07002AndBadIndexWith22023() throws SQLException {
        PreparedStatement p = c.prepareStatement("SELECT ?, ?");
        p.setInt(1, 1);
        assertThatThrownBy(p::executeQuery).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("07002"));
        assertThatThrownBy(() -> p.setInt(3, 1)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
        assertThatThrownBy(() -> p.executeQuery("SELECT 1"))
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42809"));
    }

    @Test
    void preparedBatchInsertsEveryRow() throws SQLException {
        PreparedStatement p = c.prepareStatement("INSERT INTO v (id, t) VALUES (?, ?)");
        for (int i = 10; i < 20; i++) {
            p.setInt(1, i);
            p.setString(2, "row " + i);
            p.addBatch();
        }
        assertThat(p.executeBatch()).containsOnly(1).hasSize(10);
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*), min(t) FROM v");
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(10);
        assertThat(rs.getString(2)).isEqualTo("row 10");
    }

    @Test
    void batchStopsAtTheFirstFailureWithItsCounts() throws SQLException {
        Statement s = c.createStatement();
        s.addBatch("INSERT INTO v (id) VALUES (1)");
        s.addBatch("UPDATE v SET t = 'x'");
        s.addBatch("INSERT INTO v (id) VALUES (1)");
        s.addBatch("INSERT INTO v (id) VALUES (2)");
        assertThatThrownBy(s::executeBatch).isInstanceOf(BatchUpdateException.class)
                .satisfies(e -> {
                    BatchUpdateException b = (BatchUpdateException) e;
                    assertThat(b.getSQLState()).isEqualTo("23505");
                    assertThat(b.getUpdateCounts()).containsExactly(1, 1);
                });
        ResultSet rs = s.executeQuery("SELECT count(*) FROM v");
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
    }

    @Test
    void generatedKeysComeFromReturning() throws SQLException {
        c.createStatement().execute("CREATE TABLE g (id serial PRIMARY KEY, name text)");
        PreparedStatement p = c.prepareStatement("INSERT INTO g (name) VALUES (?), (?)",
                Statement.RETURN_GENERATED_KEYS);
        p.setString(1, "a");
        p.setString(2, "b");
        assertThat(p.executeUpdate()).isEqualTo(2);
        ResultSet keys = p.getGeneratedKeys();
        assertThat(keys.next()).isTrue();
        assertThat(keys.getInt("id")).isEqualTo(1);
        assertThat(keys.getString("name")).isEqualTo("a");
        assertThat(keys.next()).isTrue();
        assertThat(keys.getInt(1)).isEqualTo(2);
        assertThat(keys.next()).isFalse();

        PreparedStatement named = c.prepareStatement("INSERT INTO g (name) VALUES (?);",
                new String[] {"id"});
        named.setString(1, "c");
        assertThat(named.executeUpdate()).isEqualTo(1);
        ResultSet k = named.getGeneratedKeys();
        assertThat(k.getMetaData().getColumnCount()).isEqualTo(1);
        assertThat(k.next()).isTrue();
        assertThat(k.getLong(1)).isEqualTo(3);

        Statement s = c.createStatement();
        assertThat(s.executeUpdate("UPDATE g SET name = 'z' WHERE id > 1 RETURNING id",
                Statement.RETURN_GENERATED_KEYS)).isEqualTo(2);
        ResultSet u = s.getGeneratedKeys();
        assertThat(u.next()).isTrue();
        assertThat(u.getMetaData().getColumnCount()).isEqualTo(1);
    }

    @Test
    void setObjectWithTargetTypeCasts() throws SQLException {
        PreparedStatement p = c.prepareStatement("SELECT ?, ?");
        p.setObject(1, "42", Types.INTEGER);
        p.setObject(2, 7, Types.VARCHAR);
        ResultSet rs = p.executeQuery();
        rs.next();
        assertThat(rs.getObject(1)).isEqualTo(42);
        assertThat(rs.getObject(2)).isEqualTo("7");
        assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.INTEGER);
    }
}
