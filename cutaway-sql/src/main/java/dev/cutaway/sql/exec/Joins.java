package dev.cutaway.sql.exec;

import java.util.ArrayList;
import java.util.List;

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
     * Nested-loop join: the right input is read once per execution (into a {@link RowBuffer}),
     * then every left row is tested against every right row with {@code condition} (null =
     * cross join). A right input that refers to the left row (LATERAL) is re-read per left
     * row. When the right rows spill, the left rows are taken in blocks of the budget's size
     * and each block is tested during one pass over the right file (a block nested loop),
     * so the file is read once per block rather than once per left row.
     */
    public record NestedLoop(Kind kind, Plan left, Plan right, BoundExpr condition,
            boolean lateral) implements Plan {
        @Override
        public List<Column> columns() {
            return concat(left, right);
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            RowBuffer rights = lateral ? null : RowBuffer.of(right, cx, outer);
            RowCursor in;
            try {
                in = left.open(cx, outer);
            } catch (RuntimeException e) {
                if (rights != null) {
                    rights.release();
                }
                throw e;
            }
            return new BlockNestedLoop(this, cx, outer, in, rights);
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
     * right input; NULL keys never match. All four kinds; spills as a grace hash join beyond
     * the row budget ({@link GraceHashJoin}).
     */
    public record Hash(Kind kind, Plan left, Plan right, List<BoundExpr> leftKeys,
            List<BoundExpr> rightKeys, BoundExpr residual) implements Plan {
        @Override
        public List<Column> columns() {
            return concat(left, right);
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
            return new GraceHashJoin(this, cx, outer).join(l, r, 0);
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
