package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The compiled LIKE matcher against a direct recursive reading of the definition (exponential,
 * fine for short strings): {@code %} matches any sequence, {@code _} one character, an escaped
 * character itself. Alphabets are tiny so that matches are frequent.
 */
class LikePropertiesTest {
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab\\%_\uD83D\uDE00").ofMaxLength(7);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("ab%_\\\uD83D\uDE00").ofMaxLength(6)
                .filter(p -> !endsWithDanglingEscape(p));
    }

    private static boolean endsWithDanglingEscape(String p) {
        boolean escaped = false;
        for (int i = 0; i < p.length(); i++) {
            escaped = !escaped && p.charAt(i) == '\\';
        }
        return escaped;
    }

    @Property(tries = 5000)
    void matcherAgreesWithReference(@ForAll("texts") String text,
            @ForAll("patterns") String pattern) {
        int[] t = text.codePoints().toArray();
        int[] p = pattern.codePoints().toArray();
        boolean expected = reference(t, 0, p, 0);
        assertThat(LikeMatcher.compile(pattern, false).matches(text))
                .as("'%s' LIKE '%s'", text, pattern).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void ilikeIsLikeOnLowerCase(@ForAll("texts") String text,
            @ForAll("patterns") String pattern) {
        String upper = text.toUpperCase(java.util.Locale.ROOT);
        assertThat(LikeMatcher.compile(pattern, true).matches(upper))
                .isEqualTo(LikeMatcher.compile(pattern, false).matches(text));
    }

    private static boolean reference(int[] t, int i, int[] p, int j) {
        if (j == p.length) {
            return i == t.length;
        }
        int c = p[j];
        if (c == '%') {
            for (int k = i; k <= t.length; k++) {
                if (reference(t, k, p, j + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (c == '\\') {
            return i < t.length && t[i] == p[j + 1] && reference(t, i + 1, p, j + 2);
        }
        if (c == '_') {
            return i < t.length && reference(t, i + 1, p, j + 1);
        }
        return i < t.length && t[i] == c && reference(t, i + 1, p, j + 1);
    }
}
