package dev.cutaway.sql.catalog;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.txn.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Roles in the catalog, read and written through a transaction like every catalog entry
 * (so CREATE ROLE is transactional). Key and value:
 * <pre>
 *   (0, "role", name) → (login 0/1, superuser 0/1, verifier text or "", name)
 * </pre>
 * Only verifiers are stored ({@link ScramVerifier}), never a password.
 */
public final class Roles {
    /** The superuser a new data directory starts with, as PostgreSQL's initdb makes it. */
    public static final String BOOTSTRAP_SUPERUSER = "postgres";

    private Roles() {}

    private static byte[] key(String name) {
        return TupleEncoding.encode(0L, "role", name);
    }

    /** The role named {@code name}, or null. */
    public static RoleDesc find(Transaction txn, String name) {
        try {
            byte[] v = txn.get(key(name));
            return v == null ? null : decode(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void put(Transaction txn, RoleDesc role) {
        try {
            txn.put(key(role.name()), TupleEncoding.encode(role.login() ? 1L : 0L,
                    role.superuser() ? 1L : 0L, role.verifier() == null ? "" : role.verifier(),
                    role.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void remove(Transaction txn, String name) {
        try {
            txn.delete(key(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every role, by name. */
    public static List<RoleDesc> all(Transaction txn) {
        byte[] prefix = TupleEncoding.encode(0L, "role");
        List<RoleDesc> out = new ArrayList<>();
        try (KvCursor c = txn.scan(prefix, TupleEncoding.prefixEnd(prefix),
                true)) {
            while (c.next()) {
                out.add(decode(c.value()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static RoleDesc decode(byte[] value) {
        List<Object> v = TupleEncoding.decode(value);
        String verifier = (String) v.get(2);
        return new RoleDesc((String) v.get(3), (Long) v.get(0) == 1L, (Long) v.get(1) == 1L,
                verifier.isEmpty() ? null : verifier);
    }
}
