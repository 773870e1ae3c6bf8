package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.AggregateTypes;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.Casts;
import dev.cutaway.sql.types.Interval;
import dev.cutaway.sql.types.Operators;
import dev.cutaway.sql.types.SqlArray;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.ValueOrder;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GROUP BY with aggregates: a hash aggregate. Output rows are the group-by values followed by
 * one value per aggregate call; without GROUP BY there is exactly one output row, even for an
 * empty input (count 0, other aggregates NULL). Groups come out in first-seen order while
 * they fit the row budget; beyond it the operator spills by hash partition (ADR 0015) and
 * the groups of each partition follow those held in memory.
 *
 * <p>Aggregates: count(*), count, sum, avg, min, max, bool_and/bool_or/every, string_agg,
 * array_agg (which keeps NULL inputs as NULL elements),
 * each with DISTINCT, FILTER and ORDER BY (whose input is buffered and sorted per group by
 * {@link AggregateOrder}, ADR 0040). Result types are {@link AggregateTypes}'s.
 */
public final class Aggregation {
    private Aggregation() {}

    /**
     * One aggregate call: {@code arg} null for count(*); {@code extra} is string_agg's
     * delimiter; {@code filter} may be null. {@code orderBy} is the ORDER BY inside the call
     * (empty without one), bound over the input row; {@code orderKeys} sort the buffered rows
     * {@code [value, separator, orderBy values...]}, so their columns start at 2.
     */
    public record Call(String name, BoundExpr arg, BoundExpr extra, boolean distinct,
            BoundExpr filter, SqlType resultType, List<BoundExpr> orderBy,
            List<RowOps.SortKey> orderKeys) {
        public Call {
            orderBy = List.copyOf(orderBy);
            orderKeys = List.copyOf(orderKeys);
        }

        /** A call without ORDER BY. */
        public Call(String name, BoundExpr arg, BoundExpr extra, boolean distinct,
                BoundExpr filter, SqlType resultType) {
            this(name, arg, extra, distinct, filter, resultType, List.of(), List.of());
        }
    }

    public record HashAggregate(Plan input, List<BoundExpr> groupBy, List<Call> calls,
            List<Column> columns) implements Plan {
        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            return aggregate(input.open(cx, outer), cx, outer, 0);
        }

        /**
         * Aggregates {@code in}. Groups are held in memory up to the budget; after that, rows
         * of groups already held still update them, and rows of new groups are written to hash
         * partitions, each aggregated afterwards on its own (one level deeper). No group is
         * ever split between memory and a partition, so every group's states see all its rows.
         */
        private RowCursor aggregate(RowCursor in, ExecContext cx, Frame outer, int level) {
            TypeId[] keyTypes = new TypeId[groupBy.size()];
            for (int i = 0; i < keyTypes.length; i++) {
                keyTypes[i] = groupBy.get(i).type().id();
            }
            Map<RowKey, State[]> groups = new LinkedHashMap<>();
            Partitions spilled = null;
            try (in) {
                for (Object[] row = in.next(); row != null; row = in.next()) {
                    Frame f = outer.push(row);
                    Object[] key = new Object[groupBy.size()];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = groupBy.get(i).eval(f, cx);
                    }
                    RowKey k = new RowKey(key, keyTypes);
                    State[] states = groups.get(k);
                    if (states == null) {
                        if (spilled == null && cx.mustSpill(groups.size() + 1L)) {
                            Partitions.checkLevel(level, cx);
                            spilled = new Partitions(cx.spill(), level);
                        }
                        if (spilled != null) {
                            spilled.add(row, k.hashCode());
                            continue;
                        }
                        states = newStates();
                        groups.put(k, states);
                    }
                    for (int i = 0; i < calls.size(); i++) {
                        states[i].add(calls.get(i), f, cx);
                    }
                }
            }
            if (groups.isEmpty() && groupBy.isEmpty()) {
                groups.put(new RowKey(new Object[0], keyTypes), newStates());
            }
            RowCursor held = emit(groups, cx);
            if (spilled == null) {
                return held;
            }
            List<Spill.Run> runs = spilled.finish();
            return Partitions.concat(held, () -> Partitions.each(runs, cx.spill(),
                    run -> aggregate(cx.spill().read(run), cx, outer, level + 1)));
        }

        private RowCursor emit(Map<RowKey, State[]> groups, ExecContext cx) {
            Iterator<Map.Entry<RowKey, State[]>> it = groups.entrySet().iterator();
            return () -> {
                if (!it.hasNext()) {
                    return null;
                }
                var e = it.next();
                Object[] key = e.getKey().values();
                Object[] out = new Object[key.length + calls.size()];
                System.arraycopy(key, 0, out, 0, key.length);
                for (int i = 0; i < calls.size(); i++) {
                    out[key.length + i] = e.getValue()[i].result(calls.get(i), cx);
                }
                return out;
            };
        }

        private State[] newStates() {
            State[] s = new State[calls.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = new State();
            }
            return s;
        }

        @Override
        public String describe() {
            return groupBy.isEmpty() ? "Aggregate" : "HashAggregate";
        }

        @Override
        public List<Plan> children() {
            return List.of(input);
        }
    }

    /** The running state of one aggregate in one group. */
    static final class State {
        long count;
        Object acc;
        StringBuilder text;
        Set<RowKey> seen;
        Spill.Writer pending;
        /** The buffered input of a call with ORDER BY, replayed in order by {@link #result}. */
        AggregateOrder ordered;

        void add(Call call, Frame f, ExecContext cx) {
            if (call.filter() != null && !BoundExpr.isTrue(call.filter(), f, cx)) {
                return;
            }
            if (call.arg() == null) {
                count++;
                return;
            }
            Object v = call.arg().eval(f, cx);
            if (v == null && !call.name().equals("array_agg")) {
                return;   // array_agg keeps NULL elements; every other aggregate skips NULLs
            }
            Object sep = call.extra() == null ? null : call.extra().eval(f, cx);
            if (!call.orderBy().isEmpty()) {
                if (ordered == null) {
                    ordered = new AggregateOrder();
                }
                ordered.add(call, v, sep, f, cx);
                return;
            }
            if (call.distinct() && !firstDistinct(call, v, sep, cx)) {
                return;
            }
            count++;
            accumulate(call, v, sep, cx);
        }

        /**
         * Whether {@code v} is new to a DISTINCT aggregate. The values seen are held up to the
         * row budget; values beyond it are written to a spill run (with the separator of
         * string_agg) and deduplicated by an external sort when the result is asked for.
         */
        private boolean firstDistinct(Call call, Object v, Object sep, ExecContext cx) {
            if (seen == null) {
                seen = new HashSet<>();
            }
            RowKey k = new RowKey(new Object[] {v}, new TypeId[] {call.arg().type().id()});
            if (seen.contains(k)) {
                return false;
            }
            if (pending == null && cx.mustSpill(seen.size() + 1L)) {
                pending = cx.spill().writer();
            }
            if (pending != null) {
                pending.add(new Object[] {v, sep});
                return false;
            }
            seen.add(k);
            return true;
        }

        /** Folds the spilled distinct values in (sorted by value, each once). */
        private void foldPending(Call call, ExecContext cx) {
            Spill.Run run = pending.finish();
            pending = null;
            TypeId t = call.arg().type().id();
            Comparator<Object[]> byValue = (a, b) -> ValueOrder.compare(a[0], b[0], t);
            Object previous = null;
            try (RowCursor sorted = ExternalSort.sort(cx.spill().read(run), byValue, cx)) {
                for (Object[] r = sorted.next(); r != null; r = sorted.next()) {
                    if (previous != null && ValueOrder.equal(previous, r[0], t)
                            || seen.contains(new RowKey(new Object[] {r[0]}, new TypeId[] {t}))) {
                        continue;
                    }
                    previous = r[0];
                    count++;
                    accumulate(call, r[0], r[1], cx);
                }
            } finally {
                cx.spill().delete(run);
            }
        }

        private void accumulate(Call call, Object v, Object sep, ExecContext cx) {
            TypeId t = call.arg().type().id();
            switch (call.name()) {
                case "count" -> { }
                case "sum", "avg" -> acc = plus(acc, v, t, cx);
                case "min" -> acc = acc == null || ValueOrder.compare(v, acc, t) < 0 ? v : acc;
                case "max" -> acc = acc == null || ValueOrder.compare(v, acc, t) > 0 ? v : acc;
                case "bool_and", "every" -> acc = acc == null ? v : (Boolean) acc && (Boolean) v;
                case "bool_or" -> acc = acc == null ? v : (Boolean) acc || (Boolean) v;
                case "string_agg" -> {
                    if (text == null) {
                        text = new StringBuilder();
                    } else if (sep != null) {
                        text.append(sep);
                    }
                    text.append(v);
                }
                case "array_agg" -> {
                    if (acc == null) {
                        acc = new java.util.ArrayList<>();
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> elements = (List<Object>) acc;
                    elements.add(v);
                    cx.checkRowsInMemory(elements.size());
                }
                default -> throw new IllegalStateException("unknown aggregate " + call.name());
            }
        }

        private static Object plus(Object acc, Object v, TypeId t, ExecContext cx) {
            return switch (t) {
                case SMALLINT, INTEGER, BIGINT, NUMERIC -> {
                    BigDecimal d = v instanceof BigDecimal b ? b
                            : BigDecimal.valueOf(((Number) v).longValue());
                    yield acc == null ? d : ((BigDecimal) acc).add(d);
                }
                case REAL, DOUBLE -> (acc == null ? 0.0 : (Double) acc)
                        + ((Number) v).doubleValue();
                case INTERVAL -> acc == null ? v : INTERVAL_PLUS.apply(cx.eval(), acc, v);
                default -> throw new IllegalStateException("sum over " + t);
            };
        }

        Object result(Call call, ExecContext cx) {
            if (pending != null) {
                foldPending(call, cx);
            }
            if (ordered != null) {
                AggregateOrder input = ordered;
                ordered = null;
                input.replay(call, cx, (v, sep) -> {
                    count++;
                    accumulate(call, v, sep, cx);
                });
            }
            SqlType type = call.resultType();
            return switch (call.name()) {
                case "count" -> count;
                case "sum" -> acc == null ? null : convert(acc, type);
                case "avg" -> acc == null ? null : average(acc, type, cx);
                case "string_agg" -> text == null ? null : text.toString();
                case "array_agg" -> {
                    @SuppressWarnings("unchecked")
                    List<Object> elements = (List<Object>) acc;
                    yield elements == null ? null : SqlArray.of(elements);
                }
                default -> acc == null ? null : acc;
            };
        }

        private Object average(Object sum, SqlType type, ExecContext cx) {
            return switch (type.id()) {
                case NUMERIC -> AggregateTypes.average((BigDecimal) sum, count);
                case DOUBLE -> (Double) sum / count;
                case INTERVAL -> INTERVAL_DIVIDE.apply(cx.eval(), sum, (double) count);
                default -> throw new IllegalStateException("avg of " + type);
            };
        }

        private static Object convert(Object acc, SqlType type) {
            return switch (type.id()) {
                case BIGINT -> Casts.cast(acc, SqlType.NUMERIC, SqlType.BIGINT);
                case NUMERIC -> acc;
                case REAL -> ((Double) acc).floatValue();
                case DOUBLE -> acc;
                case INTERVAL -> (Interval) acc;
                default -> throw new IllegalStateException("sum as " + type);
            };
        }
    }

    private static final BoundOperator INTERVAL_PLUS =
            Operators.resolveBinary("+", SqlType.INTERVAL, SqlType.INTERVAL);
    private static final BoundOperator INTERVAL_DIVIDE =
            Operators.resolveBinary("/", SqlType.INTERVAL, SqlType.DOUBLE);

}
