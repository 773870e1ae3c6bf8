package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.types.Interval;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every SQL type through setters and back through {@code getObject(column, Class)} for each
 * Java class JDBC 4.2 and pgjdbc allow; Calendar variants; character and binary streams;
 * setNull with each type code.
 */
class TypedValuesTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:cutaway:mem:");
        c.createStatement().execute("CREATE TABLE v (id int PRIMARY KEY, s smallint, i int,"
                + " l bigint, n numeric(12,3), r real, d double precision, t text,"
                + " vc varchar(10), ch char(3), b boolean, dt date, tm time, ts timestamp,"
                + " tz timestamptz, iv interval, by bytea)");
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
    void getObjectConvertsEveryTypeToEveryAllowedClass() throws SQLException {
        PreparedStatement p = c.prepareStatement("INSERT INTO v VALUES (1, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        p.setObject(1, (short) 12);
        p.setObject(2, 40_000);
        p.setObject(3, BigInteger.valueOf(1L << 40));
        p.setBigDecimal(4, new BigDecimal("12.345"));
        p.setFloat(5, 0.25f);
        p.setObject(6, 2.5d);
        p.setObject(7, "text");
        p.setNString(8, "vc");
        p.setObject(9, 'x');
        p.setObject(10, Boolean.FALSE);
        p.setObject(11, LocalDate.of(2024, 3, 1));
        p.setObject(12, LocalTime.of(10, 11, 12));
        p.setObject(13, LocalDateTime.of(2024, 3, 1, 10, 11, 12, 345_000));
        p.setObject(14, OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
        p.setObject(15, new Interval(0, 1, 0));
        p.setObject(16, new byte[] {7});
        p.executeUpdate();
        ResultSet rs = row(1);
        assertThat(rs.getObject("s", Short.class)).isEqualTo((short) 12);
        assertThat(rs.getObject("s", Byte.class)).isEqualTo((byte) 12);
        assertThat(rs.getObject("i", Integer.class)).isEqualTo(40_000);
        assertThat(rs.getObject("i", Long.class)).isEqualTo(40_000L);
        assertThat(rs.getObject("l", BigInteger.class)).isEqualTo(BigInteger.valueOf(1L << 40));
        assertThat(rs.getObject("n", BigDecimal.class)).isEqualByComparingTo("12.345");
        assertThat(rs.getObject("n", Double.class)).isEqualTo(12.345);
        assertThat(rs.getObject("n", String.class)).isEqualTo("12.345");
        assertThat(rs.getObject("r", Float.class)).isEqualTo(0.25f);
        assertThat(rs.getObject("d", Double.class)).isEqualTo(2.5);
        assertThat(rs.getObject("t", String.class)).isEqualTo("text");
        assertThat(rs.getNString("vc")).isEqualTo("vc");
        assertThat(rs.getObject("ch", String.class)).isEqualTo("x  ");
        assertThat(rs.getObject("b", Boolean.class)).isFalse();
        assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(rs.getObject("dt", Date.class)).isEqualTo(Date.valueOf("2024-03-01"));
        assertThat(rs.getObject("dt", LocalDateTime.class))
                .isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0));
        assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(10, 11, 12));
        assertThat(rs.getObject("tm", Time.class)).isEqualTo(Time.valueOf("10:11:12"));
        LocalDateTime ts = LocalDateTime.of(2024, 3, 1, 10, 11, 12, 345_000);
        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(ts);
        assertThat(rs.getObject("ts", Timestamp.class)).isEqualTo(Timestamp.valueOf(ts));
        assertThat(rs.getObject("ts", OffsetDateTime.class))
                .isEqualTo(ts.atOffset(ZoneOffset.UTC));
        assertThat(rs.getObject("ts", Instant.class)).isEqualTo(ts.toInstant(ZoneOffset.UTC));
        assertThat(rs.getObject("ts", LocalTime.class)).isEqualTo(ts.toLocalTime());
        assertThat(rs.getObject("tz", Instant.class))
                .isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(rs.getObject("tz", OffsetDateTime.class))
                .isEqualTo(OffsetDateTime.of(2024, 3, 1, 10, 0, 0, 0, ZoneOffset.UTC));
        assertThat(rs.getObject("tz", Timestamp.class))
                .isEqualTo(Timestamp.from(Instant.parse("2024-03-01T10:00:00Z")));
        assertThat(rs.getObject("iv", Interval.class)).isEqualTo(new Interval(0, 1, 0));
        assertThat(rs.getObject("by", byte[].class)).containsExactly(7);
    }

    @Test
    void impossibleConversionsFailWithSqlstates() throws SQLException {
        c.createStatement().execute("INSERT INTO v (id, i, t) VALUES (2, 300, 'abc')");
        ResultSet rs = row(2);
        assertThat(sqlState(() -> rs.getObject("i", Byte.class))).isEqualTo("22003");
        assertThat(sqlState(() -> rs.getObject("t", Integer.class))).isIn("22018", "22003");
        assertThat(sqlState(() -> rs.getObject("i", StringBuilder.class))).isEqualTo("22023");
    }

    private interface Call {
        Object run() throws SQLException;
    }

    private static String sqlState(Call call) {
        try {
            call.run();
            return "no error";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }

    @Test
    void calendarVariantsReadAndWriteInTheCalendarsZone() throws SQLException {
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        Timestamp instant = Timestamp.from(Instant.parse("2024-06-01T00:30:00Z"));
        PreparedStatement p = c.prepareStatement("INSERT INTO v (id, ts, tz, dt, tm)"
                + " VALUES (3, ?, ?, ?, ?)");
        p.setTimestamp(1, instant, tokyo);
        p.setTimestamp(2, instant, tokyo);
        p.setDate(3, new Date(Instant.parse("2024-06-01T20:00:00Z").toEpochMilli()), tokyo);
        p.setTime(4, new Time(Instant.parse("1970-01-01T01:00:00Z").toEpochMilli()), tokyo);
        p.executeUpdate();
        ResultSet rs = row(3);
        assertThat(rs.getObject("ts", LocalDateTime.class))
                .as("the local time in Tokyo").isEqualTo(LocalDateTime.of(2024, 6, 1, 9, 30));
        assertThat(rs.getObject("tz", Instant.class)).isEqualTo(instant.toInstant());
        assertThat(rs.getObject("dt", LocalDate.class)).isEqualTo(LocalDate.of(2024, 6, 2));
        assertThat(rs.getObject("tm", LocalTime.class)).isEqualTo(LocalTime.of(10, 0));
        assertThat(rs.getTimestamp("ts", tokyo)).isEqualTo(instant);
        assertThat(rs.getTimestamp("tz", tokyo)).isEqualTo(instant);
        assertThat(rs.getDate("dt", tokyo).getTime())
                .isEqualTo(Instant.parse("2024-06-01T15:00:00Z").toEpochMilli());
        assertThat(rs.getTime("tm", tokyo).getTime())
                .isEqualTo(Instant.parse("1970-01-01T01:00:00Z").toEpochMilli());
    }

    @Test
    void streamsBindAndReadAsTextAndBytes() throws SQLException, IOException {
        PreparedStatement p = c.prepareStatement("INSERT INTO v (id, t, by) VALUES (4, ?, ?)");
        p.setCharacterStream(1, new StringReader("streamed 'text' and more"), 15);
        p.setBinaryStream(2, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        p.executeUpdate();
        ResultSet rs = row(4);
        assertThat(rs.getString("t")).isEqualTo("streamed 'text'");
        char[] chars = new char[32];
        int n = rs.getCharacterStream("t").read(chars);
        assertThat(new String(chars, 0, n)).isEqualTo("streamed 'text'");
        assertThat(rs.getBinaryStream("by").readAllBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void setNullWithEveryTypeCodeStoresNull() throws SQLException {
        int[] codes = {Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.NUMERIC, Types.REAL,
            Types.DOUBLE, Types.VARCHAR, Types.VARCHAR, Types.CHAR, Types.BOOLEAN, Types.DATE,
            Types.TIME, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.OTHER,
            Types.VARBINARY};
        PreparedStatement p = c.prepareStatement("INSERT INTO v VALUES (5, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int i = 0; i < codes.length; i++) {
            p.setNull(i + 1, codes[i]);
        }
        assertThat(p.executeUpdate()).isEqualTo(1);
        ResultSet rs = row(5);
        for (int col = 2; col <= 17; col++) {
            assertThat(rs.getObject(col)).as("column %d", col).isNull();
        }
    }
}
