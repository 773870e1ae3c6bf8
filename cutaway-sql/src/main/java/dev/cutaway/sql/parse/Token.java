package dev.cutaway.sql.parse;

/**
 * One token: its kind, its processed value (identifier folded, string unescaped, operator
 * normalised), and where it is in the statement text. {@code position} is the 1-based character
 * offset of its first character, and {@code end} the 0-based offset one past its last, so
 * {@code text.substring(position - 1, end)} is the token as written (what error messages quote).
 */
public record Token(TokenKind kind, String value, int position, int end) {

    /** Whether this is the unquoted word {@code keyword} (given in lower case). */
    public boolean is(String keyword) {
        return kind == TokenKind.IDENT && value.equals(keyword);
    }

    /** Whether this is the operator {@code op}. */
    public boolean isOperator(String op) {
        return kind == TokenKind.OPERATOR && value.equals(op);
    }
}
