/**
 * The SQL front end: {@link dev.cutaway.sql.parse.Lexer} (PostgreSQL's lexical rules),
 * {@link dev.cutaway.sql.parse.Parser} (hand-written recursive descent with precedence
 * climbing; {@code parse}, {@code parseScript}, {@code splitScript}) and
 * {@link dev.cutaway.sql.parse.SqlPrinter} (AST back to canonical SQL text). Errors are
 * {@link dev.cutaway.sql.SqlException}s worded as PostgreSQL's: 42601 with the position of the
 * offending token, 54001 when nesting exceeds the depth bound. See docs/adr/0009-sql-parser.md.
 *
 * <p>Public API: {@code Parser.parse(String)}, {@code Parser.parseScript(String)},
 * {@code Parser.splitScript(String)}, {@code SqlPrinter.print(Statement | Expr | TypeName)},
 * {@code SqlPrinter.identifier(String)}, {@code SqlPrinter.stringLiteral(String)},
 * {@code Lexer.tokenize(String)}. Everything else is package-private.
 */
package dev.cutaway.sql.parse;
