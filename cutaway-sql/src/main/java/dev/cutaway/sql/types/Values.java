package dev.cutaway.sql.types;

import dev.cutaway.check.Invariants;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The Java class that represents each SQL type's values (the table is in
 * {@code package-info.java}); SQL NULL is Java null for every type.
 */
public final class Values {
    private Values() {}

    /** The Java class of non-null values of {@code id}. */
    public static Class<?> javaClass(TypeId id) {
        return switch (id) {
            case SMALLINT -> Short.class;
            case INTEGER -> Integer.class;
            case BIGINT -> Long.class;
            case NUMERIC -> BigDecimal.class;
            case REAL -> Float.class;
            case DOUBLE -> Double.class;
            case TEXT, VARCHAR, CHAR, UNKNOWN -> String.class;
            case BOOLEAN -> Boolean.class;
            case DATE -> LocalDate.class;
            case TIME -> LocalTime.class;
            case TIMESTAMP -> LocalDateTime.class;
            case TIMESTAMPTZ -> Instant.class;
            case INTERVAL -> Interval.class;
            case BYTEA -> Bytea.class;
            case ARRAY, INT2VECTOR, OIDVECTOR -> SqlArray.class;
            case RECORD -> SqlRecord.class;
        };
    }

    /** Whether {@code value} (possibly null) is a valid representation of {@code type}. */
    public static boolean isValid(Object value, SqlType type) {
        return value == null || javaClass(type.id()).isInstance(value);
    }

    /** Throws an invariant violation (our bug) when {@code value} does not represent type. */
    public static void checkRepresentation(Object value, SqlType type) {
        Invariants.check(isValid(value, type), "value representation matches its SQL type",
                type, value == null ? null : value.getClass().getSimpleName());
    }

    /** PostgreSQL's timestamp epoch, 2000-01-01 00:00 UTC (keeps its whole range in 64 bits). */
    static final java.time.LocalDateTime PG_EPOCH = java.time.LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final long PG_EPOCH_SECONDS = PG_EPOCH.toEpochSecond(
            java.time.ZoneOffset.UTC);

    /** Microseconds since 2000-01-01 00:00 of a timestamp (read as UTC). */
    static long pgMicros(java.time.LocalDateTime t) {
        return (t.toEpochSecond(java.time.ZoneOffset.UTC) - PG_EPOCH_SECONDS) * 1_000_000L
                + t.getNano() / 1000;
    }

    /** Microseconds since 2000-01-01 00:00 UTC of an instant. */
    static long pgMicros(Instant t) {
        return (t.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + t.getNano() / 1000;
    }

    /** The timestamp {@code micros} after 2000-01-01 00:00. */
    static java.time.LocalDateTime timestampOfPgMicros(long micros) {
        return java.time.LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                (int) Math.floorMod(micros, 1_000_000L) * 1000, java.time.ZoneOffset.UTC);
    }

    /** The instant {@code micros} after 2000-01-01 00:00 UTC. */
    static Instant instantOfPgMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /** Numeric-category value as a BigDecimal (floats must be finite). */
    static BigDecimal toBigDecimal(Object value) {
        return switch (value) {
            case Short s -> BigDecimal.valueOf(s);
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case BigDecimal d -> d;
            case Float f -> new BigDecimal(Float.toString(f));
            case Double d -> new BigDecimal(Double.toString(d));
            default -> throw Invariants.violation("not a number", value);
        };
    }

    /** Integer-category value as a long. */
    static long toLong(Object value) {
        return switch (value) {
            case Short s -> s;
            case Integer i -> i;
            case Long l -> l;
            default -> throw Invariants.violation("not an integer", value);
        };
    }

    /** Numeric-category value as a double. */
    static double toDouble(Object value) {
        return switch (value) {
            case Short s -> s;
            case Integer i -> i;
            case Long l -> l;
            case BigDecimal d -> d.doubleValue();
            case Float f -> f;
            case Double d -> d;
            default -> throw Invariants.violation("not a number", value);
        };
    }
}
