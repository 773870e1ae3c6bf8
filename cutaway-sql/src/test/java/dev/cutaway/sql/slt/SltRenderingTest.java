package dev.cutaway.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.slt.SltRecord.SortMode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Rendering, sorting and hashing of results as the README of the corpus describes them. */
class SltRenderingTest {
    @Test
    void sqliteFixedPointRoundsTheWaySqliteDoes() {
        assertThat(SltRendering.sqliteFixed3(206.0505)).isEqualTo("206.051");
        assertThat(SltRendering.sqliteFixed3(Math.pow(2, 64)))
                .isEqualTo("18446744073709550000.000");
        assertThat(SltRendering.sqliteFixed3(5)).isEqualTo("5.000");
        assertThat(SltRendering.sqliteFixed3(-0.0001)).isEqualTo("-0.000");
        assertThat(SltRendering.sqliteFixed3(0)).isEqualTo("0.000");
        assertThat(SltRendering.sqliteFixed3(0.0005)).isEqualTo("0.001");
        assertThat(SltRendering.sqliteFixed3(0.00049)).isEqualTo("0.000");
        assertThat(SltRendering.sqliteFixed3(999.9995)).isEqualTo("1000.000");
        assertThat(SltRendering.sqliteFixed3(-12.3456)).isEqualTo("-12.346");
        assertThat(SltRendering.sqliteFixed3(1e-300)).isEqualTo("0.000");
        assertThat(SltRendering.sqliteFixed3(Double.NaN)).isEqualTo("NaN");
        assertThat(SltRendering.sqliteFixed3(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void cAndJavaFixedPointDisagreeWithSqliteOnTheReadmeExamples() {
        // The reason for our own implementation: the naive ones get these wrong.
        assertThat(new BigDecimal(206.0505).setScale(3, RoundingMode.HALF_UP).toPlainString())
                .isEqualTo("206.050");
        assertThat(String.format("%.3f", Math.pow(2, 64))).isEqualTo("18446744073709552000.000");
    }

    /**
     * A model of SQLite's %.3f in BigDecimal arithmetic: cut to 18 significant digits, then
     * half-up to three decimals, unless that keeps more than 16 significant digits, in which
     * case half-up to 16 significant digits.
     */
    static String fixed3Model(double value) {
        if (value == 0) {
            return "0.000";
        }
        BigDecimal d18 = new BigDecimal(Math.abs(value)).round(new MathContext(18));
        int digitsKept = d18.precision() - d18.scale() + 3;
        BigDecimal rounded = digitsKept > 16
                ? d18.round(new MathContext(16, RoundingMode.HALF_UP)).setScale(3)
                : d18.setScale(3, RoundingMode.HALF_UP);
        return (value < 0 ? "-" : "") + rounded.toPlainString();
    }

    @Property(tries = 2000)
    void sqliteFixedPointAgreesWithTheModel(@ForAll @DoubleRange(min = -1e22, max = 1e22)
            double value) {
        assertThat(SltRendering.sqliteFixed3(value)).isEqualTo(fixed3Model(value));
    }

    @Property(tries = 2000)
    void sqliteFixedPointAgreesWithTheModelOnThousandths(@ForAll long thousandths) {
        double value = (thousandths % 100_000_000_000L) / 1000.0 + 0.0005;
        assertThat(SltRendering.sqliteFixed3(value)).isEqualTo(fixed3Model(value));
    }

    @Test
    void integerColumnsReadValuesAsSqliteDoes() {
        assertThat(SltRendering.render(3.9, 'I')).isEqualTo("3");
        assertThat(SltRendering.render(-3.9, 'I')).isEqualTo("-3");
        assertThat(SltRendering.render(new BigDecimal("-7.5"), 'I')).isEqualTo("-7");
        assertThat(SltRendering.render(new BigDecimal("1e30"), 'I'))
                .isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(SltRendering.render(BigInteger.TWO.pow(70).negate(), 'I'))
                .isEqualTo(Long.toString(Long.MIN_VALUE));
        assertThat(SltRendering.render("12abc", 'I')).isEqualTo("12");
        assertThat(SltRendering.render(" -4x", 'I')).isEqualTo("-4");
        assertThat(SltRendering.render("abc", 'I')).isEqualTo("0");
        assertThat(SltRendering.render(true, 'I')).isEqualTo("1");
        assertThat(SltRendering.render(false, 'I')).isEqualTo("0");
        assertThat(SltRendering.render((short) -5, 'I')).isEqualTo("-5");
        assertThat(SltRendering.render(Long.MIN_VALUE, 'I')).isEqualTo("-9223372036854775808");
    }

    @Test
    void realAndTextColumns() {
        assertThat(SltRendering.render(7L, 'R')).isEqualTo("7.000");
        assertThat(SltRendering.render(new BigDecimal("12.3333333333333333"), 'R'))
                .isEqualTo("12.333");
        assertThat(SltRendering.render("2.5e1xyz", 'R')).isEqualTo("25.000");
        assertThat(SltRendering.render("x", 'R')).isEqualTo("0.000");
        assertThat(SltRendering.render(2.5f, 'R')).isEqualTo("2.500");
        assertThat(SltRendering.render("", 'T')).isEqualTo("(empty)");
        assertThat(SltRendering.render("héllo\tw", 'T')).isEqualTo("h@@llo@w");
        assertThat(SltRendering.render("~ !", 'T')).isEqualTo("~ !");
        assertThat(SltRendering.render(42L, 'T')).isEqualTo("42");
        assertThat(SltRendering.render(new BigDecimal("1E+3"), 'T')).isEqualTo("1000");
        assertThat(SltRendering.render(true, 'T')).isEqualTo("t");
        assertThat(SltRendering.render(0.1, 'T')).isEqualTo("0.1");
        assertThat(SltRendering.render(1e20, 'T')).isEqualTo("1e+20");
        assertThat(SltRendering.render(-1.5e-5, 'T')).isEqualTo("-1.5e-05");
        assertThat(SltRendering.render(123456789012345.0, 'T')).isEqualTo("123456789012345");
        assertThat(SltRendering.render(1e15, 'T')).isEqualTo("1e+15");
        for (char type : new char[] {'I', 'R', 'T'}) {
            assertThat(SltRendering.render(null, type)).isEqualTo("NULL");
        }
    }

    @Test
    void hashIsTheMd5OfTheValuesEachFollowedByANewline() {
        assertThat(SltRendering.md5(List.of("1", "2")))
                .isEqualTo("6ddb4095eb719e2a9f0a3f95677d24e0");
    }

    @Test
    void resultsAreHashedOnlyAboveTheThreshold() {
        List<String> two = List.of("1", "2");
        assertThat(SltRendering.expectedForm(two, 2)).isEqualTo(two);
        assertThat(SltRendering.expectedForm(two, 1))
                .containsExactly("2 values hashing to 6ddb4095eb719e2a9f0a3f95677d24e0");
        assertThat(SltRendering.expectedForm(two, 0)).as("0 never hashes").isEqualTo(two);
    }

    @Test
    void sortingIsByteWiseOnTheRenderedText() {
        List<String> rows = List.of("9", "b", "NULL", "a", "10", "c", "10", "a");
        assertThat(SltRendering.sort(rows, 2, SortMode.ROWSORT))
                .containsExactly("10", "a", "10", "c", "9", "b", "NULL", "a");
        assertThat(SltRendering.sort(rows, 2, SortMode.VALUESORT))
                .containsExactly("10", "10", "9", "NULL", "a", "a", "b", "c");
        assertThat(SltRendering.sort(rows, 2, SortMode.NOSORT)).isEqualTo(rows);
    }

    @Property(tries = 300)
    void rowsortKeepsEveryRowAndOrdersThem(@ForAll("rows") List<List<Integer>> rows) {
        List<List<Object>> values = rows.stream().map(r -> (List<Object>) List.<Object>copyOf(r))
                .toList();
        List<String> rendered = SltRendering.renderRows(values, "II");
        List<String> sorted = SltRendering.sort(rendered, 2, SortMode.ROWSORT);
        String[] joined = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            joined[i] = sorted.get(2 * i) + "\0" + sorted.get(2 * i + 1);
        }
        String[] expected = rows.stream().map(r -> r.get(0) + "\0" + r.get(1)).sorted()
                .toArray(String[]::new);
        assertThat(joined).containsExactly(expected);
        assertThat(Arrays.stream(joined).sorted().toArray()).containsExactly(joined);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<List<Integer>>> rows() {
        return net.jqwik.api.Arbitraries.integers().between(-20, 120).list().ofSize(2)
                .list().ofMaxSize(20);
    }
}
