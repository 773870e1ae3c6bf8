package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Transcendental functions on numeric (sqrt, exp, ln, log, power with a fractional
 * exponent) computed exactly enough in BigDecimal, with PostgreSQL's result scales: each
 * function keeps about 16 significant digits ({@code NUMERIC_MIN_SIG_DIGITS}) and never fewer
 * fraction digits than its inputs have. Iterations and working precision are bounded.
 */
final class NumericMath {
    private static final int MIN_SIG = Arithmetic.NUMERIC_MIN_SIG_DIGITS;
    private static final int ITERATIONS_MAX = 2_000;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /** exp overflows numeric's range well before this argument. */
    private static final BigDecimal EXP_ARGUMENT_MAX = BigDecimal.valueOf(300_000);

    private NumericMath() {}

    private static int clampScale(int scale) {
        return Math.min(Math.max(scale, 0), Arithmetic.NUMERIC_MAX_DISPLAY_SCALE);
    }

    static BigDecimal sqrt(BigDecimal x) {
        if (x.signum() < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "cannot take square root of a negative number");
        }
        int sweight = (Arithmetic.weight(x) + 1) * 4 / 2 - 1;
        int scale = clampScale(Math.max(MIN_SIG - sweight, Arithmetic.displayScale(x)));
        if (x.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        MathContext mc = new MathContext(x.precision() + scale + 10);
        return x.sqrt(mc).setScale(scale, RoundingMode.HALF_UP);
    }

    static BigDecimal exp(BigDecimal x) {
        if (x.compareTo(EXP_ARGUMENT_MAX) > 0) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value overflows numeric format");
        }
        double log10 = Math.max(Math.min(x.doubleValue() * 0.434294481903252, 2000), -2000);
        int scale = clampScale(Math.max(MIN_SIG - (int) log10, Arithmetic.displayScale(x)));
        if (x.compareTo(EXP_ARGUMENT_MAX.negate()) < 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        int digits = scale + Math.max((int) log10, 0) + 12;
        return expRaw(x, new MathContext(digits)).setScale(scale, RoundingMode.HALF_UP);
    }

    /** e^x to about {@code mc} significant digits: halve until small, Taylor, square back. */
    private static BigDecimal expRaw(BigDecimal x, MathContext mc) {
        int halvings = 0;
        BigDecimal reduced = x;
        while (reduced.abs().compareTo(BigDecimal.valueOf(0.5)) > 0) {
            reduced = reduced.divide(TWO, mc);
            halvings++;
        }
        MathContext work = new MathContext(mc.getPrecision() + halvings / 3 + 5);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(work.getPrecision() + 2);
        for (int n = 1; n < ITERATIONS_MAX; n++) {
            term = term.multiply(reduced, work).divide(BigDecimal.valueOf(n), work);
            sum = sum.add(term, work);
            if (term.abs().compareTo(epsilon) < 0) {
                break;
            }
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, work);
        }
        return sum.round(mc);
    }

    static BigDecimal ln(BigDecimal x) {
        checkLogArgument(x);
        int scale = clampScale(Math.max(MIN_SIG - lnDecimalWeight(x),
                Arithmetic.displayScale(x)));
        return lnRaw(x, new MathContext(scale + 20)).setScale(scale, RoundingMode.HALF_UP);
    }

    /** log base {@code base} of {@code x}, PostgreSQL's {@code log(b, x)} scale. */
    static BigDecimal log(BigDecimal base, BigDecimal x) {
        checkLogArgument(base);
        checkLogArgument(x);
        if (base.compareTo(BigDecimal.ONE) == 0) {
            throw Arithmetic.divisionByZero();
        }
        int dweight = lnDecimalWeight(x) - lnDecimalWeight(base);
        int scale = clampScale(Math.max(MIN_SIG - dweight,
                Math.max(Arithmetic.displayScale(base), Arithmetic.displayScale(x))));
        MathContext mc = new MathContext(scale + 25);
        return lnRaw(x, mc).divide(lnRaw(base, mc), mc).setScale(scale, RoundingMode.HALF_UP);
    }

    /** PostgreSQL's {@code estimate_ln_dweight}: the decimal weight of ln(x), roughly. */
    private static int lnDecimalWeight(BigDecimal x) {
        if (x.compareTo(new BigDecimal("0.9")) >= 0 && x.compareTo(new BigDecimal("1.1")) <= 0) {
            BigDecimal d = x.subtract(BigDecimal.ONE);
            return d.signum() == 0 ? 0 : d.precision() - d.scale() - 1;
        }
        int exponent = x.precision() - x.scale() - 1;
        double mantissa = x.movePointLeft(exponent).doubleValue();
        double ln = Math.log(mantissa) + exponent * 2.302585092994046;
        return ln == 0 ? 0 : (int) Math.log10(Math.abs(ln));
    }

    private static void checkLogArgument(BigDecimal x) {
        if (x.signum() == 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG,
                    "cannot take logarithm of zero");
        }
        if (x.signum() < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG,
                    "cannot take logarithm of a negative number");
        }
    }

    /** ln x = ln m + e ln 10 with m in [1, 10); ln m by Newton's method on exp. */
    private static BigDecimal lnRaw(BigDecimal x, MathContext mc) {
        int exponent = x.precision() - x.scale() - 1;
        BigDecimal m = x.movePointLeft(exponent);
        MathContext work = new MathContext(mc.getPrecision() + 10);
        BigDecimal result = lnNewton(m, work);
        if (exponent != 0) {
            result = result.add(lnNewton(BigDecimal.TEN, work)
                    .multiply(BigDecimal.valueOf(exponent), work), work);
        }
        return result.round(mc);
    }

    private static BigDecimal lnNewton(BigDecimal m, MathContext mc) {
        BigDecimal y = new BigDecimal(Math.log(m.doubleValue()));
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(mc.getPrecision() - 2);
        for (int i = 0; i < 50; i++) {
            BigDecimal e = expRaw(y, mc);
            BigDecimal step = TWO.multiply(m.subtract(e, mc), mc).divide(m.add(e, mc), mc);
            y = y.add(step, mc);
            if (step.abs().compareTo(epsilon) < 0) {
                break;
            }
        }
        return y;
    }

    /** x ^ y for a fractional y: exp(y ln x), at PostgreSQL's power scale. */
    static BigDecimal powerFractional(BigDecimal x, BigDecimal y, int scale) {
        MathContext mc = new MathContext(scale + 30);
        BigDecimal exponent = y.multiply(lnRaw(x, mc), mc);
        if (exponent.compareTo(EXP_ARGUMENT_MAX.negate()) < 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        if (exponent.compareTo(EXP_ARGUMENT_MAX) > 0) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value overflows numeric format");
        }
        return expRaw(exponent, mc).setScale(scale, RoundingMode.HALF_UP);
    }
}
