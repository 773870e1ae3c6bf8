package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Semi and anti joins, what decorrelated {@code EXISTS} / {@code IN} / {@code NOT EXISTS} /
 * {@code NOT IN} subqueries become (ADR 0023). The output rows are the left rows only, each
 * at most once: a semi join passes a left row that has at least one match on the right, an
 * anti join one that has none. A match is a right row whose key values equal the left row's
 * ({@code leftKeys[i] = rightKeys[i]}; a NULL key on either side never matches) and for which
 * {@code residual} (over the left row followed by the right row; null = none) is TRUE.
 * Without keys every right row is a candidate (a nested-loop semi/anti join).
 *
 * <p>{@code nullAware} (anti joins with one key and no residual only) gives {@code x NOT IN
 * (subquery)} its three-valued meaning, which is not "no match": the left row passes when
 * the right side is empty, and otherwise only when its key is not NULL, no right key equals
 * it and no right key is NULL (a NULL anywhere makes {@code NOT IN} NULL, which a WHERE
 * rejects).
 *
 * <p>The right input is read once per execution into a hash table (every right row with a
 * non-NULL key; all rows without keys), as {@link Joins.Hash} does.
 */
public record SemiJoin(boolean anti, Plan left, Plan right, List<BoundExpr> leftKeys,
        List<BoundExpr> rightKeys, BoundExpr residual, boolean nullAware) implements Plan {

    public SemiJoin {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
        if (leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("key lists differ in length");
        }
        if (nullAware && (!anti || leftKeys.size() != 1 || residual != null)) {
            throw new IllegalArgumentException("null-aware needs an anti join on one key");
        }
    }

    @Override
    public List<Column> columns() {
        return left.columns();
    }

    /** The right side read into memory: rows by key, and what null-awareness needs. */
    private record Build(Map<RowKey, List<Object[]>> table, List<Object[]> all,
            boolean anyRow, boolean nullKey) {}

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        TypeId[] types = new TypeId[leftKeys.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = leftKeys.get(i).type().id();
        }
        Build build = build(cx, outer, types);
        int lw = left.columns().size();
        int rw = right.columns().size();
        RowCursor in = left.open(cx, outer);
        return new RowCursor() {
            @Override
            public Object[] next() {
                for (Object[] row = in.next(); row != null; row = in.next()) {
                    if (passes(row, build, cx, outer, types, lw, rw)) {
                        return row;
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

    private Build build(ExecContext cx, Frame outer, TypeId[] types) {
        Map<RowKey, List<Object[]>> table = new HashMap<>();
        List<Object[]> all = leftKeys.isEmpty() ? new ArrayList<>() : null;
        boolean anyRow = false;
        boolean nullKey = false;
        long held = 0;
        try (RowCursor c = right.open(cx, outer)) {
            for (Object[] row = c.next(); row != null; row = c.next()) {
                anyRow = true;
                if (all != null) {
                    all.add(row);
                    cx.checkRowsInMemory(++held);
                    continue;
                }
                RowKey k = key(rightKeys, outer.push(row), cx, types);
                if (k == null) {
                    nullKey = true;
                } else {
                    table.computeIfAbsent(k, x -> new ArrayList<>()).add(row);
                    cx.checkRowsInMemory(++held);
                }
            }
        }
        return new Build(table, all, anyRow, nullKey);
    }

    private boolean passes(Object[] row, Build b, ExecContext cx, Frame outer, TypeId[] types,
            int lw, int rw) {
        if (nullAware) {
            if (!b.anyRow()) {
                return true;
            }
            RowKey k = key(leftKeys, outer.push(row), cx, types);
            return k != null && !b.nullKey() && !b.table().containsKey(k);
        }
        List<Object[]> candidates;
        if (b.all() != null) {
            candidates = b.all();
        } else {
            RowKey k = key(leftKeys, outer.push(row), cx, types);
            candidates = k == null ? List.of() : b.table().getOrDefault(k, List.of());
        }
        return matches(row, candidates, cx, outer, lw, rw) != anti;
    }

    private boolean matches(Object[] row, List<Object[]> candidates, ExecContext cx,
            Frame outer, int lw, int rw) {
        if (residual == null) {
            return !candidates.isEmpty();
        }
        for (Object[] r : candidates) {
            if (BoundExpr.isTrue(residual, outer.push(Joins.combine(row, r, lw, rw)), cx)) {
                return true;
            }
        }
        return false;
    }

    private static RowKey key(List<BoundExpr> exprs, Frame f, ExecContext cx, TypeId[] types) {
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
        String method = leftKeys.isEmpty() ? "Nested Loop" : "Hash";
        return method + (anti ? " Anti Join" : " Semi Join") + (nullAware ? " (null-aware)" : "");
    }

    @Override
    public List<Plan> children() {
        return List.of(left, right);
    }
}
