package dev.cutaway.sql.catalog;

import java.util.List;

/**
 * An index of a table: a primary key, a UNIQUE constraint or a CREATE INDEX. The primary key
 * is the table's row key and has no entries of its own; every other index has its own key
 * prefix ({@code TupleEncoding.encode(id)}) holding one entry per row (ADR 0013).
 *
 * @param id the index's relation id (its key prefix); equal to the table id for the primary key
 * @param name the index (or constraint) name, e.g. {@code t_pkey}, {@code t_a_key}
 * @param columns ordinals of the indexed columns, in key order
 * @param unique whether two live rows may not share a non-null key
 * @param primary whether this is the primary key
 */
public record IndexDesc(long id, String name, List<Integer> columns, boolean unique,
        boolean primary) {
    public IndexDesc {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("an index has at least one column: " + name);
        }
    }
}
