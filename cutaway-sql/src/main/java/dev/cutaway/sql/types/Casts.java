package dev.cutaway.sql.types;

import static dev.cutaway.sql.types.CastContext.ASSIGNMENT;
import static dev.cutaway.sql.types.CastContext.EXPLICIT;
import static dev.cutaway.sql.types.CastContext.IMPLICIT;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Casts between SQL types with PostgreSQL's rules: which casts exist and in which
 * {@link CastContext} ({@link #castContext}), and what they do to values ({@link #cast}).
 *
 * <p>The table (I implicit, A assignment, E explicit), as PostgreSQL's {@code pg_cast}:
 * <pre>
 *   int2 -> int4 int8 numeric float4 float8           I
 *   int4 -> int8 numeric float4 float8 I;  int2 A;  bool E
 *   int8 -> numeric float4 float8 I;  int2 int4 A
 *   numeric -> float4 float8 I;  int2 int4 int8 A
 *   float4 -> float8 I;  int2 int4 int8 numeric A;   float8 -> everything numeric A
 *   bool -> int4 E
 *   text, varchar, bpchar -> each other I;  -> any other type E (through its text input)
 *   any type -> text, varchar, bpchar A (through its text output)
 *   date -> timestamp timestamptz I;  timestamp -> timestamptz I, date time A
 *   timestamptz -> date time timestamp A;  time -> interval I;  interval -> time A
 *   unknown (an untyped literal) -> any type I (through the type's text input)
 * </pre>
 *
 * <p>Value rules: boolean to text is {@code true}/{@code false} (not the t/f of its output
 * function, as PostgreSQL's {@code booltext}); narrowing integers check the range (22003
 * {@code integer out of range});
 * numeric to integer rounds half away from zero, float to integer rounds half to even
 * ({@code rint}); float to numeric keeps 15 (real: 6) significant digits like PostgreSQL's
 * {@code %.15g}; a numeric(p,s) target rounds half away from zero to s digits and raises 22003
 * {@code numeric field overflow} when the integer part has more than p-s digits; bpchar loses
 * its trailing spaces when cast to text or varchar; varchar(n)/char(n) truncate under an
 * explicit cast and raise 22001 otherwise unless only spaces are cut; char(n) pads to n.
 * Timestamps with a zone convert through the session zone.
 */
public final class Casts {
    private Casts() {}

    /** A resolved cast, applied per row. */
    @FunctionalInterface
    public interface CastFunction {
        Object apply(Object value, ZoneId zone);
    }

    /** The least context in which {@code from -> to} is allowed (ignoring modifiers), or null. */
    public static CastContext castContext(TypeId from, TypeId to) {
        if (from == to || from == TypeId.UNKNOWN) {
            return IMPLICIT;
        }
        if (from == TypeId.INT2VECTOR || from == TypeId.OIDVECTOR) {
            return to == TypeId.ARRAY ? IMPLICIT : to.isString() ? ASSIGNMENT : null;
        }
        if (from == TypeId.ARRAY || from == TypeId.RECORD) {
            return to.isString() ? ASSIGNMENT : null;
        }
        if (to.isArray() || to == TypeId.RECORD) {
            return from.isString() && to != TypeId.RECORD ? EXPLICIT : null;
        }
        if (from.isString() && to.isString()) {
            return IMPLICIT;
        }
        if (to.isString()) {
            return ASSIGNMENT;
        }
        if (from.isString()) {
            return EXPLICIT;
        }
        if (from.isNumeric() && to.isNumeric()) {
            return numericRank(from) < numericRank(to) ? IMPLICIT : ASSIGNMENT;
        }
        return switch (from) {
            case INTEGER -> to == TypeId.BOOLEAN ? EXPLICIT : null;
            case BOOLEAN -> to == TypeId.INTEGER ? EXPLICIT : null;
            case DATE -> to == TypeId.TIMESTAMP || to == TypeId.TIMESTAMPTZ ? IMPLICIT : null;
            case TIMESTAMP -> to == TypeId.TIMESTAMPTZ ? IMPLICIT
                    : to == TypeId.DATE || to == TypeId.TIME ? ASSIGNMENT : null;
            case TIMESTAMPTZ -> to == TypeId.DATE || to == TypeId.TIME
                    || to == TypeId.TIMESTAMP ? ASSIGNMENT : null;
            case TIME -> to == TypeId.INTERVAL ? IMPLICIT : null;
            case INTERVAL -> to == TypeId.TIME ? ASSIGNMENT : null;
            default -> null;
        };
    }

    /** int2 0, int4 1, int8 2, numeric 3, float4 4, float8 5: the implicit promotion order. */
    static int numericRank(TypeId id) {
        return switch (id) {
            case SMALLINT -> 0;
            case INTEGER -> 1;
            case BIGINT -> 2;
            case NUMERIC -> 3;
            case REAL -> 4;
            case DOUBLE -> 5;
            default -> throw new IllegalArgumentException("not numeric: " + id);
        };
    }

    /** Whether {@code from} can be cast to {@code to} in {@code context}. */
    public static boolean canCast(TypeId from, TypeId to, CastContext context) {
        CastContext least = castContext(from, to);
        return least != null && least.allowedIn(context);
    }

    /**
     * Resolves the cast {@code from -> to} in {@code context}; 42846 {@code cannot cast type
     * integer to date} when it does not exist (in that context).
     */
    public static CastFunction resolve(SqlType from, SqlType to, CastContext context) {
        boolean composite = from.isArray() || to.isArray() || from.id() == TypeId.RECORD
                || to.id() == TypeId.RECORD;
        CastFunction special = composite ? ArrayCasts.resolve(from, to, context) : null;
        if (special != null) {
            return special;
        }
        if (composite || !canCast(from.id(), to.id(), context)) {
            throw new SqlException(SqlState.CANNOT_COERCE,
                    "cannot cast type " + shownName(from) + " to " + shownName(to));
        }
        if (from.equals(to)) {
            return (value, zone) -> value;
        }
        return (value, zone) -> convert(value, from, to, context, zone);
    }

    /** A type's name in cast messages: without modifiers, {@code integer[]} for arrays. */
    static String shownName(SqlType t) {
        return t.id() == TypeId.ARRAY ? t.base().displayName() : t.id().displayName();
    }

    /** An explicit cast in UTC: {@code CAST(value AS to)}. */
    public static Object cast(Object value, SqlType from, SqlType to) {
        return cast(value, from, to, EXPLICIT, ZoneOffset.UTC);
    }

    /** Casts {@code value} of type {@code from} to {@code to} in {@code context}. */
    public static Object cast(Object value, SqlType from, SqlType to, CastContext context,
            ZoneId zone) {
        return resolve(from, to, context).apply(value, zone);
    }

    private static Object convert(Object value, SqlType from, SqlType to, CastContext context,
            ZoneId zone) {
        if (value == null) {
            return null;
        }
        Values.checkRepresentation(value, from);
        Object base = convertBase(value, from, to.id(), zone);
        return applyModifiers(base, to, context);
    }

    private static Object convertBase(Object value, SqlType from, TypeId to, ZoneId zone) {
        TypeId f = from.id();
        if (f == to) {
            return value;
        }
        if (f == TypeId.UNKNOWN || (f.isString() && !to.isString())) {
            return ValueText.parse((String) value, SqlType.of(to), zone);
        }
        if (to.isString()) {
            if (f == TypeId.CHAR) {
                return to == TypeId.CHAR ? value : stripTrailingSpaces((String) value);
            }
            if (value instanceof Boolean b) {
                return b ? "true" : "false"; // booltext, unlike the output function's t/f
            }
            return ValueText.format(value, from, zone);
        }
        if (f.isNumeric() && to.isNumeric()) {
            return convertNumber(value, to);
        }
        return switch (value) {
            case Integer i -> i != 0;
            case Boolean b -> b ? 1 : 0;
            case LocalDate d -> to == TypeId.TIMESTAMP ? d.atStartOfDay()
                    : d.atStartOfDay(zone).toInstant();
            case LocalDateTime t -> switch (to) {
                case TIMESTAMPTZ -> t.atZone(zone).toInstant();
                case DATE -> t.toLocalDate();
                default -> t.toLocalTime();
            };
            case Instant t -> switch (to) {
                case TIMESTAMP -> LocalDateTime.ofInstant(t, zone);
                case DATE -> LocalDate.ofInstant(t, zone);
                default -> LocalTime.ofInstant(t, zone);
            };
            case LocalTime t -> new Interval(0, 0, t.toNanoOfDay() / 1000);
            case Interval i -> LocalTime.ofNanoOfDay(
                    Math.floorMod(i.micros(), Interval.MICROS_PER_DAY) * 1000);
            default -> throw new IllegalStateException("no conversion " + f + " -> " + to);
        };
    }

    /** PostgreSQL's {@code rtrim} of bpchar's padding (spaces only). */
    static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Converts between numeric types (Short, Integer, Long, BigDecimal, Float, Double). */
    static Object convertNumber(Object value, TypeId to) {
        return switch (to) {
            case SMALLINT, INTEGER, BIGINT -> toInteger(value, to);
            case NUMERIC -> toNumeric(value);
            case REAL -> toReal(value);
            case DOUBLE -> toDoubleChecked(value);
            default -> throw new IllegalArgumentException("not numeric: " + to);
        };
    }

    private static Object toInteger(Object value, TypeId to) {
        long result = switch (value) {
            case Short s -> s;
            case Integer i -> i;
            case Long l -> l;
            case BigDecimal d -> {
                BigDecimal rounded = d.setScale(0, RoundingMode.HALF_UP);
                if (rounded.toBigInteger().bitLength() > 63) {
                    throw Arithmetic.outOfRange(to);
                }
                yield rounded.longValueExact();
            }
            case Float f -> roundFloat(f, to);
            case Double d -> roundFloat(d, to);
            default -> throw new IllegalArgumentException("not a number: " + value);
        };
        return Arithmetic.narrow(result, to);
    }

    private static long roundFloat(double d, TypeId to) {
        double r = Math.rint(d);
        if (Double.isNaN(r) || r < -0x1p63 || r >= 0x1p63) {
            throw Arithmetic.outOfRange(to);
        }
        return (long) r;
    }

    private static BigDecimal toNumeric(Object value) {
        return switch (value) {
            case Float f -> floatToNumeric(f, 6);
            case Double d -> floatToNumeric(d, 15);
            default -> Values.toBigDecimal(value);
        };
    }

    private static BigDecimal floatToNumeric(double d, int digits) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "cannot convert " + NumberText.formatDouble(d) + " to numeric");
        }
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(digits,
                RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }

    private static Float toReal(Object value) {
        double d = Values.toDouble(value);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value out of range: overflow");
        }
        if (f == 0 && d != 0) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value out of range: underflow");
        }
        return f;
    }

    private static Double toDoubleChecked(Object value) {
        double d = Values.toDouble(value);
        if (value instanceof BigDecimal && Double.isInfinite(d)) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value out of range: overflow");
        }
        return d;
    }

    /**
     * Applies {@code type}'s modifiers to a value already of its base type: numeric(p,s)
     * rounding and overflow, varchar(n)/char(n) length, fractional-second precision.
     */
    public static Object applyModifiers(Object value, SqlType type, CastContext context) {
        if (value == null) {
            return null;
        }
        return switch (type.id()) {
            case NUMERIC -> type.hasModifiers()
                    ? roundNumeric((BigDecimal) value, type.precision(), type.scale()) : value;
            case VARCHAR -> type.hasModifiers()
                    ? fitLength((String) value, type, context) : value;
            case CHAR -> type.hasModifiers() ? padChar(fitLength((String) value, type, context),
                    type.length()) : value;
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> type.hasModifiers()
                    ? DateTimeMath.roundToPrecision(value, type.precision()) : value;
            default -> value;
        };
    }

    /** Rounds to numeric(p,s), raising 22003 when the integer part does not fit. */
    public static BigDecimal roundNumeric(BigDecimal value, int precision, int scale) {
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        int integerDigits = rounded.signum() == 0 ? 0 : rounded.precision() - rounded.scale();
        int maxDigits = precision - scale;
        if (integerDigits > maxDigits) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "numeric field overflow", 0,
                    "A field with precision " + precision + ", scale " + scale
                    + " must round to an absolute value less than "
                    + (maxDigits > 0 ? "10^" + maxDigits : "1") + ".", null, null);
        }
        return rounded;
    }

    private static String fitLength(String value, SqlType type, CastContext context) {
        int max = type.length();
        int count = value.codePointCount(0, value.length());
        if (count <= max) {
            return value;
        }
        int cut = value.offsetByCodePoints(0, max);
        if (context != EXPLICIT) {
            for (int i = cut; i < value.length(); i++) {
                if (value.charAt(i) != ' ') {
                    throw new SqlException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                            "value too long for type " + type.displayName());
                }
            }
        }
        return value.substring(0, cut);
    }

    private static String padChar(String value, int length) {
        int count = value.codePointCount(0, value.length());
        return count >= length ? value : value + " ".repeat(length - count);
    }
}
