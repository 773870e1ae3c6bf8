package dev.cutaway.sql.types;

/**
 * What the catalog helper functions ({@code pg_get_indexdef}, {@code pg_get_constraintdef},
 * the {@code ::regclass}-style casts, ...) may ask about the database they run in, by OID.
 * The SQL engine supplies one per statement (reading the statement's transaction, so it sees
 * the same catalog as the statement's scans); {@link #NONE} knows no objects.
 *
 * <p>OIDs are PostgreSQL-shaped (ADR 0025): relations (tables, views, sequences, indexes)
 * keep their catalog ids, constraints of a primary key or UNIQUE share their index's id,
 * other constraints get ids of their own, schemas and types have fixed ones.
 */
public interface CatalogLookup {
    /** A lookup without objects: every name is unknown, every definition null. */
    CatalogLookup NONE = new CatalogLookup() {};

    /** The relation's name as {@code regclass} prints it (qualified off the path), or null. */
    default String relationName(long oid) {
        return null;
    }

    /** The OID of the relation {@code name} ({@code [schema.]name}), or -1 when none. */
    default long relationOid(String name) {
        return -1;
    }

    /** The schema's name, or null. */
    default String schemaName(long oid) {
        return null;
    }

    /** The OID of the schema {@code name}, or -1 when none. */
    default long schemaOid(String name) {
        return -1;
    }

    /** {@code CREATE [UNIQUE] INDEX ...} for the index, or null when none. */
    default String indexDefinition(long oid) {
        return null;
    }

    /** The {@code column}th (1-based) key column of the index, as pg_get_indexdef gives it. */
    default String indexColumn(long oid, int column) {
        return null;
    }

    /** The constraint's definition ({@code PRIMARY KEY (id)}, ...), or null when none. */
    default String constraintDefinition(long oid) {
        return null;
    }
}
