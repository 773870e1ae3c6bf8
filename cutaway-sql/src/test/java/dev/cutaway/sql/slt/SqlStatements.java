package dev.cutaway.sql.slt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a record's SQL at top-level semicolons, so a {@code statement} record holding two
 * statements ({@code INSERT ...;\nDROP INDEX ...;} in evidence/slt_lang_aggfunc.test) runs both.
 * Semicolons inside {@code '...'} strings, {@code "..."} identifiers, {@code --} line comments
 * and {@code /* *}{@code /} block comments do not split. Pieces that are only white space are
 * dropped, and each piece is stripped. A trailing semicolon therefore disappears. SQLite's
 * {@code CREATE TRIGGER ... BEGIN ...; END} is one statement: semicolons between its {@code
 * BEGIN} and {@code END} do not split.
 */
final class SqlStatements {
    private static final Pattern OPEN_TRIGGER = Pattern.compile(
            "^\\s*CREATE\\s+(TEMP\\w*\\s+)?TRIGGER\\b.*\\bBEGIN\\b(?!.*\\bEND\\s*$)",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private SqlStatements() {}

    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == ';' && OPEN_TRIGGER.matcher(sql.substring(start, i)).find()) {
                i++;
            } else if (c == ';') {
                add(out, sql.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        add(out, sql.substring(start));
        return out;
    }

    /** Index just past the quoted text opening at {@code open}; a doubled quote is escaped. */
    private static int skipQuoted(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    private static void add(List<String> out, String piece) {
        if (!piece.isBlank()) {
            out.add(piece.strip());
        }
    }
}
