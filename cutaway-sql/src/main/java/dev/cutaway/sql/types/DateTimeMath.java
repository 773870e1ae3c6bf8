package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Date and time arithmetic as PostgreSQL does it.
 *
 * <ul>
 *   <li>{@code date ± integer} is a date, {@code date - date} an integer (days).</li>
 *   <li>{@code timestamp + interval} adds the months first (the day of month is clamped to
 *       the month's length: Jan 31 + 1 mon = Feb 29 in a leap year), then the days, then the
 *       microseconds. For timestamptz the months and days are added in the session zone's
 *       local time (so {@code + 1 day} across a daylight-saving change keeps the wall-clock
 *       time) and the microseconds as elapsed time.</li>
 *   <li>{@code timestamp - timestamp} is an interval of days and microseconds (PostgreSQL's
 *       {@code interval_justify_hours}: whole 24-hour spans become days).</li>
 *   <li>{@code time ± interval} wraps around midnight; {@code time - time} is an interval.</li>
 *   <li>Results outside PostgreSQL's range are 22008 {@code date out of range} /
 *       {@code timestamp out of range} / {@code interval out of range}.</li>
 * </ul>
 */
public final class DateTimeMath {
    private DateTimeMath() {}

    static SqlException outOfRange(String what) {
        return new SqlException(SqlState.DATETIME_VALUE_OUT_OF_RANGE, what + " out of range");
    }

    /** {@code date + days}. */
    public static LocalDate plusDays(LocalDate date, long days) {
        LocalDate result;
        try {
            result = date.plusDays(days);
        } catch (DateTimeException e) {
            throw outOfRange("date");
        }
        checkRange(result, DateTimeText.DATE_YEAR_MAX, "date");
        return result;
    }

    /** {@code date - date} in days. */
    public static int daysBetween(LocalDate later, LocalDate earlier) {
        return Math.toIntExact(later.toEpochDay() - earlier.toEpochDay());
    }

    /** {@code timestamp + interval}. */
    public static LocalDateTime plus(LocalDateTime t, Interval i) {
        LocalDateTime result;
        try {
            result = t.plusMonths(i.months()).plusDays(i.days())
                    .plus(i.micros(), ChronoUnit.MICROS);
        } catch (DateTimeException | ArithmeticException e) {
            throw outOfRange("timestamp");
        }
        checkRange(result.toLocalDate(), DateTimeText.TIMESTAMP_YEAR_MAX, "timestamp");
        return result;
    }

    /** {@code timestamptz + interval}, months and days in {@code zone}'s local time. */
    public static Instant plus(Instant t, Interval i, ZoneId zone) {
        ZonedDateTime result;
        try {
            result = t.atZone(zone).plusMonths(i.months()).plusDays(i.days())
                    .plus(i.micros(), ChronoUnit.MICROS);
        } catch (DateTimeException | ArithmeticException e) {
            throw outOfRange("timestamp");
        }
        checkRange(result.toLocalDate(), DateTimeText.TIMESTAMP_YEAR_MAX, "timestamp");
        return result.toInstant();
    }

    /** {@code time + interval} (only the microseconds matter; wraps at midnight). */
    public static LocalTime plus(LocalTime t, Interval i) {
        long micros = Math.floorMod(t.toNanoOfDay() / 1000 + i.micros() % Interval.MICROS_PER_DAY,
                Interval.MICROS_PER_DAY);
        return LocalTime.ofNanoOfDay(micros * 1000);
    }

    /** {@code -interval}. */
    public static Interval negate(Interval i) {
        try {
            return new Interval(Math.negateExact(i.months()), Math.negateExact(i.days()),
                    Math.negateExact(i.micros()));
        } catch (ArithmeticException e) {
            throw outOfRange("interval");
        }
    }

    /** {@code interval + interval}, field by field. */
    public static Interval plus(Interval a, Interval b) {
        try {
            return new Interval(Math.addExact(a.months(), b.months()),
                    Math.addExact(a.days(), b.days()), Math.addExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw outOfRange("interval");
        }
    }

    /** {@code timestamp - timestamp}: days and microseconds. */
    public static Interval minus(LocalDateTime a, LocalDateTime b) {
        return fromMicros(ChronoUnit.MICROS.between(b, a));
    }

    /** {@code timestamptz - timestamptz}: days and microseconds. */
    public static Interval minus(Instant a, Instant b) {
        return fromMicros(Duration.between(b, a).toNanos() / 1000);
    }

    /** {@code time - time}. */
    public static Interval minus(LocalTime a, LocalTime b) {
        return new Interval(0, 0, (a.toNanoOfDay() - b.toNanoOfDay()) / 1000);
    }

    private static Interval fromMicros(long micros) {
        long days = micros / Interval.MICROS_PER_DAY;
        return new Interval(0, Math.toIntExact(days), micros % Interval.MICROS_PER_DAY);
    }

    /**
     * {@code interval * factor} as PostgreSQL's {@code interval_mul}, in doubles like it: each
     * field is multiplied, fractional months cascade to days (30 per month) and fractional
     * days to seconds, each rounded to microseconds.
     */
    public static Interval multiply(Interval i, double factor) {
        return scale(i, x -> x * factor);
    }

    /** {@code interval / divisor} as PostgreSQL's {@code interval_div}; 22012 for zero. */
    public static Interval divide(Interval i, double divisor) {
        if (divisor == 0) {
            throw Arithmetic.divisionByZero();
        }
        return scale(i, x -> x / divisor);
    }

    private static Interval scale(Interval i, java.util.function.DoubleUnaryOperator f) {
        double months = f.applyAsDouble(i.months());
        double days = f.applyAsDouble(i.days());
        double time = f.applyAsDouble(i.micros());
        if (!inIntRange(months) || !inIntRange(days)) {
            throw outOfRange("interval");
        }
        int resultMonths = (int) months;
        int resultDays = (int) days;
        double monthRemainderDays = roundToMicros((months - resultMonths) * 30);
        double secondRemainder = roundToMicros((days - resultDays + monthRemainderDays
                - (int) monthRemainderDays) * 86_400);
        if (Math.abs(secondRemainder) >= 86_400) {
            resultDays += (int) (secondRemainder / 86_400);
            secondRemainder -= (int) (secondRemainder / 86_400) * 86_400.0;
        }
        resultDays += (int) monthRemainderDays;
        double micros = Math.rint(time + secondRemainder * 1e6);
        if (Double.isNaN(micros) || micros >= 0x1p63 || micros < -0x1p63) {
            throw outOfRange("interval");
        }
        return new Interval(resultMonths, resultDays, (long) micros);
    }

    private static boolean inIntRange(double d) {
        return !Double.isNaN(d) && d <= Integer.MAX_VALUE && d >= Integer.MIN_VALUE;
    }

    private static double roundToMicros(double d) {
        return Math.rint(d * 1e6) / 1e6;
    }

    /** Rounds a time, timestamp, timestamptz or interval to {@code digits} fraction digits. */
    static Object roundToPrecision(Object value, int digits) {
        if (digits >= 6) {
            return value;
        }
        long unit = (long) Math.pow(10, 6 - digits);
        return switch (value) {
            case LocalTime t -> {
                long micros = roundMicros(t.toNanoOfDay() / 1000, unit);
                yield LocalTime.ofNanoOfDay(Math.floorMod(micros, Interval.MICROS_PER_DAY)
                        * 1000);
            }
            case LocalDateTime t -> {
                long micros = t.getNano() / 1000;
                yield t.withNano(0).plus(roundMicros(micros, unit), ChronoUnit.MICROS);
            }
            case Instant t -> {
                long micros = t.getNano() / 1000;
                yield t.with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0)
                        .plus(roundMicros(micros, unit), ChronoUnit.MICROS);
            }
            case Interval i -> new Interval(i.months(), i.days(), roundMicros(i.micros(), unit));
            default -> value;
        };
    }

    /** Rounds half away from zero to a multiple of {@code unit}. */
    private static long roundMicros(long micros, long unit) {
        long half = unit / 2;
        return micros >= 0 ? (micros + half) / unit * unit : -((-micros + half) / unit * unit);
    }

    private static void checkRange(LocalDate date, int yearMax, String what) {
        if (date.isBefore(DateTimeText.DATE_MIN) || date.getYear() > yearMax) {
            throw outOfRange(what);
        }
    }
}
