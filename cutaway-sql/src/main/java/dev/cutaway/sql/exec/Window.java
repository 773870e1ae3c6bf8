package dev.cutaway.sql.exec;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.types.SqlType;
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
 * window call. Per call, rows are grouped by PARTITION BY and sorted by the window's ORDER BY
 * (stably, so ties keep input order); rows equal under the ORDER BY are peers.
 *
 * <p>Functions, as PostgreSQL defines them: row_number, rank, dense_rank, percent_rank,
 * cume_dist and ntile over the partition; lag and lead over the partition, offset rows away
 * (default 1; outside the partition the default argument, else NULL); first_value,
 * last_value, nth_value and every aggregate over the call's {@link WindowFrame} (default:
 * from the partition start to the current row's last peer). An aggregate's state grows
 * incrementally while the frame only extends; a frame whose start moves is recomputed.
 *
 * <p>Memory: within the row budget the input is held and rows come out in input order.
 * Beyond it the input spills, and each call sorts it externally by partition and window
 * order and holds one partition at a time; a single partition larger than the budget fails
 * with 53200 (see ADR 0015).
 */
public record Window(Plan input, List<Call> calls, List<Column> columns) implements Plan {

    /**
     * One window call: {@code function} is a window function or an aggregate ({@code
     * aggregate} set); {@code args} are the window function's arguments; order keys index
     * into the evaluated {@code orderBy} values; {@code type} is the result type.
     */
    public record Call(String function, Aggregation.Call aggregate, List<BoundExpr> args,
            List<BoundExpr> partitionBy, List<BoundExpr> orderBy,
            List<RowOps.SortKey> orderKeys, WindowFrame frame, SqlType type) {}

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        RowBuffer buffered = RowBuffer.of(input, cx, outer);
        int width = input.columns().size();
        if (buffered.spilled()) {
            RowCursor current = GraceHashJoin.map(buffered.cursor(),
                    r -> Arrays.copyOf(r, width + calls.size()));
            for (int c = 0; c < calls.size(); c++) {
                current = bySortedPartitions(calls.get(c), current, width + c, cx, outer);
            }
            return current;
        }
        List<Object[]> rows = buffered.list();
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

    /**
     * One call over an input too big for memory: the rows, extended with their PARTITION BY
     * and ORDER BY values, are sorted externally by both, so that each partition arrives
     * whole and in window order; one partition at a time is held (within the row budget) and
     * computed, and the rows go to a spill run. Output order is then partition order.
     */
    private RowCursor bySortedPartitions(Call call, RowCursor in, int column, ExecContext cx,
            Frame outer) {
        int base = input.columns().size() + calls.size();
        int parts = call.partitionBy().size();
        List<RowOps.SortKey> keys = new ArrayList<>();
        TypeId[] partTypes = new TypeId[parts];
        for (int i = 0; i < parts; i++) {
            partTypes[i] = call.partitionBy().get(i).type().id();
            keys.add(new RowOps.SortKey(base + i, partTypes[i], false, false));
        }
        for (RowOps.SortKey k : call.orderKeys()) {
            keys.add(new RowOps.SortKey(base + parts + k.column(), k.type(), k.descending(),
                    k.nullsFirst()));
        }
        RowCursor keyed = GraceHashJoin.map(in, r -> {
            Object[] x = Arrays.copyOf(r, base + parts + call.orderBy().size());
            Frame f = outer.push(r);
            for (int i = 0; i < parts; i++) {
                x[base + i] = call.partitionBy().get(i).eval(f, cx);
            }
            for (int i = 0; i < call.orderBy().size(); i++) {
                x[base + parts + i] = call.orderBy().get(i).eval(f, cx);
            }
            return x;
        });
        Spill.Writer w = cx.spill().writer();
        List<Object[]> part = new ArrayList<>();
        RowKey current = null;
        try (RowCursor sorted = ExternalSort.sort(keyed, RowOps.comparator(keys), cx)) {
            for (Object[] row = sorted.next(); row != null; row = sorted.next()) {
                RowKey k = new RowKey(Arrays.copyOfRange(row, base, base + parts), partTypes);
                if (!k.equals(current)) {
                    flush(call, part, column, w, cx, outer);
                    current = k;
                }
                part.add(Arrays.copyOf(row, base));
                cx.checkRowsInMemory(part.size());
            }
        }
        flush(call, part, column, w, cx, outer);
        return cx.spill().read(w.finish());
    }

    private static void flush(Call call, List<Object[]> part, int column, Spill.Writer w,
            ExecContext cx, Frame outer) {
        Object[][] out = part.toArray(new Object[0][]);
        compute(call, part, out, column, cx, outer);
        for (Object[] row : out) {
            w.add(row);
        }
        part.clear();
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
            Rows p = new Rows(call, part, rows, outer, cx);
            WindowFrame.Partition shape = shape(call, part, orderValues, order);
            for (int i = 0; i < part.size(); i++) {
                out[part.get(i)][column] = switch (call.function()) {
                    case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist" ->
                            ranking(call.function(), i, shape);
                    case "ntile" -> null;
                    case "lag", "lead" -> shifted(p, i, call.function().equals("lag"));
                    default -> null;
                };
            }
            if (call.function().equals("ntile")) {
                ntile(p, out, column);
            } else if (call.aggregate() != null || call.function().endsWith("_value")) {
                framed(p, shape, out, column);
            }
        }
    }

    /** One partition's rows in window order, and how to evaluate an argument at one. */
    private record Rows(Call call, List<Integer> part, List<Object[]> rows, Frame outer,
            ExecContext cx) {
        int size() {
            return part.size();
        }

        Frame at(int i) {
            return outer.push(rows.get(part.get(i)));
        }

        Object arg(int n, int i) {
            return call.args().get(n).eval(at(i), cx);
        }
    }

    /** Peer groups of a sorted partition, and its first ORDER BY value per row. */
    private static WindowFrame.Partition shape(Call call, List<Integer> part,
            Object[][] orderValues, Comparator<Object[]> order) {
        int n = part.size();
        int[] groupOf = new int[n];
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i == 0 || order.compare(orderValues[part.get(i - 1)],
                    orderValues[part.get(i)]) != 0) {
                starts.add(i);
            }
            groupOf[i] = starts.size() - 1;
        }
        int[] groupStart = new int[starts.size()];
        int[] groupEnd = new int[starts.size()];
        for (int g = 0; g < groupStart.length; g++) {
            groupStart[g] = starts.get(g);
            groupEnd[g] = g + 1 < groupStart.length ? starts.get(g + 1) : n;
        }
        boolean keyed = !call.orderKeys().isEmpty();
        Object[] first = new Object[n];
        int valuesStart = n;
        int valuesEnd = 0;
        for (int i = 0; i < n; i++) {
            first[i] = keyed ? orderValues[part.get(i)][0] : null;
            if (first[i] != null) {
                valuesStart = Math.min(valuesStart, i);
                valuesEnd = i + 1;
            }
        }
        RowOps.SortKey key = keyed ? call.orderKeys().get(0) : null;
        return new WindowFrame.Partition(n, groupOf, groupStart, groupEnd, first,
                keyed ? key.type() : null, keyed && key.descending(),
                Math.min(valuesStart, valuesEnd), valuesEnd);
    }

    private static Object ranking(String function, int i, WindowFrame.Partition p) {
        int g = p.groupOf()[i];
        int n = p.rows();
        return switch (function) {
            case "row_number" -> (long) i + 1;
            case "rank" -> (long) p.groupStart()[g] + 1;
            case "dense_rank" -> (long) g + 1;
            case "percent_rank" -> n > 1 ? p.groupStart()[g] / (double) (n - 1) : 0.0;
            case "cume_dist" -> p.groupEnd()[g] / (double) n;
            default -> throw new IllegalStateException(function);
        };
    }

    /** lag/lead: the argument {@code offset} rows back/ahead, else the default. */
    private static Object shifted(Rows p, int i, boolean back) {
        long offset = 1;
        if (p.call().args().size() > 1) {
            Object o = p.arg(1, i);
            if (o == null) {
                return null;
            }
            offset = ((Number) o).longValue();
        }
        long j = back ? i - offset : i + offset;
        if (j < 0 || j >= p.size()) {
            return p.call().args().size() > 2 ? p.arg(2, i) : null;
        }
        return p.arg(0, (int) j);
    }

    /** ntile(buckets): the first (rows mod buckets) buckets get one row more. */
    private static void ntile(Rows p, Object[][] out, int column) {
        int n = p.size();
        Object b = p.arg(0, 0);
        if (b != null && ((Number) b).longValue() <= 0) {
            throw new SqlException(INVALID_ARGUMENT_FOR_NTILE,
                    "argument of ntile must be greater than zero");
        }
        long buckets = b == null ? 0 : ((Number) b).longValue();
        long per = buckets == 0 ? 0 : n / buckets;
        long bigger = buckets == 0 ? 0 : n % buckets;
        for (int i = 0; i < n; i++) {
            Object v = null;
            if (buckets > 0) {
                long bucket = i < bigger * (per + 1) ? i / (per + 1)
                        : bigger + (i - bigger * (per + 1)) / per;
                v = (int) bucket + 1;
            }
            out[p.part().get(i)][column] = v;
        }
    }

    static final String INVALID_ARGUMENT_FOR_NTILE = "22014";
    static final String INVALID_ARGUMENT_FOR_NTH_VALUE = "22016";

    /** first_value, last_value, nth_value and aggregates over each row's frame. */
    private static void framed(Rows p, WindowFrame.Partition shape, Object[][] out,
            int column) {
        Call call = p.call();
        WindowFrame frame = call.frame();
        WindowFrame.Offsets offsets = p.size() == 0 ? null : frame.offsets(p.at(0), p.cx());
        Aggregation.State state = null;
        int stateStart = 0;
        int stateEnd = 0;
        for (int i = 0; i < p.size(); i++) {
            int[] b = frame.bounds(i, shape, offsets, p.cx());
            int s = b[0];
            int e = Math.max(b[0], b[1]);
            Object v;
            if (call.aggregate() != null) {
                if (state == null || s != stateStart || e < stateEnd) {
                    state = new Aggregation.State();
                    stateStart = s;
                    stateEnd = s;
                }
                for (; stateEnd < e; stateEnd++) {
                    state.add(call.aggregate(), p.at(stateEnd), p.cx());
                }
                v = state.result(call.aggregate(), p.cx());
            } else {
                v = valueAt(p, i, s, e);
            }
            out[p.part().get(i)][column] = v;
        }
    }

    private static Object valueAt(Rows p, int i, int s, int e) {
        int at = switch (p.call().function()) {
            case "first_value" -> s;
            case "last_value" -> e - 1;
            default -> {
                Object nth = p.arg(1, i);
                if (nth == null) {
                    yield -1;
                }
                long k = ((Number) nth).longValue();
                if (k <= 0) {
                    throw new SqlException(INVALID_ARGUMENT_FOR_NTH_VALUE,
                            "argument of nth_value must be greater than zero");
                }
                yield k > e - s ? -1 : (int) (s + k - 1);
            }
        };
        return at < s || at >= e ? null : p.arg(0, at);
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
