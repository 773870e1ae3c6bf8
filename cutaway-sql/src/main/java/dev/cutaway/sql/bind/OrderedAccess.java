package dev.cutaway.sql.bind;

import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.IndexScan;
import dev.cutaway.sql.exec.KeyRangeScan;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.stats.PlanEstimator;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.List;

/**
 * ORDER BY served by the order a table is read in (ADR 0018, "Ordered access paths"): a query
 * bound as {@code [Limit] [Trim] Sort(Project(Filter*(scan)))} whose sort keys are plain
 * columns of one table can drop its Sort when the scan delivers that order:
 * <ul>
 *   <li>the primary key: the sort keys are a prefix of the key (or the whole key followed by
 *       anything — the key is unique). The sequential scan and key lookups already run in
 *       key order; DESC reads the table (or the key range) backwards;
 *   <li>a secondary index: the sort keys are a prefix of its columns, all ASC NULLS LAST or
 *       all DESC NULLS FIRST (the other NULL placements only on NOT NULL columns), read by an
 *       {@link IndexScan}; an index lookup on equalities returns its rows in key order.
 * </ul>
 * All keys must go one way: a mixed ASC/DESC order needs the Sort. The rewrite is kept only
 * when {@link PlanEstimator} finds it cheaper — with a LIMIT the index walk's cost is scaled
 * by the fraction of rows read, so {@code ORDER BY v LIMIT 10} walks the index while a
 * whole-table ORDER BY v sorts a sequential scan (a get per row costs more than the sort).
 * {@code enable_sort} and {@code enable_indexscan} switch the two sides off by cost.
 */
final class OrderedAccess {
    private OrderedAccess() {}

    /** {@code plan}, or an equivalent one without its Sort when that is cheaper. */
    static Plan serve(Plan plan, BindContext cx) {
        Plan candidate = withoutSort(plan);
        if (candidate == null) {
            return plan;
        }
        PlanEstimator estimator = new PlanEstimator(cx.planning(), cx.eval());
        return estimator.estimate(candidate).totalCost() < estimator.estimate(plan).totalCost()
                ? candidate : plan;
    }

    private static Plan withoutSort(Plan plan) {
        return switch (plan) {
            case RowOps.Limit l -> {
                Plan in = withoutSort(l.input());
                yield in == null ? null : new RowOps.Limit(in, l.limit(), l.offset());
            }
            case RowOps.Trim t -> {
                Plan in = withoutSort(t.input());
                yield in == null ? null : new RowOps.Trim(in, t.width());
            }
            case RowOps.Sort s -> sorted(s.input(), s.keys());
            default -> null;
        };
    }

    /** {@code input} producing rows in the order of {@code keys}, or null. */
    private static Plan sorted(Plan input, List<RowOps.SortKey> keys) {
        if (input instanceof RowOps.Project p) {
            List<RowOps.SortKey> below = new ArrayList<>();
            for (RowOps.SortKey k : keys) {
                if (!(p.exprs().get(k.column()) instanceof BoundExpr.ColRef r)
                        || r.depth() != 0) {
                    return null;
                }
                below.add(new RowOps.SortKey(r.index(), k.type(), k.descending(),
                        k.nullsFirst()));
            }
            Plan in = ordered(p.input(), below);
            return in == null ? null : new RowOps.Project(in, p.exprs(), p.columns());
        }
        return ordered(input, keys);
    }

    private static Plan ordered(Plan input, List<RowOps.SortKey> keys) {
        boolean desc = keys.getFirst().descending();
        for (RowOps.SortKey k : keys) {
            if (k.descending() != desc) {
                return null;
            }
        }
        return switch (input) {
            case RowOps.Filter f -> {
                Plan in = ordered(f.input(), keys);
                yield in == null ? null : new RowOps.Filter(in, f.condition());
            }
            case Scans.TableScan ts -> tableScan(ts, keys, desc);
            case KeyRangeScan r when byKey(r.table(), keys) ->
                    r.descending() == desc ? r : r.reversed();
            case Scans.KeyLookup k when !desc && byKey(k.table(), keys) -> k;
            case Scans.IndexLookup i when !desc && byKey(i.table(), keys) -> i;
            default -> null;
        };
    }

    /**
     * Whether {@code plan} already returns its rows ascending on {@code keys} (as a merge
     * join's input must), so no Sort is needed: a scan, key range scan or lookup of a table
     * whose primary key leads with the keys (a primary key has no NULLs, so NULL placement
     * does not matter), through filters and projections of plain columns, and the left side
     * of a merge join or an index nested loop (both stream their left input in order).
     * Only integer and text keys: their key encoding orders exactly as the merge's value
     * comparison does (floating point zeros and NaN might not).
     */
    static boolean delivers(Plan plan, List<RowOps.SortKey> keys) {
        for (RowOps.SortKey k : keys) {
            if (k.descending() || !(k.type().isInteger() || k.type() == TypeId.TEXT
                    || k.type() == TypeId.VARCHAR)) {
                return false;
            }
        }
        return switch (plan) {
            case RowOps.Filter f -> delivers(f.input(), keys);
            case RowOps.Project p -> {
                List<RowOps.SortKey> below = new ArrayList<>();
                for (RowOps.SortKey k : keys) {
                    if (!(p.exprs().get(k.column()) instanceof BoundExpr.ColRef r)
                            || r.depth() != 0) {
                        yield false;
                    }
                    below.add(new RowOps.SortKey(r.index(), k.type(), false, k.nullsFirst()));
                }
                yield delivers(p.input(), below);
            }
            case Scans.TableScan ts -> byKey(ts.table(), keys);
            case KeyRangeScan r -> !r.descending() && byKey(r.table(), keys);
            case Scans.KeyLookup k -> byKey(k.table(), keys);
            case dev.cutaway.sql.exec.MergeJoin m -> leftOnly(m.left(), keys);
            case dev.cutaway.sql.exec.Joins.NestedLoop n when n.lateral() ->
                    leftOnly(n.left(), keys);
            default -> false;
        };
    }

    private static boolean leftOnly(Plan left, List<RowOps.SortKey> keys) {
        int width = left.columns().size();
        for (RowOps.SortKey k : keys) {
            if (k.column() >= width) {
                return false;
            }
        }
        return delivers(left, keys);
    }

    private static Plan tableScan(Scans.TableScan ts, List<RowOps.SortKey> keys, boolean desc) {
        Relation.Table table = ts.table();
        if (byKey(table, keys)) {
            return desc ? new KeyRangeScan(table, null, false, null, false, ts.withKey(),
                    ts.lock(), true) : ts;
        }
        for (IndexDesc index : table.indexes()) {
            if (byIndex(table, index, keys, desc)) {
                return new IndexScan(table, index, desc, ts.withKey(), ts.lock());
            }
        }
        return null;
    }

    /** Whether key order (ascending or descending) is the order {@code keys} ask for. */
    private static boolean byKey(Relation.Table table, List<RowOps.SortKey> keys) {
        List<Integer> pk = table.primaryKey();
        if (pk.isEmpty()) {
            return false;
        }
        int n = Math.min(pk.size(), keys.size());
        for (int i = 0; i < n; i++) {
            if (keys.get(i).column() != pk.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether index order is {@code keys}' order, NULL placement included. */
    private static boolean byIndex(Relation.Table table, IndexDesc index,
            List<RowOps.SortKey> keys, boolean desc) {
        if (keys.size() > index.columns().size()) {
            return false;
        }
        for (int i = 0; i < keys.size(); i++) {
            RowOps.SortKey k = keys.get(i);
            if (k.column() != index.columns().get(i)) {
                return false;
            }
            if (k.nullsFirst() != desc && !table.columns().get(k.column()).notNull()) {
                return false;
            }
        }
        return true;
    }
}
