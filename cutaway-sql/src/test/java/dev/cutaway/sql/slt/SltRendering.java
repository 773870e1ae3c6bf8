package dev.cutaway.sql.slt;

import dev.cutaway.sql.slt.SltRecord.SortMode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How sqllogictest turns result values into lines of text, sorts and hashes them
 * (shared/sqllogictest/README.md, "How results are rendered and hashed").
 *
 * <p>Values come from an {@link SltEngine} as Java objects: {@code null}, {@link Long}, {@link
 * Integer}, {@link Short}, {@link Byte}, {@link BigInteger}, {@link BigDecimal}, {@link Double},
 * {@link Float}, {@link String}, {@link Boolean}. Per column type:
 * <ul>
 * <li>{@code I}: printf {@code %d} of the value read as SQLite's {@code sqlite3_column_int64}
 *     reads it: reals truncate toward zero (clamped to 64 bits), text counts as its leading
 *     integer, booleans are 1/0;
 * <li>{@code R}: SQLite's printf {@code %.3f} of the value as a double (see {@link
 *     #sqliteFixed3(double)}); text counts as its leading real;
 * <li>{@code T}: the engine's text; the empty string is {@code (empty)} and every byte of the
 *     UTF-8 form outside 0x20..0x7E becomes {@code @}. Booleans print as PostgreSQL prints them
 *     ({@code t}/{@code f}), reals in PostgreSQL's shortest form.
 * </ul>
 * NULL is {@code NULL} in every column type. Every rendered line is printable ASCII, so
 * comparing Java strings with {@code compareTo} is byte-wise strcmp.
 */
final class SltRendering {
    private static final int SIGNIFICANT_DIGITS_DECODED = 18;
    private static final int SIGNIFICANT_DIGITS_PRINTED_MAX = 16;
    private static final Pattern LEADING_INTEGER = Pattern.compile("^\\s*([+-]?)(\\d+)");
    private static final Pattern LEADING_REAL =
            Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private SltRendering() {}

    /** One value as one line of text, for a column of type {@code I}, {@code R} or {@code T}. */
    static String render(Object value, char type) {
        if (value == null) {
            return "NULL";
        }
        return switch (type) {
            case 'I' -> Long.toString(asLong(value));
            case 'R' -> sqliteFixed3(asDouble(value));
            case 'T' -> printable(text(value));
            default -> throw new IllegalArgumentException("column type " + type);
        };
    }

    /** Every value of every row, rendered row after row, column types from the type string. */
    static List<String> renderRows(List<List<Object>> rows, String types) {
        List<String> out = new ArrayList<>(rows.size() * types.length());
        for (List<Object> row : rows) {
            if (row.size() != types.length()) {
                throw new IllegalArgumentException(
                        "row of " + row.size() + " values for types " + types);
            }
            for (int c = 0; c < row.size(); c++) {
                out.add(render(row.get(c), types.charAt(c)));
            }
        }
        return out;
    }

    /** The rendered values in the order the sort mode asks for ({@code columns} per row). */
    static List<String> sort(List<String> values, int columns, SortMode mode) {
        return switch (mode) {
            case NOSORT -> values;
            case VALUESORT -> values.stream().sorted().toList();
            case ROWSORT -> sortRows(values, columns);
        };
    }

    private static List<String> sortRows(List<String> values, int columns) {
        if (columns <= 0 || values.size() % columns != 0) {
            throw new IllegalArgumentException(values.size() + " values in rows of " + columns);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i += columns) {
            rows.add(values.subList(i, i + columns));
        }
        rows.sort((a, b) -> {
            for (int c = 0; c < columns; c++) {
                int cmp = a.get(c).compareTo(b.get(c));
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        });
        return rows.stream().flatMap(List::stream).toList();
    }

    /**
     * The lines a script would hold for these (sorted) values: the values themselves, or the
     * single line {@code N values hashing to <md5>} when there are more than {@code threshold}
     * values and the threshold is not 0.
     */
    static List<String> expectedForm(List<String> values, int threshold) {
        if (threshold > 0 && values.size() > threshold) {
            return List.of(values.size() + " values hashing to " + md5(values));
        }
        return values;
    }

    /** Lowercase hex MD5 of the values, each followed by {@code \n}. */
    static String md5(List<String> values) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
        for (String v : values) {
            digest.update(v.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * SQLite's printf {@code %.3f}: the double's exact value is first cut to 18 significant
     * decimal digits (rounded to nearest), those digits are then rounded half-up at the third
     * decimal but to at most 16 significant digits, and the integer part is padded with zeros.
     * So 206.0505 (binary 206.05049999999999954...) prints 206.051, and 2^64 prints
     * 18446744073709550000.000, where C's {@code %.3f} gives 206.050 and Java's ...552000.000.
     */
    static String sqliteFixed3(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        String sign = value < 0 ? "-" : "";
        if (value == 0) {
            return "0.000";
        }
        BigDecimal decoded = new BigDecimal(Math.abs(value))
                .round(new MathContext(SIGNIFICANT_DIGITS_DECODED, RoundingMode.HALF_EVEN));
        char[] digits = decoded.unscaledValue().toString().toCharArray();
        int pointAt = digits.length - decoded.scale(); // digits before the decimal point
        Rounded r = roundDigits(digits, pointAt, pointAt + 3);
        return sign + layOut(r.digits, r.pointAt, 3);
    }

    /** Significant digits and where the decimal point sits relative to the first of them. */
    private record Rounded(char[] digits, int pointAt) {}

    private static Rounded roundDigits(char[] digits, int pointAt, int keep) {
        if (keep == 0 && digits[0] >= '5') {
            return new Rounded(new char[] {'1'}, pointAt + 1);
        }
        if (keep <= 0) {
            // No digit reaches the third decimal: the value prints as 0.000 (with its sign).
            return new Rounded(new char[] {'0'}, pointAt);
        }
        int n = digits.length;
        if (keep >= n && n <= SIGNIFICANT_DIGITS_PRINTED_MAX) {
            return new Rounded(digits, pointAt);
        }
        keep = Math.min(keep, SIGNIFICANT_DIGITS_PRINTED_MAX);
        if (keep >= n) {
            return new Rounded(digits, pointAt);
        }
        char[] kept = Arrays.copyOf(digits, keep);
        if (digits[keep] >= '5') {
            int j = keep - 1;
            while (j >= 0 && kept[j] == '9') {
                kept[j--] = '0';
            }
            if (j < 0) {
                char[] longer = new char[keep + 1];
                longer[0] = '1';
                System.arraycopy(kept, 0, longer, 1, keep);
                return new Rounded(longer, pointAt + 1);
            }
            kept[j]++;
        }
        return new Rounded(kept, pointAt);
    }

    /** Digits d1 d2 ... with the point after {@code pointAt} of them, as fixed-point text. */
    private static String layOut(char[] digits, int pointAt, int decimals) {
        StringBuilder out = new StringBuilder();
        if (pointAt <= 0) {
            out.append('0');
        } else {
            for (int i = 0; i < pointAt; i++) {
                out.append(i < digits.length ? digits[i] : '0');
            }
        }
        out.append('.');
        for (int k = 0; k < decimals; k++) {
            int i = pointAt + k; // index of the k-th decimal among the significant digits
            out.append(i >= 0 && i < digits.length ? digits[i] : '0');
        }
        return out.toString();
    }

    /** The value as SQLite's {@code sqlite3_column_int64} would read it. */
    static long asLong(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> i;
            case Short s -> s;
            case Byte b -> b;
            case Boolean b -> b ? 1 : 0;
            case BigInteger b -> clamp(new BigDecimal(b));
            case BigDecimal d -> clamp(d);
            case Double d -> doubleToLong(d);
            case Float f -> doubleToLong(f);
            case String s -> leadingInteger(s);
            default -> throw unsupported(value);
        };
    }

    /** The value as SQLite's {@code sqlite3_column_double} would read it. */
    static double asDouble(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> i;
            case Short s -> s;
            case Byte b -> b;
            case Boolean b -> b ? 1 : 0;
            case BigInteger b -> b.doubleValue();
            case BigDecimal d -> d.doubleValue();
            case Double d -> d;
            case Float f -> f;
            case String s -> leadingReal(s);
            default -> throw unsupported(value);
        };
    }

    /** The engine's text for a value in a {@code T} column (before the printable mapping). */
    static String text(Object value) {
        return switch (value) {
            case String s -> s;
            case Long _, Integer _, Short _, Byte _, BigInteger _ -> value.toString();
            case BigDecimal d -> d.toPlainString();
            case Boolean b -> b ? "t" : "f";
            case Double d -> postgresReal(d);
            case Float f -> postgresReal(Double.parseDouble(Float.toString(f)));
            default -> throw unsupported(value);
        };
    }

    /** {@code (empty)} for the empty string, else each non-printable UTF-8 byte as {@code @}. */
    static String printable(String text) {
        if (text.isEmpty()) {
            return "(empty)";
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            out.append(b >= 0x20 && b <= 0x7E ? (char) b : '@');
        }
        return out.toString();
    }

    /** PostgreSQL's float8 output: shortest round-trip digits, exponent form outside 1e-4..1e15. */
    static String postgresReal(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 15) {
            String digits = shortest.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits
                    : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
            return (d < 0 ? "-" : "") + mantissa + "e" + exp;
        }
        return shortest.toPlainString();
    }

    private static long clamp(BigDecimal d) {
        BigInteger truncated = d.toBigInteger();
        if (truncated.bitLength() < 64) {
            return truncated.longValue();
        }
        return truncated.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }

    private static long doubleToLong(double d) {
        return Double.isNaN(d) ? 0 : (long) d; // Java's cast truncates and clamps, as SQLite
    }

    private static long leadingInteger(String s) {
        Matcher m = LEADING_INTEGER.matcher(s);
        if (!m.find()) {
            return 0;
        }
        return clamp(new BigDecimal(m.group(1) + m.group(2)));
    }

    private static double leadingReal(String s) {
        Matcher m = LEADING_REAL.matcher(s);
        return m.find() ? Double.parseDouble(m.group().strip()) : 0.0;
    }

    private static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("unsupported value type "
                + value.getClass().getName() + " (an SltEngine returns numbers, text, booleans)");
    }
}
