package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Integer operators against exact BigInteger arithmetic (overflow raises 22003 exactly when
 * the exact result leaves the type, division by zero 22012, division truncates), and numeric
 * operators against BigDecimal (exact + - *, division within half a unit of its scale).
 */
class ArithmeticPropertiesTest {
    static final EvalContext CTX = new EvalContext(ZoneOffset.UTC,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new SplittableRandom(1));
    private static final TypeId[] INTEGER_TYPES = {TypeId.SMALLINT, TypeId.INTEGER,
            TypeId.BIGINT};

    @Provide
    Arbitrary<Long> edgy() {
        return Arbitraries.oneOf(Arbitraries.longs(),
                Arbitraries.longs().between(-70_000, 70_000),
                Arbitraries.of(0L, 1L, -1L, 2L, -2L, 32767L, -32768L, 2147483647L,
                        -2147483648L, Long.MAX_VALUE, Long.MIN_VALUE, 3037000499L,
                        46341L, 181L));
    }

    @Provide
    Arbitrary<String> ops() {
        return Arbitraries.of("+", "-", "*", "/", "%");
    }

    @Property(tries = 3000)
    void integerOperatorsAgreeWithBigInteger(@ForAll("edgy") long x, @ForAll("edgy") long y,
            @ForAll("ops") String op, @ForAll @IntRange(max = 2) int leftType,
            @ForAll @IntRange(max = 2) int rightType) {
        TypeId lt = INTEGER_TYPES[leftType];
        TypeId rt = INTEGER_TYPES[rightType];
        Object a = fit(x, lt);
        Object b = fit(y, rt);
        BoundOperator o = Operators.resolveBinary(op, SqlType.of(lt), SqlType.of(rt));
        TypeId result = lt.compareTo(rt) >= 0 ? lt : rt;
        assertThat(o.resultType().id()).isEqualTo(result);
        long av = Values.toLong(a);
        long bv = Values.toLong(b);
        if ((op.equals("/") || op.equals("%")) && bv == 0) {
            assertThatThrownBy(() -> o.apply(CTX, a, b)).isInstanceOf(SqlException.class)
                    .extracting("sqlState").isEqualTo("22012");
            return;
        }
        BigInteger exact = exact(op, av, bv);
        long min = switch (result) {
            case SMALLINT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long max = switch (result) {
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        boolean fits = exact.compareTo(BigInteger.valueOf(min)) >= 0
                && exact.compareTo(BigInteger.valueOf(max)) <= 0;
        if (fits) {
            Object r = o.apply(CTX, a, b);
            assertThat(Values.javaClass(result)).isEqualTo(r.getClass());
            assertThat(Values.toLong(r)).isEqualTo(exact.longValueExact());
        } else {
            assertThatThrownBy(() -> o.apply(CTX, a, b)).isInstanceOf(SqlException.class)
                    .hasMessage(result.displayName() + " out of range")
                    .extracting("sqlState").isEqualTo("22003");
        }
    }

    private static Object fit(long v, TypeId t) {
        return switch (t) {
            case SMALLINT -> (short) v;
            case INTEGER -> (int) v;
            default -> v;
        };
    }

    private static BigInteger exact(String op, long a, long b) {
        BigInteger x = BigInteger.valueOf(a);
        BigInteger y = BigInteger.valueOf(b);
        return switch (op) {
            case "+" -> x.add(y);
            case "-" -> x.subtract(y);
            case "*" -> x.multiply(y);
            case "/" -> x.divide(y); // truncates toward zero, as PostgreSQL
            default -> x.remainder(y); // sign of the dividend, as PostgreSQL
        };
    }

    @Property(tries = 1000)
    void unaryMinusOverflowsOnlyAtTheMinimum(@ForAll("edgy") long x,
            @ForAll @IntRange(max = 2) int type) {
        TypeId t = INTEGER_TYPES[type];
        Object a = fit(x, t);
        BoundOperator minus = Operators.resolveUnary("-", SqlType.of(t));
        long v = Values.toLong(a);
        long min = t == TypeId.SMALLINT ? Short.MIN_VALUE : t == TypeId.INTEGER
                ? Integer.MIN_VALUE : Long.MIN_VALUE;
        if (v == min) {
            assertThatThrownBy(() -> minus.apply(CTX, a)).extracting("sqlState")
                    .isEqualTo("22003");
        } else {
            assertThat(Values.toLong(minus.apply(CTX, a))).isEqualTo(-v);
        }
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigInteger> unscaled = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30));
        return net.jqwik.api.Combinators.combine(unscaled, Arbitraries.integers().between(0, 20))
                .as(BigDecimal::new);
    }

    @Property(tries = 2000)
    void numericAdditionAndMultiplicationAreExact(@ForAll("decimals") BigDecimal a,
            @ForAll("decimals") BigDecimal b) {
        BigDecimal sum = (BigDecimal) Operators.resolveBinary("+", SqlType.NUMERIC,
                SqlType.NUMERIC).apply(CTX, a, b);
        BigDecimal product = (BigDecimal) Operators.resolveBinary("*", SqlType.NUMERIC,
                SqlType.NUMERIC).apply(CTX, a, b);
        assertThat(sum.compareTo(a.add(b))).isZero();
        assertThat(sum.scale()).isEqualTo(Math.max(a.scale(), b.scale()));
        assertThat(product.compareTo(a.multiply(b))).isZero();
        assertThat(product.scale()).isEqualTo(a.scale() + b.scale());
    }

    @Property(tries = 2000)
    void numericDivisionIsWithinHalfAUnitOfItsScale(@ForAll("decimals") BigDecimal a,
            @ForAll("decimals") BigDecimal b) {
        BoundOperator div = Operators.resolveBinary("/", SqlType.NUMERIC, SqlType.NUMERIC);
        if (b.signum() == 0) {
            assertThatThrownBy(() -> div.apply(CTX, a, b)).extracting("sqlState")
                    .isEqualTo("22012");
            return;
        }
        BigDecimal q = (BigDecimal) div.apply(CTX, a, b);
        assertThat(q.scale()).isGreaterThanOrEqualTo(Math.max(a.scale(), b.scale()));
        BigDecimal exact = a.divide(b, q.scale() + 10, RoundingMode.HALF_UP);
        BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(q.scale()).divide(BigDecimal.TWO);
        assertThat(q.subtract(exact).abs()).isLessThanOrEqualTo(halfUnit);
        // PostgreSQL keeps at least 16 significant digits (NUMERIC_MIN_SIG_DIGITS); its
        // estimate of the quotient's weight can be one base-10000 group high, never low
        if (a.signum() != 0) {
            int quotientExponent = exact.precision() - exact.scale() - 1;
            assertThat(q.scale() + quotientExponent + 1).isGreaterThanOrEqualTo(13);
        }
    }

    @Property(tries = 1000)
    void numericTypmodRoundsHalfAwayFromZeroOrOverflows(@ForAll("decimals") BigDecimal a,
            @ForAll @IntRange(min = 1, max = 30) int precision,
            @ForAll @IntRange(max = 30) int scaleSeed) {
        int scale = scaleSeed % (precision + 1);
        BigDecimal rounded = a.setScale(scale, RoundingMode.HALF_UP);
        boolean fits = rounded.signum() == 0
                || rounded.precision() - rounded.scale() <= precision - scale;
        SqlType target = SqlType.numeric(precision, scale);
        if (fits) {
            assertThat(Casts.cast(a, SqlType.NUMERIC, target)).isEqualTo(rounded);
        } else {
            assertThatThrownBy(() -> Casts.cast(a, SqlType.NUMERIC, target))
                    .hasMessage("numeric field overflow").extracting("sqlState")
                    .isEqualTo("22003");
        }
    }

    @Property(tries = 1000)
    void floatToIntegerRoundsHalfToEven(@ForAll("edgy") long whole,
            @ForAll @IntRange(max = 3) int quarter) {
        double d = (whole % 1_000_000) + quarter / 4.0;
        Object r = Casts.cast(d, SqlType.DOUBLE, SqlType.BIGINT);
        assertThat(r).isEqualTo(new BigDecimal(d).setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact());
    }
}
