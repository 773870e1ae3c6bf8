/**
 * The SQL abstract syntax tree: sealed interfaces and records, built by
 * {@code dev.cutaway.sql.parse.Parser} and printed back by {@code SqlPrinter}.
 *
 * <ul>
 *   <li>{@link dev.cutaway.sql.ast.Statement} — every statement kind; {@link
 *       dev.cutaway.sql.ast.Query} is one (WITH, body, ORDER BY, LIMIT/OFFSET, locking).
 *   <li>{@link dev.cutaway.sql.ast.QueryBody} — SELECT, set operation, VALUES, nested query.
 *   <li>{@link dev.cutaway.sql.ast.FromItem} — table, subquery, table function, join.
 *   <li>{@link dev.cutaway.sql.ast.Expr} — scalar expressions; every node has the 1-based
 *       position where it starts in the statement text, for error carets.
 *   <li>{@link dev.cutaway.sql.ast.TypeName}, {@link dev.cutaway.sql.ast.ColumnConstraint},
 *       {@link dev.cutaway.sql.ast.TableConstraint}, {@link dev.cutaway.sql.ast.SortItem},
 *       {@link dev.cutaway.sql.ast.WindowSpec}.
 * </ul>
 *
 * <p>The tree is syntax only: names are unresolved (unquoted names folded to lower case), types
 * are names, constants are text. Optional parts are null, lists are never null. Normalisations
 * the binder can rely on: {@code !=} is NE, SOME is ANY, ISNULL/NOTNULL are IsNull, FETCH FIRST
 * is limit (LIMIT ALL is no limit), {@code TABLE t} is {@code SELECT * FROM t}, a query in
 * parentheses that adds nothing is the inner query, INNER JOIN is JOIN, a negative number is
 * unary minus over a positive constant, {@code date '...'} is a Cast with syntax
 * TYPED_LITERAL, {@code int[]} is the type "_int4", {@code a OPERATOR(pg_catalog.+) b} is
 * {@code a + b}, and SHOW TRANSACTION ISOLATION LEVEL / SHOW TIME ZONE show
 * "transaction_isolation" / "timezone".
 */
package dev.cutaway.sql.ast;
