package dev.cutaway.sql.types;

import static dev.cutaway.sql.types.TypeId.BIGINT;
import static dev.cutaway.sql.types.TypeId.DOUBLE;
import static dev.cutaway.sql.types.TypeId.INTEGER;
import static dev.cutaway.sql.types.TypeId.NUMERIC;
import static dev.cutaway.sql.types.TypeId.REAL;
import static dev.cutaway.sql.types.TypeId.SMALLINT;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * PostgreSQL's mathematical functions. Overloads follow {@code pg_proc}: most exist for
 * double precision and numeric, so an integer argument resolves to numeric when the other
 * argument is numeric and to double precision otherwise (as in PostgreSQL, {@code sqrt(2)} is
 * double precision and {@code round(2.5)} numeric). Rounding: {@code round(float8)} is
 * half-to-even ({@code rint}), {@code round(numeric)} half away from zero.
 */
final class MathFunctions {
    private MathFunctions() {}

    static void register(Functions.Registrar r) {
        registerAbsAndRounding(r);
        registerPowers(r);
        for (TypeId t : List.of(SMALLINT, INTEGER, BIGINT)) {
            r.add("mod", List.of(t, t), t, (c, a) -> Arithmetic.integer('%',
                    Values.toLong(a[0]), Values.toLong(a[1]), t));
            r.add("gcd", List.of(t, t), t, (c, a) -> Arithmetic.narrow(BigInteger.valueOf(
                    Values.toLong(a[0])).gcd(BigInteger.valueOf(Values.toLong(a[1])))
                    .longValueExact(), t));
        }
        for (TypeId t : List.of(INTEGER, BIGINT)) {
            r.add("lcm", List.of(t, t), t, (c, a) -> Arithmetic.narrow(lcm(Values.toBigDecimal(
                    a[0]), Values.toBigDecimal(a[1])).longValueExact(), t));
        }
        r.add("gcd", List.of(NUMERIC, NUMERIC), NUMERIC,
                (c, a) -> gcd((BigDecimal) a[0], (BigDecimal) a[1]));
        r.add("lcm", List.of(NUMERIC, NUMERIC), NUMERIC,
                (c, a) -> lcm((BigDecimal) a[0], (BigDecimal) a[1]));
        r.add("mod", List.of(NUMERIC, NUMERIC), NUMERIC,
                (c, a) -> Arithmetic.numeric('%', (BigDecimal) a[0], (BigDecimal) a[1]));
        r.add("div", List.of(NUMERIC, NUMERIC), NUMERIC, (c, a) -> div((BigDecimal) a[0],
                (BigDecimal) a[1]));
        r.add("sign", List.of(DOUBLE), DOUBLE, (c, a) -> Math.signum((Double) a[0]));
        r.add("sign", List.of(NUMERIC), NUMERIC,
                (c, a) -> BigDecimal.valueOf(((BigDecimal) a[0]).signum()));
        r.add("scale", List.of(NUMERIC), INTEGER,
                (c, a) -> Arithmetic.displayScale((BigDecimal) a[0]));
        r.add("pi", List.of(), DOUBLE, (c, a) -> Math.PI);
        r.addVolatile("random", List.of(), DOUBLE, (c, a) -> c.random().nextDouble());
        double1(r, "degrees", Math::toDegrees);
        double1(r, "radians", Math::toRadians);
        double1(r, "sin", Math::sin);
        double1(r, "cos", Math::cos);
        double1(r, "tan", Math::tan);
        double1(r, "cot", x -> 1 / Math.tan(x));
        double1(r, "atan", Math::atan);
        double1(r, "asin", x -> checkedUnit(Math.asin(x), x));
        double1(r, "acos", x -> checkedUnit(Math.acos(x), x));
        r.add("atan2", List.of(DOUBLE, DOUBLE), DOUBLE,
                (c, a) -> Math.atan2((Double) a[0], (Double) a[1]));
    }

    private static void registerAbsAndRounding(Functions.Registrar r) {
        for (TypeId t : List.of(SMALLINT, INTEGER, BIGINT)) {
            r.add("abs", List.of(t), t, (c, a) -> {
                long v = Values.toLong(a[0]);
                return v < 0 ? Arithmetic.negateInteger(v, t) : a[0];
            });
        }
        r.add("abs", List.of(NUMERIC), NUMERIC, (c, a) -> ((BigDecimal) a[0]).abs());
        r.add("abs", List.of(REAL), REAL, (c, a) -> Math.abs((Float) a[0]));
        r.add("abs", List.of(DOUBLE), DOUBLE, (c, a) -> Math.abs((Double) a[0]));
        for (String name : List.of("ceil", "ceiling")) {
            r.add(name, List.of(DOUBLE), DOUBLE, (c, a) -> Math.ceil((Double) a[0]));
            r.add(name, List.of(NUMERIC), NUMERIC, (c, a) ->
                    ((BigDecimal) a[0]).setScale(0, RoundingMode.CEILING));
        }
        r.add("floor", List.of(DOUBLE), DOUBLE, (c, a) -> Math.floor((Double) a[0]));
        r.add("floor", List.of(NUMERIC), NUMERIC, (c, a) ->
                ((BigDecimal) a[0]).setScale(0, RoundingMode.FLOOR));
        r.add("round", List.of(DOUBLE), DOUBLE, (c, a) -> Math.rint((Double) a[0]));
        r.add("round", List.of(NUMERIC), NUMERIC, (c, a) ->
                ((BigDecimal) a[0]).setScale(0, RoundingMode.HALF_UP));
        r.add("round", List.of(NUMERIC, INTEGER), NUMERIC, (c, a) ->
                roundTo((BigDecimal) a[0], (Integer) a[1], RoundingMode.HALF_UP));
        r.add("trunc", List.of(DOUBLE), DOUBLE, (c, a) -> {
            double d = (Double) a[0];
            return d < 0 ? Math.ceil(d) : Math.floor(d);
        });
        r.add("trunc", List.of(NUMERIC), NUMERIC, (c, a) ->
                ((BigDecimal) a[0]).setScale(0, RoundingMode.DOWN));
        r.add("trunc", List.of(NUMERIC, INTEGER), NUMERIC, (c, a) ->
                roundTo((BigDecimal) a[0], (Integer) a[1], RoundingMode.DOWN));
    }

    private static void registerPowers(Functions.Registrar r) {
        r.add("sqrt", List.of(DOUBLE), DOUBLE, (c, a) -> {
            double d = (Double) a[0];
            if (d < 0) {
                throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                        "cannot take square root of a negative number");
            }
            return Math.sqrt(d);
        });
        r.add("sqrt", List.of(NUMERIC), NUMERIC, (c, a) -> NumericMath.sqrt((BigDecimal) a[0]));
        double1(r, "cbrt", Math::cbrt);
        for (String name : List.of("power", "pow")) {
            r.add(name, List.of(DOUBLE, DOUBLE), DOUBLE,
                    (c, a) -> Arithmetic.power((Double) a[0], (Double) a[1]));
            r.add(name, List.of(NUMERIC, NUMERIC), NUMERIC,
                    (c, a) -> Arithmetic.power((BigDecimal) a[0], (BigDecimal) a[1]));
        }
        r.add("exp", List.of(DOUBLE), DOUBLE, (c, a) -> {
            double d = (Double) a[0];
            double e = Math.exp(d);
            if (Double.isInfinite(e) && !Double.isInfinite(d)) {
                throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "value out of range: overflow");
            }
            if (e == 0 && !Double.isInfinite(d)) {
                throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "value out of range: underflow");
            }
            return e;
        });
        r.add("exp", List.of(NUMERIC), NUMERIC, (c, a) -> NumericMath.exp((BigDecimal) a[0]));
        r.add("ln", List.of(DOUBLE), DOUBLE, (c, a) -> log((Double) a[0], Math::log));
        r.add("ln", List.of(NUMERIC), NUMERIC, (c, a) -> NumericMath.ln((BigDecimal) a[0]));
        for (String name : List.of("log", "log10")) {
            r.add(name, List.of(DOUBLE), DOUBLE, (c, a) -> log((Double) a[0], Math::log10));
            r.add(name, List.of(NUMERIC), NUMERIC,
                    (c, a) -> NumericMath.log(BigDecimal.TEN, (BigDecimal) a[0]));
        }
        r.add("log", List.of(NUMERIC, NUMERIC), NUMERIC,
                (c, a) -> NumericMath.log((BigDecimal) a[0], (BigDecimal) a[1]));
    }

    private static void double1(Functions.Registrar r, String name, DoubleUnaryOperator f) {
        r.add(name, List.of(DOUBLE), DOUBLE, (c, a) -> f.applyAsDouble((Double) a[0]));
    }

    private static double checkedUnit(double result, double x) {
        if (Double.isNaN(result) && !Double.isNaN(x)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
        }
        return result;
    }

    private static double log(double x, DoubleUnaryOperator f) {
        if (x == 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG,
                    "cannot take logarithm of zero");
        }
        if (x < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG,
                    "cannot take logarithm of a negative number");
        }
        return f.applyAsDouble(x);
    }

    /** round/trunc to {@code digits} places; negative digits round left of the point. */
    static BigDecimal roundTo(BigDecimal value, int digits, RoundingMode mode) {
        // PostgreSQL's limits: NUMERIC_DSCALE_MAX after the point, 131073 digits before it
        int bounded = Math.max(Math.min(digits, 16_383), -131_073);
        BigDecimal rounded = value.setScale(bounded, mode);
        return bounded < 0 ? rounded.setScale(0) : rounded;
    }

    /** gcd of two numerics at the larger scale (PostgreSQL: gcd(0.6, 0.4) = 0.2). */
    private static BigDecimal gcd(BigDecimal a, BigDecimal b) {
        int scale = Math.max(Arithmetic.displayScale(a), Arithmetic.displayScale(b));
        BigInteger x = a.setScale(scale).unscaledValue();
        BigInteger y = b.setScale(scale).unscaledValue();
        return new BigDecimal(x.gcd(y), scale);
    }

    /** lcm as |a b| / gcd(a, b), 0 when either is 0; 22003 when an integer result overflows. */
    private static BigDecimal lcm(BigDecimal a, BigDecimal b) {
        int scale = Math.max(Arithmetic.displayScale(a), Arithmetic.displayScale(b));
        if (a.signum() == 0 || b.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        BigDecimal g = gcd(a, b);
        return Arithmetic.checkNumericRange(a.multiply(b).abs().divide(g).setScale(scale,
                java.math.RoundingMode.UNNECESSARY));
    }

    /** div(a, b): the integer quotient truncated toward zero. */
    private static BigDecimal div(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw Arithmetic.divisionByZero();
        }
        return a.divideToIntegralValue(b).setScale(0, RoundingMode.DOWN);
    }
}
