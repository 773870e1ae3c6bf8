package dev.cutaway.sql.system;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.exec.Column;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowCursor;
import dev.cutaway.sql.types.Values;
import java.util.Iterator;
import java.util.List;

/**
 * The leaf operator over a {@link SystemTable}: each open asks the table's source for its
 * rows (live state at that moment) and returns them in the source's order. Filters, joins and
 * sorts above it are the ordinary operators.
 *
 * <p>Invariant: every row returned has the table's width and values of its column types
 * (checked here, so a wrong source is an XX000 internal error naming the table, never a
 * class-cast or index error deep in an operator).
 */
public record SystemScan(SystemTable table) implements Plan {
    @Override
    public List<Column> columns() {
        return table.columns();
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        Iterator<Object[]> rows = table.source().rows(cx).iterator();
        int width = table.columns().size();
        return () -> {
            if (!rows.hasNext()) {
                return null;
            }
            Object[] row = rows.next();
            if (row.length != width) {
                throw new SqlException(SqlState.INTERNAL_ERROR, "system view "
                        + table.qualifiedName() + " produced a row of " + row.length
                        + " values for " + width + " columns");
            }
            for (int i = 0; i < width; i++) {
                if (!Values.isValid(row[i], table.columns().get(i).type())) {
                    throw new SqlException(SqlState.INTERNAL_ERROR, "system view "
                            + table.qualifiedName() + " produced a "
                            + row[i].getClass().getSimpleName() + " for column "
                            + table.columns().get(i).name());
                }
            }
            return row.clone();
        };
    }

    @Override
    public String describe() {
        return "System Scan on " + table.qualifiedName();
    }
}
