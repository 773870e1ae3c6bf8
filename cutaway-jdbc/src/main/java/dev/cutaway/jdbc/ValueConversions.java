package dev.cutaway.jdbc;

import dev.cutaway.sql.types.Bytea;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.ValueText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Engine values (ADR 0010's Java classes; SQL NULL is null) converted to what a JDBC getter
 * returns. Numbers convert between each other with range checks (22003 on overflow, as
 * pgjdbc's "Bad value for type"); text converts to numbers and booleans by parsing (22018 when
 * it does not parse); every value converts to text as PostgreSQL prints it. Callers handle
 * null before calling.
 */
final class ValueConversions {
    private ValueConversions() {}

    static String text(Object v, SqlType type, ZoneId zone) {
        return v instanceof String s ? s : ValueText.format(v, type, zone);
    }

    static BigDecimal decimal(Object v, String typeName) throws SQLException {
        return switch (v) {
            case BigDecimal d -> d;
            case Short n -> BigDecimal.valueOf(n);
            case Integer n -> BigDecimal.valueOf(n);
            case Long n -> BigDecimal.valueOf(n);
            case Float n -> finite(n.doubleValue(), typeName);
            case Double n -> finite(n, typeName);
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case String s -> parse(s.strip(), typeName);
            default -> throw bad(v, typeName);
        };
    }

    private static BigDecimal finite(double d, String typeName) throws SQLException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw bad(d, typeName);
        }
        return new BigDecimal(Double.toString(d));
    }

    private static BigDecimal parse(String s, String typeName) throws SQLException {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new SQLException("Bad value for type " + typeName + " : " + s, "22018", e);
        }
    }

    /** An integral value in [min, max]; fractions truncate toward zero, as pgjdbc does. */
    static long integral(Object v, long min, long max, String typeName) throws SQLException {
        if (v instanceof Short || v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            return checkRange(n, min, max, v, typeName);
        }
        BigInteger whole = decimal(v, typeName).toBigInteger();
        if (whole.bitLength() > 63) {
            throw bad(v, typeName);
        }
        return checkRange(whole.longValue(), min, max, v, typeName);
    }

    private static long checkRange(long n, long min, long max, Object v, String typeName)
            throws SQLException {
        if (n < min || n > max) {
            throw bad(v, typeName);
        }
        return n;
    }

    static double floating(Object v) throws SQLException {
        return switch (v) {
            case Float n -> n;
            case Double n -> n;
            case Number n -> n.doubleValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> {
                try {
                    yield Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    throw new SQLException("Bad value for type double : " + s, "22018", e);
                }
            }
            default -> throw bad(v, "double");
        };
    }

    static boolean bool(Object v) throws SQLException {
        return switch (v) {
            case Boolean b -> b;
            case Number n -> decimal(n, "boolean").signum() != 0;
            case String s -> {
                try {
                    yield ValueText.parseBoolean(s.strip());
                } catch (RuntimeException e) {
                    throw new SQLException("Bad value for type boolean : " + s, "22018", e);
                }
            }
            default -> throw bad(v, "boolean");
        };
    }

    static byte[] bytes(Object v) throws SQLException {
        return switch (v) {
            case Bytea b -> b.toByteArray();
            case String s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            default -> throw bad(v, "bytea");
        };
    }

    static Date date(Object v, ZoneId zone) throws SQLException {
        return switch (v) {
            case LocalDate d -> Date.valueOf(d);
            case LocalDateTime t -> Date.valueOf(t.toLocalDate());
            case Instant t -> Date.valueOf(t.atZone(zone).toLocalDate());
            default -> throw bad(v, "date");
        };
    }

    static Time time(Object v, ZoneId zone) throws SQLException {
        return switch (v) {
            case LocalTime t -> Time.valueOf(t);
            case LocalDateTime t -> Time.valueOf(t.toLocalTime());
            case Instant t -> Time.valueOf(t.atZone(zone).toLocalTime());
            default -> throw bad(v, "time");
        };
    }

    static Timestamp timestamp(Object v) throws SQLException {
        return switch (v) {
            case LocalDateTime t -> Timestamp.valueOf(t);
            case LocalDate d -> Timestamp.valueOf(d.atStartOfDay());
            case Instant t -> Timestamp.from(t);
            default -> throw bad(v, "timestamp");
        };
    }

    /** {@code getObject(int)}: JDBC's standard classes for dates, times and binary. */
    static Object standard(Object v) {
        return switch (v) {
            case LocalDate d -> Date.valueOf(d);
            case LocalTime t -> Time.valueOf(t);
            case LocalDateTime t -> Timestamp.valueOf(t);
            case Instant t -> Timestamp.from(t);
            case Bytea b -> b.toByteArray();
            case Short n -> n.intValue();   // JDBC maps SMALLINT to Integer
            default -> v;
        };
    }

    /** {@code getObject(int)} of an array column: a {@link java.sql.Array} of its elements. */
    static Object standard(Object v, SqlType type) {
        return v instanceof dev.cutaway.sql.types.SqlArray a ? new CutawayArray(a, type)
                : standard(v);
    }

    /** {@code getObject(int, Class)} for the classes JDBC 4.2 names, and the engine's own. */
    static <T> T as(Object v, Class<T> type, SqlType sqlType, ZoneId zone) throws SQLException {
        Object out;
        if (type.isInstance(v)) {
            out = v;
        } else if (type == String.class) {
            out = text(v, sqlType, zone);
        } else if (type == Integer.class) {
            out = (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
        } else if (type == Long.class) {
            out = integral(v, Long.MIN_VALUE, Long.MAX_VALUE, "long");
        } else if (type == Short.class) {
            out = (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE, "short");
        } else if (type == Byte.class) {
            out = (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
        } else if (type == java.math.BigInteger.class) {
            out = decimal(v, "BigInteger").toBigIntegerExact();
        } else if (type == Float.class) {
            out = (float) floating(v);
        } else if (type == BigDecimal.class) {
            out = decimal(v, "BigDecimal");
        } else if (type == Double.class) {
            out = floating(v);
        } else if (type == Boolean.class) {
            out = bool(v);
        } else if (type == byte[].class) {
            out = bytes(v);
        } else if (type == OffsetDateTime.class && v instanceof Instant t) {
            out = t.atOffset(ZoneOffset.UTC);
        } else if (type == OffsetDateTime.class && v instanceof LocalDateTime t) {
            out = t.atOffset(ZoneOffset.UTC);   // pgjdbc: a timestamp is read as UTC
        } else if (type == Instant.class && v instanceof LocalDateTime t) {
            out = t.toInstant(ZoneOffset.UTC);
        } else if (type == LocalDateTime.class && v instanceof LocalDate d) {
            out = d.atStartOfDay();
        } else if (type == LocalTime.class && v instanceof LocalDateTime t) {
            out = t.toLocalTime();
        } else if (type == LocalDate.class && v instanceof LocalDateTime t) {
            out = t.toLocalDate();
        } else if (type == Date.class) {
            out = date(v, zone);
        } else if (type == Time.class) {
            out = time(v, zone);
        } else if (type == Timestamp.class) {
            out = timestamp(v);
        } else {
            throw new SQLException("conversion of " + v.getClass().getSimpleName() + " to "
                    + type.getName() + " is not supported", "22023");
        }
        return type.cast(out);
    }

    private static SQLException bad(Object v, String typeName) {
        return new SQLException("Bad value for type " + typeName + " : " + v, "22003");
    }
}
