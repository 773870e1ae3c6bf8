package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;
import java.util.Map;

/**
 * {@code extract(field FROM source)} (numeric, as PostgreSQL 14+) and {@code date_trunc}.
 * Field names accept PostgreSQL's plurals and abbreviations ({@code years}, {@code mon},
 * {@code ms}, ...). Years before 1 AD are negative ({@code -1} is 1 BC), centuries and
 * millennia count as PostgreSQL does (the 21st century starts in 2001). {@code second} has six
 * fraction digits, {@code milliseconds} three, {@code epoch} six (none for a date).
 */
final class DateFields {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("microsecond", "microseconds"), Map.entry("us", "microseconds"),
            Map.entry("usec", "microseconds"), Map.entry("usecs", "microseconds"),
            Map.entry("millisecond", "milliseconds"), Map.entry("ms", "milliseconds"),
            Map.entry("msec", "milliseconds"), Map.entry("msecs", "milliseconds"),
            Map.entry("seconds", "second"), Map.entry("s", "second"),
            Map.entry("sec", "second"), Map.entry("secs", "second"),
            Map.entry("minutes", "minute"), Map.entry("m", "minute"),
            Map.entry("min", "minute"), Map.entry("mins", "minute"),
            Map.entry("hours", "hour"), Map.entry("h", "hour"), Map.entry("hr", "hour"),
            Map.entry("hrs", "hour"), Map.entry("days", "day"), Map.entry("d", "day"),
            Map.entry("weeks", "week"), Map.entry("w", "week"),
            Map.entry("months", "month"), Map.entry("mon", "month"), Map.entry("mons", "month"),
            Map.entry("years", "year"), Map.entry("y", "year"), Map.entry("yr", "year"),
            Map.entry("yrs", "year"), Map.entry("decades", "decade"),
            Map.entry("centuries", "century"), Map.entry("millennia", "millennium"),
            Map.entry("millenniums", "millennium"), Map.entry("quarters", "quarter"));

    private DateFields() {}

    static String unit(String field) {
        String f = field.strip().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(f, f);
    }

    private static SqlException unsupported(String field, SqlType type) {
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "unit \"" + field
                + "\" not supported for type " + type.id().displayName());
    }

    private static SqlException unrecognized(String field, SqlType type) {
        return new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + field
                + "\" not recognized for type " + type.id().displayName());
    }

    /** extract(field FROM value) for a date, time, timestamp, timestamptz or interval. */
    static BigDecimal extract(String field, Object value, SqlType type, ZoneId zone) {
        String unit = unit(field);
        return switch (value) {
            case LocalDate d -> {
                if (isTimeUnit(unit)) {
                    throw unsupported(field, type);
                }
                if (unit.equals("epoch")) {
                    yield BigDecimal.valueOf(d.toEpochDay() * 86_400L);
                }
                yield dateField(unit, d, field, type);
            }
            case LocalDateTime t -> unit.equals("epoch")
                    ? epoch(t.toInstant(ZoneOffset.UTC)) : timestampField(unit, t, field, type);
            case Instant t -> switch (unit) {
                case "epoch" -> epoch(t);
                case "timezone" -> BigDecimal.valueOf(zone.getRules().getOffset(t)
                        .getTotalSeconds());
                case "timezone_hour" -> BigDecimal.valueOf(zone.getRules().getOffset(t)
                        .getTotalSeconds() / 3600);
                case "timezone_minute" -> BigDecimal.valueOf(zone.getRules().getOffset(t)
                        .getTotalSeconds() / 60 % 60);
                default -> timestampField(unit, LocalDateTime.ofInstant(t, zone), field, type);
            };
            case LocalTime t -> switch (unit) {
                case "epoch" -> BigDecimal.valueOf(t.toNanoOfDay() / 1000, 6);
                case "hour", "minute", "second", "milliseconds", "microseconds" ->
                        timeField(unit, t.toNanoOfDay() / 1000);
                default -> throw isDateUnit(unit) ? unsupported(field, type)
                        : unrecognized(field, type);
            };
            case Interval i -> intervalField(unit, i, field, type);
            default -> throw new IllegalArgumentException("not a date/time value: " + value);
        };
    }

    private static boolean isTimeUnit(String unit) {
        return switch (unit) {
            case "hour", "minute", "second", "milliseconds", "microseconds", "timezone",
                    "timezone_hour", "timezone_minute" -> true;
            default -> false;
        };
    }

    private static boolean isDateUnit(String unit) {
        return switch (unit) {
            case "day", "week", "month", "quarter", "year", "decade", "century", "millennium",
                    "dow", "isodow", "doy", "isoyear", "julian" -> true;
            default -> false;
        };
    }

    private static BigDecimal epoch(Instant t) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, t);
        return BigDecimal.valueOf(micros, 6);
    }

    private static BigDecimal timestampField(String unit, LocalDateTime t, String field,
            SqlType type) {
        return switch (unit) {
            case "hour", "minute", "second", "milliseconds", "microseconds" ->
                    timeField(unit, t.toLocalTime().toNanoOfDay() / 1000);
            default -> dateField(unit, t.toLocalDate(), field, type);
        };
    }

    /** Time-of-day fields from microseconds since midnight. */
    private static BigDecimal timeField(String unit, long micros) {
        long secondMicros = micros % 60_000_000L;
        return switch (unit) {
            case "hour" -> BigDecimal.valueOf(micros / Interval.MICROS_PER_HOUR);
            case "minute" -> BigDecimal.valueOf(micros / Interval.MICROS_PER_MINUTE % 60);
            case "second" -> BigDecimal.valueOf(secondMicros, 6);
            case "milliseconds" -> BigDecimal.valueOf(secondMicros, 3);
            default -> BigDecimal.valueOf(secondMicros);
        };
    }

    private static BigDecimal dateField(String unit, LocalDate d, String field, SqlType type) {
        int year = d.getYear() <= 0 ? d.getYear() - 1 : d.getYear();
        long value = switch (unit) {
            case "day" -> d.getDayOfMonth();
            case "month" -> d.getMonthValue();
            case "year" -> year;
            case "quarter" -> (d.getMonthValue() - 1) / 3 + 1;
            case "week" -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "isoyear" -> d.get(IsoFields.WEEK_BASED_YEAR);
            case "dow" -> d.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : d.getDayOfWeek().getValue();
            case "isodow" -> d.getDayOfWeek().getValue();
            case "doy" -> d.getDayOfYear();
            case "decade" -> Math.floorDiv(year, 10);
            case "century" -> year > 0 ? (year + 99) / 100 : -((99 - (year + 1)) / 100);
            case "millennium" -> year > 0 ? (year + 999) / 1000 : -((999 - (year + 1)) / 1000);
            case "julian" -> d.toEpochDay() + 2_440_588L;
            default -> throw unrecognized(field, type);
        };
        return BigDecimal.valueOf(value);
    }

    private static BigDecimal intervalField(String unit, Interval i, String field,
            SqlType type) {
        long micros = i.micros();
        return switch (unit) {
            case "epoch" -> BigDecimal.valueOf(i.months() / 12).multiply(
                    BigDecimal.valueOf(365.25 * 86_400)).add(BigDecimal.valueOf(
                    (i.months() % 12) * 30L * 86_400 + i.days() * 86_400L))
                    .setScale(6).add(BigDecimal.valueOf(micros, 6));
            case "microseconds" -> BigDecimal.valueOf(micros % 60_000_000L);
            case "milliseconds" -> BigDecimal.valueOf(micros % 60_000_000L, 3);
            case "second" -> BigDecimal.valueOf(micros % 60_000_000L, 6);
            case "minute" -> BigDecimal.valueOf(micros / Interval.MICROS_PER_MINUTE % 60);
            case "hour" -> BigDecimal.valueOf(micros / Interval.MICROS_PER_HOUR);
            case "day" -> BigDecimal.valueOf(i.days());
            case "month" -> BigDecimal.valueOf(i.months() % 12);
            case "quarter" -> BigDecimal.valueOf((i.months() % 12) / 3 + 1);
            case "year" -> BigDecimal.valueOf(i.months() / 12);
            case "decade" -> BigDecimal.valueOf(i.months() / 120);
            case "century" -> BigDecimal.valueOf(i.months() / 1200);
            case "millennium" -> BigDecimal.valueOf(i.months() / 12000);
            default -> throw isDateUnit(unit) ? unsupported(field, type)
                    : unrecognized(field, type);
        };
    }

    /** date_trunc for a timestamp (local time). */
    static LocalDateTime truncate(String field, LocalDateTime t, TypeId id) {
        String unit = unit(field);
        LocalDate d = t.toLocalDate();
        int year = d.getYear();
        return switch (unit) {
            case "microseconds" -> t;
            case "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day" -> d.atStartOfDay();
            case "week" -> d.minusDays(d.getDayOfWeek().getValue() - 1L).atStartOfDay();
            case "month" -> d.withDayOfMonth(1).atStartOfDay();
            case "quarter" -> LocalDate.of(year, (d.getMonthValue() - 1) / 3 * 3 + 1, 1)
                    .atStartOfDay();
            case "year" -> LocalDate.of(year, 1, 1).atStartOfDay();
            case "decade" -> LocalDate.of(Math.floorDiv(year, 10) * 10, 1, 1).atStartOfDay();
            case "century" -> LocalDate.of(year > 0 ? (year - 1) / 100 * 100 + 1
                    : -((99 - year) / 100) * 100 + 1, 1, 1).atStartOfDay();
            case "millennium" -> LocalDate.of(year > 0 ? (year - 1) / 1000 * 1000 + 1
                    : -((999 - year) / 1000) * 1000 + 1, 1, 1).atStartOfDay();
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "unit \""
                    + field + "\" not recognized for type " + id.displayName());
        };
    }

    /** date_trunc for an interval. */
    static Interval truncate(String field, Interval i) {
        String unit = unit(field);
        long micros = i.micros();
        return switch (unit) {
            case "microseconds" -> i;
            case "milliseconds" -> new Interval(i.months(), i.days(), micros / 1000 * 1000);
            case "second" -> new Interval(i.months(), i.days(), micros / 1_000_000 * 1_000_000);
            case "minute" -> new Interval(i.months(), i.days(),
                    micros / Interval.MICROS_PER_MINUTE * Interval.MICROS_PER_MINUTE);
            case "hour" -> new Interval(i.months(), i.days(),
                    micros / Interval.MICROS_PER_HOUR * Interval.MICROS_PER_HOUR);
            case "day" -> new Interval(i.months(), i.days(), 0);
            case "month" -> new Interval(i.months(), 0, 0);
            case "quarter" -> new Interval(i.months() / 3 * 3, 0, 0);
            case "year" -> new Interval(i.months() / 12 * 12, 0, 0);
            case "decade" -> new Interval(i.months() / 120 * 120, 0, 0);
            case "century" -> new Interval(i.months() / 1200 * 1200, 0, 0);
            case "millennium" -> new Interval(i.months() / 12000 * 12000, 0, 0);
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "unit \"" + field + "\" not recognized for type interval");
        };
    }
}
