/**
 * The SQL layer (DESIGN.md): PostgreSQL's dialect over the transaction layer. Subpackages:
 * {@code parse} (hand-written lexer and recursive-descent parser producing a sealed AST),
 * {@code types} (SQL types and values, casts and operators with PostgreSQL's semantics and
 * SQLSTATEs), and, as they arrive, the catalog, planner and executor.
 *
 * <p>Every error a user can cause is a {@link dev.cutaway.sql.SqlException} carrying a SQLSTATE
 * and, where it points into the statement text, a position.
 */
package dev.cutaway.sql;
