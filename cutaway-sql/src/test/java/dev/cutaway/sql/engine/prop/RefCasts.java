package dev.cutaway.sql.engine.prop;

import static dev.cutaway.sql.engine.prop.RefEval.AMB;
import static dev.cutaway.sql.engine.prop.RefEval.BAD_TEXT;
import static dev.cutaway.sql.engine.prop.RefEval.OUT_OF_RANGE;
import static dev.cutaway.sql.engine.prop.RefEval.err;
import static dev.cutaway.sql.engine.prop.RefEval.val;

import dev.cutaway.sql.engine.prop.RefEval.Out;
import dev.cutaway.sql.engine.prop.RefExpr.T;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reference casts between the test's types, as PostgreSQL 15 performs them: numeric to
 * integer rounds half away from zero, float8 to integer rounds half to even ({@code rint}),
 * out-of-range results and NaN are 22003; float8 to numeric keeps 15 significant digits;
 * text input trims surrounding spaces, bad syntax is 22P02 and out-of-range integers 22003.
 * Non-finite float8 to numeric (PostgreSQL's numeric NaN and Infinity) is outside what the
 * test compares ({@link RefEval#AMB}).
 */
final class RefCasts {
    private static final Pattern INTEGER = Pattern.compile("\\s*([+-]?\\d+)\\s*");
    private static final Pattern DECIMAL = Pattern.compile(
            "\\s*([+-]?)(\\d+\\.?\\d*|\\.\\d+)(?:[eE]([+-]?\\d+))?\\s*");
    private static final BigDecimal INT4_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT4_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal INT8_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal INT8_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private RefCasts() {}

    static Out cast(Object v, T from, T to) {
        if (from == to) {
            return val(v);
        }
        return switch (to) {
            case TEXT -> val(switch (v) {
                case BigDecimal b -> b.toPlainString();
                case Double d -> throw new IllegalArgumentException("float8 to text");
                default -> v.toString();
            });
            case INT4 -> toInt4(v);
            case INT8 -> toInt8(v);
            case NUM -> toNumeric(v);
            case FLOAT8 -> toFloat8(v);
            case BOOL -> v instanceof String s ? parseBool(s) : val((Integer) v != 0);
        };
    }

    private static Out toInt4(Object v) {
        return switch (v) {
            case Long l -> l == (int) (long) l ? val((int) (long) l) : err(OUT_OF_RANGE);
            case BigDecimal b -> {
                BigDecimal r = b.setScale(0, RoundingMode.HALF_UP);
                yield r.compareTo(INT4_MIN) < 0 || r.compareTo(INT4_MAX) > 0
                        ? err(OUT_OF_RANGE) : val(r.intValueExact());
            }
            case Double d -> {
                double r = Math.rint(d);
                yield Double.isNaN(r) || r < Integer.MIN_VALUE || r >= -(double) Integer.MIN_VALUE
                        ? err(OUT_OF_RANGE) : val((int) r);
            }
            case Boolean b -> val(b ? 1 : 0);
            case String s -> parseInteger(s, INT4_MIN, INT4_MAX, "integer", false);
            default -> throw new IllegalArgumentException(v.toString());
        };
    }

    private static Out toInt8(Object v) {
        return switch (v) {
            case Integer i -> val((long) i);
            case BigDecimal b -> {
                BigDecimal r = b.setScale(0, RoundingMode.HALF_UP);
                yield r.compareTo(INT8_MIN) < 0 || r.compareTo(INT8_MAX) > 0
                        ? err(OUT_OF_RANGE) : val(r.longValueExact());
            }
            case Double d -> {
                double r = Math.rint(d);
                yield Double.isNaN(r) || r < Long.MIN_VALUE || r >= -(double) Long.MIN_VALUE
                        ? err(OUT_OF_RANGE) : val((long) r);
            }
            case String s -> parseInteger(s, INT8_MIN, INT8_MAX, "bigint", true);
            default -> throw new IllegalArgumentException(v.toString());
        };
    }

    private static Out parseInteger(String s, BigDecimal min, BigDecimal max, String type,
            boolean wide) {
        Matcher m = INTEGER.matcher(s);
        if (!m.matches()) {
            return err(BAD_TEXT);
        }
        BigDecimal n = new BigDecimal(new BigInteger(m.group(1)));
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            return err(OUT_OF_RANGE);
        }
        return wide ? val(n.longValueExact()) : val(n.intValueExact());
    }

    private static Out toNumeric(Object v) {
        return switch (v) {
            case Integer i -> val(BigDecimal.valueOf(i));
            case Long l -> val(BigDecimal.valueOf(l));
            case Double d -> Double.isFinite(d) ? val(RefEval.float8ToNumeric(d)) : AMB;
            case String s -> parseNumeric(s);
            default -> throw new IllegalArgumentException(v.toString());
        };
    }

    private static Out parseNumeric(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.equals("nan") || t.endsWith("inf") || t.endsWith("infinity")) {
            return AMB;
        }
        Matcher m = DECIMAL.matcher(s);
        if (!m.matches()) {
            return err(BAD_TEXT);
        }
        String digits = m.group(2);
        int exponent = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int point = digits.indexOf('.');
        int fraction = point < 0 ? 0 : digits.length() - point - 1;
        BigDecimal b = new BigDecimal(m.group(1) + digits).movePointRight(exponent);
        return val(b.setScale(Math.max(0, fraction - exponent), RoundingMode.UNNECESSARY));
    }

    private static Out toFloat8(Object v) {
        return switch (v) {
            case Integer i -> val((double) i);
            case Long l -> val((double) l);
            case BigDecimal b -> val(b.doubleValue());
            case String s -> parseFloat8(s);
            default -> throw new IllegalArgumentException(v.toString());
        };
    }

    private static Out parseFloat8(String s) {
        String t = s.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan" -> {
                return val(Double.NaN);
            }
            case "infinity", "+infinity", "inf", "+inf" -> {
                return val(Double.POSITIVE_INFINITY);
            }
            case "-infinity", "-inf" -> {
                return val(Double.NEGATIVE_INFINITY);
            }
            default -> { }
        }
        if (!DECIMAL.matcher(s).matches()) {
            return err(BAD_TEXT);
        }
        BigDecimal exact = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
        double d = exact.doubleValue();
        if (Double.isInfinite(d) || d == 0 && exact.signum() != 0) {
            return err(OUT_OF_RANGE);
        }
        return val(t.startsWith("-") && d == 0 ? -0.0 : d);
    }

    private static Out parseBool(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            return err(BAD_TEXT);
        }
        if (t.equals("1") || t.equals("0")) {
            return val(t.equals("1"));
        }
        if ("true".startsWith(t) || "yes".startsWith(t)
                || t.length() >= 2 && "on".startsWith(t)) {
            return val(true);
        }
        if ("false".startsWith(t) || "no".startsWith(t)
                || t.length() >= 2 && "off".startsWith(t)) {
            return val(false);
        }
        return err(BAD_TEXT);
    }
}
