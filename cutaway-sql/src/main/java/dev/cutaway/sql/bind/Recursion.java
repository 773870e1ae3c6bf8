package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.exec.Column;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RecursiveUnion;
import dev.cutaway.sql.exec.RowOps;
import java.util.ArrayList;
import java.util.List;

/**
 * WITH RECURSIVE: detection of self-reference (a FROM item naming the CTE) and binding of a
 * recursive CTE to a {@link RecursiveUnion}.
 */
final class Recursion {
    private Recursion() {}

    static boolean refersTo(Query q, String name) {
        return refersTo(q.body(), name);
    }

    private static boolean refersTo(QueryBody body, String name) {
        return switch (body) {
            case QueryBody.Select s -> s.from().stream().anyMatch(f -> refersTo(f, name));
            case QueryBody.SetOperation s -> refersTo(s.left(), name)
                    || refersTo(s.right(), name);
            case QueryBody.Nested n -> refersTo(n.query(), name);
            case QueryBody.Values v -> false;
        };
    }

    private static boolean refersTo(FromItem f, String name) {
        return switch (f) {
            case FromItem.TableRef t -> t.name().size() == 1 && t.name().getFirst().equals(name);
            case FromItem.SubqueryRef s -> refersTo(s.query(), name);
            case FromItem.Join j -> refersTo(j.left(), name) || refersTo(j.right(), name);
            case FromItem.FunctionRef fn -> false;
        };
    }

    /**
     * Binds {@code name AS (initial UNION [ALL] recursive)}: the recursive term reads the
     * work table under the CTE's name. {@code level} is the WITH level being built.
     */
    static BindContext.Cte bind(QueryBinder binder, Query.CommonTableExpr cte,
            java.util.Map<String, BindContext.Cte> level) {
        QueryBody body = cte.query().body();
        if (!(body instanceof QueryBody.SetOperation set)
                || set.op() != QueryBody.SetOp.UNION || !cte.query().orderBy().isEmpty()
                || cte.query().limit() != null) {
            throw new SqlException(SqlState.INVALID_RECURSION, "recursive query \""
                    + cte.name() + "\" does not have the form non-recursive-term UNION [ALL]"
                    + " recursive-term", cte.position());
        }
        QueryBinder.Bound initial = binder.bindBody(set.left(), null);
        List<String> names = QueryBinder.renamed(initial.names(), cte.columns(), cte.name(),
                cte.position());
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new Column(names.get(i), initial.types().get(i)));
        }
        RecursiveUnion.WorkTable work = new RecursiveUnion.WorkTable(cte.name(), columns);
        level.put(cte.name(), new BindContext.Cte(work, names));
        QueryBinder.Bound recursive = binder.bindBody(set.right(), null);
        if (recursive.types().size() != columns.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "each UNION query must have the same"
                    + " number of columns", set.right().position());
        }
        Plan rec = binder.castColumns(recursive, initial.types(), set.position());
        Plan plan = new RowOps.Materialize(new RecursiveUnion(initial.plan(), rec, work,
                set.all(), columns), cte.name());
        return new BindContext.Cte(plan, names);
    }
}
