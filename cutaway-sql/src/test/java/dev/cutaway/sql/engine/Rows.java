package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.types.ValueText;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: results as text, one row per line, values in PostgreSQL's text output. */
final class Rows {
    private Rows() {}

    /** Rows as "a|b" lines joined by newlines; NULL as "NULL". */
    static String text(Result r) {
        List<String> lines = new ArrayList<>();
        for (Object[] row : r.rows()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    b.append('|');
                }
                b.append(row[i] == null ? "NULL"
                        : ValueText.format(row[i], r.columnTypes().get(i), ZoneOffset.UTC));
            }
            lines.add(b.toString());
        }
        return String.join("\n", lines);
    }

    /** Runs {@code sql} (one statement) and returns its rows as text. */
    static String query(Session s, String sql) {
        return text(s.executeOne(sql));
    }

    /** The plan of {@code sql} as EXPLAIN (COSTS off) prints it. */
    static String plan(Session s, String sql) {
        return text(s.executeOne("EXPLAIN (COSTS off) " + sql));
    }

    /** The error {@code sql} fails with; an AssertionError when it does not fail. */
    static SqlException error(Session s, String sql) {
        try {
            s.execute(sql);
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error from " + sql);
    }
}
