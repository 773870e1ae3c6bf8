package dev.cutaway.sql.types;

import static dev.cutaway.sql.types.TypeId.DATE;
import static dev.cutaway.sql.types.TypeId.DOUBLE;
import static dev.cutaway.sql.types.TypeId.INTEGER;
import static dev.cutaway.sql.types.TypeId.INTERVAL;
import static dev.cutaway.sql.types.TypeId.NUMERIC;
import static dev.cutaway.sql.types.TypeId.TEXT;
import static dev.cutaway.sql.types.TypeId.TIME;
import static dev.cutaway.sql.types.TypeId.TIMESTAMP;
import static dev.cutaway.sql.types.TypeId.TIMESTAMPTZ;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * PostgreSQL's date/time functions: the clock functions (now, current_timestamp,
 * current_date, localtimestamp: from the injected {@link java.time.Clock}, truncated to
 * microseconds; the caller fixes the clock per transaction to get PostgreSQL's "start of
 * transaction" semantics, clock_timestamp always reads it), date_trunc, extract / date_part
 * ({@link DateFields}), make_date, make_time, make_timestamp, age, justify_*, to_timestamp and
 * to_char ({@link DateFormat}).
 */
final class DateFunctions {
    private DateFunctions() {}

    static void register(Functions.Registrar r) {
        for (String name : List.of("now", "current_timestamp", "transaction_timestamp",
                "statement_timestamp", "clock_timestamp")) {
            r.addVolatile(name, List.of(), TIMESTAMPTZ,
                    (c, a) -> c.clock().instant().truncatedTo(ChronoUnit.MICROS));
        }
        r.addVolatile("current_date", List.of(), DATE,
                (c, a) -> LocalDate.ofInstant(c.clock().instant(), c.zone()));
        r.addVolatile("localtimestamp", List.of(), TIMESTAMP, (c, a) -> LocalDateTime.ofInstant(
                c.clock().instant(), c.zone()).truncatedTo(ChronoUnit.MICROS));
        r.addVolatile("localtime", List.of(), TIME, (c, a) -> LocalTime.ofInstant(
                c.clock().instant(), c.zone()).truncatedTo(ChronoUnit.MICROS));
        for (TypeId t : List.of(DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL)) {
            r.add("extract", List.of(TEXT, t), NUMERIC, (c, a) ->
                    DateFields.extract((String) a[0], a[1], SqlType.of(t), c.zone()));
            r.add("date_part", List.of(TEXT, t), DOUBLE, (c, a) -> DateFields.extract(
                    (String) a[0], a[1], SqlType.of(t), c.zone()).doubleValue());
        }
        r.add("date_trunc", List.of(TEXT, TIMESTAMP), TIMESTAMP,
                (c, a) -> DateFields.truncate((String) a[0], (LocalDateTime) a[1], TIMESTAMP));
        r.add("date_trunc", List.of(TEXT, TIMESTAMPTZ), TIMESTAMPTZ, (c, a) -> {
            ZonedDateTime local = ((Instant) a[1]).atZone(c.zone());
            LocalDateTime truncated = DateFields.truncate((String) a[0],
                    local.toLocalDateTime(), TIMESTAMPTZ);
            return truncated.atZone(c.zone()).toInstant();
        });
        r.add("date_trunc", List.of(TEXT, INTERVAL), INTERVAL,
                (c, a) -> DateFields.truncate((String) a[0], (Interval) a[1]));
        registerConstructors(r);
        r.add("age", List.of(TIMESTAMP, TIMESTAMP), INTERVAL,
                (c, a) -> age((LocalDateTime) a[0], (LocalDateTime) a[1]));
        r.add("age", List.of(TIMESTAMPTZ, TIMESTAMPTZ), INTERVAL, (c, a) -> age(
                LocalDateTime.ofInstant((Instant) a[0], c.zone()),
                LocalDateTime.ofInstant((Instant) a[1], c.zone())));
        r.addVolatile("age", List.of(TIMESTAMP), INTERVAL, (c, a) -> age(LocalDate.ofInstant(
                c.clock().instant(), c.zone()).atStartOfDay(), (LocalDateTime) a[0]));
        r.add("justify_days", List.of(INTERVAL), INTERVAL,
                (c, a) -> justifyDays((Interval) a[0]));
        r.add("justify_hours", List.of(INTERVAL), INTERVAL,
                (c, a) -> justifyHours((Interval) a[0]));
        r.add("justify_interval", List.of(INTERVAL), INTERVAL,
                (c, a) -> justifyInterval((Interval) a[0]));
        registerToChar(r);
    }

    private static void registerToChar(Functions.Registrar r) {
        r.add("to_char", List.of(TIMESTAMP, TEXT), TEXT,
                (c, a) -> DateFormat.format((LocalDateTime) a[0], null, (String) a[1]));
        r.add("to_char", List.of(TIMESTAMPTZ, TEXT), TEXT, (c, a) -> {
            ZonedDateTime local = ((Instant) a[0]).atZone(c.zone());
            return DateFormat.format(local.toLocalDateTime(), local.getOffset(),
                    (String) a[1]);
        });
        for (TypeId t : List.of(INTEGER, TypeId.BIGINT, NUMERIC)) {
            r.add("to_char", List.of(t, TEXT), TEXT, (c, a) -> NumericFormat.format(
                    Values.toBigDecimal(a[0]), 0, (String) a[1]));
        }
        for (TypeId t : List.of(TypeId.REAL, DOUBLE)) {
            r.add("to_char", List.of(t, TEXT), TEXT, (c, a) -> {
                double d = Values.toDouble(a[0]);
                String template = (String) a[1];
                if (Double.isNaN(d)) {
                    return template.contains("FM") ? "NaN" : " NaN";
                }
                if (Double.isInfinite(d)) { // too large for any template: # in every digit
                    return NumericFormat.format(BigDecimal.TEN.pow(400)
                            .multiply(BigDecimal.valueOf(Math.signum(d))), 0, template);
                }
                return NumericFormat.format(new BigDecimal(d), t == TypeId.REAL ? 6 : 15,
                        (String) a[1]);
            });
        }
        r.add("to_char", List.of(INTERVAL, TEXT), TEXT, (c, a) -> DateFormat.format(
                LocalDateTime.of(1, 1, 1, 0, 0).plus(((Interval) a[0]).micros(),
                        ChronoUnit.MICROS), null, (String) a[1]));
    }

    private static void registerConstructors(Functions.Registrar r) {
        r.add("make_date", List.of(INTEGER, INTEGER, INTEGER), DATE,
                (c, a) -> makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2]));
        r.add("make_time", List.of(INTEGER, INTEGER, DOUBLE), TIME,
                (c, a) -> makeTime((Integer) a[0], (Integer) a[1], (Double) a[2]));
        r.add("make_timestamp", List.of(INTEGER, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE),
                TIMESTAMP, (c, a) -> makeDate((Integer) a[0], (Integer) a[1], (Integer) a[2])
                        .atTime(makeTime((Integer) a[3], (Integer) a[4], (Double) a[5])));
        r.add("to_timestamp", List.of(DOUBLE), TIMESTAMPTZ, (c, a) -> {
            double seconds = (Double) a[0];
            if (Double.isNaN(seconds) || Math.abs(seconds) > 9.2e15) {
                throw new SqlException(SqlState.DATETIME_VALUE_OUT_OF_RANGE,
                        "timestamp out of range: \"" + NumberText.formatDouble(seconds) + "\"");
            }
            long micros = Math.round(seconds * 1e6);
            return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        });
    }

    private static LocalDate makeDate(int year, int month, int day) {
        try {
            return LocalDate.of(year < 0 ? year + 1 : year, month, day);
        } catch (DateTimeException e) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
                    "date field value out of range: " + year + "-" + pad2(month) + "-"
                    + pad2(day));
        }
    }

    private static String pad2(int v) {
        return v >= 0 && v < 10 ? "0" + v : Integer.toString(v);
    }

    private static LocalTime makeTime(int hour, int minute, double seconds) {
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || seconds < 0
                || seconds >= 60 || Double.isNaN(seconds)) {
            throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
                    "time field value out of range: " + hour + ":" + pad2(minute) + ":"
                    + NumberText.formatDouble(seconds));
        }
        long micros = Math.round(seconds * 1e6);
        return LocalTime.of(hour, minute).plus(micros, ChronoUnit.MICROS);
    }

    /**
     * PostgreSQL's symbolic {@code age}: field-wise differences with borrows, a borrowed month
     * counting the days of the earlier timestamp's month.
     */
    static Interval age(LocalDateTime a, LocalDateTime b) {
        boolean negative = a.isBefore(b);
        LocalDateTime hi = negative ? b : a;
        LocalDateTime lo = negative ? a : b;
        long micros = (hi.getNano() - lo.getNano()) / 1000
                + (hi.toLocalTime().toSecondOfDay() - (long) lo.toLocalTime().toSecondOfDay())
                * 1_000_000L;
        int days = hi.getDayOfMonth() - lo.getDayOfMonth();
        int months = hi.getMonthValue() - lo.getMonthValue();
        int years = hi.getYear() - lo.getYear();
        if (micros < 0) {
            micros += Interval.MICROS_PER_DAY;
            days--;
        }
        while (days < 0) {
            days += lo.toLocalDate().lengthOfMonth();
            months--;
        }
        while (months < 0) {
            months += 12;
            years--;
        }
        Interval result = new Interval(years * 12 + months, days, micros);
        return negative ? DateTimeMath.negate(result) : result;
    }

    /** PostgreSQL's {@code interval_justify_interval}: days to months, then time to days. */
    private static Interval justifyInterval(Interval i) {
        long months = i.months();
        long days = i.days();
        long time = i.micros();
        if ((days > 0 && time > 0) || (days < 0 && time < 0)) {
            days += time / Interval.MICROS_PER_DAY;
            time %= Interval.MICROS_PER_DAY;
        }
        months += days / 30;
        days %= 30;
        if (months > 0 && (days < 0 || (days == 0 && time < 0))) {
            days += 30;
            months--;
        } else if (months < 0 && (days > 0 || (days == 0 && time > 0))) {
            days -= 30;
            months++;
        }
        days += time / Interval.MICROS_PER_DAY;
        time %= Interval.MICROS_PER_DAY;
        if (days > 0 && time < 0) {
            time += Interval.MICROS_PER_DAY;
            days--;
        } else if (days < 0 && time > 0) {
            time -= Interval.MICROS_PER_DAY;
            days++;
        }
        try {
            return new Interval(Math.toIntExact(months), Math.toIntExact(days), time);
        } catch (ArithmeticException e) {
            throw DateTimeMath.outOfRange("interval");
        }
    }

    private static Interval justifyDays(Interval i) {
        int months = i.months() + i.days() / 30;
        int days = i.days() % 30;
        if (months > 0 && days < 0) {
            days += 30;
            months--;
        } else if (months < 0 && days > 0) {
            days -= 30;
            months++;
        }
        return new Interval(months, days, i.micros());
    }

    private static Interval justifyHours(Interval i) {
        long days = i.days() + i.micros() / Interval.MICROS_PER_DAY;
        long micros = i.micros() % Interval.MICROS_PER_DAY;
        if (days > 0 && micros < 0) {
            micros += Interval.MICROS_PER_DAY;
            days--;
        } else if (days < 0 && micros > 0) {
            micros -= Interval.MICROS_PER_DAY;
            days++;
        }
        try {
            return new Interval(i.months(), Math.toIntExact(days), micros);
        } catch (ArithmeticException e) {
            throw DateTimeMath.outOfRange("interval");
        }
    }

    static BigDecimal micros(long value, int scale) {
        return BigDecimal.valueOf(value, scale);
    }
}
