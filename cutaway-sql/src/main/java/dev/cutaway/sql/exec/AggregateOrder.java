package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.ValueOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The input of one aggregate call with ORDER BY inside it ({@code string_agg(v, ',' ORDER BY
 * v DESC)}) in one group (ADR 0040): the rows that pass FILTER are buffered as {@code [value,
 * separator, key...]}, up to the operator's row budget in memory and beyond it in a spill run,
 * and when the result is asked for they are sorted (externally if need be) and fed to the
 * aggregate in that order. With DISTINCT the value and separator are extra trailing sort keys,
 * so equal inputs are adjacent and all but the first of each are dropped.
 */
final class AggregateOrder {
    private final List<Object[]> rows = new ArrayList<>();
    private Spill.Writer spilled;

    /** Buffers one input row of the call. */
    void add(Aggregation.Call call, Object value, Object separator, Frame f, ExecContext cx) {
        List<BoundExpr> keys = call.orderBy();
        Object[] row = new Object[2 + keys.size()];
        row[0] = value;
        row[1] = separator;
        for (int i = 0; i < keys.size(); i++) {
            row[2 + i] = keys.get(i).eval(f, cx);
        }
        if (spilled == null && cx.mustSpill(rows.size() + 1L)) {
            spilled = cx.spill().writer();
            for (Object[] r : rows) {
                spilled.add(r);
            }
            rows.clear();
        }
        if (spilled != null) {
            spilled.add(row);
        } else {
            rows.add(row);
        }
    }

    /** Feeds the buffered rows, sorted (and deduplicated for DISTINCT), to {@code sink}. */
    void replay(Aggregation.Call call, ExecContext cx, Sink sink) {
        Spill.Run run = spilled == null ? null : spilled.finish();
        spilled = null;
        RowCursor source = run == null ? listCursor(rows) : cx.spill().read(run);
        Object[] previous = null;
        try (RowCursor sorted = ExternalSort.sort(source, order(call), cx)) {
            rows.clear();
            for (Object[] r = sorted.next(); r != null; r = sorted.next()) {
                if (call.distinct() && previous != null && same(previous, r, call)) {
                    continue;
                }
                previous = r;
                sink.accept(r[0], r[1]);
            }
        } finally {
            if (run != null) {
                cx.spill().delete(run);
            }
        }
    }

    /** Receives the aggregate's inputs in order. */
    interface Sink {
        void accept(Object value, Object separator);
    }

    private static Comparator<Object[]> order(Aggregation.Call call) {
        List<RowOps.SortKey> keys = new ArrayList<>(call.orderKeys());
        if (call.distinct()) {
            keys.add(new RowOps.SortKey(0, call.arg().type().id(), false, false));
            if (call.extra() != null) {
                keys.add(new RowOps.SortKey(1, TypeId.TEXT, false, false));
            }
        }
        return RowOps.comparator(keys);
    }

    private static boolean same(Object[] a, Object[] b, Aggregation.Call call) {
        return equal(a[0], b[0], call.arg().type().id()) && equal(a[1], b[1], TypeId.TEXT);
    }

    private static boolean equal(Object a, Object b, TypeId type) {
        return a == null || b == null ? a == b : ValueOrder.equal(a, b, type);
    }

    private static RowCursor listCursor(List<Object[]> list) {
        var it = list.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }
}
