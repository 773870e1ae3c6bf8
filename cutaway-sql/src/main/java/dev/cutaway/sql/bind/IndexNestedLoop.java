package dev.cutaway.sql.bind;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.IndexMultiLookup;
import dev.cutaway.sql.exec.Joins;
import dev.cutaway.sql.exec.KeyRangeScan;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import java.util.ArrayList;
import java.util.List;

/**
 * The index nested-loop candidate of an inner join (issue 6): when the right input is one
 * table read under its own conditions, and the join's equalities fix its primary key or the
 * columns of a secondary index, the table is looked up once per left row instead of being
 * read whole. Built from the operators that exist: a LATERAL {@link Joins.NestedLoop} whose
 * right side is the table's access path chosen ({@link AccessPaths}) under the table's own
 * conditions plus the join conditions, with the left row's columns as outer references
 * ({@code ColRef} depth 1; the nested loop opens its right side with the left row pushed as
 * a frame, and key and index lookups evaluate their keys per open). Every join condition
 * moves into the Filter over the lookup, so the join itself has no condition; the Filter
 * keeps only what the lookup does not apply ({@link IndexConditions}). A right side that is
 * already a lookup gets back the conditions its lookup applies
 * ({@link IndexConditions#applied}), as its Filter no longer holds them.
 *
 * <p>Only when it is safe to add a frame: the right side's own conditions must read neither
 * an enclosing query's row (their depth would shift) nor have subqueries, and the table is
 * read without a row lock. {@code enable_nestloop}
 * switches it off by cost, as PostgreSQL's does; the caller keeps it only when strictly
 * cheaper than the hash or merge join.
 */
final class IndexNestedLoop {
    private IndexNestedLoop() {}

    /**
     * {@code left ⋈ right} under {@code conditions} (over the joined row; left is
     * {@code leftWidth} wide) as an index nested loop, or null when the right side is not a
     * table whose key or an index the conditions fix.
     */
    static Plan of(Plan left, Plan right, int leftWidth, List<BoundExpr> conditions,
            BindContext cx) {
        Inner inner = inner(right);
        if (inner == null || conditions.isEmpty()) {
            return null;
        }
        List<BoundExpr> all = new ArrayList<>(inner.conditions());
        for (BoundExpr c : conditions) {
            if (BoundExprs.columnsRead(c) == null || BoundExprs.readsOuter(c)) {
                return null;
            }
            all.add(BoundExprs.map(c, x -> x instanceof BoundExpr.ColRef r && r.depth() == 0
                    ? r.index() < leftWidth ? new BoundExpr.ColRef(1, r.index(), r.type(),
                            r.name())
                    : new BoundExpr.ColRef(0, r.index() - leftWidth, r.type(), r.name())
                    : null));
        }
        Plan access = AccessPaths.choose(inner.scan(), all, cx);
        if (!probesPerLeftRow(access)) {
            return null;
        }
        BoundExpr rest = BoundExprs.and(IndexConditions.residual(access, all));
        Plan probe = rest == null ? access : new RowOps.Filter(access, rest);
        return new Joins.NestedLoop(Joins.Kind.INNER, left, probe, null, true);
    }

    /** A table scan and the conditions a restricted right side applies to it. */
    private record Inner(Scans.TableScan scan, List<BoundExpr> conditions) {}

    private static Inner inner(Plan right) {
        List<BoundExpr> conditions = new ArrayList<>();
        Plan access = right;
        if (right instanceof RowOps.Filter f) {
            conditions.addAll(BoundExprs.conjuncts(f.condition()));
            access = f.input();
        }
        Scans.TableScan scan = switch (access) {
            case Scans.TableScan t -> t;
            case Scans.KeyLookup k -> new Scans.TableScan(k.table(), k.withKey(), k.lock());
            case Scans.IndexLookup i -> new Scans.TableScan(i.table(), i.withKey(), i.lock());
            case IndexMultiLookup m -> new Scans.TableScan(m.table(), m.withKey(), m.lock());
            case KeyRangeScan r when !r.descending() ->
                    new Scans.TableScan(r.table(), r.withKey(), r.lock());
            default -> null;
        };
        if (scan == null || scan.lock() != null) {
            return null;
        }
        if (!(access instanceof Scans.TableScan) && !(access instanceof KeyRangeScan)) {
            // a lookup's filter lacks the terms the lookup applies (IndexConditions)
            List<BoundExpr> applied = IndexConditions.applied(access);
            if (applied == null) {
                return null;
            }
            conditions.addAll(applied);
        }
        for (BoundExpr c : conditions) {
            if (BoundExprs.columnsRead(c) == null || BoundExprs.readsOuter(c)) {
                return null;
            }
        }
        return new Inner(scan, conditions);
    }

    /** Whether {@code access} is a lookup whose keys read the left row. */
    private static boolean probesPerLeftRow(Plan access) {
        List<BoundExpr> keys = switch (access) {
            case Scans.KeyLookup k -> k.keys().stream().flatMap(List::stream).toList();
            case Scans.IndexLookup i -> i.values();
            case IndexMultiLookup m -> m.keys().stream().flatMap(List::stream).toList();
            default -> List.of();
        };
        for (BoundExpr k : keys) {
            if (BoundExprs.readsOuter(k)) {
                return true;
            }
        }
        return false;
    }
}
