package dev.cutaway.sql.types;

import dev.cutaway.check.Invariants;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The SQL order and equality of two non-null values of the same type (what {@code <} and
 * {@code =} compute once operator resolution has brought both sides to one type), and a hash
 * consistent with that equality (for hash joins, hash aggregation, DISTINCT).
 *
 * <ul>
 *   <li>numbers by value: numeric ignores scale ({@code 1.0 = 1}); real and double order as
 *       PostgreSQL's float comparisons: {@code -0 = 0}, NaN equals NaN and is above every
 *       other value (including Infinity).</li>
 *   <li>text and varchar by Unicode code point (the "C" collation; the same order as UTF-8
 *       bytes and so as {@code TupleEncoding}); char(n) ignores trailing spaces.</li>
 *   <li>arrays and records element by element (NULL elements last), then by length, then
 *       by lower bound (PostgreSQL's {@code array_cmp}, {@code btrecordcmp});</li>
 *   <li>boolean false &lt; true; dates and times chronologically; interval by its span with
 *       30-day months and 24-hour days ({@code 1 mon = 30 days}); bytea unsigned bytes.</li>
 * </ul>
 * Invariants: compare is antisymmetric and transitive, {@code compare == 0} exactly when
 * {@code equal}, and equal values have equal {@link #hash}.
 */
public final class ValueOrder {
    private ValueOrder() {}

    /** Compares non-null {@code a} and {@code b}, both values of type {@code id}. */
    public static int compare(Object a, Object b, TypeId id) {
        return switch (a) {
            case Short x -> Short.compare(x, (Short) b);
            case Integer x -> Integer.compare(x, (Integer) b);
            case Long x -> Long.compare(x, (Long) b);
            case BigDecimal x -> x.compareTo((BigDecimal) b);
            case Float x -> compareDouble(x, (Float) b);
            case Double x -> compareDouble(x, (Double) b);
            case String x -> id == TypeId.CHAR
                    ? compareCodePoints(Casts.stripTrailingSpaces(x),
                            Casts.stripTrailingSpaces((String) b))
                    : compareCodePoints(x, (String) b);
            case Boolean x -> Boolean.compare(x, (Boolean) b);
            case LocalDate x -> x.compareTo((LocalDate) b);
            case LocalTime x -> x.compareTo((LocalTime) b);
            case LocalDateTime x -> x.compareTo((LocalDateTime) b);
            case Instant x -> x.compareTo((Instant) b);
            case Interval x -> x.compareTo((Interval) b);
            case Bytea x -> x.compareTo((Bytea) b);
            case SqlArray x -> compareArrays(x, (SqlArray) b);
            case SqlRecord x -> compareLists(x.values(), ((SqlRecord) b).values());
            default -> throw Invariants.violation("comparable SQL value", a);
        };
    }

    /** SQL equality of non-null values of one type. */
    public static boolean equal(Object a, Object b, TypeId id) {
        return compare(a, b, id) == 0;
    }

    /** A hash consistent with {@link #equal}; null hashes to 0. */
    public static int hash(Object value, TypeId id) {
        return switch (value) {
            case null -> 0;
            case BigDecimal d -> d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode();
            case Float f -> hashDouble(f);
            case Double d -> hashDouble(d);
            case String s -> id == TypeId.CHAR ? Casts.stripTrailingSpaces(s).hashCode()
                    : s.hashCode();
            case Interval i -> i.spanMicros().hashCode();
            case SqlArray a -> hashList(a.elements()) * 31 + a.lowerBound();
            case SqlRecord r -> hashList(r.values());
            default -> value.hashCode();
        };
    }

    private static int hashList(java.util.List<Object> values) {
        int h = 1;
        for (Object v : values) {
            h = h * 31 + hash(v, TypeId.UNKNOWN);
        }
        return h;
    }

    /**
     * PostgreSQL's array order ({@code array_cmp}): element by element, a NULL element above
     * any value; then the shorter array first; then the lower bound.
     */
    private static int compareArrays(SqlArray a, SqlArray b) {
        int c = compareLists(a.elements(), b.elements());
        return c != 0 ? c : Integer.compare(a.lowerBound(), b.lowerBound());
    }

    private static int compareLists(java.util.List<Object> a, java.util.List<Object> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x == null ? (y == null ? 0 : 1) : y == null ? -1
                    : compare(x, y, TypeId.UNKNOWN);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int hashDouble(double d) {
        return d == 0 ? 0 : Double.hashCode(Double.isNaN(d) ? Double.NaN : d);
    }

    /** PostgreSQL's float order: -0 equals 0; NaN equals NaN and sorts above everything. */
    public static int compareDouble(double a, double b) {
        if (Double.isNaN(a)) {
            return Double.isNaN(b) ? 0 : 1;
        }
        if (Double.isNaN(b)) {
            return -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    /** Compares strings by Unicode code point (UTF-8 byte order, the C collation). */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
