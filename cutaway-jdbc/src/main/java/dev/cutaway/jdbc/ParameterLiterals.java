package dev.cutaway.jdbc;

import dev.cutaway.sql.types.Bytea;
import dev.cutaway.sql.types.Interval;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.ValueText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;

/**
 * Java values as typed SQL literals, the text a prepared statement puts in place of a
 * {@code ?} (first increment; engine-side parameters will replace it, ADR 0014). Every literal
 * is self-delimiting: numbers and typed values are {@code CAST('text' AS type)} so a negative
 * number can never merge with a preceding {@code -} into a comment; strings are standard
 * literals with quotes doubled, untyped like pgjdbc's {@code stringtype=unspecified}, so
 * {@code setString} works for any column type the text converts to.
 */
final class ParameterLiterals {
    /** A timestamp with its UTC offset, as PostgreSQL reads it for both timestamp types. */
    static final java.time.format.DateTimeFormatter OFFSET_TIMESTAMP =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

    private ParameterLiterals() {}

    static String nullOf(String typeName) {
        return typeName == null ? "NULL" : "CAST(NULL AS " + typeName + ")";
    }

    static String string(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a string parameter contains NUL");
        }
        return "'" + s.replace("'", "''") + "'";
    }

    static String typed(String text, String typeName) {
        return "CAST(" + string(text) + " AS " + typeName + ")";
    }

    static String bytes(byte[] b) {
        return typed("\\x" + HexFormat.of().formatHex(b), "bytea");
    }

    static String timestamp(LocalDateTime t) {
        return typed(ValueText.format(t, SqlType.TIMESTAMP, ZoneOffset.UTC), "timestamp");
    }

    static String timestamptz(Instant t) {
        return typed(ValueText.format(t, SqlType.TIMESTAMPTZ, ZoneOffset.UTC), "timestamptz");
    }

    /** Any supported Java value (the classes of ADR 0010 and JDBC's standard ones). */
    static String of(Object value) throws SQLException {
        return switch (value) {
            case null -> "NULL";
            case String s -> string(s);
            case Boolean b -> b ? "TRUE" : "FALSE";
            case Short n -> typed(n.toString(), "smallint");
            case Byte n -> typed(n.toString(), "smallint");
            case Integer n -> typed(n.toString(), "integer");
            case Long n -> typed(n.toString(), "bigint");
            case BigInteger n -> typed(n.toString(), "numeric");
            case BigDecimal n -> typed(n.toPlainString(), "numeric");
            case Float n -> typed(floatText(n.doubleValue(), n.toString()), "real");
            case Double n -> typed(floatText(n, n.toString()), "double precision");
            case java.sql.Date d -> typed(d.toLocalDate().toString(), "date");
            case java.sql.Time t -> typed(t.toLocalTime().toString(), "time");
            case java.sql.Timestamp t -> timestamp(t.toLocalDateTime());
            case LocalDate d -> typed(ValueText.format(d, SqlType.DATE, ZoneOffset.UTC), "date");
            case LocalTime t -> typed(ValueText.format(t, SqlType.TIME, ZoneOffset.UTC), "time");
            case LocalDateTime t -> timestamp(t);
            case Instant t -> timestamptz(t);
            case OffsetDateTime t -> timestamptz(t.toInstant());
            case ZonedDateTime t -> timestamptz(t.toInstant());
            case byte[] b -> bytes(b);
            case Bytea b -> bytes(b.toByteArray());
            case Interval i -> typed(ValueText.format(i, SqlType.INTERVAL, ZoneOffset.UTC),
                    "interval");
            case Character c -> string(c.toString());
            default -> throw new SQLException("cannot bind a parameter of "
                    + value.getClass().getName(), "22023");
        };
    }

    /**
     * A bound Java value as the engine's prepared statement takes it: an ADR 0010 value
     * (JDBC's date/time classes, byte, BigInteger, byte[] and char mapped to those), a string
     * (read as the parameter's type), or null. Call after {@link #of} accepted the value.
     */
    static Object engineValue(Object value) {
        return switch (value) {
            case null -> null;
            case Byte n -> n.shortValue();
            case BigInteger n -> new BigDecimal(n);
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Time t -> t.toLocalTime();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case OffsetDateTime t -> t.toInstant();
            case ZonedDateTime t -> t.toInstant();
            case byte[] b -> Bytea.of(b);
            case Character c -> c.toString();
            default -> value;
        };
    }

    private static String floatText(double d, String javaText) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return javaText;
    }

    /** The SQL type name for a {@link Types} code, or null when it has none here. */
    static String typeName(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT -> "smallint";
            case Types.INTEGER -> "integer";
            case Types.BIGINT -> "bigint";
            case Types.NUMERIC, Types.DECIMAL -> "numeric";
            case Types.REAL -> "real";
            case Types.FLOAT, Types.DOUBLE -> "double precision";
            case Types.CHAR, Types.NCHAR -> "char";
            case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB -> "text";
            case Types.BOOLEAN, Types.BIT -> "boolean";
            case Types.DATE -> "date";
            case Types.TIME -> "time";
            case Types.TIMESTAMP -> "timestamp";
            case Types.TIMESTAMP_WITH_TIMEZONE -> "timestamptz";
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "bytea";
            default -> null;
        };
    }
}
