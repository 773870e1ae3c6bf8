package dev.cutaway.sql.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Set-returning functions in a select list (ADR 0028), PostgreSQL 10's ProjectSet: for each
 * input row, the calls run in lockstep and each step emits the input row followed by one
 * value per call (a call that has finished contributes NULL); the input row yields nothing
 * once every call has finished — so no row at all when every call returns no rows.
 * Invariant: output width = input width + number of calls.
 */
public record ProjectSet(Plan input, List<SetFunctions.Call> calls, List<Column> columns)
        implements Plan {
    public ProjectSet {
        if (columns.size() != input.columns().size() + calls.size()) {
            throw new IllegalArgumentException("ProjectSet width " + columns.size());
        }
    }

    /** The output columns: the input's, then one per call. */
    public static List<Column> columnsOf(Plan input, List<SetFunctions.Call> calls) {
        List<Column> out = new ArrayList<>(input.columns());
        for (SetFunctions.Call c : calls) {
            out.add(new Column(c.name(), c.resultType()));
        }
        return out;
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        RowCursor in = input.open(cx, outer);
        return new RowCursor() {
            private Object[] row;
            private SetFunctions.Rows[] open;
            private boolean[] finished;

            @Override
            public Object[] next() {
                while (true) {
                    if (row == null) {
                        row = in.next();
                        if (row == null) {
                            return null;
                        }
                        start();
                    }
                    Object[] out = step();
                    if (out != null) {
                        return out;
                    }
                    row = null;
                }
            }

            private void start() {
                Frame f = outer.push(row);
                open = new SetFunctions.Rows[calls.size()];
                finished = new boolean[calls.size()];
                for (int i = 0; i < open.length; i++) {
                    open[i] = calls.get(i).open(f, cx);
                }
            }

            private Object[] step() {
                Object[] out = java.util.Arrays.copyOf(row, row.length + calls.size());
                boolean any = false;
                for (int i = 0; i < open.length; i++) {
                    Object[] r = finished[i] ? null : open[i].next();
                    if (r == null) {
                        finished[i] = true;
                    } else {
                        any = true;
                        out[row.length + i] = calls.get(i).asValue(r);
                    }
                }
                return any ? out : null;
            }

            @Override
            public void close() {
                in.close();
            }
        };
    }

    @Override
    public String describe() {
        return "ProjectSet";
    }

    @Override
    public List<Plan> children() {
        return List.of(input);
    }
}
