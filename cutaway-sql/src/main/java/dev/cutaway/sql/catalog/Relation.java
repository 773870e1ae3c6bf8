package dev.cutaway.sql.catalog;

import dev.cutaway.sql.types.SqlType;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A named object of a schema's relation namespace (PostgreSQL's {@code pg_class}): tables,
 * views, sequences and indexes share one namespace per schema, so a name identifies one of them.
 */
public sealed interface Relation permits Relation.Table, Relation.View, Relation.Sequence,
        Relation.Index {

    long id();

    String schema();

    String name();

    /** The kind as PostgreSQL's error messages name it. */
    String kindName();

    /**
     * A table.
     *
     * @param primaryKey column ordinals of the primary key; empty when the table has none and
     *     rows are keyed by a hidden row id drawn from {@code rowIdSequence}
     * @param indexes every index except the primary key
     * @param space the key space (storage engine) holding the rows, 0 for the default
     * @param engine the engine named in {@code WITH (engine = ...)}, or null
     * @param foreignKeys this table's FOREIGN KEY constraints (ADR 0016)
     * @param referencedBy the tables (possibly this one) whose foreign keys reference this
     *     table, each once
     */
    record Table(long id, String schema, String name, List<ColumnDesc> columns,
            List<Integer> primaryKey, String primaryKeyName, List<IndexDesc> indexes,
            List<CheckDesc> checks, int space, String engine, long rowIdSequence,
            List<ForeignKeyDesc> foreignKeys, List<ForeignKeyDesc.Referrer> referencedBy)
            implements Relation {
        public Table {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            indexes = List.copyOf(indexes);
            checks = List.copyOf(checks);
            foreignKeys = List.copyOf(foreignKeys);
            referencedBy = List.copyOf(referencedBy);
        }

        /** A table without foreign keys on either side. */
        public Table(long id, String schema, String name, List<ColumnDesc> columns,
                List<Integer> primaryKey, String primaryKeyName, List<IndexDesc> indexes,
                List<CheckDesc> checks, int space, String engine, long rowIdSequence) {
            this(id, schema, name, columns, primaryKey, primaryKeyName, indexes, checks, space,
                    engine, rowIdSequence, List.of(), List.of());
        }

        @Override
        public String kindName() {
            return "table";
        }

        /**
         * The column types in column order: a read-only view over {@code columns} (immutable),
         * not a copy, because every row encoded or decoded asks for it (building a list per row
         * was 9 % of a table scan's time).
         */
        public List<SqlType> columnTypes() {
            return new AbstractList<>() {
                @Override
                public SqlType get(int index) {
                    return columns.get(index).type();
                }

                @Override
                public int size() {
                    return columns.size();
                }
            };
        }

        /** Ordinal of the column named {@code column}, or -1. */
        public int columnIndex(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            return -1;
        }

        public boolean hasPrimaryKey() {
            return !primaryKey.isEmpty();
        }

        public Table withColumns(List<ColumnDesc> newColumns) {
            return new Table(id, schema, name, newColumns, primaryKey, primaryKeyName, indexes,
                    checks, space, engine, rowIdSequence, foreignKeys, referencedBy);
        }

        public Table withName(String newName) {
            return new Table(id, schema, newName, columns, primaryKey, primaryKeyName, indexes,
                    checks, space, engine, rowIdSequence, foreignKeys, referencedBy);
        }

        public Table withIndexes(List<IndexDesc> newIndexes) {
            return new Table(id, schema, name, columns, primaryKey, primaryKeyName, newIndexes,
                    checks, space, engine, rowIdSequence, foreignKeys, referencedBy);
        }

        public Table withForeignKeys(List<ForeignKeyDesc> newKeys) {
            return new Table(id, schema, name, columns, primaryKey, primaryKeyName, indexes,
                    checks, space, engine, rowIdSequence, newKeys, referencedBy);
        }

        public Table withReferencedBy(List<ForeignKeyDesc.Referrer> newReferrers) {
            return new Table(id, schema, name, columns, primaryKey, primaryKeyName, indexes,
                    checks, space, engine, rowIdSequence, foreignKeys, newReferrers);
        }

        /** Whether writes to this table involve foreign keys on either side. */
        public boolean hasForeignKeys() {
            return !foreignKeys.isEmpty() || !referencedBy.isEmpty();
        }

        public Table withChecks(List<CheckDesc> newChecks) {
            return new Table(id, schema, name, columns, primaryKey, primaryKeyName, indexes,
                    newChecks, space, engine, rowIdSequence, foreignKeys, referencedBy);
        }
    }

    /** A view: its query as SQL text, expanded as a subquery wherever it is named. */
    record View(long id, String schema, String name, List<String> columns, String sql)
            implements Relation {
        public View {
            columns = List.copyOf(columns);
        }

        @Override
        public String kindName() {
            return "view";
        }
    }

    /** A sequence; its current value lives outside transactions ({@link Sequences}). */
    record Sequence(long id, String schema, String name, long start, long increment,
            long min, long max, boolean cycle, String ownerTable) implements Relation {
        @Override
        public String kindName() {
            return "sequence";
        }
    }

    /** An index's name entry, pointing at the table that owns it. */
    record Index(long id, String schema, String name, String table) implements Relation {
        @Override
        public String kindName() {
            return "index";
        }
    }
}
