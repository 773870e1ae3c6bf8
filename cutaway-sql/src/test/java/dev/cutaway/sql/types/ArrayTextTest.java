package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * array_in / array_out (ADR 0028): every array's text form reads back as the same array
 * (quoting of empty strings, NULL look-alikes, braces, quotes, backslashes and white space),
 * and malformed literals fail with 22P02 and PostgreSQL's detail.
 */
class ArrayTextTest {
    private static final SqlType TEXTS = SqlType.arrayOf(SqlType.TEXT);
    private static final SqlType INTS = SqlType.arrayOf(SqlType.INTEGER);

    @Provide
    Arbitrary<SqlArray> textArrays() {
        Arbitrary<String> element = Arbitraries.oneOf(Arbitraries.of("", "NULL", "null", " a ",
                "{", "}", ",", "\"", "\\", "a b", "\t", "x"), Arbitraries.strings()
                .withChars("ab{},\"\\ \tN").ofMaxLength(5));
        return element.injectNull(0.2).list().ofMaxSize(6)
                .map(l -> SqlArray.of(new java.util.ArrayList<>(l)));
    }

    @Property(tries = 1000)
    void textArraysRoundTrip(@ForAll("textArrays") SqlArray a) {
        String text = ArrayText.format(a, TEXTS, ZoneOffset.UTC);
        assertThat(ArrayText.parse(text, TEXTS, ZoneOffset.UTC)).as(text).isEqualTo(a);
    }

    @Property(tries = 300)
    void integerArraysRoundTripWithTheirLowerBound(
            @ForAll("integerArrays") SqlArray a) {
        String text = ArrayText.format(a, INTS, ZoneOffset.UTC);
        assertThat(ArrayText.parse(text, INTS, ZoneOffset.UTC)).as(text).isEqualTo(a);
    }

    @Provide
    Arbitrary<SqlArray> integerArrays() {
        return Arbitraries.integers().injectNull(0.1).list().ofMaxSize(6).flatMap(l ->
                Arbitraries.integers().between(-3, 3).map(lower ->
                        new SqlArray(lower, new java.util.ArrayList<Object>(l))));
    }

    @Test
    void outputQuotesWhatInputWouldMisread() {
        SqlArray a = SqlArray.of(Arrays.asList("", "NULL", "a b", "x\"y", "c\\d", null, "{}"));
        assertThat(ArrayText.format(a, TEXTS, ZoneOffset.UTC))
                .isEqualTo("{\"\",\"NULL\",\"a b\",\"x\\\"y\",\"c\\\\d\",NULL,\"{}\"}");
        SqlArray vector = new SqlArray(0, List.of((short) 1, (short) 2));
        assertThat(ArrayText.format(vector, SqlType.INT2VECTOR, ZoneOffset.UTC))
                .isEqualTo("1 2");
        assertThat(ArrayText.format(new SqlArray(0, List.of(7)), INTS, ZoneOffset.UTC))
                .isEqualTo("[0:0]={7}");
    }

    @Test
    void inputTrimsUnquotedElementsAndKeepsEscapes() {
        assertThat(ArrayText.parse("  { a b , \"c \" , \\NULL,NULL }", TEXTS, ZoneOffset.UTC))
                .isEqualTo(SqlArray.of(Arrays.asList("a b", "c ", "NULL", null)));
        assertThat(ArrayText.parse("{}", INTS, ZoneOffset.UTC).length()).isZero();
        assertThat(ArrayText.parse("[-1:0]={5,6}", INTS, ZoneOffset.UTC))
                .isEqualTo(new SqlArray(-1, List.of(5, 6)));
    }

    @Test
    void malformedLiteralsAre22P02WithADetail() {
        for (String bad : List.of("", "1", "{1", "{1,}", "{,1}", "{1}}", "{\"a}", "{a\"b}",
                "[1:2]={1}", "[1:2={1,2}", "[x]={1}")) {
            assertThatThrownBy(() -> ArrayText.parse(bad, INTS, ZoneOffset.UTC)).as(bad)
                    .isInstanceOf(SqlException.class)
                    .hasFieldOrPropertyWithValue("sqlState", "22P02")
                    .hasMessageContaining("malformed array literal");
        }
        assertThatThrownBy(() -> ArrayText.parse("{{1}}", INTS, ZoneOffset.UTC))
                .hasFieldOrPropertyWithValue("sqlState", "0A000");
    }
}
