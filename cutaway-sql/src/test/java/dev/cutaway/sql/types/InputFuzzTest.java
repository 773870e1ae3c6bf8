package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every type's input function, given any text, either returns a valid value that prints and
 * reads back to an equal value, or raises a {@link SqlException} with a SQLSTATE of class 22
 * (data exception) or 0A (not supported): never another exception, which would reach the
 * user as an internal error.
 */
class InputFuzzTest {
    private static final List<SqlType> TYPES = List.of(SqlType.SMALLINT, SqlType.INTEGER,
            SqlType.BIGINT, SqlType.NUMERIC, SqlType.REAL, SqlType.DOUBLE, SqlType.BOOLEAN,
            SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ,
            SqlType.INTERVAL, SqlType.BYTEA);

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> pieces = Arbitraries.of("0", "1", "9", "12", "2024", "-", "+", ".",
                ":", " ", "e", "E", "T", "Z", "BC", "AD", "day", "days", "year", "mon", "ago",
                "@", "P", "Y", "M", "W", "D", "H", "S", "\\x", "\\", "ff", "z", "nan", "inf",
                "infinity", "t", "f", "on", "of", "Europe/Paris", "UTC", "+05:30", "99999999999",
                "2147483648", "1e400", "/", "_", "\u00e9", "24", "60", "61", "2024-02-29",
                "12:30:45.1234567", "1 day", "-1:00", "00", "\t");
        return pieces.list().ofMaxSize(8).map(p -> String.join("", p));
    }

    // A fixed seed: with a fresh random seed on every run this fuzzer found two input bugs in
    // CI runs (both fixed, with regression tests in IntervalOverflowTest), and a build must not
    // fail by chance. To hunt for more, change the seed (or delete it) and run it many times.
    @Property(tries = 6000, seed = "20261127")
    void inputEitherParsesAndRoundTripsOrRaisesADataException(@ForAll("texts") String text,
            @ForAll("types") SqlType type) {
        ZoneId zone = ZoneId.of("Europe/Paris");
        Object value;
        try {
            value = ValueText.parse(text, type, zone);
        } catch (SqlException e) {
            assertThat(e.sqlState()).as(text).matches("22...|0A000");
            return;
        }
        assertThat(Values.isValid(value, type)).isTrue();
        String printed = ValueText.format(value, type, zone);
        Object again = ValueText.parse(printed, type, zone);
        if (value instanceof Double d && d.isNaN() || value instanceof Float f && f.isNaN()) {
            return;
        }
        assertThat(ValueOrder.equal(again, value, type.id())).as("%s -> %s", text, printed)
                .isTrue();
    }

    @Provide
    Arbitrary<SqlType> types() {
        return Arbitraries.of(TYPES);
    }
}
