package dev.cutaway.sql.catalog;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.txn.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL catalog, stored in the KV store and read and written through the session's
 * {@link Transaction}, so DDL is transactional: a CREATE TABLE rolled back never existed, and
 * concurrent transactions see the catalog of their snapshot (ADR 0013).
 *
 * <p>Keys (all under relation id 0, which no table uses):
 * <pre>
 *   (0, "rel", schema, name)   a {@link Relation} ({@link CatalogCodec})
 *   (0, "schema", name)        a schema (value: its name)
 * </pre>
 * Relation ids ({@link #nextId}) are never reused, so the rows of a dropped table (left
 * behind, see ADR 0013) can never reappear in a new one.
 *
 * <p>Invariants: (1) a name is bound to at most one relation per schema; (2) every index name
 * entry points at a table whose descriptor lists that index; (3) ids grow.
 */
public final class Catalog {
    /** Relation ids below this are reserved for the catalog and the system. */
    public static final long FIRST_ID = 1000;
    public static final String DEFAULT_SCHEMA = "public";
    private static final byte[] PREFIX = TupleEncoding.encode(0L);
    /** The sequence relation ids are drawn from (its id, 1, is below every relation id). */
    private static final Relation.Sequence RELATION_IDS = new Relation.Sequence(1, "pg_catalog",
            "relation_ids", FIRST_ID, 1, FIRST_ID, Long.MAX_VALUE, false, null);

    private Catalog() {}

    private static byte[] relKey(String schema, String name) {
        return TupleEncoding.encode(0L, "rel", schema, name);
    }

    /**
     * The key table locks of {@code schema.name} are taken on (ADR 0036): its catalog key, which
     * DDL writes and so holds exclusively anyway.
     */
    public static byte[] lockKey(String schema, String name) {
        return relKey(schema, name);
    }

    private static byte[] schemaKey(String name) {
        return TupleEncoding.encode(0L, "schema", name);
    }

    /** The relation {@code schema.name} this transaction sees, or null. */
    public static Relation lookup(Transaction txn, String schema, String name) {
        try {
            byte[] v = txn.get(relKey(schema, name));
            return v == null ? null : CatalogCodec.decode(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the schema exists ({@code public} always does). */
    public static boolean schemaExists(Transaction txn, String name) {
        if (name.equals(DEFAULT_SCHEMA)) {
            return true;
        }
        try {
            return txn.get(schemaKey(name)) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void createSchema(Transaction txn, String name) {
        try {
            txn.put(schemaKey(name), TupleEncoding.encode(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a new relation; 42P07 if the name is taken. */
    public static void create(Transaction txn, Relation relation) {
        if (lookup(txn, relation.schema(), relation.name()) != null) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + relation.name()
                    + "\" already exists");
        }
        put(txn, relation);
    }

    /** Replaces a relation's descriptor (same schema and name). */
    public static void put(Transaction txn, Relation relation) {
        try {
            txn.put(relKey(relation.schema(), relation.name()), CatalogCodec.encode(relation));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a relation's name entry. */
    public static void remove(Transaction txn, Relation relation) {
        try {
            txn.delete(relKey(relation.schema(), relation.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Allocates a relation id. Ids come from a sequence outside transactions (as PostgreSQL's
     * OIDs), so an id is never handed out twice, not even after a rollback: a table's key
     * prefix and key-space mapping can never be inherited by another table.
     */
    public static long nextId(Sequences sequences) {
        return sequences.next(RELATION_IDS);
    }

    /** Every relation this transaction sees, in key order (schema, name). */
    public static List<Relation> all(Transaction txn) {
        List<Relation> out = new ArrayList<>();
        byte[] low = TupleEncoding.encode(0L, "rel");
        try (KvCursor c = txn.scan(low, TupleEncoding.prefixEnd(low), true)) {
            while (c.next()) {
                out.add(CatalogCodec.decode(c.value()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The key prefix of everything under relation {@code id}. */
    public static byte[] prefixOf(long id) {
        return TupleEncoding.encode(id);
    }

    static byte[] catalogPrefix() {
        return PREFIX.clone();
    }
}
