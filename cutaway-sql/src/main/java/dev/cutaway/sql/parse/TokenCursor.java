package dev.cutaway.sql.parse;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * The parser's view of the token list: one cursor, lookahead, expectations, names, the depth
 * bound and PostgreSQL-worded errors. The parser classes extend it, one grammar area each.
 *
 * <p>Invariants: (1) the cursor never passes the EOF token; (2) {@code depth} counts the
 * recursive grammar rules now open and never exceeds {@link #DEPTH_MAX}: one level more is the
 * error 54001 "stack depth limit exceeded", so hostile input cannot overflow the Java stack.
 */
abstract class TokenCursor {
    /** Nesting bound on expressions and queries (PostgreSQL's max_stack_depth, in spirit). */
    static final int DEPTH_MAX = 1000;

    final String sql;
    private final List<Token> tokens;
    private int index;
    private int depth;

    TokenCursor(String sql, List<Token> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    final Token peek() {
        return tokens.get(index);
    }

    final Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    final Token advance() {
        Token t = tokens.get(index);
        if (t.kind() != TokenKind.EOF) {
            index++;
        }
        return t;
    }

    final int mark() {
        return index;
    }

    final void reset(int mark) {
        index = mark;
    }

    final boolean at(TokenKind kind) {
        return peek().kind() == kind;
    }

    final boolean at(String keyword) {
        return peek().is(keyword);
    }

    final boolean atOperator(String op) {
        return peek().isOperator(op);
    }

    /** Consumes the keyword if it is next. */
    final boolean accept(String keyword) {
        if (peek().is(keyword)) {
            index++;
            return true;
        }
        return false;
    }

    /** Consumes the keywords if they are all next, in order. */
    final boolean accept(String first, String second) {
        if (peek().is(first) && peek(1).is(second)) {
            index += 2;
            return true;
        }
        return false;
    }

    /** Consumes {@code first} and then requires {@code second} (ORDER BY, GROUP BY). */
    final boolean acceptPair(String first, String second) {
        if (accept(first)) {
            expect(second);
            return true;
        }
        return false;
    }

    final boolean accept(TokenKind kind) {
        if (peek().kind() == kind) {
            index++;
            return true;
        }
        return false;
    }

    final boolean acceptOperator(String op) {
        if (peek().isOperator(op)) {
            index++;
            return true;
        }
        return false;
    }

    final Token expect(String keyword) {
        if (!peek().is(keyword)) {
            throw syntaxError();
        }
        return advance();
    }

    final Token expect(TokenKind kind) {
        if (peek().kind() != kind) {
            throw syntaxError();
        }
        return advance();
    }

    final void expectOperator(String op) {
        if (!peek().isOperator(op)) {
            throw syntaxError();
        }
        advance();
    }

    /** Whether the next token can be a column or table name (ColId). */
    final boolean atColumnId() {
        Token t = peek();
        return t.kind() == TokenKind.QUOTED_IDENT
                || (t.kind() == TokenKind.IDENT && Keywords.isColumnId(t.value()));
    }

    /** A column, table or alias name (PostgreSQL's ColId). */
    final String columnId() {
        if (!atColumnId()) {
            throw syntaxError();
        }
        return advance().value();
    }

    /** Any word, reserved or not (PostgreSQL's ColLabel: after AS, after a dot). */
    final String label() {
        Token t = peek();
        if (t.kind() != TokenKind.IDENT && t.kind() != TokenKind.QUOTED_IDENT) {
            throw syntaxError();
        }
        return advance().value();
    }

    /** A possibly qualified name: ColId { . ColLabel }. */
    final List<String> qualifiedName() {
        List<String> parts = new ArrayList<>(2);
        parts.add(columnId());
        while (at(TokenKind.DOT)) {
            advance();
            parts.add(label());
            if (parts.size() > 3) {
                throw syntaxError();
            }
        }
        return List.copyOf(parts);
    }

    /** Comma-separated column names in parentheses. */
    final List<String> nameList() {
        expect(TokenKind.LPAREN);
        List<String> names = new ArrayList<>();
        do {
            names.add(columnId());
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RPAREN);
        return List.copyOf(names);
    }

    final void enter() {
        enter(1);
    }

    /**
     * Opens a grammar rule costing {@code units} of the depth budget. Rules that use more Java
     * stack per level cost more (a subquery 3, a call's or CASE's or IN's operands 1 more), so
     * that every construct hits the bound before a 1 MiB thread stack overflows; measured as
     * about 1,400 nested parentheses, 400 nested subqueries or 800 nested calls on 1 MiB.
     */
    final void enter(int units) {
        depth += units;
        if (depth > DEPTH_MAX) {
            throw new SqlException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded",
                    peek().position(), null,
                    "Nesting is limited to " + DEPTH_MAX + " levels.", null);
        }
    }

    final void leave() {
        leave(1);
    }

    final void leave(int units) {
        depth -= units;
    }

    /** Checks that {@code extra} more levels of nesting would stay within the bound. */
    final void checkDepth(int extra) {
        if (depth + extra > DEPTH_MAX) {
            enter(extra);
        }
    }

    /** "syntax error at or near ..." for the next token (or "at end of input"). */
    final SqlException syntaxError() {
        return syntaxErrorAt(peek());
    }

    final SqlException syntaxErrorAt(Token t) {
        if (t.kind() == TokenKind.EOF) {
            return new SqlException(SqlState.SYNTAX_ERROR, "syntax error at end of input",
                    t.position());
        }
        return new SqlException(SqlState.SYNTAX_ERROR,
                "syntax error at or near \"" + sql.substring(t.position() - 1, t.end()) + "\"",
                t.position());
    }

    /** An error of another kind pointing at {@code t}. */
    final SqlException errorAt(Token t, String sqlState, String message) {
        return new SqlException(sqlState, message, t.position());
    }
}
