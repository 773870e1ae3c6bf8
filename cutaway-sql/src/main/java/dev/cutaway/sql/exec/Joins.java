package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Join operators. Output rows are the left row's columns followed by the right row's; the
 * side that found no partner in an outer join is filled with NULLs.
 */
public final class Joins {
    private Joins() {}

    public enum Kind { INNER, LEFT, RIGHT, FULL }

    static Object[] combine(Object[] left, Object[] right, int leftWidth, int rightWidth) {
        Object[] out = new Object[leftWidth + rightWidth];
        if (left != null) {
            System.arraycopy(left, 0, out, 0, leftWidth);
        }
        if (right != null) {
            System.arraycopy(right, 0, out, leftWidth, rightWidth);
        }
        return out;
    }

    static List<Column> concat(Plan left, Plan right) {
        List<Column> cols = new ArrayList<>(left.columns());
        cols.addAll(right.columns());
        return cols;
    }

    /**
     * Nested-loop join: the right input is read once per execution into memory, then every
     * left row is tested against every right row with {@code condition} (null = cross join).
     * A right input that refers to the left row (LATERAL) is re-opened per left row.
     */
    public record NestedLoop(Kind kind, Plan left, Plan right, BoundExpr condition,
            boolean lateral) implements Plan {
        @Override
        public List<Column> columns() {
            return concat(left, right);
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            int lw = left.columns().size();
            int rw = right.columns().size();
            List<Object[]> rights = lateral ? null : readAll(right, cx, outer);
            boolean[] rightMatched = rights == null ? null : new boolean[rights.size()];
            RowCursor in = left.open(cx, outer);
            return new RowCursor() {
                Object[] current;
                List<Object[]> currentRights;
                int next;
                boolean matched;
                int unmatchedRight = -1;

                @Override
                public Object[] next() {
                    while (true) {
                        if (unmatchedRight >= 0) {
                            return nextUnmatchedRight();
                        }
                        if (current == null) {
                            current = in.next();
                            if (current == null) {
                                if (kind == Kind.RIGHT || kind == Kind.FULL) {
                                    unmatchedRight = 0;
                                    continue;
                                }
                                return null;
                            }
                            currentRights = lateral
                                    ? readAll(right, cx, outer.push(current)) : rights;
                            next = 0;
                            matched = false;
                        }
                        while (next < currentRights.size()) {
                            int i = next++;
                            Object[] row = combine(current, currentRights.get(i), lw, rw);
                            if (condition == null
                                    || BoundExpr.isTrue(condition, outer.push(row), cx)) {
                                matched = true;
                                if (rightMatched != null) {
                                    rightMatched[i] = true;
                                }
                                return row;
                            }
                        }
                        Object[] left = current;
                        current = null;
                        if (!matched && (kind == Kind.LEFT || kind == Kind.FULL)) {
                            return combine(left, null, lw, rw);
                        }
                    }
                }

                private Object[] nextUnmatchedRight() {
                    while (unmatchedRight < rights.size()) {
                        int i = unmatchedRight++;
                        if (!rightMatched[i]) {
                            return combine(null, rights.get(i), lw, rw);
                        }
                    }
                    return null;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        @Override
        public String describe() {
            return "Nested Loop " + kind + " Join";
        }

        @Override
        public List<Plan> children() {
            return List.of(left, right);
        }
    }

    static List<Object[]> readAll(Plan plan, ExecContext cx, Frame outer) {
        List<Object[]> rows = new ArrayList<>();
        try (RowCursor c = plan.open(cx, outer)) {
            for (Object[] row = c.next(); row != null; row = c.next()) {
                rows.add(row);
                cx.checkRowsInMemory(rows.size());
            }
        }
        return rows;
    }

    /**
     * Hash join on equalities {@code leftKeys[i] = rightKeys[i]} (both sides of one type each,
     * the binder checks), with an optional residual condition. Builds a hash table of the
     * right input; NULL keys never match. INNER and LEFT only (the binder uses nested loops
     * for the others).
     */
    public record Hash(Kind kind, Plan left, Plan right, List<BoundExpr> leftKeys,
            List<BoundExpr> rightKeys, BoundExpr residual) implements Plan {
        @Override
        public List<Column> columns() {
            return concat(left, right);
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            int lw = left.columns().size();
            int rw = right.columns().size();
            TypeId[] types = new TypeId[leftKeys.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = leftKeys.get(i).type().id();
            }
            Map<RowKey, List<Object[]>> table = new HashMap<>();
            long held = 0;
            try (RowCursor c = right.open(cx, outer)) {
                for (Object[] row = c.next(); row != null; row = c.next()) {
                    RowKey k = key(rightKeys, outer.push(row), cx, types);
                    if (k != null) {
                        table.computeIfAbsent(k, x -> new ArrayList<>()).add(row);
                        cx.checkRowsInMemory(++held);
                    }
                }
            }
            RowCursor in = left.open(cx, outer);
            return new RowCursor() {
                Object[] current;
                List<Object[]> candidates;
                int next;
                boolean matched;

                @Override
                public Object[] next() {
                    while (true) {
                        if (current == null) {
                            current = in.next();
                            if (current == null) {
                                return null;
                            }
                            RowKey k = key(leftKeys, outer.push(current), cx, types);
                            candidates = k == null ? List.of() : table.getOrDefault(k, List.of());
                            next = 0;
                            matched = false;
                        }
                        while (next < candidates.size()) {
                            Object[] row = combine(current, candidates.get(next++), lw, rw);
                            if (residual == null
                                    || BoundExpr.isTrue(residual, outer.push(row), cx)) {
                                matched = true;
                                return row;
                            }
                        }
                        Object[] l = current;
                        current = null;
                        if (!matched && kind == Kind.LEFT) {
                            return combine(l, null, lw, rw);
                        }
                    }
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        private static RowKey key(List<BoundExpr> exprs, Frame f, ExecContext cx,
                TypeId[] types) {
            Object[] values = new Object[exprs.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = exprs.get(i).eval(f, cx);
                if (values[i] == null) {
                    return null;
                }
            }
            return new RowKey(values, types);
        }

        @Override
        public String describe() {
            return "Hash " + kind + " Join";
        }

        @Override
        public List<Plan> children() {
            return List.of(left, right);
        }
    }
}
