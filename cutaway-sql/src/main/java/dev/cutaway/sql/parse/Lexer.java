package dev.cutaway.sql.parse;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's lexical structure (the "Lexical Structure" chapter of its manual), by hand:
 * unquoted identifiers folded to lower case (ASCII only, as PostgreSQL does), "quoted"
 * identifiers with "" escapes, string constants '...' with '' escapes and continuation across a
 * newline, E'...' with backslash escapes, dollar quotes $$...$$ and $tag$...$tag$, numbers
 * (42, 4.2, .5, 1e10), parameters $1, operators, punctuation, and comments (-- to the end of
 * the line, nested /* *&#47;).
 *
 * <p>Invariants: (1) tokens come in text order, positions strictly increasing; (2) the list ends
 * with exactly one {@link TokenKind#EOF} token whose position is one past the last character;
 * (3) a lexical error is a {@link SqlException} with SQLSTATE 42601 pointing at the start of the
 * bad token, worded as PostgreSQL words it ({@code unterminated quoted string at or near "'abc"}).
 */
public final class Lexer {
    /** Characters operators are made of (PostgreSQL's op_chars). */
    private static final String OPERATOR_CHARS = "~!@#^&|`?+-*/%<>=";
    /** An operator containing one of these may end in + or - (PostgreSQL's rule). */
    private static final String OPERATOR_SPECIAL_CHARS = "~!@#^&|`?%";

    private final String sql;
    private final int length;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String sql) {
        this.sql = sql;
        this.length = sql.length();
    }

    /** The tokens of {@code sql}, ending with one EOF token. */
    public static List<Token> tokenize(String sql) {
        Lexer lexer = new Lexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= length) {
                tokens.add(new Token(TokenKind.EOF, "", length + 1, length));
                return;
            }
            tokens.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < length) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < length && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        while (pos < length) {
            if (sql.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (sql.charAt(pos) == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw error("unterminated /* comment", start);
    }

    private Token next() {
        char c = sql.charAt(pos);
        if ((c == 'e' || c == 'E') && peek(1) == '\'') {
            pos++;
            return string(pos - 1, true);
        }
        if (isIdentStart(c)) {
            return identifier();
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
            return number();
        }
        return switch (c) {
            case '\'' -> string(pos, false);
            case '"' -> quotedIdentifier();
            case '$' -> dollar();
            case '(' -> single(TokenKind.LPAREN);
            case ')' -> single(TokenKind.RPAREN);
            case '[' -> single(TokenKind.LBRACKET);
            case ']' -> single(TokenKind.RBRACKET);
            case ',' -> single(TokenKind.COMMA);
            case ';' -> single(TokenKind.SEMICOLON);
            case '.' -> single(TokenKind.DOT);
            case ':' -> colon();
            default -> operator();
        };
    }

    private Token single(TokenKind kind) {
        pos++;
        return new Token(kind, sql.substring(pos - 1, pos), pos, pos);
    }

    private Token colon() {
        if (peek(1) == ':') {
            pos += 2;
            return new Token(TokenKind.OPERATOR, "::", pos - 1, pos);
        }
        return single(TokenKind.COLON);
    }

    private Token identifier() {
        int start = pos;
        while (pos < length && isIdentPart(sql.charAt(pos))) {
            pos++;
        }
        return new Token(TokenKind.IDENT, foldAscii(sql.substring(start, pos)), start + 1, pos);
    }

    private static String foldAscii(String word) {
        StringBuilder out = null;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = new StringBuilder(word);
                }
                out.setCharAt(i, (char) (c + ('a' - 'A')));
            }
        }
        return out == null ? word : out.toString();
    }

    private Token quotedIdentifier() {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= length) {
                throw error("unterminated quoted identifier", start);
            }
            char c = sql.charAt(pos++);
            if (c == '"') {
                if (peek(0) != '"') {
                    break;
                }
                pos++;
            }
            value.append(c);
        }
        if (value.isEmpty()) {
            throw error("zero-length delimited identifier", start, pos);
        }
        return new Token(TokenKind.QUOTED_IDENT, value.toString(), start + 1, pos);
    }

    /** A '...' or E'...' string at {@code start} ({@code pos} is at the opening quote). */
    private Token string(int start, boolean escapes) {
        StringBuilder value = new StringBuilder();
        while (true) {
            pos++;
            while (true) {
                if (pos >= length) {
                    throw error("unterminated quoted string", start);
                }
                char c = sql.charAt(pos++);
                if (c == '\'') {
                    if (peek(0) != '\'') {
                        break;
                    }
                    pos++;
                } else if (c == '\\' && escapes) {
                    escape(value, start);
                    continue;
                }
                value.append(c);
            }
            int continuation = continuationQuote();
            if (continuation < 0) {
                return new Token(TokenKind.STRING, value.toString(), start + 1, pos);
            }
            pos = continuation;
        }
    }

    /** Where a string continues ('a'  newline  'b' is 'ab'), or -1. */
    private int continuationQuote() {
        int i = pos;
        boolean newline = false;
        while (i < length && Character.isWhitespace(sql.charAt(i))) {
            newline |= sql.charAt(i) == '\n' || sql.charAt(i) == '\r';
            i++;
        }
        return newline && i < length && sql.charAt(i) == '\'' ? i : -1;
    }

    /** A backslash escape of an E'' string; {@code pos} is just after the backslash. */
    private void escape(StringBuilder value, int start) {
        if (pos >= length) {
            throw error("unterminated quoted string", start);
        }
        char c = sql.charAt(pos++);
        switch (c) {
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'x' -> value.append((char) digits(16, 2, 1));
            case 'u' -> appendCodePoint(value, digits(16, 4, 4), start);
            case 'U' -> appendCodePoint(value, digits(16, 8, 8), start);
            default -> {
                if (c >= '0' && c <= '7') {
                    pos--;
                    value.append((char) (digits(8, 3, 1) & 0xFF));
                } else {
                    value.append(c);
                }
            }
        }
    }

    private void appendCodePoint(StringBuilder value, int codePoint, int start) {
        if (codePoint < 0) {
            throw error("invalid Unicode escape", start);
        }
        if (!Character.isValidCodePoint(codePoint) || codePoint == 0) {
            throw error("invalid Unicode escape value", start);
        }
        value.appendCodePoint(codePoint);
    }

    /** Up to {@code max} digits of {@code radix}; -1 if fewer than {@code min} are there. */
    private int digits(int radix, int max, int min) {
        int value = 0;
        int count = 0;
        while (count < max && pos < length && Character.digit(sql.charAt(pos), radix) >= 0) {
            value = value * radix + Character.digit(sql.charAt(pos), radix);
            pos++;
            count++;
        }
        if (count < min) {
            if (min == 1) {
                pos--;
                return sql.charAt(pos++);
            }
            return -1;
        }
        return value;
    }

    private Token dollar() {
        int start = pos;
        if (Character.isDigit(peek(1))) {
            pos++;
            while (pos < length && Character.isDigit(sql.charAt(pos))) {
                pos++;
            }
            if (pos < length && isIdentPart(sql.charAt(pos))) {
                junk(start, "trailing junk after parameter");
            }
            return new Token(TokenKind.PARAM, sql.substring(start + 1, pos), start + 1, pos);
        }
        int tagEnd = pos + 1;
        if (tagEnd < length && isIdentStart(sql.charAt(tagEnd))) {
            while (tagEnd < length && isIdentPart(sql.charAt(tagEnd))
                    && sql.charAt(tagEnd) != '$') {
                tagEnd++;
            }
        }
        if (tagEnd >= length || sql.charAt(tagEnd) != '$') {
            return operator();
        }
        String tag = sql.substring(start, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            throw error("unterminated dollar-quoted string", start);
        }
        pos = close + tag.length();
        return new Token(TokenKind.STRING, sql.substring(tagEnd + 1, close), start + 1, pos);
    }

    private Token number() {
        int start = pos;
        boolean decimal = false;
        skipDigits();
        if (peek(0) == '.' && peek(1) != '.') {
            decimal = true;
            pos++;
            skipDigits();
        }
        if (peek(0) == 'e' || peek(0) == 'E') {
            pos++;
            if (peek(0) == '+' || peek(0) == '-') {
                pos++;
            }
            if (!Character.isDigit(peek(0))) {
                junk(start, "trailing junk after numeric literal");
            }
            decimal = true;
            skipDigits();
        }
        if (pos < length && isIdentStart(sql.charAt(pos))) {
            junk(start, "trailing junk after numeric literal");
        }
        TokenKind kind = decimal ? TokenKind.DECIMAL : TokenKind.INTEGER;
        return new Token(kind, sql.substring(start, pos), start + 1, pos);
    }

    private void skipDigits() {
        while (pos < length && Character.isDigit(sql.charAt(pos))) {
            pos++;
        }
    }

    /** Raises PostgreSQL's "trailing junk" error, quoting the number and the junk after it. */
    private void junk(int start, String message) {
        int end = pos;
        while (end < length && isIdentPart(sql.charAt(end))) {
            end++;
        }
        throw error(message, start, Math.min(length, Math.max(end, pos)));
    }

    private Token operator() {
        int start = pos;
        int end = pos;
        while (end < length && OPERATOR_CHARS.indexOf(sql.charAt(end)) >= 0) {
            if (end > start && (sql.startsWith("--", end) || sql.startsWith("/*", end))) {
                break;
            }
            end++;
        }
        if (end == start) {
            throw error("syntax error", start, start + 1);
        }
        int count = end - start;
        if (count > 1 && !containsAny(start, end, OPERATOR_SPECIAL_CHARS)) {
            while (count > 1 && (sql.charAt(start + count - 1) == '+'
                    || sql.charAt(start + count - 1) == '-')) {
                count--;
            }
        }
        pos = start + count;
        String op = sql.substring(start, pos);
        return new Token(TokenKind.OPERATOR, op.equals("!=") ? "<>" : op, start + 1, pos);
    }

    private boolean containsAny(int from, int to, String chars) {
        for (int i = from; i < to; i++) {
            if (chars.indexOf(sql.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < length ? sql.charAt(i) : '\0';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    /** An error quoting the text from {@code start} to the end of the input (PostgreSQL's way). */
    private SqlException error(String message, int start) {
        return error(message, start, length);
    }

    private SqlException error(String message, int start, int end) {
        return new SqlException(SqlState.SYNTAX_ERROR,
                message + " at or near \"" + sql.substring(start, end) + "\"", start + 1);
    }
}
