package dev.cutaway.jdbc;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A parsed driver URL: {@code jdbc:cutaway:mem:} (a database private to its connection),
 * {@code jdbc:cutaway:mem:NAME} (shared in the JVM by name) or {@code jdbc:cutaway:file:DIR}
 * (shared in the JVM by absolute directory). Anything after a {@code ;} or {@code ?} is
 * ignored (no URL properties yet).
 *
 * @param location the name (NAMED_MEMORY), the absolute normalized directory (FILE), or ""
 */
record CutawayUrl(Kind kind, String location) {
    static final String PREFIX = "jdbc:cutaway:";

    enum Kind { PRIVATE_MEMORY, NAMED_MEMORY, FILE }

    static boolean accepts(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    static CutawayUrl parse(String url) throws SQLException {
        if (!accepts(url)) {
            throw new SQLException("not a Cutaway URL: " + url, "08001");
        }
        String rest = url.substring(PREFIX.length());
        int cut = indexOfAny(rest);
        if (cut >= 0) {
            rest = rest.substring(0, cut);
        }
        if (rest.startsWith("mem:")) {
            String name = rest.substring("mem:".length());
            return name.isEmpty() ? new CutawayUrl(Kind.PRIVATE_MEMORY, "")
                    : new CutawayUrl(Kind.NAMED_MEMORY, name);
        }
        if (rest.startsWith("file:") && rest.length() > "file:".length()) {
            String dir = Path.of(rest.substring("file:".length())).toAbsolutePath().normalize()
                    .toString();
            return new CutawayUrl(Kind.FILE, dir);
        }
        throw new SQLException("bad Cutaway URL (want jdbc:cutaway:mem:[NAME] or"
                + " jdbc:cutaway:file:DIR): " + url, "08001");
    }

    private static int indexOfAny(String s) {
        int semicolon = s.indexOf(';');
        int question = s.indexOf('?');
        if (semicolon < 0) {
            return question;
        }
        return question < 0 ? semicolon : Math.min(semicolon, question);
    }

    /** The registry key: kinds never collide because the kind is part of it. */
    String key() {
        return kind + ":" + location;
    }
}
