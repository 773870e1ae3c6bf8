package dev.cutaway.server;

import dev.cutaway.sql.catalog.RoleDesc;
import dev.cutaway.sql.catalog.ScramVerifier;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Session;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;

/**
 * The server's view of the catalog's roles ({@code dev.cutaway.sql.catalog.Roles}): looked up
 * at each login in a read-only snapshot, so CREATE/ALTER ROLE take effect for the next
 * connection. A data directory without roles gets the superuser {@code postgres} (LOGIN, no
 * password) when the server starts, as PostgreSQL's initdb creates it.
 */
final class Roles {
    /** One role as authentication needs it; {@code verifier} null without a password. */
    record Role(String name, boolean login, boolean superuser, ScramVerifier verifier) {}

    private final Database db;

    Roles(Database db) {
        this.db = db;
    }

    void bootstrap() {
        boolean empty;
        try (Transaction t = db.txnStore().begin(Isolation.REPEATABLE_READ, true)) {
            empty = dev.cutaway.sql.catalog.Roles.all(t).isEmpty();
        }
        if (empty) {
            try (Session s = db.newSession()) {
                s.executeOne("CREATE ROLE " + dev.cutaway.sql.catalog.Roles.BOOTSTRAP_SUPERUSER
                        + " SUPERUSER LOGIN");
            }
        }
    }

    /** The role named {@code name}, or null. */
    Role find(String name) {
        RoleDesc d;
        try (Transaction t = db.txnStore().begin(Isolation.REPEATABLE_READ, true)) {
            d = dev.cutaway.sql.catalog.Roles.find(t, name);
        }
        if (d == null) {
            return null;
        }
        ScramVerifier v = null;
        if (d.verifier() != null) {
            try {
                v = ScramVerifier.parse(d.verifier());
            } catch (IllegalArgumentException e) {
                v = null;   // an unreadable verifier admits no password
            }
        }
        return new Role(d.name(), d.login(), d.superuser(), v);
    }
}
