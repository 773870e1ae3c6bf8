package dev.cutaway.sql.ast;

import java.util.List;

/**
 * An item of FROM: a table, a subquery, a table function, or a join of two items.
 */
public sealed interface FromItem {

    int position();

    /** {@code [AS] name [(columns)]}; columns empty when none were written. */
    record Alias(String name, List<String> columns) {}

    /** A table or view by (possibly qualified) name; alias may be null. ONLY is not kept. */
    record TableRef(List<String> name, Alias alias, int position) implements FromItem {}

    /** {@code [LATERAL] (query) [AS] alias}; PostgreSQL 16 allows the alias to be absent. */
    record SubqueryRef(Query query, Alias alias, boolean lateral, int position)
            implements FromItem {}

    /**
     * {@code [LATERAL] f(args) [WITH ORDINALITY] [AS] alias [(columns)]}, e.g.
     * generate_series(1, 10) AS g(x).
     */
    record FunctionRef(Expr.FunctionCall call, boolean withOrdinality, Alias alias,
            boolean lateral, int position) implements FromItem {}

    enum JoinType { INNER, LEFT, RIGHT, FULL, CROSS }

    /**
     * {@code left [NATURAL] type JOIN right [ON condition | USING (columns)]}: condition null
     * and using empty for CROSS and NATURAL joins.
     */
    record Join(JoinType type, boolean natural, FromItem left, FromItem right, Expr condition,
            List<String> using, int position) implements FromItem {}
}
