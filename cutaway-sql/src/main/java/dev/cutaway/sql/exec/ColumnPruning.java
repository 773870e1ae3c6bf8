package dev.cutaway.sql.exec;

import java.util.List;

/**
 * Decodes only the columns a plan reads, and evaluates no filter term a key range already
 * guarantees. A bound plan of the shape {@code Project [Filter] scan} — the shape of every
 * primary-key, key-range and index lookup a client prepares, such as {@code SELECT c FROM t
 * WHERE id = $1} — reads the scan's rows only through the project's expressions and the
 * filter's condition; the scan ({@link Scans.KeyLookup},
 * {@link KeyRangeScan}, {@link Scans.IndexLookup}) is then told which columns those refer to,
 * and builds no values (no strings, no decimals) for the rest, which stay null in the row.
 *
 * <p>Before that, the filter over a {@link KeyRangeScan} loses the terms the range implies
 * ({@link KeyRangeScan#residual}): {@code WHERE id BETWEEN $1 AND $2} is then no filter at all
 * — no comparison per row, and the key column need not be decoded for it.
 *
 * <p>Invariant: a column is left undecoded only when no expression above the scan can read
 * it. An expression this class does not know how to walk (a subquery, whose plan may refer to
 * the row from inside, or any kind added later) makes it leave the plan as it is. Rows of a
 * scan with a hidden key column ({@code withKey}: UPDATE, DELETE) or a row lock are never
 * pruned: they feed writes that need whole rows. The scan reads the same KV entries either
 * way, so what EXPLAIN ANALYZE counts does not change.
 */
public final class ColumnPruning {
    private ColumnPruning() {}

    /** {@code plan} with its scan decoding only the columns read, or {@code plan} itself. */
    public static Plan prune(Plan plan) {
        if (!(plan instanceof RowOps.Project project)) {
            return plan;
        }
        Plan input = project.input();
        RowOps.Filter filter = input instanceof RowOps.Filter f ? f : null;
        Plan scan = filter == null ? input : filter.input();
        if (filter != null && scan instanceof KeyRangeScan range) {
            BoundExpr residual = range.residual(filter.condition());
            if (residual != filter.condition()) {
                filter = residual == null ? null : new RowOps.Filter(scan, residual);
                plan = new RowOps.Project(filter == null ? scan : filter, project.exprs(),
                        project.columns());
                project = (RowOps.Project) plan;
            }
        }
        int columns = scanColumns(scan);
        if (columns < 0) {
            return plan;
        }
        boolean[] used = new boolean[columns];
        for (BoundExpr e : project.exprs()) {
            if (!mark(e, used)) {
                return plan;
            }
        }
        if (filter != null && !mark(filter.condition(), used)) {
            return plan;
        }
        Plan pruned = switch (scan) {
            case Scans.KeyLookup k -> k.decoding(used);
            case KeyRangeScan r -> r.decoding(used);
            case Scans.IndexLookup i -> i.decoding(used);
            default -> scan;
        };
        Plan below = filter == null ? pruned : new RowOps.Filter(pruned, filter.condition());
        return new RowOps.Project(below, project.exprs(), project.columns());
    }

    /** The column count of a scan this class can prune, or -1. */
    private static int scanColumns(Plan scan) {
        return switch (scan) {
            case Scans.KeyLookup k when !k.withKey() && k.lock() == null && k.decoded() == null
                    -> k.table().columns().size();
            case KeyRangeScan r when !r.withKey() && r.lock() == null && r.decoded() == null
                    -> r.table().columns().size();
            case Scans.IndexLookup i when !i.withKey() && i.lock() == null
                    && i.decoded() == null -> i.table().columns().size();
            default -> -1;
        };
    }

    /**
     * Marks in {@code used} the columns of the row at depth 0 that {@code e} reads.
     * @return false when {@code e} holds something this walk does not understand
     */
    static boolean mark(BoundExpr e, boolean[] used) {
        return switch (e) {
            case null -> true;
            case BoundExpr.Const c -> true;
            case BoundExpr.Param p -> true;
            case BoundExpr.ColRef r -> {
                if (r.depth() == 0) {
                    if (r.index() < 0 || r.index() >= used.length) {
                        yield false;
                    }
                    used[r.index()] = true;
                }
                yield true;
            }
            case BoundExpr.Binary b -> mark(b.left(), used) && mark(b.right(), used);
            case BoundExpr.Unary u -> mark(u.operand(), used);
            case BoundExpr.Call c -> markAll(c.args(), used);
            case BoundExpr.And a -> markAll(a.terms(), used);
            case BoundExpr.Or o -> markAll(o.terms(), used);
            case BoundExpr.Not n -> mark(n.operand(), used);
            case BoundExpr.IsNull n -> mark(n.operand(), used);
            case BoundExpr.IsTruth t -> mark(t.operand(), used);
            case BoundExpr.Cast c -> mark(c.operand(), used);
            case BoundExpr.Case c -> markAll(c.conditions(), used)
                    && markAll(c.results(), used) && mark(c.otherwise(), used);
            case BoundExpr.Variadic v -> markAll(v.args(), used);
            case BoundExpr.NullIf n -> mark(n.left(), used) && mark(n.right(), used);
            case BoundExpr.InList l -> mark(l.operand(), used) && markAll(l.items(), used);
            case BoundExpr.Like l -> mark(l.operand(), used) && mark(l.pattern(), used)
                    && mark(l.escape(), used);
            case BoundExpr.Between b -> mark(b.operand(), used) && mark(b.low(), used)
                    && mark(b.high(), used);
            default -> false;   // subqueries, NEXTVAL, kinds added later: keep every column
        };
    }

    private static boolean markAll(List<BoundExpr> exprs, boolean[] used) {
        for (BoundExpr e : exprs) {
            if (!mark(e, used)) {
                return false;
            }
        }
        return true;
    }
}
