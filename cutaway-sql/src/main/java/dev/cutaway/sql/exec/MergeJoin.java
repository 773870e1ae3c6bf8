package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.ValueOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Merge join on equalities {@code leftKeys[i] = rightKeys[i]} with an optional residual
 * condition, INNER or LEFT. Both inputs must arrive sorted ascending, NULLs last, on their
 * keys (the binder puts a {@link RowOps.Sort} under each side, built by {@link #sortKeys});
 * the join then streams both once, holding only the current group of right rows with equal
 * keys (counted against the row budget: one group larger than it fails with 53200, nothing
 * spills here — the sorts below spill).
 *
 * <p>Invariants: a key is a column, or an integer column cast to bigint (what
 * {@code FromBinder.equiKey} produces); the sort orders by the column's own type and the
 * merge compares the evaluated keys with {@link ValueOrder} under the key's type, and both
 * orders agree because the integer widening keeps order. Equality is {@code compare == 0},
 * exactly the hash join's {@link RowKey} equality, so both joins pair the same rows. A row
 * with a NULL key never matches (SQL equality); the left one is still NULL-extended in a
 * LEFT join.
 */
public record MergeJoin(Joins.Kind kind, Plan left, Plan right, List<BoundExpr> leftKeys,
        List<BoundExpr> rightKeys, BoundExpr residual) implements Plan {
    public MergeJoin {
        if (kind != Joins.Kind.INNER && kind != Joins.Kind.LEFT) {
            throw new IllegalArgumentException("merge join is INNER or LEFT, not " + kind);
        }
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
    }

    /**
     * The ascending, NULLs-last sort of an input that orders it for {@code keys} (over that
     * input's row), or null when a key is neither a column nor a widened integer column.
     */
    public static List<RowOps.SortKey> sortKeys(List<BoundExpr> keys) {
        List<RowOps.SortKey> out = new ArrayList<>();
        for (BoundExpr k : keys) {
            BoundExpr col = k instanceof BoundExpr.Cast c && c.type().id() == TypeId.BIGINT
                    && c.operand().type().id().isInteger() ? c.operand() : k;
            if (!(col instanceof BoundExpr.ColRef r) || r.depth() != 0) {
                return null;
            }
            out.add(new RowOps.SortKey(r.index(), r.type().id(), false, false));
        }
        return out;
    }

    @Override
    public List<Column> columns() {
        return Joins.concat(left, right);
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        RowCursor r = right.open(cx, outer);
        RowCursor l;
        try {
            l = left.open(cx, outer);
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return new Merging(this, cx, outer, l, r);
    }

    @Override
    public String describe() {
        return "Merge " + kind + " Join";
    }

    @Override
    public List<Plan> children() {
        return List.of(left, right);
    }

    /** The streaming merge: one left row at a time against the current right group. */
    private static final class Merging implements RowCursor {
        private final MergeJoin plan;
        private final ExecContext cx;
        private final Frame outer;
        private final RowCursor lefts;
        private final RowCursor rights;
        private final TypeId[] types;
        private final int leftWidth;
        private final int rightWidth;
        /** Right rows whose keys equal {@link #groupKey}; empty when no group is held. */
        private final List<Object[]> group = new ArrayList<>();
        private Object[] groupKey;
        /** The first right row not yet taken into a group (null: none read or exhausted). */
        private Object[] pending;
        private Object[] pendingKey;
        private boolean rightsDone;
        private Object[] current;
        private int nextInGroup;
        private boolean matched;

        Merging(MergeJoin plan, ExecContext cx, Frame outer, RowCursor lefts,
                RowCursor rights) {
            this.plan = plan;
            this.cx = cx;
            this.outer = outer;
            this.lefts = lefts;
            this.rights = rights;
            this.types = new TypeId[plan.leftKeys.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = plan.leftKeys.get(i).type().id();
            }
            this.leftWidth = plan.left.columns().size();
            this.rightWidth = plan.right.columns().size();
        }

        @Override
        public Object[] next() {
            while (true) {
                if (current == null) {
                    current = lefts.next();
                    if (current == null) {
                        return null;
                    }
                    cx.checkCanceled();
                    startLeft();
                }
                while (nextInGroup < group.size()) {
                    Object[] row = Joins.combine(current, group.get(nextInGroup++), leftWidth,
                            rightWidth);
                    if (plan.residual == null
                            || BoundExpr.isTrue(plan.residual, outer.push(row), cx)) {
                        matched = true;
                        return row;
                    }
                }
                Object[] left = current;
                current = null;
                if (!matched && plan.kind == Joins.Kind.LEFT) {
                    return Joins.combine(left, null, leftWidth, rightWidth);
                }
            }
        }

        /** Positions the right side on the group equal to the current left row's key. */
        private void startLeft() {
            matched = false;
            nextInGroup = 0;
            Object[] key = key(plan.leftKeys, current);
            if (key == null) {
                nextInGroup = group.size();
                return;
            }
            if (groupKey != null && compare(groupKey, key) == 0) {
                return;
            }
            group.clear();
            groupKey = null;
            peek();
            while (pending != null && compare(pendingKey, key) < 0) {
                advance();
            }
            if (pending == null || compare(pendingKey, key) != 0) {
                return;
            }
            groupKey = pendingKey;
            while (pending != null && compare(pendingKey, groupKey) == 0) {
                group.add(pending);
                cx.checkRowsInMemory(group.size());
                advance();
            }
        }

        private void peek() {
            if (pending == null && !rightsDone) {
                advance();
            }
        }

        /** The next right row with no NULL key (the others can never match). */
        private void advance() {
            do {
                pending = rights.next();
                pendingKey = pending == null ? null : key(plan.rightKeys, pending);
            } while (pending != null && pendingKey == null);
            rightsDone = pending == null;
        }

        /** The inputs' order over non-NULL evaluated keys, lexicographic. */
        private int compare(Object[] a, Object[] b) {
            for (int i = 0; i < a.length; i++) {
                int c = ValueOrder.compare(a[i], b[i], types[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        /** The evaluated keys of {@code row}, or null when one of them is NULL. */
        private Object[] key(List<BoundExpr> exprs, Object[] row) {
            Frame f = outer.push(row);
            Object[] values = new Object[exprs.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = exprs.get(i).eval(f, cx);
                if (values[i] == null) {
                    return null;
                }
            }
            return values;
        }

        @Override
        public void close() {
            try {
                lefts.close();
            } finally {
                rights.close();
            }
        }
    }
}
