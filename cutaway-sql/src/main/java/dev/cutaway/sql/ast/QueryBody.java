package dev.cutaway.sql.ast;

import java.util.List;

/**
 * The body of a query: what produces rows before ORDER BY and LIMIT apply.
 */
public sealed interface QueryBody {

    int position();

    /** One entry of a SELECT list; alias null when none was written. */
    record Target(Expr expr, String alias) {}

    /** {@code name AS (spec)} of a WINDOW clause. */
    record NamedWindow(String name, WindowSpec spec) {}

    /**
     * {@code SELECT [DISTINCT [ON (distinctOn)]] targets [FROM from] [WHERE] [GROUP BY]
     * [HAVING] [WINDOW ...]}. {@code distinctOn} is non-empty only with DISTINCT ON; where and
     * having may be null. {@code from} items are the comma-separated ones (implicit cross
     * joins). An empty target list is allowed, as in PostgreSQL ({@code SELECT FROM t}).
     */
    record Select(boolean distinct, List<Expr> distinctOn, List<Target> targets,
            List<FromItem> from, Expr where, List<Expr> groupBy, Expr having,
            List<NamedWindow> windows, int position) implements QueryBody {}

    enum SetOp { UNION, INTERSECT, EXCEPT }

    /** {@code left UNION|INTERSECT|EXCEPT [ALL] right}; INTERSECT binds tighter. */
    record SetOperation(SetOp op, boolean all, QueryBody left, QueryBody right, int position)
            implements QueryBody {}

    /** {@code VALUES (..), (..)}: rows of equal length (checked by the binder). */
    record Values(List<List<Expr>> rows, int position) implements QueryBody {}

    /** A parenthesised query with its own ORDER BY, LIMIT or WITH, as an operand. */
    record Nested(Query query, int position) implements QueryBody {}
}
