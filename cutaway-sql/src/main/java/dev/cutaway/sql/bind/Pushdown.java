package dev.cutaway.sql.bind;

import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Joins;
import dev.cutaway.sql.exec.MergeJoin;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Predicate pushdown below explicit JOINs and outer-join simplification (ADR 0023). WHERE
 * conjuncts that land on a JOIN item ({@code FROM a LEFT JOIN b ON ... WHERE ...}) are taken
 * through the join instead of filtering its output:
 * <ul>
 * <li>First the join is simplified: a conjunct that cannot be TRUE when every column of the
 * nullable side is NULL ("null-rejecting", {@link #rejectsNulls}) removes all the
 * NULL-padded rows anyway, so a LEFT join with one on its right side is an INNER join (a
 * RIGHT join with one on its left; a FULL join loses the side whose padding is rejected).
 * <li>Then a conjunct reading only one input goes into that input, if the input is not the
 * nullable side of an outer join (filtering the nullable side before the join would turn
 * dropped rows into NULL-padded ones). Into a table, it may choose an index or key lookup.
 * <li>A conjunct reading both inputs of an INNER join joins its ON conditions (and may so
 * become a hash key); of an outer join it stays above.
 * </ul>
 * LATERAL joins are left as they are. Conjuncts never move past a subquery-bearing one's
 * place: the caller passes only conjuncts without subqueries.
 */
final class Pushdown {
    private Pushdown() {}

    /** {@code join} filtered by {@code conditions} (over its row), pushed where they may go. */
    static Plan through(FromBinder from, Plan join, List<BoundExpr> conditions,
            BindContext cx) {
        Joins.Kind kind;
        Plan left;
        Plan right;
        switch (join) {
            case Joins.Hash h -> {
                kind = h.kind();
                left = h.left();
                right = h.right();
            }
            case Joins.NestedLoop n when !n.lateral() -> {
                kind = n.kind();
                left = n.left();
                right = n.right();
            }
            case MergeJoin m -> {
                kind = m.kind();
                left = JoinMethods.unsorted(m.left(), m.leftKeys());
                right = JoinMethods.unsorted(m.right(), m.rightKeys());
            }
            default -> {
                return new RowOps.Filter(join, BoundExprs.and(conditions));
            }
        }
        int lw = left.columns().size();
        int width = join.columns().size();
        kind = simplified(kind, conditions, lw, width);
        List<BoundExpr> toLeft = new ArrayList<>();
        List<BoundExpr> toRight = new ArrayList<>();
        List<BoundExpr> toJoin = new ArrayList<>();
        List<BoundExpr> above = new ArrayList<>();
        for (BoundExpr c : conditions) {
            BitSet read = BoundExprs.columnsRead(c);
            boolean leftOnly = read != null && !read.isEmpty() && read.nextSetBit(lw) < 0;
            boolean rightOnly = read != null && !read.isEmpty() && read.nextSetBit(0) >= lw;
            if (leftOnly && (kind == Joins.Kind.INNER || kind == Joins.Kind.LEFT)) {
                toLeft.add(c);
            } else if (rightOnly && (kind == Joins.Kind.INNER || kind == Joins.Kind.RIGHT)) {
                toRight.add(BoundExprs.shift(c, lw));
            } else if (read != null && kind == Joins.Kind.INNER) {
                toJoin.add(c);
            } else {
                above.add(c);
            }
        }
        Plan l = toLeft.isEmpty() ? left : from.restrict(left, toLeft);
        Plan r = toRight.isEmpty() ? right : from.restrict(right, toRight);
        Plan rebuilt = switch (join) {
            // a hash join is INNER or LEFT, and simplification only makes LEFT INNER
            case Joins.Hash h -> new Joins.Hash(kind, l, r, h.leftKeys(), h.rightKeys(),
                    and(h.residual(), toJoin));
            case Joins.NestedLoop n -> {
                List<BoundExpr> on = BoundExprs.conjuncts(n.condition());
                on.addAll(toJoin);
                yield JoinBinder.plan(kind, l, r, lw, on, false, cx);
            }
            case MergeJoin m -> {
                // the inputs changed: sort them anew (or choose the hash join after all)
                Plan equi = JoinMethods.equi(kind, l, r, m.leftKeys(), m.rightKeys(),
                        and(m.residual(), toJoin), cx);
                yield equi != null ? equi : new MergeJoin(kind,
                        new RowOps.Sort(l, MergeJoin.sortKeys(m.leftKeys())),
                        new RowOps.Sort(r, MergeJoin.sortKeys(m.rightKeys())),
                        m.leftKeys(), m.rightKeys(), and(m.residual(), toJoin));
            }
            default -> throw new IllegalStateException("not a join: " + join);
        };
        BoundExpr rest = BoundExprs.and(above);
        return rest == null ? rebuilt : new RowOps.Filter(rebuilt, rest);
    }

    private static BoundExpr and(BoundExpr first, List<BoundExpr> more) {
        List<BoundExpr> all = BoundExprs.conjuncts(first);
        all.addAll(more);
        return BoundExprs.and(all);
    }

    /**
     * The join kind once {@code conditions} over its row are applied above it: each side
     * whose NULL padding a condition rejects stops being padded.
     */
    static Joins.Kind simplified(Joins.Kind kind, List<BoundExpr> conditions, int lw,
            int width) {
        boolean rejectsLeft = false;
        boolean rejectsRight = false;
        for (BoundExpr c : conditions) {
            rejectsLeft |= rejectsNulls(c, 0, lw);
            rejectsRight |= rejectsNulls(c, lw, width);
        }
        return switch (kind) {
            case INNER -> kind;
            case LEFT -> rejectsRight ? Joins.Kind.INNER : kind;
            case RIGHT -> rejectsLeft ? Joins.Kind.INNER : kind;
            case FULL -> rejectsLeft && rejectsRight ? Joins.Kind.INNER
                    : rejectsLeft ? Joins.Kind.LEFT : rejectsRight ? Joins.Kind.RIGHT : kind;
        };
    }

    /**
     * Whether {@code c} is certainly not TRUE when columns {@code [from, to)} of the current
     * row are all NULL (conservative: false when unsure).
     */
    static boolean rejectsNulls(BoundExpr c, int from, int to) {
        return switch (c) {
            case BoundExpr.And a -> {
                boolean any = false;
                for (BoundExpr t : a.terms()) {
                    any |= rejectsNulls(t, from, to);
                }
                yield any;
            }
            case BoundExpr.Or o -> {
                boolean all = true;
                for (BoundExpr t : o.terms()) {
                    all &= rejectsNulls(t, from, to);
                }
                yield all;
            }
            case BoundExpr.Not n -> nullOnNull(n.operand(), from, to);
            case BoundExpr.IsNull n -> n.negated() && nullOnNull(n.operand(), from, to);
            case BoundExpr.IsTruth t -> !t.negated() && t.value() != null
                    && nullOnNull(t.operand(), from, to);
            default -> nullOnNull(c, from, to);
        };
    }

    /** Whether {@code e} is certainly NULL when columns {@code [from, to)} are all NULL. */
    static boolean nullOnNull(BoundExpr e, int from, int to) {
        return switch (e) {
            case BoundExpr.ColRef r -> r.depth() == 0 && r.index() >= from && r.index() < to;
            case BoundExpr.Binary b -> b.op().strict()
                    && (nullOnNull(b.left(), from, to) || nullOnNull(b.right(), from, to));
            case BoundExpr.Unary u -> u.op().strict() && nullOnNull(u.operand(), from, to);
            case BoundExpr.Cast k -> nullOnNull(k.operand(), from, to);
            case BoundExpr.Call k -> k.function().strict() && anyNullOnNull(k.args(), from, to);
            case BoundExpr.Like l -> nullOnNull(l.operand(), from, to)
                    || nullOnNull(l.pattern(), from, to);
            case BoundExpr.Between b -> strict(b) && nullOnNull(b.operand(), from, to);
            case BoundExpr.InList i -> strictAll(i) && nullOnNull(i.operand(), from, to);
            default -> false;
        };
    }

    private static boolean anyNullOnNull(List<BoundExpr> args, int from, int to) {
        for (BoundExpr a : args) {
            if (nullOnNull(a, from, to)) {
                return true;
            }
        }
        return false;
    }

    private static boolean strict(BoundExpr.Between b) {
        return b.geLow().strict() && b.leHigh().strict()
                && (b.geHigh() == null || b.geHigh().strict())
                && (b.leLow() == null || b.leLow().strict());
    }

    private static boolean strictAll(BoundExpr.InList i) {
        for (var op : i.equals()) {
            if (!op.strict()) {
                return false;
            }
        }
        return true;
    }
}
