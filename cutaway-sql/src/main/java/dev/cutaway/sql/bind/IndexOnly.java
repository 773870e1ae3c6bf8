package dev.cutaway.sql.bind;

import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.Aggregation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.IndexOnlyScan;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.stats.PlanEstimator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Index-only scans (issue 6): after a query is bound, a one-table plan of the shape
 * {@code [Limit|Trim|Sort]* (Project | HashAggregate) (Filter* (access))} whose projection or
 * aggregate and filters read only columns an index carries — its indexed columns and the
 * primary-key columns of the row key every entry holds — reads the index alone
 * ({@link IndexOnlyScan}). The access is an index lookup (its index must cover; it then skips
 * one get per row) or the sequential scan (any covering index: the entries under a key the
 * filters fix, or the whole index, fewer bytes than the table when the index is narrower).
 * Only columns whose key encoding gives back the stored value exactly
 * ({@link IndexOnlyScan#exact}), and never for scans that lock rows or carry the row key
 * (UPDATE, DELETE, FOR UPDATE). Kept only when {@link PlanEstimator} finds it cheaper;
 * {@code enable_indexonlyscan} prices it out. Nothing above the Project or aggregate sees the
 * table's row, so the columns the index lacks (NULL in the scan's rows) are never read.
 */
final class IndexOnly {
    private IndexOnly() {}

    /** {@code plan} with its table access answered from an index where that is cheaper. */
    static Plan serve(Plan plan, BindContext cx) {
        return serve(plan, false, cx);
    }

    /**
     * {@code sorted}: a Sort above re-orders the rows, so the access may change their order.
     * Without one the order may be relied on — a Sort the binder left out because the scan
     * already reads in primary-key order ({@code SortElision}, {@code OrderedAccess}) — so
     * only order-keeping replacements are made: an index-only scan under a key fixed by
     * equalities returns the rows with that key in row-key order, like the lookup or scan it
     * replaces; a whole index, in index order, only under a Sort or a hash aggregate.
     */
    private static Plan serve(Plan plan, boolean sorted, BindContext cx) {
        return switch (plan) {
            case RowOps.Limit l -> {
                // which rows a LIMIT keeps depends on the order below it
                Plan in = serve(l.input(), false, cx);
                yield in == l.input() ? l : new RowOps.Limit(in, l.limit(), l.offset());
            }
            case RowOps.Trim t -> {
                Plan in = serve(t.input(), sorted, cx);
                yield in == t.input() ? t : new RowOps.Trim(in, t.width());
            }
            case RowOps.Sort s -> {
                Plan in = serve(s.input(), true, cx);
                yield in == s.input() ? s : new RowOps.Sort(in, s.keys());
            }
            case RowOps.Project p -> {
                Plan in = covered(p.input(), read(p.exprs()), sorted, cx);
                in = in != null ? in : serve(p.input(), sorted, cx);
                yield in == p.input() ? p : new RowOps.Project(in, p.exprs(), p.columns());
            }
            case Aggregation.HashAggregate a -> {
                Plan in = covered(a.input(), aggregateRead(a), true, cx);
                in = in != null ? in : serve(a.input(), true, cx);
                yield in == a.input() ? a
                        : new Aggregation.HashAggregate(in, a.groupBy(), a.calls(), a.columns());
            }
            default -> plan;
        };
    }

    private static BitSet aggregateRead(Aggregation.HashAggregate a) {
        List<BoundExpr> exprs = new ArrayList<>(a.groupBy());
        for (Aggregation.Call c : a.calls()) {
            for (BoundExpr e : new BoundExpr[] {c.arg(), c.extra(), c.filter()}) {
                if (e != null) {
                    exprs.add(e);
                }
            }
            exprs.addAll(c.orderBy());
        }
        return read(exprs);
    }

    /** Columns of the row that {@code exprs} read; null when one has a subquery. */
    private static BitSet read(List<BoundExpr> exprs) {
        BitSet out = new BitSet();
        for (BoundExpr e : exprs) {
            BitSet r = BoundExprs.columnsRead(e);
            if (r == null) {
                return null;
            }
            out.or(r);
        }
        return out;
    }

    /**
     * {@code input} ({@code Filter*(access)}) reading the index alone when every column in
     * {@code needed} and its filters' is covered and that is cheaper; null otherwise.
     */
    private static Plan covered(Plan input, BitSet needed, boolean anyOrder, BindContext cx) {
        if (needed == null) {
            return null;
        }
        List<BoundExpr> filters = new ArrayList<>();
        Plan access = input;
        while (access instanceof RowOps.Filter f) {
            filters.add(f.condition());
            access = f.input();
        }
        BitSet all = read(filters);
        if (all == null) {
            return null;
        }
        all.or(needed);
        Plan only = switch (access) {
            case Scans.IndexLookup i when i.lock() == null && !i.withKey()
                    && covers(i.table(), i.index(), all) ->
                    new IndexOnlyScan(i.table(), i.index(), i.values());
            case Scans.TableScan t when t.lock() == null && !t.withKey() ->
                    fromIndex(t.table(), all, filters, anyOrder, cx);
            default -> null;
        };
        if (only == null) {
            return null;
        }
        PlanEstimator estimator = new PlanEstimator(cx.planning(), cx.eval());
        if (estimator.estimate(only).totalCost() >= estimator.estimate(access).totalCost()) {
            return null;
        }
        return refilter(input, access, only);
    }

    /**
     * The cheapest index-only scan covering {@code columns}: of the entries under a key the
     * filters fix by equalities (where the row lookup lost to the sequential scan, reading
     * only the entries may still win), or of a whole index when {@code anyOrder}; null if
     * none.
     */
    private static Plan fromIndex(Relation.Table table, BitSet columns,
            List<BoundExpr> filters, boolean anyOrder, BindContext cx) {
        PlanEstimator estimator = new PlanEstimator(cx.planning(), cx.eval());
        List<BoundExpr> conjuncts = new ArrayList<>();
        for (BoundExpr f : filters) {
            conjuncts.addAll(BoundExprs.conjuncts(f));
        }
        Plan best = null;
        for (IndexDesc index : table.indexes()) {
            if (covers(table, index, columns)) {
                List<BoundExpr> values = KeyLookups.findIndex(table, index, conjuncts);
                if (values == null && !anyOrder) {
                    continue;
                }
                Plan p = new IndexOnlyScan(table, index, values == null ? List.of() : values);
                if (best == null || estimator.estimate(p).totalCost()
                        < estimator.estimate(best).totalCost()) {
                    best = p;
                }
            }
        }
        return best;
    }

    private static boolean covers(Relation.Table table, IndexDesc index, BitSet columns) {
        for (int c = columns.nextSetBit(0); c >= 0; c = columns.nextSetBit(c + 1)) {
            if (c >= table.columns().size()
                    || !index.columns().contains(c) && !table.primaryKey().contains(c)
                    || !IndexOnlyScan.exact(table.columns().get(c).type())) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code input}'s filters over {@code only} instead of {@code access}, without the terms
     * an index-only scan under a key applies itself ({@link IndexConditions}).
     */
    private static Plan refilter(Plan input, Plan access, Plan only) {
        if (input == access) {
            return only;
        }
        RowOps.Filter f = (RowOps.Filter) input;
        Plan below = refilter(f.input(), access, only);
        BoundExpr rest = BoundExprs.and(IndexConditions.residual(only,
                BoundExprs.conjuncts(f.condition())));
        return rest == null ? below : new RowOps.Filter(below, rest);
    }
}
