package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;

/**
 * A compiled LIKE / ILIKE pattern: {@code _} matches one character, {@code %} any sequence
 * (including none), the escape character (default backslash; none when ESCAPE '') makes the
 * next character literal. The pattern is compiled into code points and two wildcard markers
 * and matched by a backtracking-free two-pointer scan (O(pattern x text) worst case, no
 * regular expressions, so no pattern can inject regex syntax or blow up exponentially).
 *
 * <p>Characters are Unicode code points; ILIKE compares code points after
 * {@link Character#toLowerCase(int)} on both sides. Errors as PostgreSQL: a pattern ending in
 * the escape character is 22025 {@code LIKE pattern must not end with escape character}; an
 * escape string longer than one character is 22025 {@code invalid escape string}. Like
 * PostgreSQL, a dangling escape is only an error when matching reaches it with text left
 * ({@code 'abc' LIKE 'abc\'} is false, {@code 'abcd' LIKE 'abc\'} an error).
 */
public final class LikeMatcher {
    private static final int ONE = -1;
    private static final int ANY = -2;
    private static final int DANGLING = -3;
    private final int[] pattern;
    private final boolean caseInsensitive;

    private LikeMatcher(int[] pattern, boolean caseInsensitive) {
        this.pattern = pattern;
        this.caseInsensitive = caseInsensitive;
    }

    /** Compiles {@code pattern} with the default escape (backslash). */
    public static LikeMatcher compile(String pattern, boolean caseInsensitive) {
        return compile(pattern, "\\", caseInsensitive);
    }

    /** Compiles {@code pattern}; {@code escape} is one character, or empty for none. */
    public static LikeMatcher compile(String pattern, String escape, boolean caseInsensitive) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string",
                    0, null, "Escape string must be empty or one character.", null);
        }
        int escapeChar = escape.isEmpty() ? -4 : escape.codePointAt(0);
        int[] codes = new int[pattern.length()];
        int n = 0;
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == escapeChar) {
                if (i >= pattern.length()) {
                    codes[n++] = DANGLING;
                    break;
                }
                int literal = pattern.codePointAt(i);
                i += Character.charCount(literal);
                codes[n++] = fold(literal, caseInsensitive);
            } else if (c == '%') {
                if (n == 0 || codes[n - 1] != ANY) {
                    codes[n++] = ANY;
                }
            } else if (c == '_') {
                codes[n++] = ONE;
            } else {
                codes[n++] = fold(c, caseInsensitive);
            }
        }
        return new LikeMatcher(java.util.Arrays.copyOf(codes, n), caseInsensitive);
    }

    private static int fold(int c, boolean caseInsensitive) {
        return caseInsensitive ? Character.toLowerCase(c) : c;
    }

    /** Whether {@code text} matches the whole pattern (no allocation per call). */
    public boolean matches(String text) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        int length = text.length();
        while (t < length) {
            int c = text.codePointAt(t);
            int width = Character.charCount(c);
            if (p < pattern.length && pattern[p] == DANGLING) {
                throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE,
                        "LIKE pattern must not end with escape character");
            }
            if (p < pattern.length && (pattern[p] == ONE
                    || pattern[p] == fold(c, caseInsensitive))) {
                p++;
                t += width;
            } else if (p < pattern.length && pattern[p] == ANY) {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                starT += Character.charCount(text.codePointAt(starT));
                t = starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY) {
            p++;
        }
        return p == pattern.length;
    }
}
