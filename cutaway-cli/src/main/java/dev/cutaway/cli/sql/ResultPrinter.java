package dev.cutaway.cli.sql;

import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.ValueText;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints one statement's result as psql does: an aligned table ({@link TablePrinter}) or, with
 * {@code \x}, the expanded (one line per column) form; the command tag for statements without
 * rows, and after the table for INSERT/UPDATE/DELETE ... RETURNING (not for SELECT, EXPLAIN,
 * SHOW, as psql). Values are PostgreSQL's text forms
 * ({@link ValueText}) in UTC.
 */
public final class ResultPrinter {
    private ResultPrinter() {}

    public static void print(Result r, boolean expanded, PrintWriter out) {
        if (!r.hasRows()) {
            out.println(r.commandTag());
            return;
        }
        List<SqlType> types = r.columnTypes();
        boolean[] right = new boolean[types.size()];
        for (int c = 0; c < right.length; c++) {
            right[c] = types.get(c).id().isNumeric();
        }
        List<String[]> cells = cells(r);
        out.print(expanded ? expanded(r.columnNames(), cells)
                : TablePrinter.render(r.columnNames(), right, cells));
        if (r.commandTag().matches("(INSERT|UPDATE|DELETE|MERGE)\\b.*")) {
            out.println(r.commandTag());   // psql: the tag follows rows only for RETURNING
        }
        out.println();
    }

    /** The rows of {@code r} as text, null for SQL NULL. */
    public static List<String[]> cells(Result r) {
        List<SqlType> types = r.columnTypes();
        List<String[]> cells = new ArrayList<>(r.rows().size());
        for (Object[] row : r.rows()) {
            String[] text = new String[row.length];
            for (int c = 0; c < row.length; c++) {
                text[c] = row[c] == null ? null
                        : ValueText.format(row[c], types.get(c), ZoneOffset.UTC);
            }
            cells.add(text);
        }
        return cells;
    }

    /**
     * psql's expanded display (border 1), e.g.
     * <pre>
     * -[ RECORD 1 ]-----
     * id   | 1
     * name | alice
     * </pre>
     * The record line is {@code -[ RECORD n ]} continued with dashes to the width of the name
     * column, then {@code -+-} where the names end (if still within the record label it is
     * dropped) and dashes to the width of the values; an empty result prints {@code (0 rows)}.
     */
    public static String expanded(List<String> names, List<String[]> cells) {
        if (cells.isEmpty()) {
            return "(0 rows)\n";
        }
        int nameWidth = 0;
        int valueWidth = 0;
        for (String name : names) {
            nameWidth = Math.max(nameWidth, TablePrinter.displayWidth(name));
        }
        for (String[] row : cells) {
            for (String v : row) {
                valueWidth = Math.max(valueWidth, v == null ? 0 : maxLineWidth(v));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            recordLine(out, r + 1, nameWidth, valueWidth);
            for (int c = 0; c < names.size(); c++) {
                String name = names.get(c);
                String v = cells.get(r)[c];
                out.append(name).repeat(' ', nameWidth - TablePrinter.displayWidth(name))
                        .append(" | ").append(v == null ? "" : v).append('\n');
            }
        }
        return out.toString();
    }

    private static void recordLine(StringBuilder out, int record, int nameWidth,
            int valueWidth) {
        String label = "[ RECORD " + record + " ]";
        out.append('-').append(label);
        int used = label.length() + 1;
        out.repeat('-', Math.max(0, nameWidth - used));
        int over = used - nameWidth;
        if (over-- <= 0) {
            out.append('-');
        }
        if (over-- <= 0) {
            out.append('+');
        }
        if (over-- <= 0) {
            out.append('-');
        }
        out.repeat('-', Math.max(0, valueWidth - Math.max(over, 0)));
        out.append('\n');
    }

    private static int maxLineWidth(String v) {
        int width = 0;
        for (String line : v.split("\n", -1)) {
            width = Math.max(width, TablePrinter.displayWidth(line));
        }
        return width;
    }
}
