package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Column;
import dev.cutaway.sql.exec.Joins;
import dev.cutaway.sql.exec.KeyRangeScan;
import dev.cutaway.sql.exec.MergeJoin;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.exec.SemiJoin;
import dev.cutaway.sql.exec.SetFunctions;
import dev.cutaway.sql.parse.Parser;
import dev.cutaway.sql.stats.PlanEstimator;
import dev.cutaway.sql.system.SystemScan;
import dev.cutaway.sql.system.SystemTable;
import dev.cutaway.sql.types.CastContext;
import dev.cutaway.sql.types.Casts;
import dev.cutaway.sql.types.Conditionals;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.exec.RowLock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Binds FROM clauses: tables (a sequential scan, or primary-key lookups when the conditions
 * fix the key), views (their stored query, bound as a subquery), WITH queries, subqueries,
 * generate_series, and joins. For a comma-separated FROM list the WHERE conjuncts are placed
 * where they first can be evaluated: on one item (below the joins), as hash-join keys
 * ({@code a.x = b.y}), as a join's residual condition, or above everything (conjuncts with
 * subqueries).
 */
final class FromBinder {
    /** A bound FROM item or list: its plan and the names its rows carry. */
    record From(Plan plan, Scope scope) {}

    private final QueryBinder queries;

    FromBinder(QueryBinder queries) {
        this.queries = queries;
    }

    /**
     * Bound FROM items: each item's plan and names, which are LATERAL, all names, and the ON
     * conjuncts of a leading INNER JOIN flattened into the list ({@link FlatList}).
     */
    record Items(List<From> parts, List<Boolean> lateral, Scope scope,
            List<BoundExpr> onConditions) {}

    From bindFromList(List<FromItem> items, Expr where, Scope parent, RowLock lock) {
        if (items.isEmpty()) {
            Scope scope = Scope.empty(parent);
            Plan plan = new Scans.OneRow();
            if (where != null) {
                plan = new RowOps.Filter(plan, new ExprBinder(queries, scope, null, "WHERE")
                        .bindCondition(where));
            }
            return new From(plan, scope);
        }
        Items bound = bindItems(items, parent, lock);
        Scope combined = bound.scope();
        List<BoundExpr> conjuncts = new ArrayList<>(bound.onConditions());
        List<Decorrelation.Semi> semis = new ArrayList<>();
        List<ScalarSubqueries.Rewrite> scalars = new ArrayList<>();
        List<BoundExpr> scalarConditions = new ArrayList<>();
        if (where != null && !rewriting()) {
            conjuncts.addAll(BoundExprs.conjuncts(
                    new ExprBinder(queries, combined, null, "WHERE").bindCondition(where)));
        } else if (where != null) {
            Decorrelation decorrelation = new Decorrelation(queries, combined);
            ScalarSubqueries grouping = new ScalarSubqueries(queries, decorrelation, combined);
            for (Expr c : Decorrelation.conjuncts(where)) {
                Decorrelation.Semi semi = decorrelation.rewrite(c);
                ScalarSubqueries.Rewrite scalar = semi == null ? grouping.find(c) : null;
                if (semi != null) {
                    semis.add(semi);
                } else if (scalar != null) {
                    queries.substitute(scalar.node(), scalar.value());
                    try {
                        scalarConditions.add(new ExprBinder(queries, combined, null, "WHERE")
                                .bindCondition(c));
                    } finally {
                        queries.substitute(scalar.node(), null);
                    }
                    scalars.add(scalar);
                } else {
                    for (BoundExpr b : BoundExprs.conjuncts(Folding.condition(
                            new ExprBinder(queries, combined, null, "WHERE").bindCondition(c),
                            queries.constantContext()))) {
                        if (!Folding.isTrue(b)) {
                            conjuncts.add(b);
                        }
                    }
                }
            }
        }
        List<From> parts = new ArrayList<>(bound.parts());
        List<Decorrelation.Semi> above = bound.lateral().contains(true) ? semis
                : placeSemis(parts, semis);
        Plan plan = joinAll(parts, bound.lateral(), conjuncts);
        for (Decorrelation.Semi semi : above) {
            plan = semi.over(plan);
        }
        for (int i = 0; i < scalars.size(); i++) {
            plan = scalars.get(i).apply(plan, scalarConditions.get(i));
        }
        return new From(plan, combined);
    }

    /**
     * Puts each semi/anti join that reads one FROM item only directly over that item (so it
     * thins the item before the joins); returns the others, which go above the joined row.
     */
    private static List<Decorrelation.Semi> placeSemis(List<From> parts,
            List<Decorrelation.Semi> semis) {
        List<Decorrelation.Semi> above = new ArrayList<>();
        for (Decorrelation.Semi semi : semis) {
            BitSet read = semi.outerColumns();
            int from = 0;
            int placed = -1;
            for (int k = 0; k < parts.size() && placed < 0 && !read.isEmpty(); k++) {
                int w = parts.get(k).scope().width();
                if (read.nextSetBit(0) >= from && read.length() <= from + w) {
                    From item = parts.get(k);
                    parts.set(k, new From(semi.onItem(from, w).over(item.plan()),
                            item.scope()));
                    placed = k;
                }
                from += w;
            }
            if (placed < 0) {
                above.add(semi);
            }
        }
        return above;
    }

    /** Whether the ADR 0023 rewrites are on ({@code cutaway.rewrite}). */
    boolean rewriting() {
        return queries.context().planning().settings().rewrite();
    }

    /** Binds FROM items left to right, each LATERAL one seeing the ones before it. */
    Items bindItems(List<FromItem> items, Scope parent, RowLock lock) {
        FlatList flat = new FlatList(parent, lock);
        for (FromItem item : items) {
            flat.add(item);
        }
        return new Items(flat.parts, flat.lateral, flat.combined, flat.onConditions);
    }

    /**
     * The items of a FROM list as they are joined. An INNER (or CROSS) JOIN with an ON
     * condition that starts the list is flattened into it: its sides become items and its ON
     * conjuncts join the WHERE conjuncts, so conditions are placed as low as they go and key
     * lookups and range scans apply under the join, as for {@code FROM a, b WHERE ...}. Only
     * at the start of the list: there the join's columns are the combined row's first
     * columns, so the ON condition, bound over the join's own items, needs no rebasing.
     */
    private final class FlatList {
        final List<From> parts = new ArrayList<>();
        final List<Boolean> lateral = new ArrayList<>();
        final List<BoundExpr> onConditions = new ArrayList<>();
        final Scope parent;
        final RowLock lock;
        Scope combined;

        FlatList(Scope parent, RowLock lock) {
            this.parent = parent;
            this.lock = lock;
        }

        void add(FromItem item) {
            if (item instanceof FromItem.Join j && parts.isEmpty() && !j.natural()
                    && j.using().isEmpty() && (j.type() == FromItem.JoinType.INNER
                            || j.type() == FromItem.JoinType.CROSS)) {
                add(j.left());
                addItem(j.right());
                if (j.condition() != null) {
                    onConditions.addAll(BoundExprs.conjuncts(new ExprBinder(queries,
                            combined, null, "JOIN/ON").bindCondition(j.condition())));
                }
                return;
            }
            addItem(item);
        }

        private void addItem(FromItem item) {
            boolean isLateral = isLateral(item) && combined != null;
            From f = bindItem(item, parent, lock, isLateral ? combined : null);
            parts.add(f);
            lateral.add(isLateral);
            combined = combined == null ? f.scope()
                    : new Scope(combined.concat(f.scope()), parent);
        }
    }

    /** See {@link QueryBinder#target}. */
    QueryBinder.Target target(Relation.Table table, String qualifier, List<FromItem> others,
            Expr where) {
        List<From> parts = new ArrayList<>();
        List<Boolean> lateral = new ArrayList<>();
        Scope combined = QueryBinder.tableScope(table, qualifier, null);
        parts.add(new From(new Scans.TableScan(table, true, null), combined));
        lateral.add(false);
        for (FromItem item : others) {
            boolean isLateral = isLateral(item);
            From f = bindItem(item, null, null, isLateral ? combined : null);
            parts.add(f);
            lateral.add(isLateral);
            combined = new Scope(combined.concat(f.scope()), null);
        }
        BoundExpr condition = where == null ? null
                : new ExprBinder(queries, combined, null, "WHERE").bindCondition(where);
        Plan plan = joinAll(parts, lateral, BoundExprs.conjuncts(condition));
        return new QueryBinder.Target(plan, combined, condition);
    }

    private static boolean isLateral(FromItem item) {
        return item instanceof FromItem.SubqueryRef s && s.lateral()
                || item instanceof FromItem.FunctionRef f && f.lateral();
    }

    /**
     * Joins {@code parts}, placing each conjunct as low as it can go. Without LATERAL items
     * three to {@link JoinSearch#LIMIT} items are ordered by cost ({@link JoinSearch}, with
     * the rewrites on); otherwise the join order is chosen greedily (each next item one that
     * a condition connects to the items joined so far, so a chain of equalities never becomes
     * a cross product), and a projection puts the columns back in FROM order.
     */
    Plan joinAll(List<From> parts, List<Boolean> lateral, List<BoundExpr> conjuncts) {
        int n = parts.size();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + parts.get(i).scope().width();
        }
        if (n > 2 && !lateral.contains(true) && n <= JoinSearch.LIMIT && rewriting()) {
            return JoinSearch.best(this, parts, conjuncts, new PlanEstimator(
                    queries.context().planning(), queries.context().eval()),
                    queries.context());
        }
        if (n > 2 && !lateral.contains(true)) {
            int[] order = JoinOrder.greedy(n, offsets, conjuncts);
            if (!JoinOrder.isIdentity(order)) {
                return reordered(parts, offsets, order, conjuncts);
            }
        }
        return joinInOrder(parts, lateral, conjuncts);
    }

    private Plan reordered(List<From> parts, int[] offsets, int[] order,
            List<BoundExpr> conjuncts) {
        int width = offsets[parts.size()];
        int[] newIndex = new int[width];
        List<From> newParts = new ArrayList<>();
        int at = 0;
        for (int k : order) {
            newParts.add(parts.get(k));
            for (int c = offsets[k]; c < offsets[k + 1]; c++) {
                newIndex[c] = at++;
            }
        }
        List<BoundExpr> remapped = new ArrayList<>();
        List<BoundExpr> late = new ArrayList<>();
        for (BoundExpr c : conjuncts) {
            if (BoundExprs.columnsRead(c) == null) {
                late.add(c);
            } else {
                remapped.add(BoundExprs.map(c, x -> x instanceof BoundExpr.ColRef r
                        && r.depth() == 0 ? new BoundExpr.ColRef(0, newIndex[r.index()],
                        r.type(), r.name()) : null));
            }
        }
        List<Boolean> noLateral = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            noLateral.add(false);
        }
        Plan joined = joinInOrder(newParts, noLateral, remapped);
        List<BoundExpr> exprs = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        List<Column> joinedColumns = joined.columns();
        for (int c = 0; c < width; c++) {
            Column col = joinedColumns.get(newIndex[c]);
            exprs.add(new BoundExpr.ColRef(0, newIndex[c], col.type(), col.name()));
            columns.add(col);
        }
        Plan plan = new RowOps.Project(joined, exprs, columns);
        BoundExpr rest = BoundExprs.and(late);
        return rest == null ? plan : new RowOps.Filter(plan, rest);
    }

    /** Joins {@code parts} left to right, placing each conjunct as low as it can go. */
    private Plan joinInOrder(List<From> parts, List<Boolean> lateral,
            List<BoundExpr> conjuncts) {
        int n = parts.size();
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            offsets[i + 1] = offsets[i] + parts.get(i).scope().width();
        }
        List<BoundExpr> remaining = new ArrayList<>(conjuncts);
        List<BitSet> reads = new ArrayList<>();
        for (BoundExpr c : remaining) {
            reads.add(BoundExprs.columnsRead(c));
        }
        Plan acc = null;
        for (int k = 0; k < n; k++) {
            List<BoundExpr> own = new ArrayList<>();
            List<BoundExpr> join = new ArrayList<>();
            for (int i = 0; i < remaining.size(); i++) {
                BitSet r = reads.get(i);
                if (r == null || r.isEmpty() || r.length() > offsets[k + 1]) {
                    continue;
                }
                if (r.nextSetBit(0) >= offsets[k]) {
                    own.add(BoundExprs.shift(remaining.get(i), offsets[k]));
                } else if (k > 0) {
                    join.add(remaining.get(i));
                } else {
                    continue;
                }
                remaining.remove(i);
                reads.remove(i);
                i--;
            }
            Plan item = restrict(parts.get(k).plan(), own);
            acc = k == 0 ? item : join(acc, item, offsets[k], join, lateral.get(k),
                    queries.context());
        }
        BoundExpr rest = BoundExprs.and(remaining);
        return rest == null ? acc : new RowOps.Filter(acc, rest);
    }

    /** An inner join of {@code left} (width {@code leftWidth}) and {@code right}. */
    static Plan join(Plan left, Plan right, int leftWidth, List<BoundExpr> conditions,
            boolean lateral, BindContext cx) {
        return join(left, right, leftWidth, conditions, lateral, cx, null);
    }

    /** As above, pricing join methods with {@code estimator} (null: a fresh one). */
    static Plan join(Plan left, Plan right, int leftWidth, List<BoundExpr> conditions,
            boolean lateral, BindContext cx, PlanEstimator estimator) {
        if (lateral) {
            return new Joins.NestedLoop(Joins.Kind.INNER, left, right,
                    BoundExprs.and(conditions), lateral);
        }
        List<BoundExpr> leftKeys = new ArrayList<>();
        List<BoundExpr> rightKeys = new ArrayList<>();
        List<BoundExpr> residual = new ArrayList<>();
        for (BoundExpr c : conditions) {
            if (!equiKey(c, leftWidth, leftKeys, rightKeys)) {
                residual.add(c);
            }
        }
        Plan equi = leftKeys.isEmpty() ? null : JoinMethods.equi(Joins.Kind.INNER, left, right,
                leftKeys, rightKeys, BoundExprs.and(residual), cx, estimator);
        Plan indexed = leftKeys.isEmpty() ? null
                : IndexNestedLoop.of(left, right, leftWidth, conditions, cx);
        if (indexed != null && equi != null) {
            PlanEstimator est = estimator != null ? estimator
                    : new PlanEstimator(cx.planning(), cx.eval());
            return est.estimate(indexed).totalCost() < est.estimate(equi).totalCost()
                    ? indexed : equi;
        }
        if (indexed != null || equi != null) {
            return indexed != null ? indexed : equi;
        }
        return new Joins.NestedLoop(Joins.Kind.INNER, left, right, BoundExprs.and(conditions),
                false);
    }

    /** If {@code c} is {@code left.x = right.y}, adds the keys (rebased) and returns true. */
    static boolean equiKey(BoundExpr c, int leftWidth, List<BoundExpr> leftKeys,
            List<BoundExpr> rightKeys) {
        if (!(c instanceof BoundExpr.Binary b) || !b.op().name().equals("=")
                || !(b.left() instanceof BoundExpr.ColRef x) || x.depth() != 0
                || !(b.right() instanceof BoundExpr.ColRef y) || y.depth() != 0) {
            return false;
        }
        BoundExpr.ColRef l = x.index() < leftWidth ? x : y;
        BoundExpr.ColRef r = x.index() < leftWidth ? y : x;
        if (l.index() >= leftWidth || r.index() < leftWidth) {
            return false;
        }
        TypeId lt = l.type().id();
        TypeId rt = r.type().id();
        BoundExpr rk = BoundExprs.shift(r, leftWidth);
        if (lt == rt && lt != TypeId.UNKNOWN) {
            leftKeys.add(l);
            rightKeys.add(rk);
            return true;
        }
        if (lt.isInteger() && rt.isInteger()) {
            leftKeys.add(toBigint(l));
            rightKeys.add(toBigint(rk));
            return true;
        }
        return false;
    }

    static BoundExpr toBigint(BoundExpr e) {
        return e.type().id() == TypeId.BIGINT ? e : new BoundExpr.Cast(e,
                Casts.resolve(e.type(), SqlType.BIGINT, CastContext.IMPLICIT), SqlType.BIGINT);
    }

    /**
     * {@code plan} restricted by {@code conditions} (rebased onto its row): for a table scan
     * the cheapest access path ({@link AccessPaths}: primary-key lookups, an index lookup or
     * the scan), and where that is the scan, a key range scan when the conditions bound an
     * integer primary key (never more rows than the full scan); the conditions stay as a
     * filter on top, but for those a lookup applies itself ({@link IndexConditions}: no
     * Filter at all when none is left). For an explicit JOIN
     * (with the rewrites on) the conditions go through it ({@link Pushdown}).
     */
    Plan restrict(Plan plan, List<BoundExpr> conditions) {
        if (conditions.isEmpty()) {
            return plan;
        }
        if (rewriting() && plan instanceof SemiJoin j) {
            // the conditions read the left row only: filter (or look up) below the semi join
            return new SemiJoin(j.anti(), restrict(j.left(), conditions), j.right(),
                    j.leftKeys(), j.rightKeys(), j.residual(), j.nullAware());
        }
        if (rewriting() && (plan instanceof Joins.Hash || plan instanceof Joins.NestedLoop
                || plan instanceof MergeJoin)) {
            return Pushdown.through(this, plan, conditions, queries.context());
        }
        Plan access = plan instanceof Scans.TableScan ts
                ? AccessPaths.choose(ts, conditions, queries.context()) : plan;
        if (access == plan && plan instanceof Scans.TableScan ts && ts.table().hasPrimaryKey()) {
            KeyLookups.Range r = KeyLookups.findRange(ts.table(), conditions);
            if (r != null) {
                access = new KeyRangeScan(ts.table(), r.low(), r.lowInclusive(), r.high(),
                        r.highInclusive(), ts.withKey(), ts.lock());
            }
        }
        BoundExpr rest = BoundExprs.and(IndexConditions.residual(access, conditions));
        return rest == null ? access : new RowOps.Filter(access, rest);
    }

    From bindItem(FromItem item, Scope parent, RowLock lock, Scope lateralLeft) {
        return switch (item) {
            case FromItem.TableRef t -> tableRef(t, parent, lock);
            case FromItem.SubqueryRef s -> subqueryRef(s, parent, lateralLeft);
            case FromItem.FunctionRef f -> functionRef(f, parent, lateralLeft);
            case FromItem.Join j -> JoinBinder.bind(this, queries, j, parent, lock);
        };
    }

    private From tableRef(FromItem.TableRef t, Scope parent, RowLock lock) {
        String qualifier = t.alias() == null ? t.name().getLast() : t.alias().name();
        List<String> aliasColumns = t.alias() == null ? List.of() : t.alias().columns();
        if (t.name().size() == 1) {
            BindContext.Cte cte = queries.context().cte(t.name().getFirst());
            if (cte != null) {
                return named(cte.plan(), cte.names(), aliasColumns, qualifier, parent,
                        t.position());
            }
        }
        SystemTable system = queries.context().systemTable(t.name());
        if (system != null) {
            return named(new SystemScan(system), system.columnNames(), aliasColumns, qualifier,
                    parent, t.position());
        }
        Relation r = queries.context().require(t.name(), t.position());
        return switch (r) {
            case Relation.Table table -> {
                List<String> names = new ArrayList<>();
                for (ColumnDesc c : table.columns()) {
                    names.add(c.name());
                }
                yield named(new Scans.TableScan(table, false, lock), names, aliasColumns,
                        qualifier, parent, t.position());
            }
            case Relation.View v -> view(v, aliasColumns, qualifier, parent, t.position());
            default -> throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + r.name()
                    + "\" is not a table or view", t.position());
        };
    }

    private From view(Relation.View v, List<String> aliasColumns, String qualifier,
            Scope parent, int position) {
        Query q = (Query) Parser.parse(v.sql());
        queries.context().enterView(position);
        try {
            QueryBinder.Bound b = new QueryBinder(queries.context()).bind(q, null);
            List<String> names = v.columns().isEmpty() ? b.names()
                    : QueryBinder.renamed(b.names(), v.columns(), v.name(), position);
            return named(b.plan(), names, aliasColumns, qualifier, parent, position);
        } finally {
            queries.context().leaveView();
        }
    }

    /** A FROM item of {@code plan} whose columns are {@code names}, renamed by an alias. */
    private static From named(Plan plan, List<String> names, List<String> aliasColumns,
            String qualifier, Scope parent, int position) {
        List<String> shown = QueryBinder.renamed(names, aliasColumns, qualifier, position);
        List<Scope.Entry> entries = new ArrayList<>();
        List<Column> columns = plan.columns();
        for (int i = 0; i < shown.size(); i++) {
            entries.add(new Scope.Entry(qualifier, shown.get(i), columns.get(i).type(), i, false,
                    true));
        }
        return new From(plan, new Scope(entries, parent));
    }

    private From subqueryRef(FromItem.SubqueryRef s, Scope parent, Scope lateralLeft) {
        Scope outer = lateralLeft != null ? lateralLeft : parent;
        QueryBinder.Subquery b = queries.subquery(s.query(), outer);
        String qualifier = s.alias() == null ? null : s.alias().name();
        List<String> aliasColumns = s.alias() == null ? List.of() : s.alias().columns();
        return named(b.plan(), b.names(), aliasColumns, qualifier, parent, s.position());
    }

    private From functionRef(FromItem.FunctionRef f, Scope parent, Scope lateralLeft) {
        String name = f.call().name().getLast().toLowerCase(java.util.Locale.ROOT);
        Scope argScope = Scope.empty(lateralLeft != null ? lateralLeft : parent);
        if (!name.equals("generate_series") || f.withOrdinality()) {
            if (!SetFunctions.isSetReturning(name)) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "table function " + name
                        + " is not supported yet", f.position());
            }
            Plan plan = SetReturning.fromItem(queries, f, argScope, name);
            List<String> names = new ArrayList<>();
            for (Column c : plan.columns()) {
                names.add(c.name());
            }
            return named(plan, names, f.alias() == null ? List.of() : f.alias().columns(),
                    f.alias() == null ? name : f.alias().name(), parent, f.position());
        }
        ExprBinder eb = new ExprBinder(queries, argScope, null, "FROM");
        List<BoundExpr> args = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (Expr a : f.call().args()) {
            BoundExpr b = eb.bind(a);
            args.add(b);
            types.add(b.type().id() == TypeId.UNKNOWN ? SqlType.BIGINT : b.type());
        }
        if (args.size() < 2 || args.size() > 3) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function generate_series with "
                    + args.size() + " arguments does not exist", f.position());
        }
        SqlType t = Conditionals.commonType(types, "generate_series");
        if (!t.id().isInteger()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "generate_series over "
                    + t.displayName() + " is not supported yet", f.position());
        }
        t = t.id() == TypeId.BIGINT ? SqlType.BIGINT : SqlType.INTEGER;
        List<BoundExpr> cast = new ArrayList<>();
        for (BoundExpr a : args) {
            cast.add(eb.coerce(a, t, CastContext.IMPLICIT, f.position()));
        }
        String qualifier = f.alias() == null ? name : f.alias().name();
        String column = f.alias() == null ? name : f.alias().columns().isEmpty()
                ? f.alias().name() : f.alias().columns().getFirst();
        Plan plan = new Scans.Series(cast.get(0), cast.get(1), cast.size() > 2 ? cast.get(2)
                : null, List.of(new Column(column, t)));
        return named(plan, List.of(column), List.of(), qualifier, parent, f.position());
    }
}
