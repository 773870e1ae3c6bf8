package dev.cutaway.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * A lexical scan of statement text, just enough for the driver: where the {@code ?}
 * placeholders are, and whether a word occurs as a keyword, both outside string literals
 * ({@code '...'}, {@code E'...'} with backslash escapes), quoted identifiers ({@code "..."}),
 * dollar-quoted strings ({@code $tag$...$tag$}) and comments ({@code -- ...},
 * nested {@code /* ... * /}). It never fails: unterminated quotes run to the end of the text,
 * and the engine reports them when the statement runs.
 */
final class SqlText {
    private SqlText() {}

    /** The pieces of {@code sql} between placeholders: placeholders().size() + 1 pieces. */
    static List<String> splitAtPlaceholders(String sql) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < sql.length()) {
            int skipped = skipQuotedOrComment(sql, i);
            if (skipped > i) {
                i = skipped;
            } else if (sql.charAt(i) == '?') {
                pieces.add(sql.substring(start, i));
                start = i + 1;
                i++;
            } else {
                i++;
            }
        }
        pieces.add(sql.substring(start));
        return pieces;
    }

    /** The words of {@code sql} outside quotes and comments, lower-cased, in order. */
    static List<String> words(String sql) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            int skipped = skipQuotedOrComment(sql, i);
            if (skipped > i) {
                i = skipped;
                continue;
            }
            char c = sql.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end))
                        || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
                    end++;
                }
                words.add(sql.substring(i, end).toLowerCase(java.util.Locale.ROOT));
                i = end;
            } else {
                i++;
            }
        }
        return words;
    }

    /** The index after the literal/identifier/comment starting at {@code i}, or {@code i}. */
    private static int skipQuotedOrComment(String sql, int i) {
        char c = sql.charAt(i);
        boolean escaped = (c == 'E' || c == 'e') && i + 1 < sql.length()
                && sql.charAt(i + 1) == '\'' && (i == 0 || !isWordChar(sql.charAt(i - 1)));
        if (escaped) {
            return skipQuoted(sql, i + 1, '\'', true);
        }
        if (c == '\'' || c == '"') {
            return skipQuoted(sql, i, c, false);
        }
        if (c == '-' && sql.startsWith("--", i)) {
            int end = sql.indexOf('\n', i);
            return end < 0 ? sql.length() : end + 1;
        }
        if (c == '/' && sql.startsWith("/*", i)) {
            return skipBlockComment(sql, i);
        }
        if (c == '$' && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
            return skipDollarQuoted(sql, i);
        }
        return i;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipQuoted(String sql, int open, char quote, boolean backslashes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;   // a doubled quote stands for itself
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int skipBlockComment(String sql, int open) {
        int depth = 0;
        int i = open;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    private static int skipDollarQuoted(String sql, int open) {
        int tagEnd = open + 1;
        while (tagEnd < sql.length() && (Character.isLetterOrDigit(sql.charAt(tagEnd))
                || sql.charAt(tagEnd) == '_')) {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$'
                || (tagEnd > open + 1 && Character.isDigit(sql.charAt(open + 1)))) {
            return open;   // $1 or a lone $: not a dollar quote
        }
        String tag = sql.substring(open, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }
}
