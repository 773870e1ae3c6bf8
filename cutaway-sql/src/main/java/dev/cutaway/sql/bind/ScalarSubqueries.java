package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.exec.Aggregation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Column;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.exec.Joins;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowCursor;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Decorrelation of a correlated aggregate scalar subquery compared in a WHERE conjunct
 * ({@code x > (SELECT avg(y) FROM u WHERE u.k = t.k)}) into a left hash join with the
 * subquery grouped by its correlation keys (ADR 0023): the subquery runs once, grouped,
 * instead of once per outer row.
 *
 * <p>Conditions: the subquery is one SELECT with FROM, one target that contains an aggregate
 * and reads no grouped column outside one, no GROUP BY, HAVING, DISTINCT ON, ORDER BY, LIMIT,
 * WITH; every correlated conjunct is an equality between an outer and an inner expression
 * (a hash key, see {@link Decorrelation}). Per outer row the original yields the aggregate
 * over the inner rows whose keys equal the outer row's; the join finds exactly that group,
 * or none. With none (no inner row, or a NULL outer key: {@code u.k = NULL} selects nothing)
 * the original aggregates an empty input, which is not always NULL ({@code count(*)} is 0,
 * {@code coalesce(max(y), 0)} is 0): that value is computed once at plan time by aggregating
 * no rows, and the join output carries a "matched" column so the empty-input value replaces
 * exactly the unmatched rows.
 */
final class ScalarSubqueries {
    /** A decorrelated subquery: the grouped right input, the join keys, and its value. */
    record Rewrite(Plan right, List<BoundExpr> leftKeys, List<BoundExpr> rightKeys, Expr node,
            BoundExpr value) {
        /** {@code outer} joined with the groups, filtered by {@code condition}, trimmed. */
        Plan apply(Plan outer, BoundExpr condition) {
            Plan joined = new Joins.Hash(Joins.Kind.LEFT, outer, right, leftKeys, rightKeys,
                    null);
            Plan filtered = new RowOps.Filter(joined, condition);
            List<BoundExpr> exprs = new ArrayList<>();
            List<Column> columns = outer.columns();
            for (int i = 0; i < columns.size(); i++) {
                exprs.add(new BoundExpr.ColRef(0, i, columns.get(i).type(),
                        columns.get(i).name()));
            }
            return new RowOps.Project(filtered, exprs, columns);
        }
    }

    private final QueryBinder queries;
    private final Decorrelation decorrelation;
    private final Scope outer;

    ScalarSubqueries(QueryBinder queries, Decorrelation decorrelation, Scope outer) {
        this.queries = queries;
        this.decorrelation = decorrelation;
        this.outer = outer;
    }

    /** The rewrite of the scalar subquery compared in {@code conjunct}, or null. */
    Rewrite find(Expr conjunct) {
        if (!(conjunct instanceof Expr.Binary b) || !b.op().isComparison()) {
            return null;
        }
        Expr.ScalarSubquery node = b.left() instanceof Expr.ScalarSubquery l ? l
                : b.right() instanceof Expr.ScalarSubquery r ? r : null;
        if (node == null || !(node.query().body() instanceof QueryBody.Select s)
                || !plain(node.query(), s)) {
            return null;
        }
        try {
            return build(node, s);
        } catch (SqlException e) {
            return null;   // the ordinary binding reports it
        }
    }

    private static boolean plain(Query q, QueryBody.Select s) {
        return q.with() == null && q.limit() == null && q.offset() == null
                && q.locking().isEmpty() && q.orderBy().isEmpty() && !s.from().isEmpty()
                && s.groupBy().isEmpty() && s.having() == null && s.distinctOn().isEmpty()
                && s.targets().size() == 1
                && !(s.targets().getFirst().expr() instanceof Expr.Star)
                && Aggregates.contains(s.targets().getFirst().expr());
    }

    private Rewrite build(Expr.ScalarSubquery node, QueryBody.Select s) {
        int level = outer.level() + 1;
        boolean[] refers = new boolean[1];
        FromBinder.Items items = queries.tracking(level, refers,
                () -> queries.from().bindItems(s.from(), outer, null));
        List<BoundExpr> local = new ArrayList<>(items.onConditions());   // uncorrelated
        List<BoundExpr> correlated = new ArrayList<>();
        if (refers[0] || s.where() == null
                || !decorrelation.split(s.where(), items.scope(), level, local, correlated)
                || correlated.isEmpty()) {
            return null;
        }
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> innerKeys = new ArrayList<>();
        for (BoundExpr c : correlated) {
            if (!decorrelation.hashKey(decorrelation.onJoinedRow(c), leftKeys, innerKeys)) {
                return null;
            }
        }
        AggregateContext agg = new AggregateContext(items.scope());
        for (BoundExpr k : innerKeys) {
            agg.addGroup(null, k);
        }
        int groups = innerKeys.size();
        BoundExpr target = queries.tracking(level, refers, () -> new ExprBinder(queries,
                items.scope(), agg, "SELECT").bind(s.targets().getFirst().expr()));
        if (refers[0] || agg.calls.isEmpty() || readsGroup(target, groups)
                || BoundExprs.columnsRead(target) == null) {
            return null;
        }
        Plan input = queries.from().joinAll(items.parts(), items.lateral(), local);
        Plan right = grouped(input, agg, target);
        Object empty = emptyValue(input, agg, target, queries.constantContext());
        List<BoundExpr> rightKeys = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            rightKeys.add(new BoundExpr.ColRef(0, i, innerKeys.get(i).type(), null));
        }
        int width = outer.width();
        BoundExpr value = new BoundExpr.ColRef(0, width + groups, target.type(), null);
        if (empty != null) {
            BoundExpr unmatched = new BoundExpr.IsNull(new BoundExpr.ColRef(0,
                    width + groups + 1, SqlType.BOOLEAN, null), false);
            value = new BoundExpr.Case(List.of(unmatched), List.of(new BoundExpr.Const(empty,
                    target.type())), value, target.type());
        }
        return new Rewrite(right, leftKeys, rightKeys, node, value);
    }

    private static boolean readsGroup(BoundExpr e, int groups) {
        java.util.BitSet read = BoundExprs.columnsRead(e);
        return read != null && read.nextSetBit(0) >= 0 && read.nextSetBit(0) < groups;
    }

    /** The groups: key values, the target's value, and TRUE (present when matched). */
    private static Plan grouped(Plan input, AggregateContext agg, BoundExpr target) {
        Plan aggregate = new Aggregation.HashAggregate(input, agg.groupBy, agg.calls,
                QueryBinder.aggregateColumns(agg));
        List<BoundExpr> exprs = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < agg.groupBy.size(); i++) {
            SqlType t = agg.groupBy.get(i).type();
            exprs.add(new BoundExpr.ColRef(0, i, t, null));
            columns.add(new Column("key" + (i + 1), t));
        }
        exprs.add(target);
        columns.add(new Column("value", target.type()));
        exprs.add(new BoundExpr.Const(Boolean.TRUE, SqlType.BOOLEAN));
        columns.add(new Column("matched", SqlType.BOOLEAN));
        return new RowOps.Project(aggregate, exprs, columns);
    }

    /** The subquery's value over no rows: the aggregates of an empty input, then the target. */
    private static Object emptyValue(Plan input, AggregateContext agg, BoundExpr target,
            ExecContext cx) {
        List<Column> callColumns = new ArrayList<>();
        for (Aggregation.Call c : agg.calls) {
            callColumns.add(new Column(c.name(), c.resultType()));
        }
        Plan none = new Aggregation.HashAggregate(new Scans.Values(List.of(), input.columns()),
                List.of(), agg.calls, callColumns);
        Object[] row = new Object[agg.groupBy.size() + agg.calls.size()];
        try (RowCursor c = none.open(cx, Frame.EMPTY)) {
            Object[] calls = c.next();
            System.arraycopy(calls, 0, row, agg.groupBy.size(), calls.length);
        }
        return target.eval(Frame.EMPTY.push(row), cx);
    }
}
