package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Arithmetic with PostgreSQL's semantics for the numeric types.
 *
 * <ul>
 *   <li>Integers: exact in 64 bits, then narrowed to the result type; a result outside it is
 *       22003 {@code smallint out of range} / {@code integer out of range} /
 *       {@code bigint out of range}. Division truncates toward zero; {@code x / 0} and
 *       {@code x % 0} are 22012 {@code division by zero}; {@code MIN % -1} is 0.</li>
 *   <li>numeric: + and - keep the larger scale, * the sum of the scales, % the larger scale;
 *       / uses PostgreSQL's {@code select_div_scale}: at least 16 significant digits, at least
 *       either input's scale, at most 1000 (rounded half away from zero).</li>
 *   <li>real and double precision: IEEE arithmetic, but an infinite result from finite
 *       inputs is 22003 {@code value out of range: overflow}, and a zero product or quotient
 *       of non-zero inputs {@code value out of range: underflow}; division by zero is 22012.
 *       </li>
 * </ul>
 */
public final class Arithmetic {
    static final int NUMERIC_MIN_SIG_DIGITS = 16;
    static final int NUMERIC_MAX_DISPLAY_SCALE = 1000;

    private Arithmetic() {}

    static SqlException outOfRange(TypeId id) {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                id.displayName() + " out of range");
    }

    static SqlException divisionByZero() {
        return new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    /** {@code value} as the Java type of integer type {@code id}, or 22003. */
    static Object narrow(long value, TypeId id) {
        return switch (id) {
            case SMALLINT -> {
                if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
                    throw outOfRange(id);
                }
                yield (short) value;
            }
            case INTEGER -> {
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw outOfRange(id);
                }
                yield (int) value;
            }
            case BIGINT -> value;
            default -> throw new IllegalArgumentException("not an integer type: " + id);
        };
    }

    /** Integer arithmetic for op in + - * / %, narrowed to {@code result}. */
    public static Object integer(char op, long a, long b, TypeId result) {
        try {
            long r = switch (op) {
                case '+' -> Math.addExact(a, b);
                case '-' -> Math.subtractExact(a, b);
                case '*' -> Math.multiplyExact(a, b);
                case '/' -> {
                    if (b == 0) {
                        throw divisionByZero();
                    }
                    yield Math.divideExact(a, b);
                }
                case '%' -> {
                    if (b == 0) {
                        throw divisionByZero();
                    }
                    yield b == -1 ? 0 : a % b;
                }
                default -> throw new IllegalArgumentException("operator " + op);
            };
            return narrow(r, result);
        } catch (ArithmeticException e) {
            throw outOfRange(result);
        }
    }

    /** Unary minus of an integer of type {@code id}. */
    public static Object negateInteger(long a, TypeId id) {
        if (a == Long.MIN_VALUE) {
            throw outOfRange(id);
        }
        return narrow(-a, id);
    }

    /** numeric arithmetic for op in + - * / %. */
    public static BigDecimal numeric(char op, BigDecimal a, BigDecimal b) {
        return switch (op) {
            case '+' -> a.add(b);
            case '-' -> a.subtract(b);
            case '*' -> checkNumericRange(a.multiply(b));
            case '/' -> divide(a, b);
            case '%' -> {
                if (b.signum() == 0) {
                    throw divisionByZero();
                }
                yield a.remainder(b).setScale(Math.max(a.scale(), b.scale()),
                        RoundingMode.UNNECESSARY);
            }
            default -> throw new IllegalArgumentException("operator " + op);
        };
    }

    /** numeric division with PostgreSQL's result scale. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.divide(b, divisionScale(a, b), RoundingMode.HALF_UP);
    }

    /** PostgreSQL's {@code select_div_scale}, with its base-10000 digit weights. */
    static int divisionScale(BigDecimal a, BigDecimal b) {
        int weight1 = weight(a);
        int weight2 = weight(b);
        int qweight = weight1 - weight2;
        if (firstDigit(a, weight1) <= firstDigit(b, weight2)) {
            qweight--;
        }
        int scale = NUMERIC_MIN_SIG_DIGITS - qweight * 4;
        scale = Math.max(scale, Math.max(displayScale(a), displayScale(b)));
        return Math.min(Math.max(scale, 0), NUMERIC_MAX_DISPLAY_SCALE);
    }

    static int displayScale(BigDecimal value) {
        return Math.max(value.scale(), 0);
    }

    /** The base-10000 weight of the first non-zero digit group (0 for zero). */
    static int weight(BigDecimal value) {
        if (value.signum() == 0) {
            return 0;
        }
        int exponent = value.precision() - value.scale() - 1; // decimal exponent of first digit
        return Math.floorDiv(exponent, 4);
    }

    /** The first base-10000 digit (1..9999; 0 for zero). */
    static int firstDigit(BigDecimal value, int weight) {
        if (value.signum() == 0) {
            return 0;
        }
        return value.abs().movePointLeft(4 * weight).setScale(0, RoundingMode.DOWN).intValue();
    }

    /** Integer digits numeric can hold (PostgreSQL: 32767 base-10000 digit groups). */
    static final int NUMERIC_INTEGER_DIGITS_MAX = 131_072;

    /** 22003 {@code value overflows numeric format} when {@code value} is too large. */
    static BigDecimal checkNumericRange(BigDecimal value) {
        if (value.signum() != 0 && value.precision() - value.scale() > NUMERIC_INTEGER_DIGITS_MAX) {
            throw numericOverflow();
        }
        return value;
    }

    static SqlException numericOverflow() {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value overflows numeric format");
    }

    /**
     * numeric ^ numeric as PostgreSQL 15: an integer exponent that fits in 32 bits is computed
     * exactly and rounded to max(16, base's scale) digits; any other exponent through
     * exp(y ln x) at 16 significant digits (at least the inputs' scales, at most 1000). A
     * result whose magnitude is below 10^-1000 (or the chosen scale) is 0; one too large for
     * numeric is 22003 {@code value overflows numeric format}.
     */
    public static BigDecimal power(BigDecimal base, BigDecimal exponent) {
        if (base.signum() == 0 && exponent.signum() < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        boolean integral = exponent.signum() == 0 || exponent.stripTrailingZeros().scale() <= 0;
        if (base.signum() < 0 && !integral) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        if (integral && exponent.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return integerPower(base, exponent.intValueExact());
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(Math.max(NUMERIC_MIN_SIG_DIGITS,
                    Math.max(displayScale(base), displayScale(exponent))));
        }
        double lnResult = exponent.doubleValue() * log10Abs(base) * Math.log(10);
        if (Math.abs(lnResult) > 2000 * 3.01) {
            if (lnResult > 0) {
                throw numericOverflow();
            }
            return BigDecimal.ZERO.setScale(NUMERIC_MAX_DISPLAY_SCALE);
        }
        int scale = NUMERIC_MIN_SIG_DIGITS - (int) (lnResult * 0.434294481903252);
        scale = Math.max(scale, Math.max(displayScale(base), displayScale(exponent)));
        scale = Math.min(Math.max(scale, 0), NUMERIC_MAX_DISPLAY_SCALE);
        BigDecimal magnitude = NumericMath.powerFractional(base.abs(), exponent, scale);
        boolean odd = integral && exponent.toBigInteger().testBit(0);
        return checkNumericRange(base.signum() < 0 && odd ? magnitude.negate() : magnitude);
    }

    private static BigDecimal integerPower(BigDecimal base, int n) {
        int scale = Math.min(Math.max(NUMERIC_MIN_SIG_DIGITS, displayScale(base)),
                NUMERIC_MAX_DISPLAY_SCALE);
        if (n == 0) {
            return BigDecimal.ONE.setScale(scale);
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        double digits = n * log10Abs(base); // decimal weight of the result
        if (digits > NUMERIC_INTEGER_DIGITS_MAX + 1) {
            throw numericOverflow();
        }
        if (digits + 1 < -scale) {
            return BigDecimal.ZERO.setScale(scale);
        }
        BigDecimal magnitude = base.pow(Math.abs(n));
        BigDecimal result = n > 0 ? magnitude
                : BigDecimal.ONE.divide(magnitude, scale + 4, RoundingMode.HALF_UP);
        return checkNumericRange(result.setScale(scale, RoundingMode.HALF_UP));
    }

    /** log10 |x| for non-zero x, without overflow for huge or tiny values. */
    static double log10Abs(BigDecimal x) {
        int exponent = x.precision() - x.scale() - 1;
        return exponent + Math.log10(x.abs().movePointLeft(exponent).doubleValue());
    }

    /** double arithmetic for op in + - * /, with PostgreSQL's overflow checks. */
    public static double doubleOp(char op, double a, double b) {
        double r = switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> {
                if (b == 0 && !Double.isNaN(a)) {   // PostgreSQL: NaN / 0 is NaN
                    throw divisionByZero();
                }
                yield a / b;
            }
            default -> throw new IllegalArgumentException("operator " + op);
        };
        return checkFloat(r, a, b, op, Double.isInfinite(r));
    }

    /** real arithmetic for op in + - * /, computed in float as PostgreSQL does. */
    public static float realOp(char op, float a, float b) {
        float r = switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            case '*' -> a * b;
            case '/' -> {
                if (b == 0 && !Double.isNaN(a)) {   // PostgreSQL: NaN / 0 is NaN
                    throw divisionByZero();
                }
                yield a / b;
            }
            default -> throw new IllegalArgumentException("operator " + op);
        };
        checkFloat(r, a, b, op, Float.isInfinite(r));
        return r;
    }

    private static double checkFloat(double r, double a, double b, char op, boolean infinite) {
        if (infinite && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value out of range: overflow");
        }
        boolean underflow = switch (op) {
            case '*' -> a != 0 && b != 0;
            case '/' -> a != 0 && !Double.isInfinite(b);
            case '^' -> a != 0 && !Double.isInfinite(a) && !Double.isInfinite(b);
            default -> false;
        };
        if (r == 0 && underflow) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value out of range: underflow");
        }
        return r;
    }

    /** double ^ double with PostgreSQL's errors. */
    public static double power(double base, double exponent) {
        if (base == 0 && exponent < 0) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "zero raised to a negative power is undefined");
        }
        if (base < 0 && exponent != Math.floor(exponent) && !Double.isInfinite(exponent)) {
            throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        double r = Math.pow(base, exponent);
        return checkFloat(r, base, exponent, '^', Double.isInfinite(r));
    }
}
