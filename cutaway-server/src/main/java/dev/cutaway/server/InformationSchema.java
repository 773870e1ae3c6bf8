package dev.cutaway.server;

import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.CheckDesc;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.ForeignKeyDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.system.PgOids;
import dev.cutaway.sql.system.SystemTable;
import dev.cutaway.sql.system.SystemTables;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL standard's {@code information_schema} views the tools ask for (ADR 0025):
 * {@code schemata}, {@code tables}, {@code columns}, {@code views},
 * {@code table_constraints} and {@code key_column_usage}, over the stored catalog as the
 * statement's transaction sees it. Columns are a subset of PostgreSQL's with its names and
 * values ({@code 'BASE TABLE'}, {@code 'YES'}/{@code 'NO'}, {@code data_type} without
 * modifiers, {@code numeric_precision} in bits for integers and floats as PostgreSQL gives
 * it); the catalog is always {@code postgres}. The system schemas' own relations are not
 * listed (PostgreSQL lists them; tools filter them out).
 */
final class InformationSchema {
    private static final String DB = "postgres";
    private static final String SCHEMA = "information_schema";

    private InformationSchema() {}

    static void register(SystemTables tables) {
        tables.register(SystemTable.of(SCHEMA, "schemata", "schemas",
                InformationSchema::schemata, "catalog_name", SqlType.TEXT,
                "schema_name", SqlType.TEXT, "schema_owner", SqlType.TEXT));
        tables.register(SystemTable.of(SCHEMA, "tables", "tables and views",
                InformationSchema::tables, "table_catalog", SqlType.TEXT,
                "table_schema", SqlType.TEXT, "table_name", SqlType.TEXT,
                "table_type", SqlType.TEXT, "is_insertable_into", SqlType.TEXT));
        tables.register(SystemTable.of(SCHEMA, "columns", "columns of tables",
                InformationSchema::columns, "table_catalog", SqlType.TEXT,
                "table_schema", SqlType.TEXT, "table_name", SqlType.TEXT,
                "column_name", SqlType.TEXT, "ordinal_position", SqlType.INTEGER,
                "column_default", SqlType.TEXT, "is_nullable", SqlType.TEXT,
                "data_type", SqlType.TEXT, "character_maximum_length", SqlType.INTEGER,
                "numeric_precision", SqlType.INTEGER, "numeric_scale", SqlType.INTEGER,
                "datetime_precision", SqlType.INTEGER, "udt_name", SqlType.TEXT));
        tables.register(SystemTable.of(SCHEMA, "views", "views and their definitions",
                InformationSchema::views, "table_catalog", SqlType.TEXT,
                "table_schema", SqlType.TEXT, "table_name", SqlType.TEXT,
                "view_definition", SqlType.TEXT, "check_option", SqlType.TEXT,
                "is_updatable", SqlType.TEXT, "is_insertable_into", SqlType.TEXT));
        tables.register(SystemTable.of(SCHEMA, "table_constraints", "constraints of tables",
                InformationSchema::tableConstraints, "constraint_catalog", SqlType.TEXT,
                "constraint_schema", SqlType.TEXT, "constraint_name", SqlType.TEXT,
                "table_catalog", SqlType.TEXT, "table_schema", SqlType.TEXT,
                "table_name", SqlType.TEXT, "constraint_type", SqlType.TEXT,
                "is_deferrable", SqlType.TEXT, "initially_deferred", SqlType.TEXT));
        tables.register(SystemTable.of(SCHEMA, "key_column_usage", "columns of keys",
                InformationSchema::keyColumns, "constraint_catalog", SqlType.TEXT,
                "constraint_schema", SqlType.TEXT, "constraint_name", SqlType.TEXT,
                "table_catalog", SqlType.TEXT, "table_schema", SqlType.TEXT,
                "table_name", SqlType.TEXT, "column_name", SqlType.TEXT,
                "ordinal_position", SqlType.INTEGER,
                "position_in_unique_constraint", SqlType.INTEGER));
    }

    private static List<Object[]> schemata(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (String s : PgOids.schemas(cx.txn())) {
            rows.add(new Object[] {DB, s, "postgres"});
        }
        return rows;
    }

    private static List<Object[]> tables(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            switch (r) {
                case Relation.Table t -> rows.add(new Object[] {DB, t.schema(), t.name(),
                        "BASE TABLE", "YES"});
                case Relation.View v -> rows.add(new Object[] {DB, v.schema(), v.name(), "VIEW",
                        "NO"});
                default -> { }
            }
        }
        return rows;
    }

    private static List<Object[]> columns(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Table t) {
                int n = 0;
                for (ColumnDesc c : t.columns()) {
                    SqlType type = c.type();
                    rows.add(new Object[] {DB, t.schema(), t.name(), c.name(), ++n,
                            c.defaultSql(), c.notNull() ? "NO" : "YES",
                            type.id().displayName(), type.length() < 0 ? null : type.length(),
                            precision(type), scale(type), datetimePrecision(type),
                            type.id().pgName()});
                }
            }
        }
        return rows;
    }

    /** numeric_precision: bits for integers and floats, digits for numeric, else null. */
    private static Integer precision(SqlType type) {
        return switch (type.id()) {
            case SMALLINT -> 16;
            case INTEGER -> 32;
            case BIGINT -> 64;
            case REAL -> 24;
            case DOUBLE -> 53;
            case NUMERIC -> type.precision() < 0 ? null : type.precision();
            default -> null;
        };
    }

    private static Integer scale(SqlType type) {
        return type.id().isInteger() ? Integer.valueOf(0)
                : type.id() == TypeId.NUMERIC && type.precision() >= 0 ? type.scale() : null;
    }

    private static Integer datetimePrecision(SqlType type) {
        return switch (type.id()) {
            case DATE -> 0;
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL ->
                    type.precision() < 0 ? 6 : type.precision();
            default -> null;
        };
    }

    private static List<Object[]> views(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.View v) {
                rows.add(new Object[] {DB, v.schema(), v.name(), v.sql(), "NONE", "NO", "NO"});
            }
        }
        return rows;
    }

    private static List<Object[]> tableConstraints(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Table t) {
                for (IndexDesc i : PgOids.indexes(t)) {
                    if (i.unique()) {
                        rows.add(constraint(t, i.name(), i.primary() ? "PRIMARY KEY"
                                : "UNIQUE"));
                    }
                }
                for (CheckDesc c : t.checks()) {
                    rows.add(constraint(t, c.name(), "CHECK"));
                }
                for (ForeignKeyDesc f : t.foreignKeys()) {
                    rows.add(constraint(t, f.name(), "FOREIGN KEY"));
                }
            }
        }
        return rows;
    }

    private static Object[] constraint(Relation.Table t, String name, String type) {
        return new Object[] {DB, t.schema(), name, DB, t.schema(), t.name(), type, "NO", "NO"};
    }

    private static List<Object[]> keyColumns(ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Table t) {
                for (IndexDesc i : PgOids.indexes(t)) {
                    if (i.unique()) {
                        addKeyColumns(rows, t, i.name(), i.columns(), null);
                    }
                }
                for (ForeignKeyDesc f : t.foreignKeys()) {
                    addKeyColumns(rows, t, f.name(), f.columns(), f.refColumns());
                }
            }
        }
        return rows;
    }

    /** One row per key column; for a foreign key, its position in the referenced key. */
    private static void addKeyColumns(List<Object[]> rows, Relation.Table t, String name,
            List<Integer> columns, List<Integer> referenced) {
        for (int k = 0; k < columns.size(); k++) {
            rows.add(new Object[] {DB, t.schema(), name, DB, t.schema(), t.name(),
                    t.columns().get(columns.get(k)).name(), k + 1,
                    referenced == null ? null : k + 1});
        }
    }
}
