package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.SortItem;
import dev.cutaway.sql.exec.Aggregation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Column;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowLock;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.exec.SetOperation;
import dev.cutaway.sql.parse.SqlPrinter;
import dev.cutaway.sql.types.AggregateTypes;
import dev.cutaway.sql.types.CastContext;
import dev.cutaway.sql.types.Conditionals;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import dev.cutaway.txn.LockMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds queries to executable plans: SELECT (FROM through {@link FromBinder}, WHERE, GROUP
 * BY/HAVING with a hash aggregate, the target list, DISTINCT, ORDER BY by output name,
 * position or expression), set operations, VALUES, WITH, LIMIT/OFFSET and FOR UPDATE/SHARE.
 *
 * <p>The plan shape of a SELECT, bottom-up: scans and joins with their conditions, then
 * [HashAggregate, Filter(HAVING)], Project(targets + hidden sort columns), [Distinct],
 * [Sort] (left out when the rows come in that order already: {@link SortElision}), [Trim hidden
 * columns], [Limit].
 */
public final class QueryBinder {
    /** A bound query: its plan and output column names and types. */
    public record Bound(Plan plan, List<String> names, List<SqlType> types) {}

    /** A bound subquery, and whether it refers to enclosing queries (then re-run per row). */
    record Subquery(Plan plan, List<String> names, List<SqlType> types, boolean correlated) {}

    private final BindContext cx;
    private final FromBinder from;
    private final ExecContext constants;
    private final Deque<int[]> openSubqueries = new ArrayDeque<>();
    private final Map<Expr, BoundExpr> substitutes = new java.util.IdentityHashMap<>();

    public QueryBinder(BindContext cx) {
        this.cx = cx;
        this.from = new FromBinder(this);
        this.constants = new ExecContext(cx.txn(), cx.eval(), null, List.of(), 1_000_000);
    }

    BindContext context() {
        return cx;
    }

    FromBinder from() {
        return from;
    }

    /** Context for evaluating constant expressions at bind time. */
    ExecContext constantContext() {
        return constants;
    }

    /**
     * What {@code e} (this very node) binds to instead of itself, or null: a decorrelated
     * scalar subquery is a column of the join that replaced it (ADR 0023).
     */
    BoundExpr substitute(Expr e) {
        return substitutes.isEmpty() ? null : substitutes.get(e);
    }

    /** Binds {@code e} to {@code with} from now on; {@code with} null ends that. */
    void substitute(Expr e, BoundExpr with) {
        if (with == null) {
            substitutes.remove(e);
        } else {
            substitutes.put(e, with);
        }
    }

    /** Records that an expression referred to a column of query level {@code level}. */
    void noteReference(int level) {
        for (int[] open : openSubqueries) {
            if (level < open[0]) {
                open[1] = 1;
            }
        }
    }

    /**
     * Runs {@code body} and returns what it returns; {@code referenced[0]} says whether it
     * referred to a column of a query level below {@code level} (an enclosing query), which
     * the decorrelation rewrite must know of each piece of a subquery it takes apart.
     */
    <T> T tracking(int level, boolean[] referenced, java.util.function.Supplier<T> body) {
        int[] marker = {level, 0};
        openSubqueries.push(marker);
        try {
            return body.get();
        } finally {
            openSubqueries.pop();
            referenced[0] = marker[1] != 0;
        }
    }

    Subquery subquery(Query q, Scope parent) {
        int[] marker = {parent == null ? 0 : parent.level() + 1, 0};
        openSubqueries.push(marker);
        try {
            Bound b = bind(q, parent);
            return new Subquery(b.plan(), b.names(), b.types(), marker[1] != 0);
        } finally {
            openSubqueries.pop();
        }
    }

    /** Binds a query whose enclosing level is {@code parent} (null at the top). */
    public Bound bind(Query q, Scope parent) {
        if (q.with() != null) {
            bindWith(q.with());
        }
        try {
            RowLock lock = lockMode(q);
            Bound b;
            if (q.body() instanceof QueryBody.Select s) {
                b = bindSelect(s, parent, q.orderBy(), lock);
            } else {
                if (lock != null) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "FOR UPDATE is not"
                            + " allowed with UNION/INTERSECT/EXCEPT", q.position());
                }
                b = bindBody(q.body(), parent);
                if (!q.orderBy().isEmpty()) {
                    b = orderByOutput(b, q.orderBy(), parent);
                }
            }
            if (q.limit() != null || q.offset() != null) {
                b = new Bound(new RowOps.Limit(b.plan(), count(q.limit(), parent, "LIMIT"),
                        count(q.offset(), parent, "OFFSET")), b.names(), b.types());
            }
            return new Bound(IndexOnly.serve(OrderedAccess.serve(b.plan(), cx), cx), b.names(),
                    b.types());
        } finally {
            if (q.with() != null) {
                cx.popCtes();
            }
        }
    }

    private static RowLock lockMode(Query q) {
        LockMode mode = null;
        boolean nowait = false;
        for (Query.Locking l : q.locking()) {
            if (l.waitPolicy() == Query.LockWait.SKIP_LOCKED) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "SKIP LOCKED is not supported yet", q.position());
            }
            LockMode m = switch (l.strength()) {
                case UPDATE, NO_KEY_UPDATE -> LockMode.EXCLUSIVE;
                case SHARE, KEY_SHARE -> LockMode.SHARE;
            };
            mode = mode == LockMode.EXCLUSIVE ? mode : m;
            nowait |= l.waitPolicy() == Query.LockWait.NOWAIT;
        }
        return mode == null ? null : new RowLock(mode, nowait);
    }

    private BoundExpr count(Expr e, Scope parent, String clause) {
        if (e == null) {
            return null;
        }
        ExprBinder b = new ExprBinder(this, Scope.empty(parent), null, clause);
        return b.coerce(b.bind(e), SqlType.BIGINT, CastContext.ASSIGNMENT, e.position());
    }

    private void bindWith(Query.With with) {
        Map<String, BindContext.Cte> level = cx.newCteLevel();
        for (Query.CommonTableExpr cte : with.ctes()) {
            if (with.recursive() && Recursion.refersTo(cte.query(), cte.name())) {
                level.put(cte.name(), Recursion.bind(this, cte, level));
                continue;
            }
            Bound b = bind(cte.query(), null);
            List<String> names = renamed(b.names(), cte.columns(), cte.name(), cte.position());
            level.put(cte.name(), new BindContext.Cte(new RowOps.Materialize(b.plan(),
                    cte.name()), names));
        }
    }

    public static List<String> renamed(List<String> names, List<String> aliases, String what,
            int position) {
        if (aliases.size() > names.size()) {
            throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "\"" + what + "\" has "
                    + names.size() + " columns available but " + aliases.size()
                    + " columns specified", position);
        }
        List<String> out = new ArrayList<>(names);
        for (int i = 0; i < aliases.size(); i++) {
            out.set(i, aliases.get(i));
        }
        return out;
    }

    Bound bindBody(QueryBody body, Scope parent) {
        return switch (body) {
            case QueryBody.Select s -> bindSelect(s, parent, List.of(), null);
            case QueryBody.Nested n -> bind(n.query(), parent);
            case QueryBody.Values v -> values(v, parent);
            case QueryBody.SetOperation s -> setOperation(s, parent);
        };
    }

    private Bound values(QueryBody.Values v, Scope parent) {
        ExprBinder b = new ExprBinder(this, Scope.empty(parent), null, "VALUES");
        int width = v.rows().getFirst().size();
        List<List<BoundExpr>> rows = new ArrayList<>();
        for (List<Expr> row : v.rows()) {
            if (row.size() != width) {
                throw new SqlException(SqlState.SYNTAX_ERROR,
                        "VALUES lists must all be the same length", row.getFirst().position());
            }
            List<BoundExpr> bound = new ArrayList<>();
            for (Expr e : row) {
                bound.add(b.bind(e));
            }
            rows.add(bound);
        }
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<SqlType> ts = new ArrayList<>();
            for (List<BoundExpr> row : rows) {
                ts.add(row.get(c).type());
            }
            SqlType t = Conditionals.commonType(ts, "VALUES");
            for (List<BoundExpr> row : rows) {
                row.set(c, b.coerce(row.get(c), t, CastContext.IMPLICIT, v.position()));
            }
            names.add("column" + (c + 1));
            types.add(t);
            columns.add(new Column("column" + (c + 1), t));
        }
        return new Bound(new Scans.Values(rows, columns), names, types);
    }

    private Bound setOperation(QueryBody.SetOperation s, Scope parent) {
        Bound l = bindBody(s.left(), parent);
        Bound r = bindBody(s.right(), parent);
        if (l.types().size() != r.types().size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "each " + s.op() + " query must have"
                    + " the same number of columns", s.right().position());
        }
        List<SqlType> types = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < l.types().size(); i++) {
            SqlType t = Conditionals.commonType(List.of(l.types().get(i), r.types().get(i)),
                    s.op().name());
            types.add(t);
            columns.add(new Column(l.names().get(i), t));
        }
        Plan lp = castColumns(l, types, s.position());
        Plan rp = castColumns(r, types, s.position());
        SetOperation.Op op = SetOperation.Op.valueOf(s.op().name());
        return new Bound(new SetOperation(op, s.all(), lp, rp, columns), l.names(), types);
    }

    Plan castColumns(Bound b, List<SqlType> types, int position) {
        if (b.types().equals(types)) {
            return b.plan();
        }
        List<BoundExpr> exprs = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            BoundExpr ref = new BoundExpr.ColRef(0, i, b.types().get(i), b.names().get(i));
            exprs.add(ExprBinder.coerce(ref, types.get(i), CastContext.IMPLICIT, position,
                    constants));
            columns.add(new Column(b.names().get(i), types.get(i)));
        }
        return new RowOps.Project(b.plan(), exprs, columns);
    }

    /** ORDER BY over a set operation or VALUES: output names, positions, or expressions. */
    private Bound orderByOutput(Bound b, List<SortItem> orderBy, Scope parent) {
        List<Scope.Entry> entries = new ArrayList<>();
        for (int i = 0; i < b.names().size(); i++) {
            entries.add(new Scope.Entry(null, b.names().get(i), b.types().get(i), i, false,
                    true));
        }
        Scope scope = new Scope(entries, parent);
        ExprBinder eb = new ExprBinder(this, scope, null, "ORDER BY");
        List<RowOps.SortKey> keys = new ArrayList<>();
        for (SortItem item : orderBy) {
            int pos = position(item.expr(), b.names().size());
            BoundExpr e = pos >= 0 ? new BoundExpr.ColRef(0, pos, b.types().get(pos), null)
                    : eb.bind(item.expr());
            if (!(e instanceof BoundExpr.ColRef c) || c.depth() != 0) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "invalid UNION/INTERSECT/"
                        + "EXCEPT ORDER BY clause", item.expr().position(), "Only result column"
                        + " names can be used, not expressions or functions.", null, null);
            }
            keys.add(sortKey(item, c.index(), c.type()));
        }
        return new Bound(new RowOps.Sort(b.plan(), keys), b.names(), b.types());
    }

    static RowOps.SortKey sortKey(SortItem item, int column, SqlType type) {
        boolean desc = item.direction() == SortItem.Direction.DESC;
        boolean nullsFirst = item.nulls() == SortItem.Nulls.DEFAULT ? desc
                : item.nulls() == SortItem.Nulls.FIRST;
        return new RowOps.SortKey(column, type.id(), desc, nullsFirst);
    }

    /** 0-based output position for an integer literal in ORDER BY / GROUP BY, else -1. */
    private static int position(Expr e, int width) {
        if (e instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.INTEGER) {
            int n = Integer.parseInt(l.value());
            if (n < 1 || n > width) {
                throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position "
                        + n + " is not in select list", e.position());
            }
            return n - 1;
        }
        return -1;
    }

    /** One target of the select list after star expansion. */
    private record Item(Expr source, String name) {}

    private Bound bindSelect(QueryBody.Select s, Scope parent, List<SortItem> orderBy,
            RowLock lock) {
        FromBinder.From f = from.bindFromList(s.from(), s.where(), parent, lock);
        List<Item> targets = expandTargets(s, f.scope());
        boolean aggregated = !s.groupBy().isEmpty() || s.having() != null
                || hasAggregate(targets, orderBy);
        List<Expr> sources = new ArrayList<>();
        for (Item t : targets) {
            sources.add(t.source());
        }
        f = SetReturning.selectList(this, f, sources, aggregated);
        AggregateContext agg = aggregated ? new AggregateContext(f.scope()) : null;
        if (agg != null) {
            bindGroupBy(s, targets, agg);
        }
        WindowContext windows = new WindowContext();
        ExprBinder eb = new ExprBinder(this, f.scope(), agg, "SELECT", windows);
        List<BoundExpr> exprs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Item t : targets) {
            BoundExpr e = eb.bind(t.source());
            if (e.type().id() == TypeId.UNKNOWN) {
                e = eb.coerce(e, SqlType.TEXT, CastContext.IMPLICIT, t.source().position());
            }
            exprs.add(e);
            names.add(t.name());
        }
        BoundExpr having = s.having() == null ? null
                : new ExprBinder(this, f.scope(), agg, "HAVING").bindCondition(s.having());
        int width = exprs.size();
        List<RowOps.SortKey> keys = bindOrderBy(orderBy, targets, exprs,
                new ExprBinder(this, f.scope(), agg, "ORDER BY", windows),
                s.distinct() && s.distinctOn().isEmpty());
        List<Integer> distinctOn = new ArrayList<>();
        for (Expr e : s.distinctOn()) {
            int pos = position(e, width);
            if (pos < 0) {
                exprs.add(new ExprBinder(this, f.scope(), agg, "DISTINCT ON", windows).bind(e));
                pos = exprs.size() - 1;
            }
            distinctOn.add(pos);
        }
        if (!distinctOn.isEmpty() && keys.isEmpty()) {
            for (int c : distinctOn) {
                keys.add(new RowOps.SortKey(c, exprs.get(c).type().id(), false, false));
            }
        }
        Plan plan = f.plan();
        if (agg != null) {
            plan = new Aggregation.HashAggregate(plan, agg.groupBy, agg.calls,
                    aggregateColumns(agg));
            if (having != null) {
                plan = new RowOps.Filter(plan, having);
            }
        }
        if (!windows.calls.isEmpty()) {
            plan = windowed(plan, windows, exprs);
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < exprs.size(); i++) {
            columns.add(new Column(i < width ? names.get(i) : "?sort?", exprs.get(i).type()));
        }
        plan = new RowOps.Project(plan, exprs, columns);
        if (s.distinct() && distinctOn.isEmpty()) {
            plan = new RowOps.Distinct(plan, width);
        }
        if (!keys.isEmpty() && !alreadyOrdered(plan, keys, s, agg, windows, distinctOn)) {
            plan = new RowOps.Sort(plan, keys);
        }
        if (!distinctOn.isEmpty()) {
            plan = new RowOps.DistinctOn(plan, distinctOn);
        }
        if (exprs.size() > width) {
            plan = new RowOps.Trim(plan, width);
        }
        List<SqlType> types = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            types.add(exprs.get(i).type());
        }
        return new Bound(plan, names, types);
    }

    /** Whether the rows of {@code plan} come in the ORDER BY's order already (ADR 0023). */
    private boolean alreadyOrdered(Plan plan, List<RowOps.SortKey> keys, QueryBody.Select s,
            AggregateContext agg, WindowContext windows, List<Integer> distinctOn) {
        return cx.planning().settings().rewrite() && agg == null && windows.calls.isEmpty()
                && !s.distinct() && distinctOn.isEmpty() && SortElision.satisfied(plan, keys);
    }

    /** Adds the window operator and moves references to its columns into place. */
    private static Plan windowed(Plan plan, WindowContext windows, List<BoundExpr> exprs) {
        int width = plan.columns().size();
        List<Column> cols = new ArrayList<>(plan.columns());
        for (var call : windows.calls) {
            cols.add(new Column(call.function(), call.type()));
        }
        exprs.replaceAll(e -> WindowContext.rebase(e, width));
        return new dev.cutaway.sql.exec.Window(plan, windows.calls, cols);
    }

    static List<Column> aggregateColumns(AggregateContext agg) {
        List<Column> cols = new ArrayList<>();
        for (BoundExpr g : agg.groupBy) {
            cols.add(new Column("group", g.type()));
        }
        for (Aggregation.Call c : agg.calls) {
            cols.add(new Column(c.name(), c.resultType()));
        }
        return cols;
    }

    private List<Item> expandTargets(QueryBody.Select s, Scope scope) {
        List<Item> out = new ArrayList<>();
        for (QueryBody.Target t : s.targets()) {
            if (t.expr() instanceof Expr.Star star) {
                List<Scope.Entry> entries = scope.star(star.qualifier(), star.position());
                if (entries.isEmpty() && star.qualifier().isEmpty()) {
                    throw new SqlException(SqlState.SYNTAX_ERROR,
                            "SELECT * with no tables specified is not valid", star.position());
                }
                for (Scope.Entry e : entries) {
                    List<String> names = e.qualifier() == null ? List.of(e.name())
                            : List.of(e.qualifier(), e.name());
                    out.add(new Item(new Expr.ColumnRef(names, star.position()), e.name()));
                }
            } else {
                out.add(new Item(t.expr(), t.alias() != null ? t.alias()
                        : nameOf(t.expr())));
            }
        }
        return out;
    }

    /** The column name PostgreSQL gives a target without an alias. */
    static String nameOf(Expr e) {
        return switch (e) {
            case Expr.ColumnRef c -> c.names().getLast();
            case Expr.FunctionCall f -> f.name().getLast().toLowerCase(Locale.ROOT);
            case Expr.Cast c -> weaklyNamed(c.operand()) ? castName(c) : nameOf(c.operand());
            case Expr.ArrayConstructor a -> "array";
            case Expr.ArraySubquery a -> "array";
            case Expr.Subscript s -> nameOf(s.base());
            case Expr.FieldSelection f -> f.field();
            case Expr.Case c -> "case";
            case Expr.Exists x -> "exists";
            case Expr.Extract x -> "extract";
            case Expr.Substring x -> "substring";
            case Expr.Position x -> "position";
            case Expr.Trim x -> x.side() == Expr.TrimSide.BOTH ? "btrim"
                    : x.side() == Expr.TrimSide.LEADING ? "ltrim" : "rtrim";
            case Expr.CurrentValue v -> v.kind().name().toLowerCase(Locale.ROOT);
            case Expr.ScalarSubquery q -> q.query().body() instanceof QueryBody.Select sel
                    && sel.targets().size() == 1 && sel.targets().getFirst().alias() == null
                    ? nameOf(sel.targets().getFirst().expr()) : "?column?";
            default -> "?column?";
        };
    }

    /** Whether a cast around {@code e} is named after its type (PostgreSQL's strength 1). */
    private static boolean weaklyNamed(Expr e) {
        return e instanceof Expr.Literal || e instanceof Expr.Unary
                || e instanceof Expr.Cast c && weaklyNamed(c.operand());
    }

    /** A cast's type name; an array type is named after its element ({@code int4}). */
    private static String castName(Expr.Cast c) {
        String name = c.type().name();
        return name.startsWith("_") ? name.substring(1) : name;
    }

    private static boolean hasAggregate(List<Item> targets, List<SortItem> orderBy) {
        for (Item t : targets) {
            if (Aggregates.contains(t.source())) {
                return true;
            }
        }
        for (SortItem item : orderBy) {
            if (Aggregates.contains(item.expr())) {
                return true;
            }
        }
        return false;
    }

    private void bindGroupBy(QueryBody.Select s, List<Item> targets, AggregateContext agg) {
        ExprBinder below = new ExprBinder(this, agg.input, null, "GROUP BY");
        for (Expr g : s.groupBy()) {
            Expr source = g;
            if (g instanceof Expr.Literal l && l.kind() == Expr.LiteralKind.INTEGER) {
                int n = Integer.parseInt(l.value());
                if (n < 1 || n > targets.size()) {
                    throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position "
                            + n + " is not in select list", g.position());
                }
                source = targets.get(n - 1).source();
            } else if (g instanceof Expr.ColumnRef c && c.names().size() == 1
                    && !resolvable(agg.input, c)) {
                for (Item t : targets) {
                    if (t.name().equals(c.names().getFirst())) {
                        source = t.source();
                        break;
                    }
                }
            }
            if (Aggregates.contains(source)) {
                throw new SqlException(SqlState.GROUPING_ERROR,
                        "aggregate functions are not allowed in GROUP BY", g.position());
            }
            agg.addGroup(source, below.bind(source));
        }
    }

    private static boolean resolvable(Scope scope, Expr.ColumnRef c) {
        try {
            scope.resolve(c.names(), c.position());
            return true;
        } catch (SqlException e) {
            return false;
        }
    }

    /**
     * ORDER BY keys over the projected row: an output position or output name, an expression
     * equal to a target, or else a hidden column appended to {@code exprs}.
     */
    private List<RowOps.SortKey> bindOrderBy(List<SortItem> orderBy, List<Item> targets,
            List<BoundExpr> exprs, ExprBinder eb, boolean distinct) {
        List<RowOps.SortKey> keys = new ArrayList<>();
        int width = targets.size();
        for (SortItem item : orderBy) {
            int column = position(item.expr(), width);
            if (column < 0 && item.expr() instanceof Expr.ColumnRef c && c.names().size() == 1) {
                column = outputNamed(targets, c.names().getFirst(), c.position());
            }
            if (column < 0) {
                String text = SqlPrinter.print(item.expr());
                for (int i = 0; i < width && column < 0; i++) {
                    if (SqlPrinter.print(targets.get(i).source()).equals(text)) {
                        column = i;
                    }
                }
            }
            if (column < 0) {
                if (distinct) {
                    throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "for SELECT DISTINCT,"
                            + " ORDER BY expressions must appear in select list",
                            item.expr().position());
                }
                exprs.add(eb.bind(item.expr()));
                column = exprs.size() - 1;
            }
            keys.add(sortKey(item, column, exprs.get(column).type()));
        }
        return keys;
    }

    private static int outputNamed(List<Item> targets, String name, int position) {
        int found = -1;
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).name().equals(name)) {
                if (found >= 0 && !SqlPrinter.print(targets.get(i).source())
                        .equals(SqlPrinter.print(targets.get(found).source()))) {
                    throw new SqlException(SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + name
                            + "\" is ambiguous", position);
                }
                found = found < 0 ? i : found;
            }
        }
        return found;
    }

    // ---- entry points for DML and DDL ----

    /** The SQL type a type name denotes (42704 for an unknown one, at its position). */
    public static SqlType resolveType(dev.cutaway.sql.ast.TypeName name) {
        return ExprBinder.typeOf(name);
    }


    /** A target table of UPDATE/DELETE joined with FROM/USING items and filtered. */
    public record Target(Plan plan, Scope scope, BoundExpr where) {}

    /** Bound RETURNING (or any target list): expressions with output names and types. */
    public record Targets(List<BoundExpr> exprs, List<String> names, List<SqlType> types) {}

    /** The scope of one table's row: its columns, then its hidden row key ({@code ctid}). */
    public static Scope tableScope(dev.cutaway.sql.catalog.Relation.Table table,
            String qualifier, Scope parent) {
        List<Scope.Entry> entries = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            var c = table.columns().get(i);
            entries.add(new Scope.Entry(qualifier, c.name(), c.type(), i, false, true));
        }
        entries.add(new Scope.Entry(qualifier, "ctid", SqlType.BYTEA, table.columns().size(),
                true, false));
        return new Scope(entries, parent);
    }

    /**
     * Rows of {@code table} (each with its row key after the columns) joined with
     * {@code others} and filtered by {@code where}, for UPDATE ... FROM and DELETE ... USING.
     */
    public Target target(dev.cutaway.sql.catalog.Relation.Table table, String qualifier,
            List<dev.cutaway.sql.ast.FromItem> others, Expr where) {
        return from.target(table, qualifier, others, where);
    }

    public BoundExpr bindExpr(Expr e, Scope scope, String clause) {
        return new ExprBinder(this, scope, null, clause).bind(e);
    }

    public BoundExpr bindCondition(Expr e, Scope scope, String clause) {
        return new ExprBinder(this, scope, null, clause).bindCondition(e);
    }

    /**
     * {@code e} converted for storing in column {@code column} of type {@code to} (an
     * assignment cast); 42804 when there is none, worded as PostgreSQL's.
     */
    public BoundExpr assign(BoundExpr e, SqlType to, String column, int position) {
        if (!e.type().equals(to) && e.type().id() != TypeId.UNKNOWN
                && !dev.cutaway.sql.types.Casts.canCast(e.type().id(), to.id(),
                        CastContext.ASSIGNMENT)) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "column \"" + column
                    + "\" is of type " + to.displayName() + " but expression is of type "
                    + e.type().displayName(), position, null, "You will need to rewrite or"
                    + " cast the expression.", null);
        }
        return ExprBinder.coerce(e, to, CastContext.ASSIGNMENT, position, constants);
    }

    /** Binds a target list (RETURNING) over {@code scope}, expanding stars. */
    public Targets bindTargets(List<QueryBody.Target> targets, Scope scope) {
        ExprBinder eb = new ExprBinder(this, scope, null, "RETURNING");
        List<BoundExpr> exprs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        QueryBody.Select fake = new QueryBody.Select(false, List.of(), targets, List.of(), null,
                List.of(), null, List.of(), 0);
        for (Item t : expandTargets(fake, scope)) {
            BoundExpr e = eb.bind(t.source());
            if (e.type().id() == TypeId.UNKNOWN) {
                e = eb.coerce(e, SqlType.TEXT, CastContext.IMPLICIT, t.source().position());
            }
            exprs.add(e);
            names.add(t.name());
            types.add(e.type());
        }
        return new Targets(exprs, names, types);
    }

    static boolean isAggregateName(String name) {
        return AggregateTypes.isAggregate(name);
    }
}
