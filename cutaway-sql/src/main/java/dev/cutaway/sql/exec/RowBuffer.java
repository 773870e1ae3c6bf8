package dev.cutaway.sql.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows kept for reading back (any number of times): in a list while they fit the budget,
 * moved into one spill run when they outgrow it. Used where an operator must replay an input
 * — the inner side of a nested loop, a materialised CTE, rows of one side awaiting a match.
 * {@link #release()} deletes the run (the statement's end does too).
 */
final class RowBuffer {
    private final ExecContext cx;
    private List<Object[]> rows = new ArrayList<>();
    private Spill.Writer writer;
    private Spill.Run run;
    private long size;

    RowBuffer(ExecContext cx) {
        this.cx = cx;
    }

    /** A buffer holding every row of {@code plan}. */
    static RowBuffer of(Plan plan, ExecContext cx, Frame outer) {
        RowBuffer b = new RowBuffer(cx);
        try (RowCursor c = plan.open(cx, outer)) {
            for (Object[] row = c.next(); row != null; row = c.next()) {
                b.add(row);
            }
        }
        return b;
    }

    void add(Object[] row) {
        if (run != null) {
            throw new IllegalStateException("buffer already read");
        }
        size++;
        if (writer != null) {
            writer.add(row);
            return;
        }
        rows.add(row);
        if (cx.mustSpill(rows.size())) {
            writer = cx.spill().writer();
            for (Object[] r : rows) {
                writer.add(r);
            }
            rows = null;
        }
    }

    long size() {
        return size;
    }

    /** True when the rows are in a file (and so not randomly accessible). */
    boolean spilled() {
        return rows == null;
    }

    /** The rows in memory; only when not {@link #spilled()}. */
    List<Object[]> list() {
        return rows;
    }

    /** A fresh cursor over all rows, in the order they were added. */
    RowCursor cursor() {
        if (rows != null) {
            return ExternalSort.iterate(rows);
        }
        if (run == null) {
            run = writer.finish();
            writer = null;
        }
        return cx.spill().read(run);
    }

    void release() {
        if (writer != null) {
            run = writer.finish();
            writer = null;
        }
        if (run != null) {
            cx.spill().delete(run);
        }
    }
}
