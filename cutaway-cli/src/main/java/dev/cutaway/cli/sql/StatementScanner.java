package dev.cutaway.cli.sql;

import dev.cutaway.sql.parse.QuotedRegions;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds where statements end in the shell's query buffer, as psql's lexer does: at a
 * semicolon outside the quoted and commented regions {@link QuotedRegions} finds, and outside
 * parentheses. Whatever follows the last such semicolon stays in the
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
            QuotedRegions.Region region = QuotedRegions.at(buffer, i);
            if (!region.none()) {
                if (region.end() < 0) {
                    state = region.kind();
                    break;
                }
                i = region.end();
                continue;
            }
            char c = buffer.charAt(i);
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
            QuotedRegions.Region region = QuotedRegions.at(text, i);
            if (region.kind() == '-' || region.kind() == '*') {
                i = region.endOr(text.length());
            } else if (Character.isWhitespace(text.charAt(i))) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }
}
