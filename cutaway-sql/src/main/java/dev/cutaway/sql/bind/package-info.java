/**
 * The binder: AST to executable plans. {@link dev.cutaway.sql.bind.QueryBinder} binds
 * queries (and offers the entry points DML and DDL use), {@code FromBinder} and
 * {@code JoinBinder} the FROM clause (placing WHERE conjuncts, choosing hash joins and
 * primary-key lookups), {@code ExprBinder} expressions with {@link
 * dev.cutaway.sql.bind.Scope}s for names, aggregates and correlation. Internal to the SQL
 * layer.
 */
package dev.cutaway.sql.bind;
