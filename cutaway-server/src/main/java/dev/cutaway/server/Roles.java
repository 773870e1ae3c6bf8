package dev.cutaway.server;

import dev.cutaway.sql.engine.Database;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roles clients log in as. A new data directory starts with the superuser {@code
 * postgres}, as PostgreSQL's initdb creates it, so clients' defaults work.
 */
final class Roles {
    /** One role: whether it may log in, whether it is a superuser, and its SCRAM verifier
     *  (null: no password set). */
    record Role(String name, boolean login, boolean superuser, Scram.Verifier verifier) {}

    private final Map<String, Role> roles = new ConcurrentHashMap<>();

    Roles(Database db) {
    }

    void bootstrap() {
        roles.putIfAbsent("postgres", new Role("postgres", true, true, null));
    }

    /** The role named {@code name}, or null. */
    Role find(String name) {
        return roles.get(name);
    }
}
