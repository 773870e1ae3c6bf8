package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text input and output of date, time, timestamp and timestamptz in PostgreSQL's ISO
 * DateStyle.
 *
 * <p>Input: {@code YYYY-MM-DD} (with an optional {@code BC}/{@code AD}); times
 * {@code HH:MM[:SS[.fraction]]}, fractions rounded half-even to microseconds; a timestamp is a
 * date, then {@code T} or spaces and a time (a date alone is midnight); a zone
 * ({@code Z}, {@code UTC}, {@code +05}, {@code +05:30}, {@code -0800}, or a region such as
 * {@code Europe/Paris}) is applied by timestamptz and ignored by timestamp, as PostgreSQL does.
 * Bad syntax is 22007 {@code invalid input syntax for type date: "x"}, a field out of range
 * (month 13, 30 February, hour 25) is 22008 {@code date/time field value out of range: "x"}.
 * Not supported: {@code infinity}, {@code epoch}, {@code now}/{@code today} (they need a clock;
 * use the functions), non-ISO orders, and {@code 24:00:00}.
 *
 * <p>Output: {@code 2024-01-02}, {@code 03:04:05.5} (fraction digits without trailing zeros),
 * {@code 2024-01-02 03:04:05.5}, timestamptz in the session zone with its offset {@code +00},
 * {@code +05:30}; years before 1 AD print as {@code 0044-03-15 BC}.
 */
public final class DateTimeText {
    private static final String TIME = "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?";
    private static final String ZONE = "(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?"
            + "|[A-Za-z][A-Za-z_]*/[A-Za-z_/+-]+)";
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{1,7})-(\\d{1,2})-(\\d{1,2})(?:(?:T| +)" + TIME + ")?"
            + "(?: *" + ZONE + ")?(?: +(BC|AD))?", Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME_ONLY = Pattern.compile(TIME + "(?: *" + ZONE + ")?",
            Pattern.CASE_INSENSITIVE);
    /** PostgreSQL's range: 4714-11-24 BC (Julian day 0) to 5874897 AD for dates, 294276 AD
     * for timestamps. */
    static final LocalDate DATE_MIN = LocalDate.of(-4713, 11, 24);
    static final int DATE_YEAR_MAX = 5_874_897;
    static final int TIMESTAMP_YEAR_MAX = 294_276;

    private DateTimeText() {}

    /** Parses a date. */
    public static LocalDate parseDate(String text) {
        Parsed p = parseDateTime(text, "date");
        checkRange(p.dateTime, DATE_YEAR_MAX, "date", text);
        return p.dateTime.toLocalDate();
    }

    /** Parses a time of day. */
    public static LocalTime parseTime(String text) {
        String s = NumberText.strip(text);
        Matcher m = TIME_ONLY.matcher(s);
        if (!m.matches()) {
            Parsed p = parseDateTime(text, "time");
            return p.dateTime.toLocalTime();
        }
        return LocalDate.EPOCH.atStartOfDay().plusNanos(timeNanos(m, 1, text, "time"))
                .toLocalTime();
    }

    /** Parses a timestamp without time zone (a zone in the text is ignored). */
    public static LocalDateTime parseTimestamp(String text) {
        Parsed p = parseDateTime(text, "timestamp");
        checkRange(p.dateTime, TIMESTAMP_YEAR_MAX, "timestamp", text);
        return p.dateTime;
    }

    /** Parses a timestamp with time zone; text without a zone is in {@code sessionZone}. */
    public static Instant parseTimestamptz(String text, ZoneId sessionZone) {
        Parsed p = parseDateTime(text, "timestamp with time zone");
        checkRange(p.dateTime, TIMESTAMP_YEAR_MAX, "timestamp with time zone", text);
        ZoneId zone = p.zone == null ? sessionZone : p.zone;
        return ZonedDateTime.of(p.dateTime, zone).toInstant();
    }

    private record Parsed(LocalDateTime dateTime, ZoneId zone) {}

    private static Parsed parseDateTime(String text, String type) {
        Matcher m = DATE_TIME.matcher(NumberText.strip(text));
        if (!m.matches()) {
            throw invalid(type, text);
        }
        int year = Integer.parseInt(m.group(1));
        if (year == 0) {
            throw outOfRange(text); // there is no year 0: 1 BC is followed by 1 AD
        }
        if (m.group(9) != null && m.group(9).equalsIgnoreCase("BC")) {
            year = 1 - year;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw outOfRange(text);
        }
        long nanos = m.group(4) == null ? 0 : timeNanos(m, 4, text, type);
        ZoneId zone = m.group(8) == null ? null : zone(m.group(8), text);
        return new Parsed(date.atStartOfDay().plusNanos(nanos), zone);
    }

    /** Nanoseconds since midnight of the time in groups first..first+3, rounded to micros. */
    private static long timeNanos(Matcher m, int first, String text, String type) {
        int hour = Integer.parseInt(m.group(first));
        int minute = Integer.parseInt(m.group(first + 1));
        int second = m.group(first + 2) == null ? 0 : Integer.parseInt(m.group(first + 2));
        if (hour > 23 || minute > 59 || second > 60) {
            throw outOfRange(text);
        }
        long micros = 0;
        String fraction = m.group(first + 3);
        if (fraction != null && !fraction.isEmpty()) {
            micros = new java.math.BigDecimal("0." + fraction).movePointRight(6)
                    .setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        }
        return ((hour * 3600L + minute * 60L + second) * 1_000_000L + micros) * 1000L;
    }

    /** Zone names by lower case: PostgreSQL's time zone names are case-insensitive. */
    private static final java.util.Map<String, String> ZONE_NAMES = zoneNames();

    private static java.util.Map<String, String> zoneNames() {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            names.put(id.toLowerCase(Locale.ROOT), id);
        }
        return names;
    }

    /** A zone from {@code Z}, {@code UTC}, {@code +05}, {@code -08:30}, or a region name. */
    static ZoneId zone(String text, String whole) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("Z") || upper.equals("UTC") || upper.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        if (upper.startsWith("+") || upper.startsWith("-")) {
            String digits = upper.substring(1).replace(":", "");
            int hourDigits = digits.length() % 2 == 1 ? 1 : 2;
            int hours = Integer.parseInt(digits.substring(0, hourDigits));
            String rest = digits.substring(hourDigits);
            int minutes = rest.length() >= 2 ? Integer.parseInt(rest.substring(0, 2)) : 0;
            int seconds = rest.length() >= 4 ? Integer.parseInt(rest.substring(2, 4)) : 0;
            if (hours > 15 || minutes > 59 || seconds > 59) {
                throw new SqlException(SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                        "time zone displacement out of range: \"" + whole + "\"");
            }
            int sign = upper.startsWith("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutesSeconds(sign * hours, sign * minutes,
                    sign * seconds);
        }
        String id = ZONE_NAMES.get(text.toLowerCase(Locale.ROOT));
        if (id == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "time zone \"" + text.toLowerCase(Locale.ROOT) + "\" not recognized");
        }
        return ZoneId.of(id);
    }

    private static void checkRange(LocalDateTime t, int yearMax, String type, String text) {
        if (t.toLocalDate().isBefore(DATE_MIN) || t.getYear() > yearMax) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
                    type + " out of range: \"" + text + "\"");
        }
    }

    static SqlException invalid(String type, String text) {
        return new SqlException(SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type " + type + ": \"" + text + "\"");
    }

    private static SqlException outOfRange(String text) {
        return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
                "date/time field value out of range: \"" + text + "\"");
    }

    /** {@code 2024-01-02}, or {@code 0044-03-15 BC}. */
    public static String formatDate(LocalDate date) {
        StringBuilder out = new StringBuilder(16);
        appendDate(out, date);
        if (date.getYear() <= 0) {
            out.append(" BC");
        }
        return out.toString();
    }

    /** {@code 03:04:05} or {@code 03:04:05.5}. */
    public static String formatTime(LocalTime time) {
        StringBuilder out = new StringBuilder(16);
        appendTime(out, time);
        return out.toString();
    }

    /** {@code 2024-01-02 03:04:05.5}. */
    public static String formatTimestamp(LocalDateTime value) {
        StringBuilder out = new StringBuilder(32);
        appendDate(out, value.toLocalDate());
        out.append(' ');
        appendTime(out, value.toLocalTime());
        if (value.getYear() <= 0) {
            out.append(" BC");
        }
        return out.toString();
    }

    /** {@code 2024-01-02 03:04:05.5+00} as seen in {@code zone}. */
    public static String formatTimestamptz(Instant value, ZoneId zone) {
        ZonedDateTime local = value.atZone(zone);
        StringBuilder out = new StringBuilder(40);
        appendDate(out, local.toLocalDate());
        out.append(' ');
        appendTime(out, local.toLocalTime());
        appendOffset(out, local.getOffset().getTotalSeconds());
        if (local.getYear() <= 0) {
            out.append(" BC");
        }
        return out.toString();
    }

    private static void appendDate(StringBuilder out, LocalDate date) {
        int year = date.getYear() <= 0 ? 1 - date.getYear() : date.getYear();
        pad(out, year, 4);
        out.append('-');
        pad(out, date.getMonthValue(), 2);
        out.append('-');
        pad(out, date.getDayOfMonth(), 2);
    }

    static void appendTime(StringBuilder out, LocalTime time) {
        pad(out, time.getHour(), 2);
        out.append(':');
        pad(out, time.getMinute(), 2);
        out.append(':');
        pad(out, time.getSecond(), 2);
        appendFraction(out, time.getNano() / 1000);
    }

    /** Appends {@code .ffffff} without trailing zeros, nothing when micros is 0. */
    static void appendFraction(StringBuilder out, long micros) {
        if (micros == 0) {
            return;
        }
        String digits = Long.toString(1_000_000 + micros).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        out.append('.').append(digits, 0, end);
    }

    private static void appendOffset(StringBuilder out, int totalSeconds) {
        out.append(totalSeconds < 0 ? '-' : '+');
        int abs = Math.abs(totalSeconds);
        pad(out, abs / 3600, 2);
        if (abs % 3600 != 0) {
            out.append(':');
            pad(out, abs / 60 % 60, 2);
            if (abs % 60 != 0) {
                out.append(':');
                pad(out, abs % 60, 2);
            }
        }
    }

    static void pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }
}
