package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Rendering parameters as literals is safe and exact: any string (quotes, backslashes,
 * comment markers, question marks) and any long, double and decimal comes back unchanged
 * through an INSERT and a SELECT, so no value can change the statement around it.
 */
class ParameterRoundTripTest {
    private static Connection connection;

    @BeforeContainer
    static void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:cutaway:mem:");
        connection.createStatement().execute("CREATE TABLE p (id int PRIMARY KEY, s text,"
                + " l bigint, d double precision, n numeric)");
    }

    @AfterContainer
    static void close() throws SQLException {
        connection.close();
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> tricky = Arbitraries.of("'", "''", "\\", "--", "/*", "*/", "?", "$$",
                "E'", "\"", ";", " ", "a", "é", "\n", "𝄞");
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(5)
                .filter(s -> s.indexOf('\0') < 0 && s.codePoints()
                        .noneMatch(c -> c >= 0xD800 && c <= 0xDFFF));
        return Arbitraries.oneOf(tricky, any).list().ofMaxSize(6)
                .map(parts -> String.join("", parts));
    }

    @Property(tries = 200)
    void valuesComeBackUnchanged(@ForAll("texts") String s, @ForAll long l,
            @ForAll double d, @ForAll BigDecimal n) throws SQLException {
        connection.createStatement().executeUpdate("DELETE FROM p");
        PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO p VALUES (1, ?, ?, ?, ?) -- ?");
        insert.setString(1, s);
        insert.setLong(2, l);
        insert.setDouble(3, d);
        insert.setBigDecimal(4, n);
        assertThat(insert.executeUpdate()).isEqualTo(1);
        ResultSet rs = connection.createStatement().executeQuery("SELECT s, l, d, n FROM p");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(s);
        assertThat(rs.getLong(2)).isEqualTo(l);
        assertThat(rs.getDouble(3)).isEqualTo(d);
        assertThat(rs.getBigDecimal(4)).isEqualByComparingTo(n);
        assertThat(rs.next()).isFalse();
    }
}
