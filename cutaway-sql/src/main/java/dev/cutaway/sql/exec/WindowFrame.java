package dev.cutaway.sql.exec;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.ValueOrder;

/**
 * A window frame as PostgreSQL defines it: {@code unit BETWEEN start AND end}, each bound
 * UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING or UNBOUNDED FOLLOWING. The
 * default (no frame written) is {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}.
 *
 * <p>Units: ROWS counts rows; GROUPS counts peer groups (rows equal under the window's ORDER
 * BY); RANGE with CURRENT ROW means the current row's peers, and with an offset the rows whose
 * single ORDER BY value lies within the offset of the current row's value ({@code plus} and
 * {@code minus} compute {@code value ± offset}; the binder resolved them). A NULL ORDER BY
 * value has only its NULL peers within any offset.
 *
 * <p>{@link #bounds} works on one partition in window order and returns half-open row index
 * ranges {@code [start, end)}; an empty range (start ≥ end) is an empty frame.
 */
public record WindowFrame(Unit unit, Bound start, Bound end, BoundOperator plus,
        BoundOperator minus) {

    public enum Unit { ROWS, RANGE, GROUPS }

    public enum Kind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

    /** One bound; {@code offset} only for PRECEDING and FOLLOWING (a constant expression). */
    public record Bound(Kind kind, BoundExpr offset) {}

    /** PostgreSQL's default frame. */
    public static final WindowFrame DEFAULT = new WindowFrame(Unit.RANGE,
            new Bound(Kind.UNBOUNDED_PRECEDING, null), new Bound(Kind.CURRENT_ROW, null), null,
            null);

    /** The partition a frame is computed over: sort keys, peer groups, the ORDER BY values. */
    record Partition(int rows, int[] groupOf, int[] groupStart, int[] groupEnd,
            Object[] orderValue, TypeId orderType, boolean descending, int valuesStart,
            int valuesEnd) {}

    /** Offsets evaluated once per partition (they may not refer to the rows). */
    record Offsets(Object start, Object end) {}

    Offsets offsets(Frame at, ExecContext cx) {
        return new Offsets(offset(start, "starting", at, cx), offset(end, "ending", at, cx));
    }

    private Object offset(Bound b, String which, Frame at, ExecContext cx) {
        if (b.offset() == null) {
            return null;
        }
        Object v = b.offset().eval(at, cx);
        if (v == null) {
            throw new SqlException(NULL_VALUE_NOT_ALLOWED, "frame " + which
                    + " offset must not be null");
        }
        boolean negative = switch (v) {
            case Number n when unit != Unit.RANGE -> n.longValue() < 0;
            case java.math.BigDecimal d -> d.signum() < 0;
            case Number n -> n.doubleValue() < 0;
            case dev.cutaway.sql.types.Interval i -> i.months() < 0 || i.days() < 0
                    || i.micros() < 0;
            default -> false;
        };
        if (negative) {
            throw new SqlException(INVALID_PRECEDING_OR_FOLLOWING_SIZE, "frame " + which
                    + " offset must not be negative");
        }
        return v;
    }

    /** SQLSTATE null_value_not_allowed. */
    static final String NULL_VALUE_NOT_ALLOWED = "22004";

    /** SQLSTATE invalid_preceding_or_following_size. */
    static final String INVALID_PRECEDING_OR_FOLLOWING_SIZE = "22013";

    /** The frame of row {@code i} as {start, end} (end exclusive). */
    int[] bounds(int i, Partition p, Offsets o, ExecContext cx) {
        return new int[] {edge(start, o.start(), true, i, p, cx),
                edge(end, o.end(), false, i, p, cx)};
    }

    private int edge(Bound b, Object offset, boolean isStart, int i, Partition p,
            ExecContext cx) {
        int g = p.groupOf()[i];
        return switch (b.kind()) {
            case UNBOUNDED_PRECEDING -> 0;
            case UNBOUNDED_FOLLOWING -> p.rows();
            case CURRENT_ROW -> unit == Unit.ROWS ? (isStart ? i : i + 1)
                    : isStart ? p.groupStart()[g] : p.groupEnd()[g];
            case PRECEDING, FOLLOWING -> {
                boolean back = b.kind() == Kind.PRECEDING;
                yield switch (unit) {
                    case ROWS -> {
                        long n = ((Number) offset).longValue();
                        long at = back ? i - n : i + n;
                        yield (int) Math.clamp(isStart ? at : at + 1, 0, p.rows());
                    }
                    case GROUPS -> {
                        long n = ((Number) offset).longValue();
                        long target = back ? g - n : g + n;
                        int groups = p.groupStart().length;
                        if (target < 0) {
                            yield 0;
                        }
                        if (target >= groups) {
                            yield p.rows();
                        }
                        yield isStart ? p.groupStart()[(int) target]
                                : p.groupEnd()[(int) target];
                    }
                    case RANGE -> rangeEdge(back, offset, isStart, i, p, cx);
                };
            }
        };
    }

    /**
     * RANGE with an offset: the first row whose value is at or after {@code value ∓ offset}
     * (start), or just past the last row at or before {@code value ± offset} (end), in window
     * order; NULLs (at one end of the partition) are only within range of NULLs.
     */
    private int rangeEdge(boolean back, Object offset, boolean isStart, int i, Partition p,
            ExecContext cx) {
        Object v = p.orderValue()[i];
        int g = p.groupOf()[i];
        if (v == null) {
            return isStart ? p.groupStart()[g] : p.groupEnd()[g];
        }
        boolean subtract = back != p.descending();
        Object limit = (subtract ? minus : plus).apply(cx.eval(), v, offset);
        // The non-NULL rows form one contiguous, monotone stretch; binary search within it.
        int lo = p.valuesStart();
        int hi = p.valuesEnd();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = directed(p.orderValue()[mid], limit, p);
            if (isStart ? c < 0 : c <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int directed(Object a, Object b, Partition p) {
        int c = ValueOrder.compare(a, b, p.orderType());
        return p.descending() ? -c : c;
    }
}
