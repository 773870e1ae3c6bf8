package dev.cutaway.sql.types;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * {@code to_char(timestamp, format)} for PostgreSQL's common date/time template patterns:
 * {@code YYYY YYY YY Y IYYY CC Q MM MONTH Month month MON Mon mon DD DDD D ID DAY Day day DY Dy
 * dy WW IW J HH HH12 HH24 MI SS MS US AM PM am pm A.M. P.M. TZ tz OF}, the {@code FM} prefix
 * (no padding), double-quoted literal text and any other character copied as is. Month and
 * day names are English and padded to nine characters unless FM is given, as in PostgreSQL.
 */
final class DateFormat {
    private static final List<String> PATTERNS = List.of("HH24", "HH12", "IYYY", "YYYY",
            "MONTH", "Month", "month", "A.M.", "P.M.", "a.m.", "p.m.", "YYY", "MON", "Mon", "mon",
            "DAY", "Day", "day", "DDD", "HH", "MI", "SS", "MS", "US", "AM", "PM", "am", "pm", "YY",
            "MM", "DD", "DY", "Dy", "dy", "ID", "IW", "WW", "CC", "TZ", "tz", "OF", "Y", "Q",
            "D", "J");

    private DateFormat() {}

    /** Formats {@code t} (local time; {@code offset} null for timestamp without zone). */
    static String format(LocalDateTime t, ZoneOffset offset, String template) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            if (template.charAt(i) == '"') {
                int end = template.indexOf('"', i + 1);
                end = end < 0 ? template.length() : end;
                out.append(template, i + 1, end);
                i = end + 1;
                continue;
            }
            boolean fillMode = template.startsWith("FM", i);
            int start = fillMode ? i + 2 : i;
            String pattern = match(template, start);
            if (pattern == null) {
                out.append(template.charAt(i));
                i++;
                continue;
            }
            out.append(field(pattern, t, offset, fillMode));
            i = start + pattern.length();
        }
        return out.toString();
    }

    private static String match(String template, int at) {
        for (String p : PATTERNS) {
            if (template.startsWith(p, at)) {
                return p;
            }
        }
        return null;
    }

    private static String field(String p, LocalDateTime t, ZoneOffset offset, boolean fm) {
        int year = t.getYear() <= 0 ? 1 - t.getYear() : t.getYear();
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        boolean pm = t.getHour() >= 12;
        return switch (p) {
            case "YYYY" -> num(year, 4, fm);
            case "IYYY" -> num(t.get(IsoFields.WEEK_BASED_YEAR), 4, fm);
            case "YYY" -> num(year % 1000, 3, fm);
            case "YY" -> num(year % 100, 2, fm);
            case "Y" -> num(year % 10, 1, fm);
            case "CC" -> num((year + 99) / 100, 2, fm);
            case "Q" -> num((t.getMonthValue() - 1) / 3 + 1, 1, fm);
            case "MM" -> num(t.getMonthValue(), 2, fm);
            case "MONTH", "Month", "month" -> name(t.getMonth().getDisplayName(TextStyle.FULL,
                    Locale.ENGLISH), p, fm ? 0 : 9);
            case "MON", "Mon", "mon" -> name(t.getMonth().getDisplayName(TextStyle.SHORT,
                    Locale.ENGLISH), p, 0);
            case "DAY", "Day", "day" -> name(t.getDayOfWeek().getDisplayName(TextStyle.FULL,
                    Locale.ENGLISH), p, fm ? 0 : 9);
            case "DY", "Dy", "dy" -> name(t.getDayOfWeek().getDisplayName(TextStyle.SHORT,
                    Locale.ENGLISH), p, 0);
            case "DD" -> num(t.getDayOfMonth(), 2, fm);
            case "DDD" -> num(t.getDayOfYear(), 3, fm);
            case "D" -> num(t.getDayOfWeek().getValue() % 7 + 1, 1, fm);
            case "ID" -> num(t.getDayOfWeek().getValue(), 1, fm);
            case "IW" -> num(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm);
            case "WW" -> num((t.getDayOfYear() - 1) / 7 + 1, 2, fm);
            case "J" -> num(t.toLocalDate().toEpochDay() + 2_440_588L, 1, fm);
            case "HH", "HH12" -> num(hour12, 2, fm);
            case "HH24" -> num(t.getHour(), 2, fm);
            case "MI" -> num(t.getMinute(), 2, fm);
            case "SS" -> num(t.getSecond(), 2, fm);
            case "MS" -> num(t.getNano() / 1_000_000, 3, fm);
            case "US" -> num(t.getNano() / 1000, 6, fm);
            case "AM", "PM" -> pm ? "PM" : "AM";
            case "am", "pm" -> pm ? "pm" : "am";
            case "A.M.", "P.M." -> pm ? "P.M." : "A.M.";
            case "a.m.", "p.m." -> pm ? "p.m." : "a.m.";
            case "TZ", "tz", "OF" -> offset == null ? "" : offsetText(offset, p);
            default -> p;
        };
    }

    private static String num(long value, int width, boolean fm) {
        StringBuilder out = new StringBuilder();
        DateTimeText.pad(out, value, fm ? 1 : width);
        return out.toString();
    }

    private static String name(String english, String pattern, int width) {
        String cased = Character.isUpperCase(pattern.charAt(1))
                ? english.toUpperCase(Locale.ROOT)
                : Character.isUpperCase(pattern.charAt(0)) ? english
                : english.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(cased);
        while (out.length() < width) {
            out.append(' ');
        }
        return out.toString();
    }

    private static String offsetText(ZoneOffset offset, String pattern) {
        int seconds = offset.getTotalSeconds();
        StringBuilder out = new StringBuilder();
        if (pattern.equals("OF") || seconds != 0) {
            out.append(seconds < 0 ? '-' : '+');
            DateTimeText.pad(out, Math.abs(seconds) / 3600, 2);
            if (Math.abs(seconds) % 3600 != 0) {
                out.append(':');
                DateTimeText.pad(out, Math.abs(seconds) / 60 % 60, 2);
            }
            return out.toString();
        }
        return pattern.equals("TZ") ? "UTC" : "utc";
    }
}
