package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Every type's text input and output function (PostgreSQL's {@code typinput} /
 * {@code typoutput}): what psql shows, what sqllogictest compares, what the wire protocol's
 * text format carries, and what a cast from or to text does.
 *
 * <p>{@link #parse} ignores length modifiers (varchar(n), char(n)); the cast applies them,
 * since truncation depends on the cast context (see {@link Casts}). Numeric modifiers are
 * applied by the cast as well.
 */
public final class ValueText {
    private ValueText() {}

    /** The text form of {@code value} of {@code type}, or null for SQL NULL. */
    public static String format(Object value, SqlType type, ZoneId zone) {
        if (value == null) {
            return null;
        }
        Values.checkRepresentation(value, type);
        return switch (type.id()) {
            case SMALLINT, INTEGER, BIGINT -> value.toString();
            case NUMERIC -> NumberText.formatNumeric((BigDecimal) value);
            case REAL -> NumberText.formatReal((Float) value);
            case DOUBLE -> NumberText.formatDouble((Double) value);
            case TEXT, VARCHAR, CHAR, UNKNOWN -> (String) value;
            case BOOLEAN -> (Boolean) value ? "t" : "f";
            case DATE -> DateTimeText.formatDate((LocalDate) value);
            case TIME -> DateTimeText.formatTime((LocalTime) value);
            case TIMESTAMP -> DateTimeText.formatTimestamp((LocalDateTime) value);
            case TIMESTAMPTZ -> DateTimeText.formatTimestamptz((Instant) value, zone);
            case INTERVAL -> IntervalText.format((Interval) value);
            case BYTEA -> value.toString();
            case ARRAY, INT2VECTOR, OIDVECTOR -> ArrayText.format((SqlArray) value, type, zone);
            case RECORD -> ArrayText.formatRecord((SqlRecord) value, type, zone);
        };
    }

    /**
     * Parses {@code text} as a value of {@code type} (modifiers not applied). Text a parser
     * cannot read is the user's mistake whatever the reason: a Java number or date-time
     * exception escaping a parser becomes PostgreSQL's "invalid input syntax" (22P02, or 22007
     * for date/time types), never an internal error.
     */
    public static Object parse(String text, SqlType type, ZoneId zone) {
        if (text == null) {
            return null;
        }
        try {
            return parseChecked(text, type, zone);
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException
                | IndexOutOfBoundsException e) {
            boolean dateTime = switch (type.id()) {
                case DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> true;
                default -> false;
            };
            throw new SqlException(dateTime ? SqlState.INVALID_DATETIME_FORMAT
                    : SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type "
                    + type.id().displayName() + ": \"" + text + "\"", 0, null, null, e);
        }
    }

    private static Object parseChecked(String text, SqlType type, ZoneId zone) {
        return switch (type.id()) {
            case SMALLINT, INTEGER, BIGINT -> NumberText.parseInteger(text, type.id());
            case NUMERIC -> NumberText.parseNumeric(text);
            case REAL -> NumberText.parseReal(text);
            case DOUBLE -> NumberText.parseDouble(text);
            case TEXT, VARCHAR, UNKNOWN -> text;
            case CHAR -> text;
            case BOOLEAN -> parseBoolean(text);
            case DATE -> DateTimeText.parseDate(text);
            case TIME -> DateTimeText.parseTime(text);
            case TIMESTAMP -> DateTimeText.parseTimestamp(text);
            case TIMESTAMPTZ -> DateTimeText.parseTimestamptz(text, zone);
            case INTERVAL -> IntervalText.parse(text);
            case BYTEA -> parseBytea(text);
            case ARRAY, INT2VECTOR, OIDVECTOR -> ArrayText.parse(text, type, zone);
            case RECORD -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "input of anonymous composite types is not implemented");
        };
    }

    /**
     * PostgreSQL's boolean input: any prefix of {@code true}, {@code yes}, {@code false},
     * {@code no}; {@code on}, {@code off} (at least two letters); {@code 1}, {@code 0};
     * case-insensitive, surrounding white space ignored.
     */
    public static boolean parseBoolean(String text) {
        String s = NumberText.strip(text).toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            if ("true".startsWith(s) || "yes".startsWith(s) || s.equals("1")
                    || (s.length() >= 2 && s.equals("on"))) {
                return true;
            }
            if ("false".startsWith(s) || "no".startsWith(s) || s.equals("0")
                    || (s.length() >= 2 && "off".startsWith(s))) {
                return false;
            }
        }
        throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type boolean: \"" + text + "\"");
    }

    /**
     * bytea input: hex format {@code \x0102} (white space allowed between byte pairs), or the
     * escape format ({@code \\} is a backslash, {@code \ooo} an octal byte, any other character
     * its UTF-8 bytes).
     */
    public static Bytea parseBytea(String text) {
        if (text.startsWith("\\x") || text.startsWith("\\X")) {
            return parseHex(text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                out.writeBytes(text.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i += 2;
            } else if (isOctal(text, i + 1)) {
                int v = Integer.parseInt(text.substring(i + 1, i + 4), 8);
                out.write(v);
                i += 4;
            } else {
                throw new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type bytea");
            }
        }
        return Bytea.wrap(out.toByteArray());
    }

    private static boolean isOctal(String text, int from) {
        if (from + 3 > text.length()) {
            return false;
        }
        return text.charAt(from) >= '0' && text.charAt(from) <= '3'
                && text.charAt(from + 1) >= '0' && text.charAt(from + 1) <= '7'
                && text.charAt(from + 2) >= '0' && text.charAt(from + 2) <= '7';
    }

    private static Bytea parseHex(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int i = 2;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (NumberText.isSpace(c)) {
                i++;
                continue;
            }
            int high = hexDigit(c);
            if (i + 1 >= text.length()) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid hexadecimal data: odd number of digits");
            }
            int low = hexDigit(text.charAt(i + 1));
            out.write(high << 4 | low);
            i += 2;
        }
        return Bytea.wrap(out.toByteArray());
    }

    private static int hexDigit(char c) {
        int v = Character.digit(c, 16);
        if (v < 0 || c > 'f') {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid hexadecimal digit: \"" + c + "\"");
        }
        return v;
    }
}
