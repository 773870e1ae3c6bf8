package dev.cutaway.jdbc;

import java.sql.SQLException;
import java.util.List;

/**
 * Generated keys through RETURNING, as pgjdbc does it: an INSERT, UPDATE or DELETE asked for
 * its generated keys gets {@code RETURNING *} (or the named columns) appended unless it
 * already has a RETURNING clause; the rows it returns are the generated-keys result set.
 */
final class GeneratedKeys {
    private GeneratedKeys() {}

    /** Whether {@code sql} is a statement that can return keys (INSERT/UPDATE/DELETE). */
    static boolean applies(String sql) {
        List<String> words = SqlText.words(sql);
        if (words.isEmpty()) {
            return false;
        }
        String first = words.getFirst();
        return first.equals("insert") || first.equals("update") || first.equals("delete")
                || first.equals("with") && (words.contains("insert") || words.contains("update")
                || words.contains("delete"));
    }

    /** {@code sql} with {@code RETURNING list} appended unless it has one. */
    static String withReturning(String sql, String list) {
        if (SqlText.words(sql).contains("returning")) {
            return sql;
        }
        String trimmed = sql.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        return trimmed + " RETURNING " + list;
    }

    /** The RETURNING list naming {@code columns}, each quoted. */
    static String returningList(String[] columns) throws SQLException {
        if (columns == null || columns.length == 0) {
            throw new SQLException("no column names given for generated keys", "22023");
        }
        StringBuilder out = new StringBuilder();
        for (String column : columns) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append('"').append(column.replace("\"", "\"\"")).append('"');
        }
        return out.toString();
    }
}
