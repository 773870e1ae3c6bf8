package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Text input and output of the numeric types, as PostgreSQL 15 does it.
 *
 * <ul>
 *   <li>Integers: optional white space, an optional sign, decimal digits, optional white
 *       space. Anything else is 22P02 {@code invalid input syntax for type integer: "x"}; a
 *       value that does not fit is 22003 {@code value "x" is out of range for type integer}.
 *   </li>
 *   <li>numeric: {@code [sign] digits [. digits] [e [sign] digits]}; the display scale is the
 *       number of fraction digits minus the exponent, never below 0. NaN and Infinity exist in
 *       PostgreSQL's numeric but have no BigDecimal form: they are refused with 0A000.</li>
 *   <li>real / double precision: the same syntax plus {@code NaN}, {@code Infinity},
 *       {@code inf} (case-insensitive, signed). Overflow and underflow (a non-zero input that
 *       rounds to 0) are 22003 {@code "1e400" is out of range for type double precision}.
 *       Output is the shortest text that reads back as the same value (PostgreSQL 12+ with
 *       extra_float_digits = 1): exponent form {@code 1e+15} when the decimal exponent is below
 *       -4 or at least 15 (real: 6), else plain; {@code -0}, {@code NaN}, {@code Infinity}.</li>
 * </ul>
 */
public final class NumberText {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Longest numeric text read: numeric's own limits (131072 + 16383 digits) and a sign. */
    static final int NUMERIC_TEXT_CHARS_MAX = 131_072 + 16_383 + 16;

    private NumberText() {}

    /** Parses an integer of type smallint, integer or bigint (returns Short/Integer/Long). */
    public static Object parseInteger(String text, TypeId id) {
        String s = strip(text);
        int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        if (s.length() == start || s.length() - start > 400) {
            throw invalid(id, text);
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(id, text);
            }
        }
        BigInteger value = new BigInteger(s.startsWith("+") ? s.substring(1) : s);
        if (value.compareTo(LONG_MIN) < 0 || value.compareTo(LONG_MAX) > 0) {
            throw outOfRange(id, text);
        }
        long v = value.longValue();
        return switch (id) {
            case SMALLINT -> {
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw outOfRange(id, text);
                }
                yield (short) v;
            }
            case INTEGER -> {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(id, text);
                }
                yield (int) v;
            }
            case BIGINT -> v;
            default -> throw new IllegalArgumentException("not an integer type: " + id);
        };
    }

    /** Parses a numeric; the result's scale is at least 0. */
    public static BigDecimal parseNumeric(String text) {
        String s = strip(text);
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("nan") || lower.matches("[+-]?inf(inity)?")) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "numeric value \"" + s + "\" (NaN or infinity) is not supported");
        }
        if (!isDecimalSyntax(s)) {
            throw invalid(TypeId.NUMERIC, text);
        }
        if (s.length() > NUMERIC_TEXT_CHARS_MAX) {
            throw outOfRangeNumeric();
        }
        BigDecimal value;
        try {
            value = new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw outOfRangeNumeric();
        }
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        if (value.scale() > 16383 || value.precision() - value.scale() > 131072) {
            throw outOfRangeNumeric();
        }
        return value;
    }

    /** Parses a double precision value. */
    public static double parseDouble(String text) {
        return parseFloating(text, TypeId.DOUBLE);
    }

    /** Parses a real value. */
    public static float parseReal(String text) {
        return (float) parseFloating(text, TypeId.REAL);
    }

    private static double parseFloating(String text, TypeId id) {
        String s = strip(text);
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+")
                ? lower.substring(1) : lower;
        boolean negative = lower.startsWith("-");
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.equals("infinity") || unsigned.equals("inf")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!isDecimalSyntax(s)) {
            throw invalid(id, text);
        }
        double value = id == TypeId.REAL ? Float.parseFloat(s) : Double.parseDouble(s);
        if (Double.isInfinite(value) || (value == 0 && hasNonZeroDigit(s))) {
            throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "\"" + text + "\" is out of range for type " + id.displayName());
        }
        return value;
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /** {@code [sign] (digits [. [digits]] | . digits) [(e|E) [sign] digits]}. */
    static boolean isDecimalSyntax(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0 || expDigits > 9) {
                return false;
            }
        }
        return i == n;
    }

    /** Removes the white space PostgreSQL's {@code isspace} skips around a number. */
    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /** PostgreSQL's text for a numeric: plain digits, keeping the scale. */
    public static String formatNumeric(BigDecimal value) {
        return (value.scale() < 0 ? value.setScale(0) : value).toPlainString();
    }

    /** Shortest round-trip text of a double, as PostgreSQL 12+ prints it. */
    public static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return formatShortest(Double.toString(value), 15);
    }

    /** Shortest round-trip text of a real, as PostgreSQL 12+ prints it. */
    public static String formatReal(float value) {
        if (Float.isNaN(value)) {
            return "NaN";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return formatShortest(Float.toString(value), 6);
    }

    /**
     * Formats the shortest digits Java found ({@code Double.toString} is shortest round-trip
     * since JDK 19) in C's {@code %g} layout with PostgreSQL's exponent threshold.
     */
    private static String formatShortest(String javaText, int exponentMax) {
        BigDecimal exact = new BigDecimal(javaText).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        StringBuilder out = new StringBuilder(24);
        if (exact.signum() < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= exponentMax) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            out.append(magnitude);
        } else {
            out.append(exact.abs().toPlainString());
        }
        return out.toString();
    }

    static SqlException invalid(TypeId id, String text) {
        return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + id.displayName() + ": \"" + text + "\"");
    }

    private static SqlException outOfRange(TypeId id, String text) {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + text + "\" is out of range for type " + id.displayName());
    }

    private static SqlException outOfRangeNumeric() {
        return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value overflows numeric format");
    }
}
