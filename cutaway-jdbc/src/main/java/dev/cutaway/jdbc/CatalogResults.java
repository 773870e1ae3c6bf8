package dev.cutaway.jdbc;

import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rows of {@link DatabaseMetaData}'s catalog methods (getTables, getColumns,
 * getPrimaryKeys, getIndexInfo, getSchemas), read from the SQL catalog in a read-only
 * repeatable-read snapshot of its own. So they show committed DDL only: a table created in the
 * connection's still-open transaction is not listed (PostgreSQL would show it). Column layouts
 * and orders are JDBC's; catalogs are null (Cutaway has one database per URL).
 */
final class CatalogResults {
    private CatalogResults() {}

    private record Column(String name, SqlType type) {}

    private static Result result(List<Column> columns, List<Object[]> rows) {
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.name());
            types.add(c.type());
        }
        return new Result("SELECT " + rows.size(), names, types, rows, rows.size());
    }

    private static List<Column> columns(String spec) {
        List<Column> out = new ArrayList<>();
        for (String part : spec.split(" ")) {
            String[] nameType = part.split(":");
            SqlType type = switch (nameType.length == 1 ? "t" : nameType[1]) {
                case "i" -> SqlType.INTEGER;
                case "s" -> SqlType.SMALLINT;
                case "b" -> SqlType.BOOLEAN;
                case "l" -> SqlType.BIGINT;
                default -> SqlType.TEXT;
            };
            out.add(new Column(nameType[0], type));
        }
        return out;
    }

    private static final List<Column> TABLES = columns("TABLE_CAT TABLE_SCHEM TABLE_NAME"
            + " TABLE_TYPE REMARKS TYPE_CAT TYPE_SCHEM TYPE_NAME SELF_REFERENCING_COL_NAME"
            + " REF_GENERATION");
    private static final List<Column> COLUMNS = columns("TABLE_CAT TABLE_SCHEM TABLE_NAME"
            + " COLUMN_NAME DATA_TYPE:i TYPE_NAME COLUMN_SIZE:i BUFFER_LENGTH:i"
            + " DECIMAL_DIGITS:i NUM_PREC_RADIX:i NULLABLE:i REMARKS COLUMN_DEF"
            + " SQL_DATA_TYPE:i SQL_DATETIME_SUB:i CHAR_OCTET_LENGTH:i ORDINAL_POSITION:i"
            + " IS_NULLABLE SCOPE_CATALOG SCOPE_SCHEMA SCOPE_TABLE SOURCE_DATA_TYPE:s"
            + " IS_AUTOINCREMENT IS_GENERATEDCOLUMN");
    private static final List<Column> PRIMARY_KEYS = columns("TABLE_CAT TABLE_SCHEM"
            + " TABLE_NAME COLUMN_NAME KEY_SEQ:s PK_NAME");
    private static final List<Column> INDEXES = columns("TABLE_CAT TABLE_SCHEM TABLE_NAME"
            + " NON_UNIQUE:b INDEX_QUALIFIER INDEX_NAME TYPE:s ORDINAL_POSITION:s COLUMN_NAME"
            + " ASC_OR_DESC CARDINALITY:l PAGES:l FILTER_CONDITION");
    private static final List<Column> SCHEMAS = columns("TABLE_SCHEM TABLE_CATALOG");
    private static final List<Column> TABLE_TYPES = columns("TABLE_TYPE");

    private static List<Relation> relations(Database db) {
        try (Transaction t = db.txnStore().begin(Isolation.REPEATABLE_READ, true)) {
            return Catalog.all(t);
        }
    }

    static String tableType(Relation r) {
        return switch (r) {
            case Relation.Table t -> "TABLE";
            case Relation.View v -> "VIEW";
            case Relation.Sequence s -> "SEQUENCE";
            case Relation.Index i -> "INDEX";
        };
    }

    static Result tables(Database db, String schemaPattern, String namePattern,
            String[] types) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations(db)) {
            String type = tableType(r);
            if (matches(r, schemaPattern, namePattern) && wanted(type, types)) {
                rows.add(new Object[] {null, r.schema(), r.name(), type, null, null, null, null,
                    null, null});
            }
        }
        rows.sort(Comparator.comparing((Object[] row) -> (String) row[3])
                .thenComparing(row -> (String) row[1]).thenComparing(row -> (String) row[2]));
        return result(TABLES, rows);
    }

    private static boolean wanted(String type, String[] types) {
        if (types == null) {
            return true;
        }
        for (String t : types) {
            if (t.equalsIgnoreCase(type)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(Relation r, String schemaPattern, String namePattern) {
        return NamePattern.matches(schemaPattern, r.schema())
                && NamePattern.matches(namePattern, r.name());
    }

    static Result columns(Database db, String schemaPattern, String tablePattern,
            String columnPattern) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations(db)) {
            if (r instanceof Relation.Table t && matches(r, schemaPattern, tablePattern)) {
                for (int i = 0; i < t.columns().size(); i++) {
                    ColumnDesc c = t.columns().get(i);
                    if (NamePattern.matches(columnPattern, c.name())) {
                        rows.add(columnRow(t, c, i + 1));
                    }
                }
            }
        }
        return result(COLUMNS, rows);
    }

    private static Object[] columnRow(Relation.Table t, ColumnDesc c, int ordinal) {
        SqlType type = c.type();
        int scale = type.scale() < 0 ? 0 : type.scale();
        boolean generated = c.identity() != ColumnDesc.Identity.NONE;
        return new Object[] {null, t.schema(), t.name(), c.name(),
            CutawayResultSetMetaData.jdbcType(type.id()), type.id().pgName(),
            CutawayResultSetMetaData.precision(type), null, scale, 10,
            c.notNull() ? DatabaseMetaData.columnNoNulls : DatabaseMetaData.columnNullable,
            null, c.defaultSql(), null, null, null, ordinal, c.notNull() ? "NO" : "YES", null,
            null, null, null, generated ? "YES" : "NO", "NO"};
    }

    static Result primaryKeys(Database db, String schema, String table) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations(db)) {
            if (r instanceof Relation.Table t && t.hasPrimaryKey() && exact(schema, t.schema())
                    && exact(table, t.name())) {
                for (int k = 0; k < t.primaryKey().size(); k++) {
                    String column = t.columns().get(t.primaryKey().get(k)).name();
                    rows.add(new Object[] {null, t.schema(), t.name(), column,
                        (short) (k + 1), t.primaryKeyName()});
                }
            }
        }
        rows.sort(Comparator.comparing((Object[] row) -> (String) row[3]));
        return result(PRIMARY_KEYS, rows);
    }

    private static boolean exact(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    static Result indexInfo(Database db, String schema, String table, boolean uniqueOnly) {
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : relations(db)) {
            if (r instanceof Relation.Table t && exact(schema, t.schema())
                    && exact(table, t.name())) {
                List<IndexDesc> all = new ArrayList<>();
                if (t.hasPrimaryKey()) {
                    all.add(new IndexDesc(t.id(), t.primaryKeyName(), t.primaryKey(), true,
                            true));
                }
                all.addAll(t.indexes());
                for (IndexDesc index : all) {
                    if (!uniqueOnly || index.unique()) {
                        addIndexRows(rows, t, index);
                    }
                }
            }
        }
        return result(INDEXES, rows);
    }

    private static void addIndexRows(List<Object[]> rows, Relation.Table t, IndexDesc index) {
        for (int k = 0; k < index.columns().size(); k++) {
            String column = t.columns().get(index.columns().get(k)).name();
            rows.add(new Object[] {null, t.schema(), t.name(), !index.unique(), null,
                index.name(), (short) DatabaseMetaData.tableIndexOther, (short) (k + 1),
                column, "A", 0L, 0L, null});
        }
    }

    static Result schemas(Database db, String schemaPattern) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        names.add(Catalog.DEFAULT_SCHEMA);
        for (Relation r : relations(db)) {
            names.add(r.schema());
        }
        List<Object[]> rows = new ArrayList<>();
        for (String name : names) {
            if (NamePattern.matches(schemaPattern, name)) {
                rows.add(new Object[] {name, null});
            }
        }
        return result(SCHEMAS, rows);
    }

    static Result tableTypes() {
        List<Object[]> rows = new ArrayList<>();
        for (String type : List.of("INDEX", "SEQUENCE", "TABLE", "VIEW")) {
            rows.add(new Object[] {type});
        }
        return result(TABLE_TYPES, rows);
    }
}
