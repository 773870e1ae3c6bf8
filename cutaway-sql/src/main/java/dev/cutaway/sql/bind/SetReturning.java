package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Column;
import dev.cutaway.sql.exec.FunctionScan;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.ProjectSet;
import dev.cutaway.sql.exec.SetFunctions;
import dev.cutaway.sql.parse.SqlPrinter;
import dev.cutaway.sql.types.CastContext;
import dev.cutaway.sql.types.Conditionals;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Set-returning functions (ADR 0028) where the binder meets them: in a select list, where
 * each distinct call (by its printed form) becomes a column of a {@link ProjectSet} under the
 * projection and the call's AST nodes are substituted by references to it — so
 * {@code (_pg_expandarray(k)).n} reads a field of that column — and in FROM, where
 * {@code unnest} and {@code _pg_expandarray} become a {@link FunctionScan}
 * ({@code generate_series} keeps its own scan).
 *
 * <p>Not supported (0A000): set-returning functions together with aggregates or window
 * functions in one select list (PostgreSQL evaluates them after grouping).
 */
final class SetReturning {
    private SetReturning() {}

    /**
     * Adds a ProjectSet for the set-returning calls in {@code targets} over {@code from}, and
     * registers their substitutes; returns {@code from} unchanged when there are none.
     */
    static FromBinder.From selectList(QueryBinder queries, FromBinder.From from,
            List<Expr> targets, boolean aggregated) {
        Map<String, List<Expr.FunctionCall>> found = new LinkedHashMap<>();
        for (Expr t : targets) {
            collect(t, found);
        }
        if (found.isEmpty()) {
            return from;
        }
        if (aggregated) {
            Expr.FunctionCall first = found.values().iterator().next().getFirst();
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions"
                    + " together with aggregates are not supported", first.position());
        }
        ExprBinder eb = new ExprBinder(queries, from.scope(), null, "SELECT");
        int width = from.plan().columns().size();
        List<SetFunctions.Call> calls = new ArrayList<>();
        for (List<Expr.FunctionCall> same : found.values()) {
            Expr.FunctionCall f = same.getFirst();
            String name = f.name().getLast().toLowerCase(Locale.ROOT);
            SetFunctions.Call call = resolve(eb, f, name, name);
            BoundExpr ref = new BoundExpr.ColRef(0, width + calls.size(), call.resultType(),
                    name);
            calls.add(call);
            for (Expr.FunctionCall node : same) {
                queries.substitute(node, ref);
            }
        }
        Plan plan = new ProjectSet(from.plan(), calls,
                ProjectSet.columnsOf(from.plan(), calls));
        return new FromBinder.From(plan, from.scope());
    }

    /** The set-returning calls of {@code e}, outside subqueries, grouped by printed form. */
    private static void collect(Expr e, Map<String, List<Expr.FunctionCall>> found) {
        switch (e) {
            case Expr.FunctionCall f when f.window() == null
                    && SetFunctions.isSetReturning(f.name().getLast()) ->
                    found.computeIfAbsent(SqlPrinter.print(f), k -> new ArrayList<>()).add(f);
            case Expr.FunctionCall f -> f.args().forEach(a -> collect(a, found));
            case Expr.FieldSelection f -> collect(f.base(), found);
            case Expr.Subscript s -> collect(s.base(), found);
            case Expr.Cast c -> collect(c.operand(), found);
            case Expr.Binary b -> {
                collect(b.left(), found);
                collect(b.right(), found);
            }
            case Expr.Unary u -> collect(u.operand(), found);
            case Expr.Row r -> r.items().forEach(i -> collect(i, found));
            default -> { }
        }
    }

    /** Binds the arguments of a set-returning call and resolves it. */
    static SetFunctions.Call resolve(ExprBinder eb, Expr.FunctionCall f, String name,
            String column) {
        List<BoundExpr> args = new ArrayList<>();
        for (Expr a : f.args()) {
            args.add(eb.bind(a));
        }
        try {
            if (name.equals("generate_series")) {
                return SetFunctions.resolve(name, series(eb, args, f.position()), column);
            }
            return SetFunctions.resolve(name, args, column);
        } catch (SqlException e) {
            throw e.position() == 0 ? e.at(f.position()) : e;
        }
    }

    private static List<BoundExpr> series(ExprBinder eb, List<BoundExpr> args, int position) {
        if (args.size() < 2 || args.size() > 3) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function generate_series with "
                    + args.size() + " arguments does not exist", position);
        }
        List<SqlType> types = new ArrayList<>();
        for (BoundExpr a : args) {
            types.add(a.type().id() == TypeId.UNKNOWN ? SqlType.BIGINT : a.type());
        }
        SqlType t = Conditionals.commonType(types, "generate_series");
        if (!t.id().isInteger()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "generate_series over "
                    + t.displayName() + " is not supported yet", position);
        }
        SqlType to = t.id() == TypeId.BIGINT ? SqlType.BIGINT : SqlType.INTEGER;
        List<BoundExpr> cast = new ArrayList<>();
        for (BoundExpr a : args) {
            cast.add(eb.coerce(a, to, CastContext.IMPLICIT, position));
        }
        return cast;
    }

    /**
     * {@code unnest(a)} or {@code _pg_expandarray(a)} in FROM, {@code argScope} holding the
     * lateral left side; returns the plan and its column names (before alias renaming).
     */
    static Plan fromItem(QueryBinder queries, FromItem.FunctionRef f, Scope argScope,
            String name) {
        ExprBinder eb = new ExprBinder(queries, argScope, null, "FROM");
        boolean single = !name.equals("_pg_expandarray");
        String column = !single ? name : f.alias() == null ? name
                : f.alias().columns().isEmpty() ? f.alias().name()
                : f.alias().columns().getFirst();
        SetFunctions.Call call = resolve(eb, f.call(), name, column);
        List<Column> columns = new ArrayList<>(call.columns());
        if (f.withOrdinality()) {
            columns.add(new Column("ordinality", SqlType.BIGINT));
        }
        return new FunctionScan(call, f.withOrdinality(), columns);
    }
}
