package dev.cutaway.sql.system;

import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.ForeignKeyDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.txn.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OIDs Cutaway's {@code pg_catalog} shows (ADR 0025), in one place so the catalog tables
 * and the helper functions ({@code pg_get_constraintdef(oid)}, {@code ::regclass}) agree.
 *
 * <p>Schemas: 11 {@code pg_catalog}, 2200 {@code public}, {@code information_schema}
 * 13000, others 16384 + their rank among the schemas holding relations. Relations
 * keep their catalog ids (all at least {@link Catalog#FIRST_ID}); an index is its
 * {@code Relation.Index} companion's id, except a primary key's, which shares its table's id
 * (the key is the table's row key) and shows as {@code PRIMARY_KEY_BASE + id}.
 * Constraints: a primary key or UNIQUE constraint
 * shares its index's OID (constraint and relation OIDs are separate spaces in PostgreSQL
 * too); CHECK number k of table t is {@code CONSTRAINT_BASE + t * 1000 + k} and FOREIGN KEY
 * number k is the same plus 500, so the OID alone finds the constraint again.
 */
public final class PgOids {
    public static final long PG_CATALOG = 11;
    public static final long PUBLIC = 2200;
    public static final long INFORMATION_SCHEMA = 13_000;
    /** Where check and foreign-key constraint OIDs start. */
    public static final long CONSTRAINT_BASE = 1_000_000_000L;
    /** Where primary-key index OIDs start (above every constraint OID). */
    public static final long PRIMARY_KEY_BASE = 4_000_000_000_000L;
    static final int FOREIGN_KEY_OFFSET = 500;
    /** PostgreSQL's OIDs of the catalogs that {@code pg_depend} and friends refer to. */
    public static final Map<String, Long> CATALOG_TABLES = Map.of("pg_class", 1259L,
            "pg_type", 1247L, "pg_attribute", 1249L, "pg_namespace", 2615L,
            "pg_constraint", 2606L, "pg_index", 2610L, "pg_attrdef", 2604L);
    static final int PER_TABLE = 1000;

    private PgOids() {}

    /** The schemas to list: the fixed ones, then those holding relations, in order. */
    public static List<String> schemas(List<Relation> relations) {
        Set<String> names = new LinkedHashSet<>(List.of("pg_catalog", "public",
                "information_schema"));
        for (Relation r : relations) {
            names.add(r.schema());
        }
        return new ArrayList<>(names);
    }

    public static List<String> schemas(Transaction txn) {
        return schemas(Catalog.all(txn));
    }

    /** The OID of schema {@code name} among {@code schemas}. */
    public static long schema(List<String> schemas, String name) {
        return switch (name) {
            case "pg_catalog" -> PG_CATALOG;
            case "public" -> PUBLIC;
            case "information_schema" -> INFORMATION_SCHEMA;
            default -> 16_384L + schemas.indexOf(name);
        };
    }

    /** The OID of table {@code t}'s index named {@code name}: its companion relation's. */
    public static long index(List<Relation> relations, Relation.Table t, String name) {
        if (name.equals(t.primaryKeyName()) && t.hasPrimaryKey()) {
            return PRIMARY_KEY_BASE + t.id();
        }
        for (Relation r : relations) {
            if (r instanceof Relation.Index i && i.schema().equals(t.schema())
                    && i.name().equals(name)) {
                return i.id();
            }
        }
        return t.id();
    }

    /** The OID pg_class shows for {@code r}: its id, or a primary key index's own OID. */
    public static long relation(List<Relation> relations, Relation r) {
        if (r instanceof Relation.Index i) {
            for (Relation other : relations) {
                // A primary key's index companion has its table's id (ADR 0013).
                if (other instanceof Relation.Table t && t.id() == i.id()) {
                    return PRIMARY_KEY_BASE + i.id();
                }
            }
        }
        return r.id();
    }

    public static long check(Relation.Table t, int k) {
        return CONSTRAINT_BASE + t.id() * PER_TABLE + k;
    }

    public static long foreignKey(Relation.Table t, int k) {
        return check(t, FOREIGN_KEY_OFFSET + k);
    }

    /** Every index of {@code t}, the primary key first (as an IndexDesc named like it). */
    public static List<IndexDesc> indexes(Relation.Table t) {
        List<IndexDesc> out = new ArrayList<>();
        if (t.hasPrimaryKey()) {
            out.add(new IndexDesc(t.id(), t.primaryKeyName(), t.primaryKey(), true, true));
        }
        for (IndexDesc i : t.indexes()) {
            if (!i.primary()) {
                out.add(i);
            }
        }
        return out;
    }

    /** The relation whose pg_class OID is {@code oid}, or null. */
    static Relation byId(List<Relation> relations, long oid) {
        for (Relation r : relations) {
            if (relation(relations, r) == oid) {
                return r;
            }
        }
        return null;
    }

    /** Whether foreign key {@code k} exists: {@code t.foreignKeys()} has that many. */
    static ForeignKeyDesc foreignKeyAt(Relation.Table t, int k) {
        return k < t.foreignKeys().size() ? t.foreignKeys().get(k) : null;
    }
}
