package dev.cutaway.sql.bind;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.stats.PlanEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses how to read one table under conditions (ADR 0018): the candidates are primary-key
 * lookups (when the conditions fix the key, {@link KeyLookups}), a lookup through each
 * secondary index whose columns the conditions fix, and the sequential scan; the cheapest by
 * {@link PlanEstimator} wins, earlier candidates on ties. With statistics an equality on a
 * value that half the rows have makes the scan cheaper than the index; without statistics
 * the defaults (1000 rows, 0.5% per equality) favour the lookups, as the rule-based planner
 * did. Switched-off methods ({@code enable_indexscan}, {@code enable_seqscan}) carry
 * PostgreSQL's disable cost, so they lose unless they are the only way.
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
            }
        }
        if (candidates.isEmpty()) {
            return scan;
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
}
