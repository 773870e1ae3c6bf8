package dev.cutaway.sql.types;

/**
 * A value of SQL type {@code interval}, stored as PostgreSQL stores it: three independent
 * fields, because a month has no fixed number of days and a day (across a daylight-saving
 * change) no fixed number of microseconds. {@code 1 mon} and {@code 30 days} are different
 * values, yet compare equal (see {@link #compareTo}), as in PostgreSQL.
 *
 * <p>Ordering and equality for SQL use {@link #compareTo}, which compares the span with a
 * month taken as 30 days and a day as 24 hours (PostgreSQL's {@code interval_cmp}); the
 * record's own {@code equals} is field-wise (so {@code 1 mon} is not {@code equals} to
 * {@code 30 days}; use {@link ValueOrder} for SQL equality).
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    public static final Interval ZERO = new Interval(0, 0, 0);

    /** The span in microseconds with 30-day months and 24-hour days, as a 128-bit value. */
    java.math.BigInteger spanMicros() {
        return java.math.BigInteger.valueOf(months * 30L + days)
                .multiply(java.math.BigInteger.valueOf(MICROS_PER_DAY))
                .add(java.math.BigInteger.valueOf(micros));
    }

    @Override
    public int compareTo(Interval other) {
        return spanMicros().compareTo(other.spanMicros());
    }

    /** PostgreSQL's text form (IntervalStyle postgres), e.g. {@code 1 year 2 mons 03:00:00}. */
    @Override
    public String toString() {
        return IntervalText.format(this);
    }
}
