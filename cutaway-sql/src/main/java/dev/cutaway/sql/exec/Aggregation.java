package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.AggregateTypes;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.Casts;
import dev.cutaway.sql.types.Interval;
import dev.cutaway.sql.types.Operators;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.ValueOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GROUP BY with aggregates: a hash aggregate. Output rows are the group-by values followed by
 * one value per aggregate call; without GROUP BY there is exactly one output row, even for an
 * empty input (count 0, other aggregates NULL). Groups come out in first-seen order.
 *
 * <p>Aggregates: count(*), count, sum, avg, min, max, bool_and/bool_or/every, string_agg,
 * each with DISTINCT and FILTER. Result types are {@link AggregateTypes}'s.
 */
public final class Aggregation {
    private Aggregation() {}

    /**
     * One aggregate call: {@code arg} null for count(*); {@code extra} is string_agg's
     * delimiter; {@code filter} may be null.
     */
    public record Call(String name, BoundExpr arg, BoundExpr extra, boolean distinct,
            BoundExpr filter, SqlType resultType) {}

    public record HashAggregate(Plan input, List<BoundExpr> groupBy, List<Call> calls,
            List<Column> columns) implements Plan {
        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            TypeId[] keyTypes = new TypeId[groupBy.size()];
            for (int i = 0; i < keyTypes.length; i++) {
                keyTypes[i] = groupBy.get(i).type().id();
            }
            Map<RowKey, State[]> groups = new LinkedHashMap<>();
            try (RowCursor in = input.open(cx, outer)) {
                for (Object[] row = in.next(); row != null; row = in.next()) {
                    Frame f = outer.push(row);
                    Object[] key = new Object[groupBy.size()];
                    for (int i = 0; i < key.length; i++) {
                        key[i] = groupBy.get(i).eval(f, cx);
                    }
                    State[] states = groups.computeIfAbsent(new RowKey(key, keyTypes),
                            k -> newStates());
                    cx.checkRowsInMemory(groups.size());
                    for (int i = 0; i < calls.size(); i++) {
                        states[i].add(calls.get(i), f, cx);
                    }
                }
            }
            if (groups.isEmpty() && groupBy.isEmpty()) {
                groups.put(new RowKey(new Object[0], keyTypes), newStates());
            }
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

        void add(Call call, Frame f, ExecContext cx) {
            if (call.filter() != null && !BoundExpr.isTrue(call.filter(), f, cx)) {
                return;
            }
            if (call.arg() == null) {
                count++;
                return;
            }
            Object v = call.arg().eval(f, cx);
            if (v == null) {
                return;
            }
            if (call.distinct()) {
                if (seen == null) {
                    seen = new HashSet<>();
                }
                if (!seen.add(new RowKey(new Object[] {v},
                        new TypeId[] {call.arg().type().id()}))) {
                    return;
                }
                cx.checkRowsInMemory(seen.size());
            }
            count++;
            accumulate(call, v, f, cx);
        }

        private void accumulate(Call call, Object v, Frame f, ExecContext cx) {
            TypeId t = call.arg().type().id();
            switch (call.name()) {
                case "count" -> { }
                case "sum", "avg" -> acc = plus(acc, v, t, cx);
                case "min" -> acc = acc == null || ValueOrder.compare(v, acc, t) < 0 ? v : acc;
                case "max" -> acc = acc == null || ValueOrder.compare(v, acc, t) > 0 ? v : acc;
                case "bool_and", "every" -> acc = acc == null ? v : (Boolean) acc && (Boolean) v;
                case "bool_or" -> acc = acc == null ? v : (Boolean) acc || (Boolean) v;
                case "string_agg" -> {
                    Object sep = call.extra().eval(f, cx);
                    if (text == null) {
                        text = new StringBuilder();
                    } else if (sep != null) {
                        text.append(sep);
                    }
                    text.append(v);
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
            SqlType type = call.resultType();
            return switch (call.name()) {
                case "count" -> count;
                case "sum" -> acc == null ? null : convert(acc, type);
                case "avg" -> acc == null ? null : average(acc, type, cx);
                case "string_agg" -> text == null ? null : text.toString();
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
