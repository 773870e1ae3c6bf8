package dev.cutaway.sql.engine.prop;

import static dev.cutaway.sql.engine.prop.RefEval.DIV_ZERO;
import static dev.cutaway.sql.engine.prop.RefEval.OUT_OF_RANGE;
import static dev.cutaway.sql.engine.prop.RefEval.err;
import static dev.cutaway.sql.engine.prop.RefEval.val;

import dev.cutaway.sql.engine.prop.RefEval.Out;
import dev.cutaway.sql.engine.prop.RefExpr.T;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Reference arithmetic and comparison, as PostgreSQL 15's int4/int8/numeric/float8 operators
 * behave: integer overflow is 22003, division or modulo by zero 22012 (for float8 too, except
 * NaN / 0), {@code INT_MIN / -1} overflows while {@code INT_MIN % -1} is 0; float8 results
 * that become infinite from finite operands overflow and ones that become 0 from non-zero
 * operands underflow (22003); float8 comparison puts NaN above everything and equal to
 * itself, and {@code -0 = 0}.
 */
final class RefMath {
    private RefMath() {}

    /** {@code v} of numeric type {@code from} as type {@code to} (a promotion: never fails). */
    static Object promote(Object v, T from, T to) {
        if (v == null || from == to) {
            return v;
        }
        return switch (to) {
            case INT8 -> ((Integer) v).longValue();
            case NUM -> BigDecimal.valueOf(((Number) v).longValue());
            case FLOAT8 -> v instanceof BigDecimal b ? b.doubleValue()
                    : ((Number) v).doubleValue();
            default -> throw new IllegalArgumentException(from + " to " + to);
        };
    }

    static Out arith(String op, T type, Object a, Object b) {
        return switch (type) {
            case INT4 -> int4((Integer) a, op, (Integer) b);
            case INT8 -> int8((Long) a, op, (Long) b);
            case NUM -> numeric((BigDecimal) a, op, (BigDecimal) b);
            case FLOAT8 -> float8((Double) a, op, (Double) b);
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static Out int4(int a, String op, int b) {
        if (b == 0 && (op.equals("/") || op.equals("%"))) {
            return err(DIV_ZERO);
        }
        try {
            return val(switch (op) {
                case "+" -> Math.addExact(a, b);
                case "-" -> Math.subtractExact(a, b);
                case "*" -> Math.multiplyExact(a, b);
                case "/" -> Math.divideExact(a, b);
                case "%" -> b == -1 ? 0 : a % b;
                default -> throw new IllegalArgumentException(op);
            });
        } catch (ArithmeticException e) {
            return err(OUT_OF_RANGE);
        }
    }

    private static Out int8(long a, String op, long b) {
        if (b == 0 && (op.equals("/") || op.equals("%"))) {
            return err(DIV_ZERO);
        }
        try {
            return val(switch (op) {
                case "+" -> Math.addExact(a, b);
                case "-" -> Math.subtractExact(a, b);
                case "*" -> Math.multiplyExact(a, b);
                case "/" -> Math.divideExact(a, b);
                case "%" -> b == -1 ? 0L : a % b;
                default -> throw new IllegalArgumentException(op);
            });
        } catch (ArithmeticException e) {
            return err(OUT_OF_RANGE);
        }
    }

    private static Out numeric(BigDecimal a, String op, BigDecimal b) {
        return switch (op) {
            case "+" -> val(a.add(b));
            case "-" -> val(a.subtract(b));
            case "*" -> val(a.multiply(b));
            case "%" -> b.signum() == 0 ? err(DIV_ZERO) : val(a.subtract(
                    a.divideToIntegralValue(b).multiply(b))
                    .setScale(Math.max(a.scale(), b.scale()), RoundingMode.UNNECESSARY));
            default -> throw new IllegalArgumentException("numeric " + op);
        };
    }

    private static Out float8(double a, String op, double b) {
        double r;
        switch (op) {
            case "+" -> r = a + b;
            case "-" -> r = a - b;
            case "*" -> {
                r = a * b;
                if (r == 0 && a != 0 && b != 0) {
                    return err(OUT_OF_RANGE);
                }
            }
            case "/" -> {
                if (b == 0 && !Double.isNaN(a)) {
                    return err(DIV_ZERO);
                }
                r = a / b;
                if (Double.isInfinite(r) && !Double.isInfinite(a)) {
                    return err(OUT_OF_RANGE);
                }
                if (r == 0 && a != 0 && !Double.isInfinite(b)) {
                    return err(OUT_OF_RANGE);
                }
                return val(r);
            }
            default -> throw new IllegalArgumentException("float8 " + op);
        }
        if (Double.isInfinite(r) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            return err(OUT_OF_RANGE);
        }
        return val(r);
    }

    static Out negate(T type, Object v) {
        return switch (type) {
            case INT4 -> (Integer) v == Integer.MIN_VALUE ? err(OUT_OF_RANGE) : val(-(Integer) v);
            case INT8 -> (Long) v == Long.MIN_VALUE ? err(OUT_OF_RANGE) : val(-(Long) v);
            case NUM -> val(((BigDecimal) v).negate());
            case FLOAT8 -> val(-(Double) v);
            default -> throw new IllegalArgumentException("negate " + type);
        };
    }

    /** Compares two non-null values, promoting numeric types to their common type. */
    static int compare(Object a, T ta, Object b, T tb) {
        if (!ta.numeric()) {
            return switch (ta) {
                case TEXT -> Integer.signum(((String) a).compareTo((String) b));
                case BOOL -> Boolean.compare((Boolean) a, (Boolean) b);
                default -> throw new IllegalArgumentException(ta.toString());
            };
        }
        T t = T.promote(ta, tb);
        Object x = promote(a, ta, t);
        Object y = promote(b, tb, t);
        return switch (t) {
            case INT4 -> Integer.compare((Integer) x, (Integer) y);
            case INT8 -> Long.compare((Long) x, (Long) y);
            case NUM -> ((BigDecimal) x).compareTo((BigDecimal) y);
            default -> compareFloat8((Double) x, (Double) y);
        };
    }

    /** PostgreSQL's float8 order: NaN equal to NaN and above everything; -0 equals 0. */
    static int compareFloat8(double x, double y) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        }
        return Double.compare(x + 0.0, y + 0.0);
    }
}
