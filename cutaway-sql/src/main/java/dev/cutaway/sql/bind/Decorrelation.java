package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.SortItem;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.SemiJoin;
import dev.cutaway.sql.types.CastContext;
import dev.cutaway.sql.types.Operators;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a WHERE conjunct {@code [NOT] EXISTS (subquery)}, {@code x IN (subquery)}, {@code x =
 * ANY (subquery)} or {@code x NOT IN (subquery)} into a semi or anti join of the FROM list's
 * row with the subquery's FROM clause (ADR 0023), instead of re-running the subquery per row.
 *
 * <p>The subquery is taken apart: its FROM items and the WHERE conjuncts that read only its
 * own row (or nothing) become the join's right input; the conjuncts that read the outer row
 * ("correlated") become the join condition over the outer row followed by the inner row, the
 * equalities between an outer and an inner expression as hash keys, the rest as the residual.
 * IN adds {@code x = target} to them. Each piece is bound while the binder watches which
 * query levels it refers to ({@link QueryBinder#tracking}): the right input must not refer to
 * the outer query at all (it is read once per execution of the join), and a correlated
 * conjunct must not contain a subquery (its column references are renumbered onto the joined
 * row, which the plans inside a subquery cannot be).
 *
 * <p>Only a plain subquery qualifies: one SELECT with a FROM clause, without GROUP BY,
 * HAVING, aggregates, DISTINCT ON, LIMIT/OFFSET, WITH or FOR UPDATE (an aggregate makes EXISTS
 * always true; LIMIT 0 makes it always false). Anything else, and any error while taking it
 * apart, leaves the conjunct to the ordinary binding, which re-runs the subquery per row and
 * reports the error. Correctness rests on the conjunct being a top-level WHERE conjunct: a
 * NULL and a FALSE result both drop the row, so {@code IN} is exactly "some inner row has
 * {@code x = target} TRUE". {@code NOT IN} is not "no such row" (a NULL on either side makes
 * it NULL), so it becomes a null-aware anti join, and only when the subquery is uncorrelated
 * and the equality hashes; a correlated {@code NOT IN} stays as it is.
 */
final class Decorrelation {
    /** A conjunct made into a semi or anti join; {@link #over} applies it to the outer plan. */
    record Semi(boolean anti, Plan inner, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys,
            BoundExpr residual, boolean nullAware, int outerWidth) {
        Plan over(Plan outer) {
            return new SemiJoin(anti, outer, inner, leftKeys, rightKeys, residual, nullAware);
        }

        /** The columns of the outer row the join reads (keys and residual). */
        java.util.BitSet outerColumns() {
            java.util.BitSet read = new java.util.BitSet();
            for (BoundExpr k : leftKeys) {
                read.or(BoundExprs.columnsRead(k));
            }
            if (residual != null) {
                read.or(BoundExprs.columnsRead(residual).get(0, outerWidth));
            }
            return read;
        }

        /**
         * This join over one FROM item instead of the whole row: the item's columns are
         * {@code [from, from + itemWidth)} of the outer row, and the only ones read.
         */
        Semi onItem(int from, int itemWidth) {
            List<BoundExpr> keys = new ArrayList<>();
            for (BoundExpr k : leftKeys) {
                keys.add(BoundExprs.shift(k, from));
            }
            BoundExpr r = residual == null ? null : BoundExprs.map(residual,
                    x -> x instanceof BoundExpr.ColRef c && c.depth() == 0
                    ? new BoundExpr.ColRef(0, c.index() < outerWidth ? c.index() - from
                    : c.index() - outerWidth + itemWidth, c.type(), c.name()) : null);
            return new Semi(anti, inner, keys, rightKeys, r, nullAware, itemWidth);
        }
    }

    /** What a conjunct asks: which join, the IN operand (null for EXISTS), the subquery. */
    private record Shape(boolean anti, boolean notIn, Expr operand, Query query) {}

    private final QueryBinder queries;
    private final Scope outer;
    private final int width;

    /** A rewriter for conjuncts over the FROM list whose names and row are {@code outer}. */
    Decorrelation(QueryBinder queries, Scope outer) {
        this.queries = queries;
        this.outer = outer;
        this.width = outer.width();
    }

    /** The AND-ed parts of a WHERE clause, as written. */
    static List<Expr> conjuncts(Expr where) {
        List<Expr> out = new ArrayList<>();
        if (where instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
            out.addAll(conjuncts(b.left()));
            out.addAll(conjuncts(b.right()));
        } else {
            out.add(where);
        }
        return out;
    }

    /** The semi/anti join {@code conjunct} becomes, or null to bind it as it is. */
    Semi rewrite(Expr conjunct) {
        Shape shape = shape(conjunct);
        if (shape == null || !(shape.query().body() instanceof QueryBody.Select s)
                || !plain(shape.query(), s, shape.operand() != null)) {
            return null;
        }
        try {
            return build(shape, s);
        } catch (SqlException e) {
            return null;   // the ordinary binding reports it
        }
    }

    private static Shape shape(Expr e) {
        return switch (e) {
            case Expr.Exists x -> new Shape(false, false, null, x.query());
            case Expr.Unary u when u.op() == Expr.UnaryOp.NOT
                    && u.operand() instanceof Expr.Exists x -> new Shape(true, false, null,
                    x.query());
            case Expr.InSubquery i when !(i.operand() instanceof Expr.Row) ->
                    new Shape(i.negated(), i.negated(), i.operand(), i.query());
            case Expr.Unary u when u.op() == Expr.UnaryOp.NOT
                    && u.operand() instanceof Expr.InSubquery i && !i.negated()
                    && !(i.operand() instanceof Expr.Row) -> new Shape(true, true, i.operand(),
                    i.query());
            case Expr.Quantified q when q.op() == Expr.BinaryOp.EQ
                    && q.quantifier() == Expr.Quantifier.ANY
                    && !(q.left() instanceof Expr.Row) -> new Shape(false, false, q.left(),
                    q.query());
            default -> null;
        };
    }

    private static boolean plain(Query q, QueryBody.Select s, boolean in) {
        if (q.with() != null || q.limit() != null || q.offset() != null
                || !q.locking().isEmpty() || s.from().isEmpty() || !s.groupBy().isEmpty()
                || s.having() != null || !s.distinctOn().isEmpty()) {
            return false;
        }
        if (in && (s.targets().size() != 1
                || s.targets().getFirst().expr() instanceof Expr.Star)) {
            return false;
        }
        for (QueryBody.Target t : s.targets()) {
            if (Aggregates.contains(t.expr())) {
                return false;
            }
        }
        for (SortItem item : q.orderBy()) {
            if (Aggregates.contains(item.expr())) {
                return false;
            }
        }
        return true;
    }

    private Semi build(Shape shape, QueryBody.Select s) {
        int level = outer.level() + 1;
        boolean[] refers = new boolean[1];
        FromBinder.Items items = queries.tracking(level, refers,
                () -> queries.from().bindItems(s.from(), outer, null));
        if (refers[0]) {
            return null;
        }
        Scope inner = items.scope();
        // a leading INNER JOIN's ON conjuncts: local, since refers[0] saw no outer column
        List<BoundExpr> local = new ArrayList<>(items.onConditions());
        List<BoundExpr> correlated = new ArrayList<>();
        if (s.where() != null && !split(s.where(), inner, level, local, correlated)) {
            return null;
        }
        BoundExpr target = null;
        for (QueryBody.Target t : s.targets()) {
            if (t.expr() instanceof Expr.Star) {
                continue;
            }
            // bound for its errors and its references; EXISTS ignores the value
            BoundExpr b = queries.tracking(level, refers,
                    () -> new ExprBinder(queries, inner, null, "SELECT").bind(t.expr()));
            if (shape.operand() != null && (refers[0] || BoundExprs.columnsRead(b) == null)) {
                return null;
            }
            target = b;
        }
        Plan right = queries.from().joinAll(items.parts(), items.lateral(), local);
        List<BoundExpr> conditions = new ArrayList<>();
        for (BoundExpr c : correlated) {
            conditions.add(onJoinedRow(c));
        }
        if (shape.operand() != null) {
            BoundExpr x = new ExprBinder(queries, outer, null, "WHERE").bind(shape.operand());
            if (BoundExprs.columnsRead(x) == null) {
                return null;
            }
            if (target.type().id() == TypeId.UNKNOWN) {
                target = ExprBinder.coerce(target, SqlType.TEXT, CastContext.IMPLICIT,
                        shape.operand().position(), queries.constantContext());
            }
            conditions.add(new BoundExpr.Binary(Operators.resolveBinary("=", x.type(),
                    target.type()), x, onJoinedRow(target)));
        }
        return semi(shape, right, conditions, correlated.isEmpty());
    }

    /**
     * Binds the subquery's WHERE conjuncts over {@code inner}, sorting them into local and
     * correlated ones; false when one cannot be placed (a correlated one with a subquery).
     */
    boolean split(Expr where, Scope inner, int level, List<BoundExpr> local,
            List<BoundExpr> correlated) {
        boolean[] refers = new boolean[1];
        for (Expr c : conjuncts(where)) {
            BoundExpr b = queries.tracking(level, refers,
                    () -> new ExprBinder(queries, inner, null, "WHERE").bindCondition(c));
            for (BoundExpr part : BoundExprs.conjuncts(b)) {
                if (!refers[0]) {
                    local.add(part);
                } else if (BoundExprs.columnsRead(part) == null) {
                    return false;
                } else if (BoundExprs.readsOuter(part)) {
                    correlated.add(part);
                } else {
                    local.add(part);
                }
            }
        }
        return true;
    }

    /**
     * {@code e}, bound over the subquery's row, over the joined row instead: the outer row's
     * columns come first (depth 1 becomes depth 0), the inner row's follow them, and
     * references further out move one level in.
     */
    BoundExpr onJoinedRow(BoundExpr e) {
        return BoundExprs.map(e, x -> x instanceof BoundExpr.ColRef r
                ? r.depth() == 0 ? new BoundExpr.ColRef(0, width + r.index(), r.type(), r.name())
                : new BoundExpr.ColRef(r.depth() - 1, r.index(), r.type(), r.name()) : null);
    }

    private Semi semi(Shape shape, Plan right, List<BoundExpr> conditions,
            boolean uncorrelated) {
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr c : conditions) {
            if (!hashKey(c, leftKeys, rightKeys)) {
                residual.add(c);
            }
        }
        if (shape.notIn()) {
            // x NOT IN (uncorrelated): null-aware on the one key x = target, or not at all
            if (!uncorrelated || leftKeys.size() != 1 || !residual.isEmpty()) {
                return null;
            }
            return new Semi(true, right, leftKeys, rightKeys, null, true, width);
        }
        return new Semi(shape.anti(), right, leftKeys, rightKeys, BoundExprs.and(residual),
                false, width);
    }

    /**
     * If {@code c} is {@code l = r} with {@code l} reading only the outer row and {@code r}
     * reading the inner row (either way round), of one key type (or both integers, compared
     * as bigint), adds {@code l} and {@code r} rebased onto the inner row and returns true.
     */
    boolean hashKey(BoundExpr c, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys) {
        if (!(c instanceof BoundExpr.Binary b) || !b.op().name().equals("=")) {
            return false;
        }
        BoundExpr l = onlyOuter(b.left()) ? b.left() : b.right();
        BoundExpr r = l == b.left() ? b.right() : b.left();
        if (!onlyOuter(l) || !onlyInner(r)) {
            return false;
        }
        TypeId lt = l.type().id();
        TypeId rt = r.type().id();
        BoundExpr rk = BoundExprs.shift(r, width);
        if (lt == rt && lt != TypeId.UNKNOWN && lt != TypeId.CHAR) {
            leftKeys.add(l);
            rightKeys.add(rk);
            return true;
        }
        if (lt.isInteger() && rt.isInteger()) {
            leftKeys.add(FromBinder.toBigint(l));
            rightKeys.add(FromBinder.toBigint(rk));
            return true;
        }
        return false;
    }

    private boolean onlyOuter(BoundExpr e) {
        java.util.BitSet read = BoundExprs.columnsRead(e);
        return read != null && read.nextSetBit(width) < 0;
    }

    private boolean onlyInner(BoundExpr e) {
        java.util.BitSet read = BoundExprs.columnsRead(e);
        return read != null && !read.isEmpty() && read.nextSetBit(0) >= width;
    }
}
