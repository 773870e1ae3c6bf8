package dev.cutaway.sql.engine;

import dev.cutaway.sql.types.SqlType;
import java.util.List;

/**
 * What one statement returned: PostgreSQL's command tag ({@code SELECT 3}, {@code INSERT 0 1},
 * {@code UPDATE 2}, {@code CREATE TABLE}, {@code BEGIN}, ...), the result columns' names and
 * types and the rows (values as ADR 0010 represents them; empty for commands without rows),
 * and the row count the tag reports (rows returned or affected; 0 when the tag has none).
 */
public record Result(String commandTag, List<String> columnNames, List<SqlType> columnTypes,
        List<Object[]> rows, long rowCount) {

    public Result {
        columnNames = List.copyOf(columnNames);
        columnTypes = List.copyOf(columnTypes);
        rows = List.copyOf(rows);
        if (columnNames.size() != columnTypes.size()) {
            throw new IllegalArgumentException("names and types differ in number");
        }
    }

    /** A command without rows. */
    public static Result command(String tag) {
        return new Result(tag, List.of(), List.of(), List.of(), 0);
    }

    /** A command that affected {@code count} rows (tag already includes the count). */
    public static Result command(String tag, long count) {
        return new Result(tag, List.of(), List.of(), List.of(), count);
    }

    /** Whether the statement returns rows (a query, or a command with RETURNING). */
    public boolean hasRows() {
        return !columnNames.isEmpty();
    }
}
