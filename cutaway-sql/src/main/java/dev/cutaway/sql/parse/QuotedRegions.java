package dev.cutaway.sql.parse;

/**
 * Where the quoted and commented regions of SQL text end, for tools that must find something
 * in SQL without parsing it: the shell looking for the semicolon that ends a statement, the
 * JDBC driver looking for {@code ?} placeholders. Knows PostgreSQL's lexical rules for string
 * literals ({@code '...'} with doubled quotes, {@code E'...'} with backslash escapes), quoted
 * identifiers ({@code "..."}), dollar quotes ({@code $tag$...$tag$}, where {@code $1} is a
 * parameter, not a quote, and a {@code $} inside a word belongs to the word), line comments and
 * nested block comments. Never fails: an unterminated region is reported as such, and judging
 * it is left to the parser. Pure and stateless.
 */
public final class QuotedRegions {
    /** No region starts at the index asked about. */
    public static final Region NONE = new Region('\0', -1);

    private QuotedRegions() {}

    /**
     * A quoted or commented region.
     *
     * @param kind {@code '\''} string literal, {@code '"'} quoted identifier, {@code '$'}
     *     dollar quote, {@code '*'} block comment, {@code '-'} line comment; {@code '\0'} none
     * @param end the index just after the region, or -1 when the text ends inside it
     */
    public record Region(char kind, int end) {
        public boolean none() {
            return kind == '\0';
        }

        /** The index after the region, or {@code length} when it runs to the end. */
        public int endOr(int length) {
            return end < 0 ? length : end;
        }
    }

    /** The region opening at index {@code i} of {@code sql}, or {@link #NONE}. */
    public static Region at(String sql, int i) {
        char c = sql.charAt(i);
        char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
        if ((c == 'E' || c == 'e') && next == '\'' && !wordBefore(sql, i)) {
            return new Region('\'', quoteEnd(sql, i + 2, '\'', true));
        }
        if (c == '\'' || c == '"') {
            return new Region(c, quoteEnd(sql, i + 1, c, false));
        }
        if (c == '-' && next == '-') {
            int eol = sql.indexOf('\n', i);
            return new Region('-', eol < 0 ? sql.length() : eol + 1);
        }
        if (c == '/' && next == '*') {
            return new Region('*', blockCommentEnd(sql, i));
        }
        if (c == '$' && !wordBefore(sql, i)) {
            String tag = dollarTag(sql, i);
            if (tag != null) {
                int close = sql.indexOf(tag, i + tag.length());
                return new Region('$', close < 0 ? -1 : close + tag.length());
            }
        }
        return NONE;
    }

    /** Whether {@code c} continues an identifier or keyword. */
    public static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean wordBefore(String s, int i) {
        return i > 0 && isWordChar(s.charAt(i - 1));
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

    /** Index after the (nested) block comment opening at {@code from}, or -1. */
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

    /** The {@code $tag$} opening at {@code i}, or null when this '$' opens none ({@code $1}). */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_'
                || (j > i + 1 && Character.isDigit(s.charAt(j))))) {
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
    }
}
