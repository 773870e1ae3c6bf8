package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Joins;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.types.Operators;
import dev.cutaway.sql.exec.RowLock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds an explicit JOIN: ON, USING or NATURAL conditions, INNER/CROSS/LEFT/RIGHT/FULL. The
 * row is the left row then the right row; with USING/NATURAL the joined columns appear once
 * (first, as in PostgreSQL's {@code *}), taken from the left side (the right side for RIGHT
 * joins), and the other side's copies are reachable only qualified. Equality conditions
 * between the sides make hash or merge joins ({@link JoinMethods}). With the rewrites on
 * (ADR 0023) an ON condition reading only a side that is not preserved filters that side
 * before the join.
 */
final class JoinBinder {
    private JoinBinder() {}

    static FromBinder.From bind(FromBinder from, QueryBinder queries, FromItem.Join j,
            Scope parent, RowLock lock) {
        FromBinder.From left = from.bindItem(j.left(), parent, lock, null);
        boolean lateral = j.right() instanceof FromItem.SubqueryRef s && s.lateral()
                || j.right() instanceof FromItem.FunctionRef f && f.lateral();
        FromBinder.From right = from.bindItem(j.right(), parent, lock,
                lateral ? left.scope() : null);
        int leftWidth = left.scope().width();
        List<String> using = j.natural() ? commonNames(left.scope(), right.scope()) : j.using();
        List<Scope.Entry> entries = left.scope().concat(right.scope());
        List<BoundExpr> conditions = new ArrayList<>();
        if (!using.isEmpty()) {
            entries = usingEntries(entries, using, leftWidth, j, conditions);
        }
        Scope scope = new Scope(entries, parent);
        if (j.condition() != null) {
            conditions.addAll(BoundExprs.conjuncts(new ExprBinder(queries, scope, null,
                    "JOIN/ON").bindCondition(j.condition())));
        }
        Joins.Kind kind = switch (j.type()) {
            case INNER, CROSS -> Joins.Kind.INNER;
            case LEFT -> Joins.Kind.LEFT;
            case RIGHT -> Joins.Kind.RIGHT;
            case FULL -> Joins.Kind.FULL;
        };
        Plan leftPlan = left.plan();
        Plan rightPlan = right.plan();
        if (from.rewriting() && !lateral) {
            List<BoundExpr> toLeft = new ArrayList<>();
            List<BoundExpr> toRight = new ArrayList<>();
            conditions = pushOn(kind, conditions, leftWidth, toLeft, toRight);
            leftPlan = from.restrict(leftPlan, toLeft);
            rightPlan = from.restrict(rightPlan, toRight);
        }
        return new FromBinder.From(plan(kind, leftPlan, rightPlan, leftWidth,
                conditions, lateral, queries.context()),
                scope);
    }

    /**
     * Sorts ON conditions (ADR 0023): one reading only the left input goes into it when the
     * left input is not preserved (INNER, RIGHT: its rows appear only when they match), one
     * reading only the right input likewise (INNER, LEFT); the rest are returned, to stay
     * join conditions. A preserved side's rows appear whatever the ON condition says.
     */
    private static List<BoundExpr> pushOn(Joins.Kind kind, List<BoundExpr> conditions,
            int leftWidth, List<BoundExpr> toLeft, List<BoundExpr> toRight) {
        List<BoundExpr> keep = new ArrayList<>();
        for (BoundExpr c : conditions) {
            java.util.BitSet read = BoundExprs.columnsRead(c);
            boolean some = read != null && !read.isEmpty();
            if (some && read.nextSetBit(leftWidth) < 0
                    && (kind == Joins.Kind.INNER || kind == Joins.Kind.RIGHT)) {
                toLeft.add(c);
            } else if (some && read.nextSetBit(0) >= leftWidth
                    && (kind == Joins.Kind.INNER || kind == Joins.Kind.LEFT)) {
                toRight.add(BoundExprs.shift(c, leftWidth));
            } else {
                keep.add(c);
            }
        }
        return keep;
    }

    static Plan plan(Joins.Kind kind, Plan left, Plan right, int leftWidth,
            List<BoundExpr> conditions, boolean lateral, BindContext cx) {
        if (!lateral) {
            List<BoundExpr> leftKeys = new ArrayList<>();
            List<BoundExpr> rightKeys = new ArrayList<>();
            List<BoundExpr> residual = new ArrayList<>();
            for (BoundExpr c : conditions) {
                if (!FromBinder.equiKey(c, leftWidth, leftKeys, rightKeys)) {
                    residual.add(c);
                }
            }
            Plan equi = leftKeys.isEmpty() ? null : JoinMethods.equi(kind, left, right,
                    leftKeys, rightKeys, BoundExprs.and(residual), cx);
            if (equi != null) {
                return equi;
            }
        }
        return new Joins.NestedLoop(kind, left, right, BoundExprs.and(conditions), lateral);
    }

    private static List<String> commonNames(Scope left, Scope right) {
        Set<String> l = new LinkedHashSet<>();
        for (Scope.Entry e : left.entries()) {
            if (!e.hidden()) {
                l.add(e.name());
            }
        }
        List<String> out = new ArrayList<>();
        for (Scope.Entry e : right.entries()) {
            if (!e.hidden() && l.contains(e.name()) && !out.contains(e.name())) {
                out.add(e.name());
            }
        }
        return out;
    }

    private static List<Scope.Entry> usingEntries(List<Scope.Entry> entries, List<String> using,
            int leftWidth, FromItem.Join j, List<BoundExpr> conditions) {
        boolean keepRight = j.type() == FromItem.JoinType.RIGHT;
        List<Scope.Entry> first = new ArrayList<>();
        List<Scope.Entry> rest = new ArrayList<>(entries);
        for (String name : using) {
            Scope.Entry l = find(entries, name, true, leftWidth, j);
            Scope.Entry r = find(entries, name, false, leftWidth, j);
            BoundExpr le = new BoundExpr.ColRef(0, l.index(), l.type(), name);
            BoundExpr re = new BoundExpr.ColRef(0, r.index(), r.type(), name);
            conditions.add(new BoundExpr.Binary(Operators.resolveBinary("=", l.type(), r.type()),
                    le, re));
            Scope.Entry shown = keepRight ? r : l;
            Scope.Entry other = keepRight ? l : r;
            rest.remove(l);
            rest.remove(r);
            first.add(new Scope.Entry(null, name, shown.type(), shown.index(), false, true));
            first.add(new Scope.Entry(shown.qualifier(), name, shown.type(), shown.index(), true,
                    false));
            first.add(new Scope.Entry(other.qualifier(), name, other.type(), other.index(), true,
                    false));
        }
        first.addAll(rest);
        return first;
    }

    private static Scope.Entry find(List<Scope.Entry> entries, String name, boolean left,
            int leftWidth, FromItem.Join j) {
        Scope.Entry found = null;
        for (Scope.Entry e : entries) {
            if (e.name().equals(name) && !e.hidden() && (e.index() < leftWidth) == left) {
                if (found != null) {
                    throw new SqlException(SqlState.AMBIGUOUS_COLUMN, "common column name \""
                            + name + "\" appears more than once in " + (left ? "left" : "right")
                            + " table", j.position());
                }
                found = e;
            }
        }
        if (found == null) {
            throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + name
                    + "\" specified in USING clause does not exist in " + (left ? "left"
                    : "right") + " table", j.position());
        }
        return found;
    }
}
