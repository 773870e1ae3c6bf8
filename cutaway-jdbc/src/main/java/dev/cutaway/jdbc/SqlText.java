package dev.cutaway.jdbc;

import dev.cutaway.sql.parse.QuotedRegions;
import java.util.ArrayList;
import java.util.List;

/**
 * A lexical scan of statement text, just enough for the driver: where the {@code ?}
 * placeholders are, and whether a word occurs as a keyword, both outside string literals
 * ({@code '...'}, {@code E'...'} with backslash escapes), quoted identifiers ({@code "..."}),
 * dollar-quoted strings ({@code $tag$...$tag$}) and comments ({@code -- ...},
 * nested {@code /* ... * /}), as {@link QuotedRegions} finds them. It never fails: unterminated
 * quotes run to the end of the text, and the engine reports them when the statement runs.
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
        QuotedRegions.Region region = QuotedRegions.at(sql, i);
        return region.none() ? i : region.endOr(sql.length());
    }
}
