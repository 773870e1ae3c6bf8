package dev.cutaway.sql.types;

import java.util.ArrayList;
import java.util.List;
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
 * {@code ago} that negates everything; or ISO 8601 {@code P1Y2M3DT4H5M6S}. The field
 * arithmetic (fractions, repeated fields, ranges) is {@link IntervalFields}.
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
        // PostgreSQL's DecodeInterval reads the fields from last to first; so do we, so that
        // the same error is reported when there are several
        List<String[]> items = new ArrayList<>();
        int i = 0;
        while (i < tokens.length) {
            String token = tokens[i];
            if (token.indexOf(':') >= 0) {
                items.add(new String[] {token, null});
                i++;
                continue;
            }
            boolean hasUnit = i + 1 < tokens.length && tokens[i + 1].indexOf(':') < 0
                    && !startsNumeric(tokens[i + 1]);
            items.add(new String[] {token, hasUnit ? tokens[i + 1] : "second"});
            i += hasUnit ? 2 : 1;
        }
        IntervalFields fields = new IntervalFields(text);
        for (int k = items.size() - 1; k >= 0; k--) {
            String[] item = items.get(k);
            if (item[1] == null) {
                fields.addTime(item[0]);
            } else {
                fields.add(item[0], item[1]);
            }
        }
        return fields.result(ago);
    }

    private static boolean startsNumeric(String token) {
        char c = token.charAt(0);
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
    }

    private static Interval parseIso(String s, String text) {
        IntervalFields fields = new IntervalFields(text);
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
            String number = s.substring(start, i);
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
            fields.add(number, unit);
        }
        return fields.result(false);
    }
}
