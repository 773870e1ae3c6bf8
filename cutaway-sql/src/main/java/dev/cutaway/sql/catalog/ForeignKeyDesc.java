package dev.cutaway.sql.catalog;

import java.util.List;

/**
 * A FOREIGN KEY constraint, stored on the referencing (child) table's descriptor (ADR 0016).
 * The referenced (parent) table lists the child in {@link Relation.Table#referencedBy()} so a
 * write to the parent finds the constraints it must honour without reading the whole catalog.
 *
 * <p>Invariants: {@code columns} and {@code refColumns} have the same length (at least one);
 * {@code refColumns}, as a set, are the parent's primary key or one of its unique indexes
 * (checked at creation; DROP INDEX / DROP COLUMN refuse to break it); the child's and the
 * parent's column types are comparable (same type, or both integer, float or string types).
 * Ordinals follow ALTER TABLE DROP COLUMN (shifted like index ordinals).
 *
 * @param name the constraint name ({@code c_a_fkey} when not given)
 * @param columns ordinals of the referencing columns in the child
 * @param refSchema the parent's schema
 * @param refTable the parent's name (kept current by ALTER TABLE RENAME)
 * @param refColumns ordinals of the referenced columns in the parent, pairwise with columns
 * @param onDelete what a DELETE of a referenced parent row does
 * @param onUpdate what an UPDATE of a referenced parent key does
 */
public record ForeignKeyDesc(String name, List<Integer> columns, String refSchema,
        String refTable, List<Integer> refColumns, Action onDelete, Action onUpdate) {

    /** Referential actions; NO ACTION checks at the end of the statement, RESTRICT at once. */
    public enum Action { NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT }

    /** A table holding foreign keys that reference the table listing it. */
    public record Referrer(String schema, String table) {}

    public ForeignKeyDesc {
        columns = List.copyOf(columns);
        refColumns = List.copyOf(refColumns);
        if (columns.isEmpty() || columns.size() != refColumns.size()) {
            throw new IllegalArgumentException("foreign key " + name + ": " + columns + " -> "
                    + refColumns);
        }
    }

    /** Whether this key references {@code schema.table}. */
    public boolean references(String schema, String table) {
        return refSchema.equals(schema) && refTable.equals(table);
    }

    public ForeignKeyDesc withRefTable(String table) {
        return new ForeignKeyDesc(name, columns, refSchema, table, refColumns, onDelete,
                onUpdate);
    }

    public ForeignKeyDesc withColumns(List<Integer> newColumns, List<Integer> newRefColumns) {
        return new ForeignKeyDesc(name, newColumns, refSchema, refTable, newRefColumns,
                onDelete, onUpdate);
    }
}
