package dev.cutaway.sql.parse;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL parser's entry points: text in, AST ({@link Statement}) out, or a
 * {@link SqlException} worded as PostgreSQL words it — {@code syntax error at or near "FROM"}
 * or {@code syntax error at end of input}, SQLSTATE 42601, with {@code position()} the 1-based
 * character offset of the offending token (one past the end for end of input).
 *
 * <p>Hand-written recursive descent (one class per grammar area: {@link QueryParser},
 * {@link DmlParser}, {@link DdlParser}, {@link StatementParser}) with precedence climbing for
 * expressions ({@link ExprParser}); see docs/adr/0009-sql-parser.md. Nesting is bounded
 * ({@link TokenCursor#DEPTH_MAX}); deeper input fails with 54001 "stack depth limit exceeded".
 * Thread-safe: every call parses with fresh state.
 */
public final class Parser {
    private Parser() {}

    /**
     * Exactly one statement; a trailing semicolon is allowed. Empty input is
     * "syntax error at end of input"; a second statement is refused with PostgreSQL's
     * "cannot insert multiple commands into a prepared statement".
     */
    public static Statement parse(String sql) {
        List<Statement> statements = parseScript(sql);
        if (statements.isEmpty()) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input",
                    sql.length() + 1);
        }
        if (statements.size() > 1) {
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "cannot insert multiple commands into a prepared statement",
                    statements.get(1).position());
        }
        return statements.get(0);
    }

    /**
     * Every statement of a script, split on semicolons outside strings, quoted identifiers,
     * comments and dollar quotes; empty statements are skipped. Positions are offsets in the
     * whole script. The first error stops parsing.
     */
    public static List<Statement> parseScript(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        StatementParser parser = new StatementParser(sql, tokens);
        List<Statement> statements = new ArrayList<>();
        try {
            while (true) {
                while (parser.accept(TokenKind.SEMICOLON)) {
                    // empty statement
                }
                if (parser.at(TokenKind.EOF)) {
                    return statements;
                }
                statements.add(parser.statement());
            }
        } catch (StackOverflowError e) {
            // A safety net below the depth bound, for threads with small stacks.
            throw new SqlException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded",
                    0, null, "The statement nests too deeply for this thread's stack.", null);
        }
    }

    /**
     * The source text of each statement of a script (without its semicolon, trimmed), in
     * order, empty ones skipped: what a shell runs one by one. Only lexical errors are raised.
     */
    public static List<String> splitScript(String sql) {
        List<Token> tokens = Lexer.tokenize(sql);
        List<String> parts = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (Token t : tokens) {
            if (t.kind() == TokenKind.SEMICOLON || t.kind() == TokenKind.EOF) {
                if (start >= 0) {
                    parts.add(sql.substring(start, end));
                }
                start = -1;
            } else {
                if (start < 0) {
                    start = t.position() - 1;
                }
                end = t.end();
            }
        }
        return List.copyOf(parts);
    }
}
