/**
 * The binder: AST to executable plans. {@link dev.cutaway.sql.bind.QueryBinder} binds
 * queries (and offers the entry points DML and DDL use), {@code FromBinder} and
 * {@code JoinBinder} the FROM clause (placing WHERE conjuncts, choosing hash joins and
 * primary-key lookups), {@code ExprBinder} expressions with {@link
 * dev.cutaway.sql.bind.Scope}s for names, aggregates and correlation. The rewrites of ADR
 * 0023 happen as the binder goes: {@code Decorrelation} (EXISTS / IN / NOT IN into semi and
 * anti joins), {@code ScalarSubqueries} (aggregate subqueries into grouped left joins),
 * {@code Pushdown} (WHERE through JOINs, outer-join simplification), {@code Folding},
 * {@code JoinSearch} (join order by dynamic programming) and {@code SortElision}. Join
 * methods are chosen by cost ({@code JoinMethods}: hash or merge; {@code IndexNestedLoop}:
 * a lookup of the inner table per outer row), access paths by {@code AccessPaths} and
 * {@code OrderedAccess}. Internal to the SQL layer.
 */
package dev.cutaway.sql.bind;
