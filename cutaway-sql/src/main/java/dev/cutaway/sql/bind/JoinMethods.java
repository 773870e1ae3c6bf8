package dev.cutaway.sql.bind;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Joins;
import dev.cutaway.sql.exec.MergeJoin;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.stats.PlanEstimator;
import dev.cutaway.sql.stats.PlannerSettings;
import java.util.List;

/**
 * Chooses the method of an equi-join (keys found by {@code FromBinder.equiKey}): a hash join
 * or a merge join over both inputs sorted on their keys, by the estimator's cost (ADR 0018).
 * A switched-off method ({@code enable_hashjoin}, {@code enable_mergejoin}) is not built at
 * all; with both off the caller makes a nested loop. A merge join is only INNER or LEFT,
 * and only over keys that are columns (or widened integer columns); an input already in key
 * order ({@code OrderedAccess.delivers}) gets no Sort, any other a Sort. Ties go to the hash
 * join, so plans only change where the merge join is estimated strictly cheaper. The index
 * nested loop is the caller's third candidate ({@code IndexNestedLoop}).
 */
final class JoinMethods {
    private JoinMethods() {}

    /** The chosen join, or null when neither method is enabled or possible. */
    static Plan equi(Joins.Kind kind, Plan left, Plan right, List<BoundExpr> leftKeys,
            List<BoundExpr> rightKeys, BoundExpr residual, BindContext cx) {
        return equi(kind, left, right, leftKeys, rightKeys, residual, cx, null);
    }

    /**
     * As above, pricing with {@code estimator} (its memo shared across the join search's
     * many candidates; null: a fresh one).
     */
    static Plan equi(Joins.Kind kind, Plan left, Plan right, List<BoundExpr> leftKeys,
            List<BoundExpr> rightKeys, BoundExpr residual, BindContext cx,
            PlanEstimator estimator) {
        PlannerSettings on = cx.planning().settings();
        Plan hash = on.hashJoin()
                ? new Joins.Hash(kind, left, right, leftKeys, rightKeys, residual) : null;
        Plan merge = on.mergeJoin()
                ? merge(kind, left, right, leftKeys, rightKeys, residual, cx) : null;
        if (hash == null || merge == null) {
            return hash != null ? hash : merge;
        }
        PlanEstimator est = estimator != null ? estimator
                : new PlanEstimator(cx.planning(), cx.eval());
        return est.estimate(merge).totalCost() < est.estimate(hash).totalCost()
                ? merge : hash;
    }

    private static Plan merge(Joins.Kind kind, Plan left, Plan right, List<BoundExpr> leftKeys,
            List<BoundExpr> rightKeys, BoundExpr residual, BindContext cx) {
        if (kind != Joins.Kind.INNER && kind != Joins.Kind.LEFT) {
            return null;
        }
        List<RowOps.SortKey> leftOrder = MergeJoin.sortKeys(leftKeys);
        List<RowOps.SortKey> rightOrder = MergeJoin.sortKeys(rightKeys);
        if (leftOrder == null || rightOrder == null) {
            return null;
        }
        return new MergeJoin(kind, sorted(left, leftOrder), sorted(right, rightOrder),
                leftKeys, rightKeys, residual);
    }

    /** {@code side} in {@code order}: itself when it already comes so, else under a Sort. */
    private static Plan sorted(Plan side, List<RowOps.SortKey> order) {
        return OrderedAccess.delivers(side, order) ? side : new RowOps.Sort(side, order);
    }

    /** A merge join's input without the Sort {@link #equi} put on it (to re-plan it). */
    static Plan unsorted(Plan side, List<BoundExpr> keys) {
        return side instanceof RowOps.Sort s && s.keys().equals(MergeJoin.sortKeys(keys))
                ? s.input() : side;
    }
}
