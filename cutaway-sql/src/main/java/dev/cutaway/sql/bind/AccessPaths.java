package dev.cutaway.sql.bind;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.IndexMultiLookup;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.stats.PlanEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses how to read one table under conditions (ADR 0018): the candidates are primary-key
 * lookups (when the conditions fix the key, {@link KeyLookups}, one per value of an IN list
 * or an OR of equalities), a lookup through each secondary index whose columns the
 * conditions fix (a multi-range {@link IndexMultiLookup} when a column takes an IN list's or
 * an OR's values), and the sequential scan; the cheapest by
 * {@link PlanEstimator} wins, earlier candidates on ties. With statistics an equality on a
 * value that half the rows have makes the scan cheaper than the index; without statistics
 * the defaults (1000 rows, 0.5% per equality) favour the lookups, as the rule-based planner
 * did. Switched-off methods ({@code enable_indexscan}, {@code enable_seqscan}) carry
 * PostgreSQL's disable cost, so they lose unless they are the only way.
 *
 * <p>One rule comes before the costs (ADR 0032): an equality on every column of the primary
 * key or of a unique index reads one row through the key (MySQL's "const" access). The
 * estimates count live rows, but a sequential scan walks every stored version of every row
 * until garbage collection removes the old ones, so on a small, hot table (TPC-B's ten branch
 * rows, updated a thousand times a second) the scan the costs prefer by a hair read a hundred
 * pages where the key lookup reads one.
 */
final class AccessPaths {
    private AccessPaths() {}

    static Plan choose(Scans.TableScan scan, List<BoundExpr> conditions, BindContext cx) {
        List<Plan> candidates = new ArrayList<>();
        if (scan.table().hasPrimaryKey()) {
            List<List<BoundExpr>> keys = KeyLookups.find(scan.table(), conditions);
            if (keys != null) {
                candidates.add(new Scans.KeyLookup(scan.table(), keys, scan.withKey(),
                        scan.lock()));
            }
        }
        for (var index : scan.table().indexes()) {
            List<BoundExpr> values = KeyLookups.findIndex(scan.table(), index, conditions);
            if (values != null) {
                candidates.add(new Scans.IndexLookup(scan.table(), index, values,
                        scan.withKey(), scan.lock()));
                continue;
            }
            List<List<BoundExpr>> keys = KeyLookups.findIndexKeys(scan.table(), index,
                    conditions);
            if (keys != null) {
                candidates.add(new IndexMultiLookup(scan.table(), index, keys, scan.withKey(),
                        scan.lock()));
            }
        }
        if (candidates.isEmpty()) {
            return scan;
        }
        if (cx.planning().settings().indexScan()) {
            for (Plan p : candidates) {
                if (readsOneRowByKey(p)) {
                    return p;
                }
            }
        }
        candidates.add(scan);
        PlanEstimator estimator = new PlanEstimator(cx.planning(), cx.eval());
        Plan best = null;
        double bestCost = Double.MAX_VALUE;
        for (Plan p : candidates) {
            double cost = estimator.estimate(p).totalCost();
            if (cost < bestCost) {
                best = p;
                bestCost = cost;
            }
        }
        return best;
    }

    /** A lookup of one value of a unique key: at most one row, whatever the table's size. */
    private static boolean readsOneRowByKey(Plan p) {
        return switch (p) {
            case Scans.KeyLookup k -> k.keys().size() == 1;
            case Scans.IndexLookup i -> i.index().unique()
                    && i.values().size() == i.index().columns().size();
            default -> false;
        };
    }
}
