package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;

/**
 * The field arithmetic of interval input, as PostgreSQL 15's {@code DecodeInterval}: each
 * {@code number unit} pair or {@code H:MM:SS} time adds to year, month, day, hour, minute,
 * second and microsecond counters, in doubles where PostgreSQL uses doubles so that results
 * agree to the microsecond.
 *
 * <ul>
 *   <li>A fraction takes the number's sign and cascades: fractional years, decades, centuries
 *       and millennia become months rounded half-even ({@code 1.5 years} = 1 year 6 mons,
 *       {@code -2.99 years} = -3 years); fractional months become 30-day days, then seconds;
 *       fractional weeks and days become days, then seconds; fractional hours and minutes
 *       become seconds; fractional seconds become microseconds.</li>
 *   <li>A field may appear once: {@code 1 day 2 days}, {@code 1 hour 01:30} or
 *       {@code 1.5 seconds 3 ms} are 22007 {@code invalid input syntax for type interval}.</li>
 *   <li>The integer part of a number must fit in 32 bits and a time's minutes must be below
 *       60 and its seconds at most 60, else 22015 {@code interval field value out of range};
 *       a total that does not fit the interval's fields is 22008
 *       {@code interval out of range}.</li>
 * </ul>
 */
final class IntervalFields {
    private static final int YEAR = 1;
    private static final int MONTH = 1 << 1;
    private static final int DAY = 1 << 2;
    private static final int WEEK = 1 << 3;
    private static final int HOUR = 1 << 4;
    private static final int MINUTE = 1 << 5;
    private static final int SECOND = 1 << 6;
    private static final int MILLISECOND = 1 << 7;
    private static final int MICROSECOND = 1 << 8;
    private static final int DECADE = 1 << 9;
    private static final int CENTURY = 1 << 10;
    private static final int MILLENNIUM = 1 << 11;
    private static final int ALL_SECONDS = SECOND | MILLISECOND | MICROSECOND;
    private static final int TIME = HOUR | MINUTE | ALL_SECONDS;

    private final String text;
    private int seen;
    private long years;
    private long months;
    private long days;
    private long hours;
    private long minutes;
    private long seconds;
    private long micros;

    IntervalFields(String text) {
        this.text = text;
    }

    /** Adds {@code number unit}. */
    void add(String number, String unit) {
        if (!NumberText.isDecimalSyntax(number) || number.indexOf('e') >= 0
                || number.length() > 40) {
            throw DateTimeText.invalid("interval", text);
        }
        boolean negative = number.startsWith("-");
        int point = number.indexOf('.');
        String whole = point < 0 ? number : number.substring(0, point);
        String digits = whole.replaceFirst("^[+-]?0*", "");
        if (digits.length() > 18) {
            throw fieldOverflow();   // beyond a long: certainly beyond an int field
        }
        long val = whole.isEmpty() || whole.equals("-") || whole.equals("+") ? 0
                : Long.parseLong(whole);
        if (val < Integer.MIN_VALUE || val > Integer.MAX_VALUE) {
            throw fieldOverflow();
        }
        double fval = point < 0 || point == number.length() - 1 ? 0
                : Double.parseDouble("0" + number.substring(point));
        if (negative) {
            fval = -fval;
        }
        mark(apply(unit, val, fval));
    }

    private int apply(String unit, long val, double fval) {
        switch (unit) {
            case "microsecond", "microseconds", "us", "usec", "usecs", "microsecon" -> {
                micros += (long) Math.rint(val + fval);
                return MICROSECOND;
            }
            case "millisecond", "milliseconds", "ms", "msec", "msecs" -> {
                seconds += val / 1000;
                micros += (long) Math.rint((val % 1000 + fval) * 1000);
                return MILLISECOND;
            }
            case "second", "seconds", "s", "sec", "secs" -> {
                seconds += val;
                micros += (long) Math.rint(fval * 1_000_000);
                return fval == 0 ? SECOND : ALL_SECONDS;
            }
            case "minute", "minutes", "m", "min", "mins" -> {
                minutes += val;
                fractionalSeconds(fval, 60);
                return MINUTE;
            }
            case "hour", "hours", "h", "hr", "hrs" -> {
                hours += val;
                fractionalSeconds(fval, 3600);
                return HOUR;
            }
            case "day", "days", "d" -> {
                days += val;
                fractionalSeconds(fval, 86_400);
                return DAY;
            }
            case "week", "weeks", "w" -> {
                days += val * 7;
                fractionalDays(fval, 7);
                return WEEK;
            }
            case "month", "months", "mon", "mons" -> {
                months += val;
                fractionalDays(fval, 30);
                return MONTH;
            }
            default -> {
                return applyYears(unit, val, fval);
            }
        }
    }

    private int applyYears(String unit, long val, double fval) {
        int factor;
        int field;
        switch (unit) {
            case "year", "years", "y", "yr", "yrs" -> {
                factor = 1;
                field = YEAR;
            }
            case "decade", "decades", "dec", "decs" -> {
                factor = 10;
                field = DECADE;
            }
            case "century", "centuries", "c", "cent" -> {
                factor = 100;
                field = CENTURY;
            }
            case "millennium", "millennia", "mil", "mils" -> {
                factor = 1000;
                field = MILLENNIUM;
            }
            default -> throw DateTimeText.invalid("interval", text);
        }
        years += val * factor;
        months += (long) Math.rint(fval * 12 * factor);
        return field;
    }

    private void fractionalSeconds(double frac, int scale) {
        if (frac == 0) {
            return;
        }
        double f = frac * scale;
        long whole = (long) f;
        seconds += whole;
        micros += (long) Math.rint((f - whole) * 1_000_000);
    }

    private void fractionalDays(double frac, int scale) {
        if (frac == 0) {
            return;
        }
        double f = frac * scale;
        long whole = (long) f;
        days += whole;
        fractionalSeconds(f - whole, 86_400);
    }

    /** Adds a {@code [-]H:MM[:SS[.f]]} time. */
    void addTime(String token) {
        boolean negative = token.startsWith("-");
        String body = negative || token.startsWith("+") ? token.substring(1) : token;
        String[] parts = body.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw DateTimeText.invalid("interval", text);
        }
        for (int k = 0; k < parts.length; k++) {
            String part = parts[k];
            boolean ok = !part.isEmpty() && NumberText.isDecimalSyntax(part)
                    && "+-".indexOf(part.charAt(0)) < 0 && part.indexOf('e') < 0
                    && (k == parts.length - 1 || part.indexOf('.') < 0) && part.length() < 19;
            if (!ok) {
                throw DateTimeText.invalid("interval", text);
            }
        }
        long h = Long.parseLong(parts[0]);
        long m = Long.parseLong(parts[1]);
        double s = parts.length == 3 ? Double.parseDouble(parts[2]) : 0;
        if (m > 59 || s > 60) {
            throw fieldOverflow();
        }
        long wholeSeconds = (long) s;
        long fraction = (long) Math.rint((s - wholeSeconds) * 1_000_000);
        int sign = negative ? -1 : 1;
        hours += sign * h;
        minutes += sign * m;
        seconds += sign * wholeSeconds;
        micros += sign * fraction;
        mark(TIME);
    }

    private void mark(int fields) {
        if ((seen & fields) != 0) {
            throw DateTimeText.invalid("interval", text);
        }
        seen |= fields;
    }

    private SqlException fieldOverflow() {
        return new SqlException(SqlState.INTERVAL_FIELD_OVERFLOW,
                "interval field value out of range: \"" + text + "\"");
    }

    /** The interval, negated for {@code ago}. */
    Interval result(boolean ago) {
        try {
            long totalMonths = Math.addExact(Math.multiplyExact(years, 12), months);
            long time = Math.addExact(Math.multiplyExact(Math.addExact(Math.multiplyExact(
                    Math.addExact(Math.multiplyExact(hours, 60), minutes), 60), seconds),
                    1_000_000L), micros);
            int sign = ago ? -1 : 1;
            return new Interval(Math.toIntExact(sign * totalMonths),
                    Math.toIntExact(sign * days), Math.multiplyExact(sign, time));
        } catch (ArithmeticException e) {
            throw new SqlException(SqlState.DATETIME_VALUE_OUT_OF_RANGE, "interval out of range");
        }
    }
}
