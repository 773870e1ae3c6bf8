package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Window functions: each input row comes out (in input order) with one more column per
 * window call. Per call, rows are grouped by PARTITION BY and sorted by the window's ORDER BY;
 * row_number, rank and dense_rank number them; an aggregate (count, sum, avg, min, max, ...)
 * covers the whole partition without ORDER BY, and with it PostgreSQL's default frame
 * ({@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}: every row up to the current one
 * and its peers). Explicit frames are refused by the binder.
 */
public record Window(Plan input, List<Call> calls, List<Column> columns) implements Plan {

    /**
     * One window call: {@code function} is row_number/rank/dense_rank or an aggregate
     * ({@code aggregate} set); order keys index into {@code orderValues}.
     */
    public record Call(String function, Aggregation.Call aggregate, List<BoundExpr> partitionBy,
            List<BoundExpr> orderBy, List<RowOps.SortKey> orderKeys) {}

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        List<Object[]> rows = Joins.readAll(input, cx, outer);
        int width = input.columns().size();
        Object[][] out = new Object[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOf(rows.get(i), width + calls.size());
        }
        for (int c = 0; c < calls.size(); c++) {
            compute(calls.get(c), rows, out, width + c, cx, outer);
        }
        Iterator<Object[]> it = Arrays.asList(out).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private static void compute(Call call, List<Object[]> rows, Object[][] out, int column,
            ExecContext cx, Frame outer) {
        TypeId[] partTypes = new TypeId[call.partitionBy().size()];
        for (int i = 0; i < partTypes.length; i++) {
            partTypes[i] = call.partitionBy().get(i).type().id();
        }
        Map<RowKey, List<Integer>> partitions = new LinkedHashMap<>();
        Object[][] orderValues = new Object[rows.size()][];
        for (int r = 0; r < rows.size(); r++) {
            Frame f = outer.push(rows.get(r));
            Object[] key = new Object[partTypes.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = call.partitionBy().get(i).eval(f, cx);
            }
            partitions.computeIfAbsent(new RowKey(key, partTypes), k -> new ArrayList<>()).add(r);
            Object[] ov = new Object[call.orderBy().size()];
            for (int i = 0; i < ov.length; i++) {
                ov[i] = call.orderBy().get(i).eval(f, cx);
            }
            orderValues[r] = ov;
        }
        Comparator<Object[]> order = RowOps.comparator(call.orderKeys());
        for (List<Integer> part : partitions.values()) {
            part.sort((a, b) -> order.compare(orderValues[a], orderValues[b]));
            fill(call, part, orderValues, order, rows, out, column, cx, outer);
        }
    }

    private static void fill(Call call, List<Integer> part, Object[][] orderValues,
            Comparator<Object[]> order, List<Object[]> rows, Object[][] out, int column,
            ExecContext cx, Frame outer) {
        Aggregation.State state = call.aggregate() == null ? null : new Aggregation.State();
        boolean ordered = !call.orderBy().isEmpty();
        if (state != null && !ordered) {
            for (int r : part) {
                state.add(call.aggregate(), outer.push(rows.get(r)), cx);
            }
        }
        long rank = 0;
        long dense = 0;
        int i = 0;
        while (i < part.size()) {
            int peersEnd = i + 1;
            while (peersEnd < part.size() && order.compare(orderValues[part.get(i)],
                    orderValues[part.get(peersEnd)]) == 0) {
                peersEnd++;
            }
            dense++;
            rank = i + 1;
            if (state != null && ordered) {
                for (int p = i; p < peersEnd; p++) {
                    state.add(call.aggregate(), outer.push(rows.get(part.get(p))), cx);
                }
            }
            Object aggregate = state == null ? null : state.result(call.aggregate(), cx);
            for (int p = i; p < peersEnd; p++) {
                Object v = switch (call.function()) {
                    case "row_number" -> (long) (p + 1);
                    case "rank" -> rank;
                    case "dense_rank" -> dense;
                    default -> aggregate;
                };
                out[part.get(p)][column] = v;
            }
            i = peersEnd;
        }
    }

    @Override
    public String describe() {
        return "WindowAgg";
    }

    @Override
    public List<Plan> children() {
        return List.of(input);
    }
}
