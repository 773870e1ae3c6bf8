package dev.cutaway.sql.stats;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Joins;
import dev.cutaway.sql.exec.MergeJoin;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.SemiJoin;
import dev.cutaway.sql.exec.SetOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * Join and set-operation estimates ({@link PlanEstimator}'s helper). An equi-join keeps
 * {@code 1 / max(distinct(left key), distinct(right key))} of the cross product per key
 * (PostgreSQL's eqjoinsel without MCV matching: every key value of the side with fewer
 * distinct values finds a partner); other join conditions use {@link Selectivity} over the
 * joined row; outer joins keep at least their preserved side's rows.
 */
final class Joining {
    private Joining() {}

    static Estimate nestedLoop(PlanEstimator est, Joins.NestedLoop n, boolean enabled) {
        Estimate l = est.estimate(n.left());
        Estimate r = est.estimate(n.right());
        CostModel c = est.planning().costs();
        double sel = n.condition() == null ? 1 : condition(est, n, l.rows(), r.rows());
        double rows = outer(n.kind(), l.rows() * r.rows() * sel, l.rows(), r.rows());
        double inner = n.lateral() ? l.rows() * r.totalCost() : r.totalCost();
        double compare = l.rows() * r.rows() * c.cpuOperatorCost();
        double penalty = enabled ? 0 : PlannerSettings.DISABLED_COST;
        double startup = l.startupCost() + (n.lateral() ? 0 : r.totalCost()) + penalty;
        return new Estimate(startup, l.totalCost() + inner + compare + rows * c.cpuTupleCost()
                + penalty, rows, l.width() + r.width());
    }

    /**
     * A nested loop's condition: each conjunct {@code left column = right column} keeps
     * {@code 1 / max(d_left, d_right)} as in a hash join (so enable_hashjoin = off does not
     * change the estimate of the same join), the other conjuncts use {@link Selectivity}.
     */
    private static double condition(PlanEstimator est, Joins.NestedLoop n, double leftRows,
            double rightRows) {
        List<BoundExpr> terms = n.condition() instanceof BoundExpr.And a ? a.terms()
                : List.of(n.condition());
        int lw = Origins.columnCount(n.left());
        double sel = 1;
        List<BoundExpr> rest = new ArrayList<>();
        for (BoundExpr t : terms) {
            if (t instanceof BoundExpr.Binary b && b.op().name().equals("=")
                    && b.left() instanceof BoundExpr.ColRef x && x.depth() == 0
                    && b.right() instanceof BoundExpr.ColRef y && y.depth() == 0
                    && (x.index() < lw) != (y.index() < lw)) {
                BoundExpr.ColRef lk = x.index() < lw ? x : y;
                BoundExpr.ColRef rk = x.index() < lw ? y : x;
                BoundExpr.ColRef rkInRight = new BoundExpr.ColRef(0, rk.index() - lw,
                        rk.type(), rk.name());
                double dl = distinct(est, n.left(), lk, leftRows);
                double dr = distinct(est, n.right(), rkInRight, rightRows);
                sel /= Math.max(1, Math.max(dl, dr));
            } else {
                rest.add(t);
            }
        }
        if (!rest.isEmpty()) {
            sel *= est.selectivity(n, rest.size() == 1 ? rest.getFirst()
                    : new BoundExpr.And(rest));
        }
        return sel;
    }

    static Estimate hash(PlanEstimator est, Joins.Hash h, boolean enabled) {
        Estimate l = est.estimate(h.left());
        Estimate r = est.estimate(h.right());
        CostModel c = est.planning().costs();
        double sel = equiSelectivity(est, h, h.leftKeys(), h.rightKeys(), h.residual());
        double rows = outer(h.kind(), l.rows() * r.rows() * sel, l.rows(), r.rows());
        double build = r.totalCost() + r.rows() * c.cpuOperatorCost() * 2;
        double penalty = enabled ? 0 : PlannerSettings.DISABLED_COST;
        double probe = l.rows() * c.cpuOperatorCost() * h.leftKeys().size();
        return new Estimate(build + l.startupCost() + penalty, build + l.totalCost() + probe
                + rows * c.cpuTupleCost() + penalty, rows, l.width() + r.width());
    }

    /**
     * A merge join: its inputs (the Sorts under it) are paid for in their own estimates; the
     * merge itself compares keys once per input row and emits the joined rows. It starts
     * when both inputs have (a sort's startup is its whole sort).
     */
    static Estimate merge(PlanEstimator est, MergeJoin m, boolean enabled) {
        Estimate l = est.estimate(m.left());
        Estimate r = est.estimate(m.right());
        CostModel c = est.planning().costs();
        double sel = equiSelectivity(est, m, m.leftKeys(), m.rightKeys(), m.residual());
        double rows = outer(m.kind(), l.rows() * r.rows() * sel, l.rows(), r.rows());
        double penalty = enabled ? 0 : PlannerSettings.DISABLED_COST;
        double compare = (l.rows() + r.rows()) * c.cpuOperatorCost() * m.leftKeys().size();
        return new Estimate(l.startupCost() + r.startupCost() + penalty, l.totalCost()
                + r.totalCost() + compare + rows * c.cpuTupleCost() + penalty, rows,
                l.width() + r.width());
    }

    /** Per key {@code 1 / max(distinct)} of the cross product, times the residual's. */
    private static double equiSelectivity(PlanEstimator est, Plan join, List<BoundExpr> lk,
            List<BoundExpr> rk, BoundExpr residual) {
        Plan left = join.children().get(0);
        Plan right = join.children().get(1);
        double lr = est.estimate(left).rows();
        double rr = est.estimate(right).rows();
        double sel = 1;
        for (int i = 0; i < lk.size(); i++) {
            double dl = distinct(est, left, lk.get(i), lr);
            double dr = distinct(est, right, rk.get(i), rr);
            sel /= Math.max(1, Math.max(dl, dr));
        }
        if (residual != null) {
            sel *= est.selectivity(join, residual);
        }
        return sel;
    }

    /**
     * A semi join keeps the outer rows whose key finds a partner: per key {@code min(1,
     * distinct(inner) / distinct(outer))} of them (the smaller key set finds itself in the
     * larger, PostgreSQL's assumption too); without keys, or for the residual, half. An anti
     * join keeps the rest (at least one row's worth, as estimates never reach zero).
     */
    static Estimate semi(PlanEstimator est, SemiJoin j, boolean enabled) {
        Estimate l = est.estimate(j.left());
        Estimate r = est.estimate(j.right());
        CostModel c = est.planning().costs();
        double found = 1;
        for (int i = 0; i < j.leftKeys().size(); i++) {
            double dl = distinct(est, j.left(), j.leftKeys().get(i), l.rows());
            double dr = distinct(est, j.right(), j.rightKeys().get(i), r.rows());
            found *= Math.min(1, dr / Math.max(1, dl));
        }
        if (j.leftKeys().isEmpty() || j.residual() != null) {
            found *= 0.5;
        }
        double rows = Math.max(1, l.rows() * (j.anti() ? 1 - found : found));
        double penalty = enabled ? 0 : PlannerSettings.DISABLED_COST;
        double build = r.totalCost() + r.rows() * c.cpuOperatorCost() * 2;
        double probe = j.leftKeys().isEmpty() ? l.rows() * r.rows() * c.cpuOperatorCost()
                : l.rows() * c.cpuOperatorCost() * j.leftKeys().size();
        return new Estimate(build + l.startupCost() + penalty, build + l.totalCost() + probe
                + rows * c.cpuTupleCost() + penalty, rows, l.width());
    }

    /** Distinct values of a key expression over {@code rows} rows of {@code side}. */
    private static double distinct(PlanEstimator est, Plan side, BoundExpr key, double rows) {
        BoundExpr k = key instanceof BoundExpr.Cast c ? c.operand() : key;
        return est.groups(side, List.of(k), Math.max(1, rows));
    }

    private static double outer(Joins.Kind kind, double inner, double left, double right) {
        return switch (kind) {
            case INNER -> inner;
            case LEFT -> Math.max(inner, left);
            case RIGHT -> Math.max(inner, right);
            case FULL -> Math.max(inner, left + right);
        };
    }

    static Estimate setOperation(PlanEstimator est, SetOperation s) {
        Estimate l = est.estimate(s.left());
        Estimate r = est.estimate(s.right());
        double rows = switch (s.op()) {
            case UNION -> l.rows() + r.rows();
            case INTERSECT -> Math.min(l.rows(), r.rows());
            case EXCEPT -> l.rows();
        };
        double cost = l.totalCost() + r.totalCost()
                + (l.rows() + r.rows()) * est.planning().costs().cpuOperatorCost();
        return new Estimate(0, cost, rows, l.width());
    }
}
