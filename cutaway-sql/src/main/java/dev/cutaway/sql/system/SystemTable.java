package dev.cutaway.sql.system;

import dev.cutaway.sql.exec.Column;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A virtual (system) table: a relation in a reserved schema ({@link SystemTables#SCHEMAS})
 * whose rows are produced when it is scanned, by a Java {@link RowSource} reading live state
 * (buffer pool, log, transactions, locks, engines; PostgreSQL's {@code pg_catalog} later).
 *
 * <p>Invariants: every row a source returns has exactly {@code columns().size()} values, each
 * a Java value of the column's {@link SqlType} as the executor represents it ({@code Long} for
 * bigint, {@code Integer} for integer, {@code String} for text, {@code Boolean}, {@code
 * Double}, {@code BigDecimal} for numeric) or null; {@link SystemScan} checks the width. The
 * table is read-only: it never appears in the stored catalog, and writes to it fail.
 *
 * <pre>{@code
 * registry.register(SystemTable.of("cutaway", "answers", "one row",
 *         cx -> List.<Object[]>of(new Object[] {42L}),
 *         "value", SqlType.BIGINT));
 * }</pre>
 *
 * @param schema the reserved schema it lives in ({@code cutaway}, {@code pg_catalog}, ...)
 * @param name its name in that schema
 * @param description one line for documentation and {@code \d}-style listings
 * @param columns names and types of its columns, in order
 * @param source produces the rows at scan time
 */
public record SystemTable(String schema, String name, String description, List<Column> columns,
        RowSource source) {

    /**
     * Produces a system table's rows for one scan. Called once per scan (each time the plan
     * is opened, so once per outer row when it is the inner side of a nested loop); reads live
     * state, not the transaction's snapshot (ADR 0017). The context gives the statement's
     * transaction (for catalog reads) and clock.
     */
    @FunctionalInterface
    public interface RowSource {
        List<Object[]> rows(ExecContext cx);
    }

    public SystemTable {
        Objects.requireNonNull(schema);
        Objects.requireNonNull(name);
        Objects.requireNonNull(source);
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a system table needs columns: " + name);
        }
    }

    /**
     * A system table whose columns are given as pairs: name (String), type ({@link SqlType}),
     * name, type, ...
     */
    public static SystemTable of(String schema, String name, String description,
            RowSource source, Object... namesAndTypes) {
        if (namesAndTypes.length % 2 != 0) {
            throw new IllegalArgumentException("columns come in (name, type) pairs");
        }
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            cols.add(new Column((String) namesAndTypes[i], (SqlType) namesAndTypes[i + 1]));
        }
        return new SystemTable(schema, name, description, cols, source);
    }

    /** {@code schema.name}. */
    public String qualifiedName() {
        return schema + "." + name;
    }

    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return names;
    }
}
