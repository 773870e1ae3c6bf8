package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * SQL comparison is a total preorder consistent with equality and hashing for every type
 * (including -0 = 0, NaN, numeric scales, char padding, 30-day months), the three-valued truth
 * tables agree with Kleene logic (FALSE &lt; UNKNOWN &lt; TRUE, AND = min, OR = max), and
 * comparison operators resolved across numeric types agree with exact comparison.
 */
class OrderAndLogicPropertiesTest {
    record Sample(TypeId type, Object a, Object b, Object c) {}

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.oneOf(
                triple(TypeId.DOUBLE, Arbitraries.of(0.0, -0.0, 1.0, -1.5, Double.NaN,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300)),
                triple(TypeId.NUMERIC, Arbitraries.of(new BigDecimal("1"),
                        new BigDecimal("1.0"), new BigDecimal("1.00"), new BigDecimal("-0.5"),
                        new BigDecimal("0"), new BigDecimal("0.000"), new BigDecimal("2"))),
                triple(TypeId.CHAR, Arbitraries.of("a", "a ", "a  ", "b", "", " ", "ab")),
                triple(TypeId.TEXT, Arbitraries.strings().ofMaxLength(3)
                        .withChars("aAb\u00e9\uD83D\uDE00 ")),
                triple(TypeId.INTERVAL, Arbitraries.of(new Interval(1, 0, 0),
                        new Interval(0, 30, 0), new Interval(0, 29, Interval.MICROS_PER_DAY),
                        new Interval(0, 0, 30 * Interval.MICROS_PER_DAY), new Interval(-1, 0, 0),
                        Interval.ZERO)),
                triple(TypeId.DATE, Arbitraries.integers().between(-5, 5)
                        .map(d -> LocalDate.of(2024, 1, 10).plusDays(d))),
                triple(TypeId.BYTEA, Arbitraries.bytes().array(byte[].class).ofMaxSize(2)
                        .map(Bytea::of)));
    }

    private static <T> Arbitrary<Sample> triple(TypeId type, Arbitrary<T> values) {
        return Combinators.combine(values, values, values).as((a, b, c) ->
                new Sample(type, a, b, c));
    }

    @Property(tries = 3000)
    void comparisonIsATotalPreorderConsistentWithEqualityAndHash(
            @ForAll("samples") Sample s) {
        TypeId t = s.type();
        int ab = ValueOrder.compare(s.a(), s.b(), t);
        int ba = ValueOrder.compare(s.b(), s.a(), t);
        assertThat(Integer.signum(ab)).isEqualTo(-Integer.signum(ba));
        assertThat(ValueOrder.equal(s.a(), s.b(), t)).isEqualTo(ab == 0);
        if (ab == 0) {
            assertThat(ValueOrder.hash(s.a(), t)).isEqualTo(ValueOrder.hash(s.b(), t));
        }
        int bc = ValueOrder.compare(s.b(), s.c(), t);
        int ac = ValueOrder.compare(s.a(), s.c(), t);
        if (ab <= 0 && bc <= 0) {
            assertThat(ac).isLessThanOrEqualTo(0);
        }
        if (ab == 0 && bc == 0) {
            assertThat(ac).isZero();
        }
        BoundOperator lt = Operators.resolveBinary("<", SqlType.of(t), SqlType.of(t));
        BoundOperator eq = Operators.resolveBinary("=", SqlType.of(t), SqlType.of(t));
        assertThat(lt.apply(ArithmeticPropertiesTest.CTX, s.a(), s.b())).isEqualTo(ab < 0);
        assertThat(eq.apply(ArithmeticPropertiesTest.CTX, s.a(), s.b())).isEqualTo(ab == 0);
    }

    private static final Boolean[] TRUTH = {false, null, true};

    private static int rank(Boolean b) {
        return b == null ? 1 : b ? 2 : 0;
    }

    @Property(tries = 100)
    void threeValuedLogicIsKleene(@ForAll @IntRange(max = 2) int x,
            @ForAll @IntRange(max = 2) int y) {
        Boolean a = TRUTH[x];
        Boolean b = TRUTH[y];
        assertThat(Logic.and(a, b)).isEqualTo(TRUTH[Math.min(x, y)]);
        assertThat(Logic.or(a, b)).isEqualTo(TRUTH[Math.max(x, y)]);
        assertThat(Logic.not(a)).isEqualTo(TRUTH[2 - x]);
        assertThat(rank(Logic.not(Logic.and(a, b))))
                .isEqualTo(rank(Logic.or(Logic.not(a), Logic.not(b))));
        BoundOperator and = Operators.resolveBinary("AND", SqlType.BOOLEAN, SqlType.BOOLEAN);
        BoundOperator or = Operators.resolveBinary("or", SqlType.BOOLEAN, SqlType.BOOLEAN);
        assertThat(and.apply(ArithmeticPropertiesTest.CTX, a, b)).isEqualTo(Logic.and(a, b));
        assertThat(or.apply(ArithmeticPropertiesTest.CTX, a, b)).isEqualTo(Logic.or(a, b));
        BoundOperator distinct = Operators.resolveBinary("IS DISTINCT FROM", SqlType.BOOLEAN,
                SqlType.BOOLEAN);
        assertThat(distinct.apply(ArithmeticPropertiesTest.CTX, a, b)).isEqualTo(x != y);
    }

    @Provide
    Arbitrary<List<Object>> mixedNumbers() {
        Arbitrary<Object> n = Arbitraries.oneOf(
                Arbitraries.shorts().map(v -> (Object) v),
                Arbitraries.integers().map(v -> (Object) v),
                Arbitraries.longs().between(-1L << 40, 1L << 40).map(v -> (Object) v),
                Arbitraries.integers().between(-1000, 1000).map(v -> (Object) new BigDecimal(v)
                        .movePointLeft(1)),
                Arbitraries.integers().between(-100, 100).map(v -> (Object) (v / 4.0)),
                Arbitraries.integers().between(-100, 100).map(v -> (Object) (v / 4.0f)));
        return n.list().ofSize(2);
    }

    private static SqlType typeOf(Object v) {
        return switch (v) {
            case Short s -> SqlType.SMALLINT;
            case Integer i -> SqlType.INTEGER;
            case Long l -> SqlType.BIGINT;
            case BigDecimal d -> SqlType.NUMERIC;
            case Float f -> SqlType.REAL;
            default -> SqlType.DOUBLE;
        };
    }

    @Property(tries = 3000)
    void crossTypeComparisonsAgreeWithExactComparison(@ForAll("mixedNumbers") List<Object> p) {
        Object a = p.get(0);
        Object b = p.get(1);
        int exact = Values.toBigDecimal(a).compareTo(Values.toBigDecimal(b));
        for (String op : List.of("=", "<>", "<", "<=", ">", ">=")) {
            BoundOperator o = Operators.resolveBinary(op, typeOf(a), typeOf(b));
            assertThat(o.apply(ArithmeticPropertiesTest.CTX, a, b)).as(a + " " + op + " " + b)
                    .isEqualTo(Operators.test(op, exact));
        }
    }

    @Property(tries = 1000)
    void greatestAndLeastAreBoundsOfTheNonNullValues(@ForAll("samples") Sample s) {
        List<Object> values = new ArrayList<>(Arrays.asList(s.a(), null, s.b(), s.c()));
        Object max = Conditionals.greatest(values, s.type());
        Object min = Conditionals.least(values, s.type());
        for (Object v : List.of(s.a(), s.b(), s.c())) {
            assertThat(ValueOrder.compare(max, v, s.type())).isGreaterThanOrEqualTo(0);
            assertThat(ValueOrder.compare(min, v, s.type())).isLessThanOrEqualTo(0);
        }
    }
}
