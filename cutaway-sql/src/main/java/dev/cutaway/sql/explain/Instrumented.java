package dev.cutaway.sql.explain;

import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.sql.exec.Column;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowCursor;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * An operator under EXPLAIN ANALYZE: delegates to {@code inner} (whose inputs are themselves
 * wrapped, see {@link Instrumentation}) and records into {@code stats} each open (a loop),
 * each row, the time spent in open and next, and the {@link ReadEvidence} counted and the
 * temporary-file bytes written meanwhile.
 * {@code original} is the operator as planned (for estimates and names).
 */
public record Instrumented(Plan original, Plan inner, List<Instrumented> inputs,
        NodeStats stats, LongSupplier nanos) implements Plan {

    @Override
    public List<Column> columns() {
        return inner.columns();
    }

    @Override
    public String describe() {
        return original.describe();
    }

    @Override
    public List<Plan> children() {
        return List.copyOf(inputs);
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        long start = nanos.getAsLong();
        // time to the first row counts time inside this node (open and next) as PostgreSQL's
        // startup time does, not the wall time since open: a parent may work between its
        // child's open and first next (a hash join builds), which would make it exceed total
        long base = stats.totalNanos;
        long[] before = ReadEvidence.snapshot();
        long files = cx.spilledFiles();
        long bytes = cx.spilledBytes();
        RowCursor cursor;
        try {
            cursor = inner.open(cx, outer);
        } finally {
            stats.loops++;
            stats.totalNanos += nanos.getAsLong() - start;
            stats.addEvidence(before, ReadEvidence.snapshot());
            stats.addSpill(files, bytes, cx);
        }
        return new RowCursor() {
            boolean first = true;

            @Override
            public Object[] next() {
                long t = nanos.getAsLong();
                long[] b = ReadEvidence.snapshot();
                long f = cx.spilledFiles();
                long by = cx.spilledBytes();
                Object[] row;
                try {
                    row = cursor.next();
                } finally {
                    long now = nanos.getAsLong();
                    stats.totalNanos += now - t;
                    stats.addEvidence(b, ReadEvidence.snapshot());
                    stats.addSpill(f, by, cx);
                    if (first) {
                        stats.firstRowNanos += stats.totalNanos - base;
                        first = false;
                    }
                }
                if (row != null) {
                    stats.rows++;
                }
                return row;
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }
}
