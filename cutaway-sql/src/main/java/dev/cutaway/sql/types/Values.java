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
