package dev.cutaway.cli.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds where statements end in the shell's query buffer, as psql's lexer does: at a
 * semicolon outside string literals ({@code '...'}, {@code E'...'} with backslash escapes),
 * quoted identifiers, dollar quotes ({@code $tag$...$tag$}), line comments and (nested) block
 * comments, and outside parentheses. Whatever follows the last such semicolon stays in the
 * buffer, and {@link #scan} reports what it is still inside of, for the continuation prompt
 * ({@code cutaway->}, {@code cutaway'>}, {@code cutaway(>} ...).
 *
 * <p>It only splits; it never judges SQL (the parser does that when the statement runs), so a
 * stray closing parenthesis is ignored rather than refused. Pure and stateless.
 */
public final class StatementScanner {
    private StatementScanner() {}

    /**
     * The complete statements of {@code buffer} (each without its semicolon, leading whitespace
     * removed, blank or comment-only ones dropped), what is left, and the state at its end.
     *
     * @param statements the complete statements in order
     * @param rest the text after the last statement-ending semicolon
     * @param state where the rest ends: {@code '-'} plain text, {@code '\''} in a string,
     *     {@code '"'} in a quoted identifier, {@code '$'} in a dollar quote, {@code '*'} in a
     *     block comment, {@code '('} inside parentheses
     */
    public record Scan(List<String> statements, String rest, char state) {
        /** Whether the rest holds nothing but white space and comments. */
        public boolean restIsBlank() {
            return state != '\'' && state != '"' && state != '$' && state != '('
                    && blank(rest);
        }
    }

    public static Scan scan(String buffer) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int depth = 0;
        int i = 0;
        int n = buffer.length();
        char state = '-';
        while (i < n) {
            char c = buffer.charAt(i);
            char next = i + 1 < n ? buffer.charAt(i + 1) : 0;
            if (c == '-' && next == '-') {
                int eol = buffer.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && next == '*') {
                int end = blockCommentEnd(buffer, i);
                if (end < 0) {
                    state = '*';
                    break;
                }
                i = end;
            } else if (c == '\'' || c == '"') {
                boolean escapes = c == '\'' && i > 0 && isEscapePrefix(buffer, i);
                int end = quoteEnd(buffer, i + 1, c, escapes);
                if (end < 0) {
                    state = c;
                    break;
                }
                i = end;
            } else if (c == '$' && dollarTag(buffer, i) != null && !partOfWord(buffer, i)) {
                String tag = dollarTag(buffer, i);
                int close = buffer.indexOf(tag, i + tag.length());
                if (close < 0) {
                    state = '$';
                    break;
                }
                i = close + tag.length();
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')' && depth > 0) {
                    depth--;
                } else if (c == ';' && depth == 0) {
                    addStatement(statements, buffer.substring(start, i));
                    start = i + 1;
                }
                i++;
            }
        }
        if (state == '-' && depth > 0) {
            state = '(';
        }
        return new Scan(statements, buffer.substring(Math.min(start, n)), state);
    }

    private static void addStatement(List<String> statements, String text) {
        if (!blank(text)) {
            statements.add(text.stripLeading());
        }
    }

    /** Whether {@code text} is only white space and comments. */
    static boolean blank(String text) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (text.startsWith("--", i)) {
                int eol = text.indexOf('\n', i);
                i = eol < 0 ? text.length() : eol + 1;
            } else if (text.startsWith("/*", i)) {
                int end = blockCommentEnd(text, i);
                i = end < 0 ? text.length() : end;
            } else {
                return false;
            }
        }
        return true;
    }

    /** Index after the block comment opening at {@code from}, or -1 if unterminated. */
    private static int blockCommentEnd(String s, int from) {
        int depth = 0;
        int i = from;
        while (i < s.length() - 1) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Index after the closing quote (a doubled quote stays inside), or -1. */
    private static int quoteEnd(String s, int from, char quote, boolean backslashEscapes) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Whether the quote at {@code i} opens an {@code E'...'} string. */
    private static boolean isEscapePrefix(String s, int i) {
        char p = s.charAt(i - 1);
        return (p == 'e' || p == 'E') && (i < 2 || !isWordChar(s.charAt(i - 2)));
    }

    /** The {@code $tag$} opening at {@code i}, or null when this '$' opens none. */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(s.charAt(j))))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
    }

    /** A '$' right after a word character is part of an identifier or a parameter, not a quote. */
    private static boolean partOfWord(String s, int i) {
        return i > 0 && isWordChar(s.charAt(i - 1));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
