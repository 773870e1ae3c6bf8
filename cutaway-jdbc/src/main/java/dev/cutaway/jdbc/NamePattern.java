package dev.cutaway.jdbc;

/**
 * JDBC metadata name patterns: {@code %} matches any run of characters, {@code _} one
 * character, a backslash escapes the next character; a null pattern matches everything.
 * Matching is exact in case (identifiers are stored folded to lower case, as in PostgreSQL).
 */
final class NamePattern {
    private NamePattern() {}

    static boolean matches(String pattern, String name) {
        return pattern == null || match(pattern, 0, name, 0);
    }

    /** Backtracks only at {@code %}; patterns are short, so the cost is bounded in practice. */
    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '%') {
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (c == '\\' && pi + 1 < p.length()) {
                pi++;
                c = p.charAt(pi);
            } else if (c == '_') {
                if (si >= s.length()) {
                    return false;
                }
                pi++;
                si++;
                continue;
            }
            if (si >= s.length() || s.charAt(si) != c) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
