package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Text input and output of {@code interval} in PostgreSQL's default IntervalStyle
 * ({@code postgres}).
 *
 * <p>Output: years and months from the month field ({@code 1 year 2 mons}), then days, then
 * the time as {@code [-]HH:MM:SS[.ffffff]}; a unit is plural unless its value is exactly 1;
 * after a negative field a positive one gets a {@code +} ({@code -1 years +2 mons}); a zero
 * interval is {@code 00:00:00}; zero parts are left out.
 *
 * <p>Input: an optional {@code @}, then any sequence of {@code number unit} pairs (units
 * microsecond through millennium with PostgreSQL's abbreviations, singular or plural) and
 * {@code [-]H:MM[:SS[.f]]} times, a bare number meaning seconds, and an optional trailing
 * {@code ago} that negates everything; or ISO 8601 {@code P1Y2M3DT4H5M6S}. Fractions cascade
 * down as PostgreSQL does: {@code 1.5 months} is {@code 1 mon 15 days}, {@code 1.5 days} is
 * {@code 1 day 12:00:00}. Bad syntax is 22007, an overflowing field 22015.
 */
public final class IntervalText {
    private static final int TOKENS_MAX = 64;

    private IntervalText() {}

    /** PostgreSQL's text for an interval. */
    public static String format(Interval value) {
        StringBuilder out = new StringBuilder(48);
        boolean[] state = {true, false}; // {isZero, isBefore}
        addPart(out, value.months() / 12, "year", state);
        addPart(out, value.months() % 12, "mon", state);
        addPart(out, value.days(), "day", state);
        long micros = value.micros();
        if (state[0] || micros != 0) {
            boolean minus = micros < 0;
            long abs = Math.abs(micros);
            if (!state[0]) {
                out.append(' ');
            }
            out.append(minus ? "-" : state[1] ? "+" : "");
            DateTimeText.pad(out, abs / Interval.MICROS_PER_HOUR, 2);
            out.append(':');
            DateTimeText.pad(out, abs / Interval.MICROS_PER_MINUTE % 60, 2);
            out.append(':');
            DateTimeText.pad(out, abs / Interval.MICROS_PER_SECOND % 60, 2);
            DateTimeText.appendFraction(out, abs % Interval.MICROS_PER_SECOND);
        }
        return out.toString();
    }

    private static void addPart(StringBuilder out, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (!state[0]) {
            out.append(' ');
        }
        if (state[1] && value > 0) {
            out.append('+');
        }
        out.append(value).append(' ').append(unit);
        if (value != 1) {
            out.append('s');
        }
        state[1] = value < 0;
        state[0] = false;
    }

    /** Parses an interval. */
    public static Interval parse(String text) {
        String s = NumberText.strip(text).toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return parseIso(s, text);
        }
        if (s.startsWith("@")) {
            s = s.substring(1).strip();
        }
        boolean ago = false;
        if (s.endsWith(" ago") || s.equals("ago")) {
            ago = true;
            s = s.substring(0, s.length() - 3).strip();
        }
        String[] tokens = s.isEmpty() ? new String[0] : s.split("\\s+");
        if (tokens.length == 0 || tokens.length > TOKENS_MAX) {
            throw DateTimeText.invalid("interval", text);
        }
        Accumulator acc = new Accumulator(text);
        int i = 0;
        while (i < tokens.length) {
            String token = tokens[i];
            if (token.indexOf(':') >= 0) {
                acc.addTime(token);
                i++;
                continue;
            }
            BigDecimal number = number(token, text);
            boolean hasUnit = i + 1 < tokens.length && tokens[i + 1].indexOf(':') < 0
                    && !startsNumeric(tokens[i + 1]);
            acc.add(number, hasUnit ? tokens[i + 1] : "second");
            i += hasUnit ? 2 : 1;
        }
        Interval result = acc.result();
        return ago ? negate(result, text) : result;
    }

    private static boolean startsNumeric(String token) {
        char c = token.charAt(0);
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }

    private static BigDecimal number(String token, String text) {
        if (!NumberText.isDecimalSyntax(token) || token.length() > 40) {
            throw DateTimeText.invalid("interval", text);
        }
        return new BigDecimal(token);
    }

    private static Interval negate(Interval value, String text) {
        try {
            return new Interval(Math.negateExact(value.months()), Math.negateExact(value.days()),
                    Math.negateExact(value.micros()));
        } catch (ArithmeticException e) {
            throw outOfRange(text);
        }
    }

    private static Interval parseIso(String s, String text) {
        Accumulator acc = new Accumulator(text);
        boolean inTime = false;
        int i = 1;
        if (s.length() == 1) {
            throw DateTimeText.invalid("interval", text);
        }
        while (i < s.length()) {
            if (s.charAt(i) == 't') {
                if (inTime) {
                    throw DateTimeText.invalid("interval", text);
                }
                inTime = true;
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && "0123456789.-+".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (i == start || i == s.length()) {
                throw DateTimeText.invalid("interval", text);
            }
            BigDecimal number = number(s.substring(start, i), text);
            char designator = s.charAt(i++);
            String unit = switch (designator) {
                case 'y' -> "year";
                case 'm' -> inTime ? "minute" : "month";
                case 'w' -> "week";
                case 'd' -> "day";
                case 'h' -> "hour";
                case 's' -> "second";
                default -> throw DateTimeText.invalid("interval", text);
            };
            acc.add(number, unit);
        }
        return acc.result();
    }

    private static SqlException outOfRange(String text) {
        return new SqlException(SqlState.INTERVAL_FIELD_OVERFLOW,
                "interval field value out of range: \"" + text + "\"");
    }

    /** Sums fields with PostgreSQL's cascading of fractions, exactly, then checks ranges. */
    private static final class Accumulator {
        private final String text;
        private BigDecimal months = BigDecimal.ZERO;
        private BigDecimal days = BigDecimal.ZERO;
        private BigDecimal micros = BigDecimal.ZERO;

        Accumulator(String text) {
            this.text = text;
        }

        void add(BigDecimal n, String unit) {
            switch (unit) {
                case "microsecond", "microseconds", "us", "usec", "usecs",
                        "microsecon" -> micros = micros.add(n);
                case "millisecond", "milliseconds", "ms", "msec", "msecs" ->
                        micros = micros.add(n.movePointRight(3));
                case "second", "seconds", "s", "sec", "secs" ->
                        micros = micros.add(n.movePointRight(6));
                case "minute", "minutes", "m", "min", "mins" ->
                        micros = micros.add(n.multiply(BigDecimal.valueOf(60_000_000L)));
                case "hour", "hours", "h", "hr", "hrs" ->
                        micros = micros.add(n.multiply(BigDecimal.valueOf(3_600_000_000L)));
                case "day", "days", "d" -> addDays(n);
                case "week", "weeks", "w" -> addDays(n.multiply(BigDecimal.valueOf(7)));
                case "month", "months", "mon", "mons" -> addMonths(n);
                case "year", "years", "y", "yr", "yrs" -> addYears(n.multiply(twelve()));
                case "decade", "decades", "dec", "decs" ->
                        addYears(n.multiply(BigDecimal.valueOf(120)));
                case "century", "centuries", "c", "cent" ->
                        addYears(n.multiply(BigDecimal.valueOf(1200)));
                case "millennium", "millennia", "mil", "mils" ->
                        addYears(n.multiply(BigDecimal.valueOf(12000)));
                default -> throw DateTimeText.invalid("interval", text);
            }
        }

        private static BigDecimal twelve() {
            return BigDecimal.valueOf(12);
        }

        private void addYears(BigDecimal monthCount) {
            // PostgreSQL turns fractional years into whole months and drops the rest.
            months = months.add(monthCount.setScale(0, RoundingMode.DOWN));
        }

        private void addMonths(BigDecimal n) {
            BigDecimal whole = n.setScale(0, RoundingMode.DOWN);
            months = months.add(whole);
            addDays(n.subtract(whole).multiply(BigDecimal.valueOf(30)));
        }

        private void addDays(BigDecimal n) {
            BigDecimal whole = n.setScale(0, RoundingMode.DOWN);
            days = days.add(whole);
            micros = micros.add(n.subtract(whole)
                    .multiply(BigDecimal.valueOf(Interval.MICROS_PER_DAY)));
        }

        void addTime(String token) {
            boolean negative = token.startsWith("-");
            String body = negative || token.startsWith("+") ? token.substring(1) : token;
            String[] parts = body.split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw DateTimeText.invalid("interval", text);
            }
            BigDecimal total = BigDecimal.ZERO;
            long[] scales = {3_600_000_000L, 60_000_000L, 1_000_000L};
            for (int k = 0; k < parts.length; k++) {
                String part = parts[k];
                boolean ok = !part.isEmpty() && NumberText.isDecimalSyntax(part)
                        && "+-".indexOf(part.charAt(0)) < 0 && part.indexOf('e') < 0
                        && (k == parts.length - 1 || part.indexOf('.') < 0);
                if (!ok) {
                    throw DateTimeText.invalid("interval", text);
                }
                total = total.add(new BigDecimal(part).multiply(BigDecimal.valueOf(scales[k])));
            }
            micros = micros.add(negative ? total.negate() : total);
        }

        Interval result() {
            try {
                long microsRounded = micros.setScale(0, RoundingMode.HALF_EVEN)
                        .longValueExact();
                return new Interval(months.intValueExact(), days.intValueExact(),
                        microsRounded);
            } catch (ArithmeticException e) {
                throw outOfRange(text);
            }
        }
    }
}
