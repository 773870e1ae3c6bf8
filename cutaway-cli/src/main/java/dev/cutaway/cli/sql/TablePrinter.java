package dev.cutaway.cli.sql;

import java.util.List;

/**
 * Renders a result as psql's "aligned" format draws it, so a psql user reads Cutaway's output
 * without thinking:
 * <pre>
 *  id | name  |   v
 * ----+-------+-------
 *   1 | alice |  1.50
 *  22 |       | -3.00
 * (2 rows)
 * </pre>
 * Column names are centred (psql pads the header line to full width, trailing spaces
 * included); numbers are right-aligned, everything else left-aligned; the last column's
 * left-aligned cells get no trailing padding; NULL prints as nothing; the footer counts rows.
 * Checked against psql 15's output for the same tables.
 */
public final class TablePrinter {
    private TablePrinter() {}

    /**
     * @param names column names
     * @param rightAligned per column: whether values are right-aligned (numeric types)
     * @param cells rows of rendered values; null for SQL NULL
     */
    public static String render(List<String> names, boolean[] rightAligned,
            List<String[]> cells) {
        return body(names, rightAligned, cells, widths(names, cells)) + rowCount(cells.size());
    }

    /**
     * A table under a title centred over it, as psql's describe commands print them
     * ({@code \dt}'s "List of relations", {@code \d}'s {@code Table "public.t"}), with or
     * without the row count footer.
     */
    public static String titled(String title, List<String> names, boolean[] rightAligned,
            List<String[]> cells, boolean countRows) {
        int[] widths = widths(names, cells);
        int total = 3 * names.size() - 1;
        for (int w : widths) {
            total += w;
        }
        int titleWidth = displayWidth(title);
        String titleLine = " ".repeat(Math.max(0, (total - titleWidth) / 2)) + title + "\n";
        return titleLine + body(names, rightAligned, cells, widths)
                + (countRows ? rowCount(cells.size()) : "");
    }

    private static String rowCount(int rows) {
        return rows == 1 ? "(1 row)\n" : "(" + rows + " rows)\n";
    }

    private static int[] widths(List<String> names, List<String[]> cells) {
        int columns = names.size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = displayWidth(names.get(c));
        }
        for (String[] row : cells) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], displayWidth(row[c] == null ? "" : row[c]));
            }
        }
        return widths;
    }

    private static String body(List<String> names, boolean[] rightAligned, List<String[]> cells,
            int[] widths) {
        int columns = names.size();
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            out.append(c == 0 ? " " : " | ");
            String name = names.get(c);
            int pad = widths[c] - displayWidth(name);
            out.repeat(' ', pad / 2).append(name).repeat(' ', pad - pad / 2);
        }
        out.append(columns == 0 ? "" : " ").append('\n');
        for (int c = 0; c < columns; c++) {
            out.append(c == 0 ? "" : "+").repeat('-', widths[c] + 2);
        }
        out.append('\n');
        for (String[] row : cells) {
            for (int c = 0; c < columns; c++) {
                String v = row[c] == null ? "" : row[c];
                int pad = widths[c] - displayWidth(v);
                out.append(c == 0 ? " " : " | ");
                if (rightAligned[c]) {
                    out.repeat(' ', pad).append(v);
                } else if (c == columns - 1) {
                    out.append(v);
                } else {
                    out.append(v).repeat(' ', pad);
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Width in terminal columns: code points (wide characters are not special-cased). */
    static int displayWidth(String s) {
        return s.codePointCount(0, s.length());
    }
}
