package dev.cutaway.sql.types;

import dev.cutaway.kv.tuple.TupleEncoding;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Order-preserving keys for SQL values, on top of {@link TupleEncoding}: the unsigned byte
 * order of two encoded keys is the SQL order of the value tuples ({@link ValueOrder} column by
 * column, each column ascending or descending, NULLs first or last), and SQL-equal values
 * encode to equal bytes (so a unique index sees {@code 1.0} and {@code 1.00}, {@code 'a'} and
 * {@code 'a  '::char(3)}, {@code 1 mon} and {@code 30 days}, {@code -0} and {@code 0} as
 * duplicates, as PostgreSQL does).
 *
 * <p>Each SQL value becomes one tuple element:
 * <pre>
 *   smallint, integer, bigint      long
 *   numeric                        bytes: {@link DecimalKey} (order-preserving decimal)
 *   real, double precision         double (-0 stored as 0; NaN last, as PostgreSQL)
 *   text, varchar, unknown         string (code point order = the C collation)
 *   char(n)                        string without trailing spaces
 *   boolean                        boolean
 *   date                           long: days since 1970-01-01
 *   time                           long: microseconds since midnight
 *   timestamp                      long: microseconds since 2000-01-01 00:00 (as if UTC)
 *   timestamptz                    long: microseconds since 2000-01-01 00:00 UTC
 *                                  (PostgreSQL's epoch: its whole range fits in 64 bits)
 *   interval                       bytes: {@link DecimalKey} of the span in microseconds
 *                                  (30-day months, 24-hour days)
 *   bytea                          bytes
 * </pre>
 * NULL is the tuple null (sorting before every value) for NULLS FIRST, and a descending null
 * (sorting after every ascending value) for ascending NULLS LAST; descending columns wrap
 * their values in {@link TupleEncoding.Descending}, where the tuple null sorts first and a
 * descending null last. PostgreSQL's defaults are ASC NULLS LAST and DESC NULLS FIRST.
 *
 * <p>Decoding gives back the SQL-equal canonical value: numeric without trailing fraction
 * zeros, char without padding (padded again when the type has a length), interval as months
 * of 30 days, days and microseconds. The row itself ({@link RowCodec}) keeps values as
 * written.
 */
public final class KeyEncoding {
    /** The sort direction and NULL placement of one key column. */
    public enum Direction {
        ASC_NULLS_LAST, ASC_NULLS_FIRST, DESC_NULLS_FIRST, DESC_NULLS_LAST;

        boolean descending() {
            return this == DESC_NULLS_FIRST || this == DESC_NULLS_LAST;
        }

        boolean nullsLast() {
            return this == ASC_NULLS_LAST || this == DESC_NULLS_LAST;
        }
    }

    private KeyEncoding() {}

    /** Encodes {@code values} (of {@code types}) ascending with NULLS LAST. */
    public static byte[] encode(List<?> values, List<SqlType> types) {
        List<Direction> directions = new ArrayList<>();
        types.forEach(t -> directions.add(Direction.ASC_NULLS_LAST));
        return encode(values, types, directions);
    }

    /** Encodes {@code values} with one direction per column. */
    public static byte[] encode(List<?> values, List<SqlType> types, List<Direction> directions) {
        if (values.size() != types.size() || types.size() != directions.size()) {
            throw new IllegalArgumentException("values, types and directions differ in length");
        }
        List<Object> elements = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            elements.add(element(values.get(i), types.get(i), directions.get(i)));
        }
        return TupleEncoding.encode(elements);
    }

    /** The tuple element for one value in one direction (for callers building longer keys). */
    public static Object element(Object value, SqlType type, Direction direction) {
        if (value == null) {
            return direction.nullsLast() ? TupleEncoding.descending(null) : null;
        }
        Values.checkRepresentation(value, type);
        Object element = toElement(value, type);
        return direction.descending() ? TupleEncoding.descending(element) : element;
    }

    /** Decodes a key made by {@link #encode} back to canonical values of {@code types}. */
    public static List<Object> decode(byte[] key, List<SqlType> types) {
        List<Object> elements = TupleEncoding.decode(key);
        if (elements.size() != types.size()) {
            throw new IllegalArgumentException("key has " + elements.size()
                    + " elements, expected " + types.size());
        }
        List<Object> values = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            values.add(fromElement(elements.get(i), types.get(i)));
        }
        return values;
    }

    /** The SQL value of one decoded tuple element. */
    public static Object fromElement(Object element, SqlType type) {
        Object e = element instanceof TupleEncoding.Descending d ? d.value() : element;
        if (e == null) {
            return null;
        }
        return switch (type.id()) {
            case SMALLINT -> (short) (long) (Long) e;
            case INTEGER -> (int) (long) (Long) e;
            case BIGINT -> e;
            case NUMERIC -> DecimalKey.decode((byte[]) e);
            case REAL -> (float) (double) (Double) e;
            case DOUBLE -> e;
            case TEXT, VARCHAR, UNKNOWN -> e;
            case CHAR -> type.hasModifiers() ? Casts.applyModifiers(e, type,
                    CastContext.ASSIGNMENT) : e;
            case BOOLEAN -> e;
            case DATE -> LocalDate.ofEpochDay((Long) e);
            case TIME -> LocalTime.ofNanoOfDay((Long) e * 1000);
            case TIMESTAMP -> Values.timestampOfPgMicros((Long) e);
            case TIMESTAMPTZ -> Values.instantOfPgMicros((Long) e);
            case INTERVAL -> intervalOfSpan(DecimalKey.decode((byte[]) e).toBigIntegerExact());
            case BYTEA -> Bytea.wrap((byte[]) e);
            case ARRAY, INT2VECTOR, OIDVECTOR, RECORD -> throw new IllegalArgumentException(
                    "no key encoding for " + type);
        };
    }

    private static Object toElement(Object value, SqlType type) {
        return switch (value) {
            case Short s -> (long) s;
            case Integer i -> (long) i;
            case Long l -> l;
            case BigDecimal d -> DecimalKey.encode(d);
            case Float f -> f == 0 ? 0.0 : (double) f;
            case Double d -> d == 0 ? 0.0 : d;
            case String s -> type.id() == TypeId.CHAR ? Casts.stripTrailingSpaces(s) : s;
            case Boolean b -> b;
            case LocalDate d -> d.toEpochDay();
            case LocalTime t -> t.toNanoOfDay() / 1000;
            case LocalDateTime t -> Values.pgMicros(t);
            case Instant t -> Values.pgMicros(t);
            case Interval i -> DecimalKey.encode(new BigDecimal(i.spanMicros()));
            case Bytea b -> b.bytes();
            case SqlArray a -> throw new dev.cutaway.sql.SqlException(
                    dev.cutaway.sql.SqlState.FEATURE_NOT_SUPPORTED,
                    "arrays cannot be part of a key or index");
            default -> throw new IllegalArgumentException("not a SQL value: " + value);
        };
    }

    private static Interval intervalOfSpan(BigInteger span) {
        BigInteger month = BigInteger.valueOf(30 * Interval.MICROS_PER_DAY);
        BigInteger[] monthsAndRest = span.divideAndRemainder(month);
        long rest = monthsAndRest[1].longValueExact();
        return new Interval(monthsAndRest[0].intValueExact(),
                (int) (rest / Interval.MICROS_PER_DAY), rest % Interval.MICROS_PER_DAY);
    }
}
