package dev.cutaway.sql.bind;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Column;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.stats.PlanEstimator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Join ordering by dynamic programming over subsets of a FROM list (ADR 0023), Selinger
 * style: the cheapest left-deep join of every subset of items is the cheapest of "cheapest
 * join of the subset without item k, joined with k" over its items k, costed by {@link
 * PlanEstimator} on the plans {@link FromBinder} would build (hash join where an equality
 * connects the sides, nested loop otherwise; so the cheaper build side is chosen too). Only
 * extensions that some condition connects are tried; a subset no condition connects takes
 * the cheapest cross product. Conditions on one item filter it first (choosing its access
 * path), conditions on several items go into the first join where all their items meet, and
 * conditions with subqueries or without columns filter the result. The result is projected
 * back to FROM order, so nothing above sees the order chosen.
 *
 * <p>{@code 2^n} subsets with up to {@code n} extensions each: used up to {@link #LIMIT}
 * items (5 120 joins costed at 10); the binder orders longer lists greedily ({@link
 * JoinOrder}).
 */
final class JoinSearch {
    /** The most items ordered by dynamic programming. */
    static final int LIMIT = 10;

    /** The cheapest join found for a subset: its plan and the items in row order. */
    private record Partial(Plan plan, int[] order, int width, double cost) {}

    /** A condition over several items: its columns (FROM order) and items. */
    private record Condition(BoundExpr expr, int items) {}

    private final FromBinder from;
    private final PlanEstimator estimator;
    private final BindContext cx;
    private final int[] offsets;
    private final List<Plan> items = new ArrayList<>();
    private final List<Condition> conditions = new ArrayList<>();
    private final List<BoundExpr> late = new ArrayList<>();

    private JoinSearch(FromBinder from, PlanEstimator estimator, BindContext cx,
            int[] offsets) {
        this.from = from;
        this.estimator = estimator;
        this.cx = cx;
        this.offsets = offsets;
    }

    /** The cheapest left-deep join of {@code parts} under {@code conjuncts}, in FROM order. */
    static Plan best(FromBinder from, List<FromBinder.From> parts, List<BoundExpr> conjuncts,
            PlanEstimator estimator, BindContext cx) {
        int n = parts.size();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + parts.get(i).scope().width();
        }
        JoinSearch search = new JoinSearch(from, estimator, cx, offsets);
        search.classify(parts, conjuncts);
        return search.run(n);
    }

    private void classify(List<FromBinder.From> parts, List<BoundExpr> conjuncts) {
        List<List<BoundExpr>> own = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            own.add(new ArrayList<>());
        }
        for (BoundExpr c : conjuncts) {
            BitSet read = BoundExprs.columnsRead(c);
            if (read == null || read.isEmpty()) {
                late.add(c);
                continue;
            }
            int mask = 0;
            for (int col = read.nextSetBit(0); col >= 0; col = read.nextSetBit(col + 1)) {
                mask |= 1 << itemOf(col);
            }
            if (Integer.bitCount(mask) == 1) {
                int k = Integer.numberOfTrailingZeros(mask);
                own.get(k).add(BoundExprs.shift(c, offsets[k]));
            } else {
                conditions.add(new Condition(c, mask));
            }
        }
        for (int k = 0; k < parts.size(); k++) {
            items.add(from.restrict(parts.get(k).plan(), own.get(k)));
        }
    }

    private int itemOf(int column) {
        int k = 0;
        while (offsets[k + 1] <= column) {
            k++;
        }
        return k;
    }

    private Plan run(int n) {
        Partial[] best = new Partial[1 << n];
        for (int k = 0; k < n; k++) {
            Plan p = items.get(k);
            best[1 << k] = new Partial(p, new int[] {k}, offsets[k + 1] - offsets[k],
                    estimator.estimate(p).totalCost());
        }
        for (int size = 2; size <= n; size++) {
            for (int set = 1; set < best.length; set++) {
                if (Integer.bitCount(set) == size) {
                    best[set] = cheapest(set, best, true);
                    if (best[set] == null) {
                        best[set] = cheapest(set, best, false);
                    }
                }
            }
        }
        return inFromOrder(best[best.length - 1]);
    }

    /** The cheapest way to reach {@code set} by adding one item (connected ones only). */
    private Partial cheapest(int set, Partial[] best, boolean connectedOnly) {
        Partial found = null;
        for (int k = 0; k < items.size(); k++) {
            int rest = set & ~(1 << k);
            if ((set & (1 << k)) == 0 || best[rest] == null) {
                continue;
            }
            List<BoundExpr> on = new ArrayList<>();
            for (Condition c : conditions) {
                if ((c.items() & ~set) == 0 && (c.items() & (1 << k)) != 0) {
                    on.add(c.expr());
                }
            }
            if (connectedOnly && on.isEmpty()) {
                continue;
            }
            Partial p = extend(best[rest], k, on);
            if (found == null || p.cost() < found.cost()) {
                found = p;
            }
        }
        return found;
    }

    private Partial extend(Partial left, int k, List<BoundExpr> on) {
        int[] order = java.util.Arrays.copyOf(left.order(), left.order().length + 1);
        order[order.length - 1] = k;
        int[] position = positions(order);
        List<BoundExpr> mapped = new ArrayList<>();
        for (BoundExpr c : on) {
            mapped.add(remap(c, position));
        }
        Plan plan = FromBinder.join(left.plan(), items.get(k), left.width(), mapped, false,
                cx, estimator);
        int width = left.width() + offsets[k + 1] - offsets[k];
        return new Partial(plan, order, width, estimator.estimate(plan).totalCost());
    }

    /** For each FROM-order column, its index in a row whose items come in {@code order}. */
    private int[] positions(int[] order) {
        int[] position = new int[offsets[offsets.length - 1]];
        int at = 0;
        for (int k : order) {
            for (int c = offsets[k]; c < offsets[k + 1]; c++) {
                position[c] = at++;
            }
        }
        return position;
    }

    private static BoundExpr remap(BoundExpr e, int[] position) {
        return BoundExprs.map(e, x -> x instanceof BoundExpr.ColRef r && r.depth() == 0
                ? new BoundExpr.ColRef(0, position[r.index()], r.type(), r.name()) : null);
    }

    private Plan inFromOrder(Partial all) {
        BoundExpr rest = BoundExprs.and(late);
        if (JoinOrder.isIdentity(all.order())) {
            return rest == null ? all.plan() : new RowOps.Filter(all.plan(), rest);
        }
        int[] position = positions(all.order());
        List<BoundExpr> exprs = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<Column> joined = all.plan().columns();
        for (int c = 0; c < position.length; c++) {
            Column col = joined.get(position[c]);
            exprs.add(new BoundExpr.ColRef(0, position[c], col.type(), col.name()));
            columns.add(col);
        }
        Plan plan = new RowOps.Project(all.plan(), exprs, columns);
        return rest == null ? plan : new RowOps.Filter(plan, rest);
    }
}
