package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;

/**
 * WITH RECURSIVE: detection of self-reference (a FROM item naming the CTE). Evaluation of
 * recursive CTEs is not implemented yet (0A000).
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

    static BindContext.Cte bind(QueryBinder binder, Query.CommonTableExpr cte) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                "recursive WITH queries are not supported yet", cte.position());
    }
}
