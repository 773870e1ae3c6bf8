package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.catalog.RoleDesc;
import dev.cutaway.sql.catalog.Roles;
import dev.cutaway.sql.catalog.ScramVerifier;
import dev.cutaway.txn.Transaction;

/**
 * CREATE / ALTER / DROP ROLE against the catalog's roles. A password is turned into its
 * SCRAM-SHA-256 verifier here, at once; only the verifier reaches the catalog (and so the
 * log). There are no privileges yet: any session may manage roles.
 */
final class RoleDdl {
    private RoleDdl() {}

    static Result run(Statement.RoleStatement r, Transaction txn) {
        RoleDesc existing = Roles.find(txn, r.name());
        return switch (r.action()) {
            case CREATE -> {
                if (existing != null) {
                    throw new SqlException(SqlState.DUPLICATE_OBJECT, "role \"" + r.name()
                            + "\" already exists", r.position());
                }
                Roles.put(txn, new RoleDesc(r.name(), Boolean.TRUE.equals(r.login()),
                        Boolean.TRUE.equals(r.superuser()), verifier(r, null)));
                yield Result.command("CREATE ROLE");
            }
            case ALTER -> {
                RoleDesc role = require(existing, r);
                Roles.put(txn, new RoleDesc(role.name(),
                        r.login() == null ? role.login() : r.login(),
                        r.superuser() == null ? role.superuser() : r.superuser(),
                        verifier(r, role.verifier())));
                yield Result.command("ALTER ROLE");
            }
            case DROP -> {
                if (existing == null && !r.ifExists()) {
                    require(null, r);
                }
                if (existing != null) {
                    Roles.remove(txn, r.name());
                }
                yield Result.command("DROP ROLE");
            }
        };
    }

    private static RoleDesc require(RoleDesc role, Statement.RoleStatement r) {
        if (role == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + r.name()
                    + "\" does not exist", r.position());
        }
        return role;
    }

    private static String verifier(Statement.RoleStatement r, String current) {
        if (r.passwordNull()) {
            return null;
        }
        if (r.password() == null) {
            return current;
        }
        if (r.password().isEmpty()) {
            return null;   // PostgreSQL: an empty password is treated as no password
        }
        return ScramVerifier.derive(r.password()).text();
    }
}
