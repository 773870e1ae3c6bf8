package dev.cutaway.sql.types;

import static dev.cutaway.sql.types.TypeId.BOOLEAN;
import static dev.cutaway.sql.types.TypeId.TEXT;

import dev.cutaway.sql.SqlException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PostgreSQL's regular-expression match operators on text: {@code ~} (matches), {@code ~*}
 * (matches, case-insensitive), {@code !~} and {@code !~*} (negations); an unanchored search,
 * as PostgreSQL's. Patterns are Java regular expressions, which agree with PostgreSQL's
 * advanced regular expressions on the common subset (anchors, classes, groups, alternation,
 * quantifiers — what psql's meta-commands send); an invalid one is 2201B. Compiled patterns
 * are cached (at most {@link #CACHED_MAX}, then the cache is cleared).
 */
final class RegexOperators {
    static final int CACHED_MAX = 256;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private RegexOperators() {}

    static void register(OperatorsDateTime.Registrar r) {
        r.add("~", TEXT, TEXT, BOOLEAN, (c, a, b) -> find(a, b, false));
        r.add("!~", TEXT, TEXT, BOOLEAN, (c, a, b) -> !find(a, b, false));
        r.add("~*", TEXT, TEXT, BOOLEAN, (c, a, b) -> find(a, b, true));
        r.add("!~*", TEXT, TEXT, BOOLEAN, (c, a, b) -> !find(a, b, true));
    }

    private static boolean find(Object text, Object pattern, boolean ignoreCase) {
        String key = (ignoreCase ? "i:" : "c:") + pattern;
        Pattern p = CACHE.get(key);
        if (p == null) {
            try {
                p = Pattern.compile((String) pattern, ignoreCase
                        ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            } catch (PatternSyntaxException e) {
                throw new SqlException("2201B", "invalid regular expression: "
                        + e.getDescription());
            }
            if (CACHE.size() >= CACHED_MAX) {
                CACHE.clear();
            }
            CACHE.put(key, p);
        }
        return p.matcher((String) text).find();
    }
}
