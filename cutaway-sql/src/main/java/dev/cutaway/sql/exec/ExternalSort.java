package dev.cutaway.sql.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Sorting beyond the row budget: an external merge sort, and a bounded top-N heap for
 * ORDER BY ... LIMIT.
 *
 * <p>External sort: rows are collected until the budget is exceeded, then sorted (stably) and
 * written as one run; at the end of the input, runs are merged k ways with a heap. When there
 * are more runs than the fan-in bound ({@link #fanIn}), consecutive groups of runs are merged
 * into longer runs first (multi-pass), so that at most {@code fanIn} rows — one per run —
 * are in memory during a merge. Stability: runs hold consecutive stretches of the input in
 * order, and rows that compare equal are taken from the earlier run first, so equal rows keep
 * their input order, exactly as the in-memory sort does. Input that fits the budget is sorted
 * in memory and nothing is written.
 */
final class ExternalSort {
    /** Upper bound of runs merged at once (each open run costs a buffer and a heap entry). */
    static final int FAN_IN_MAX = 16;

    private ExternalSort() {}

    /** Runs merged at once under {@code cx}'s budget: at least 2, at most FAN_IN_MAX. */
    static int fanIn(ExecContext cx) {
        return (int) Math.clamp(cx.rowsInMemoryMax(), 2, FAN_IN_MAX);
    }

    /** All rows of {@code in}, sorted by {@code order}; closes {@code in}. */
    static RowCursor sort(RowCursor in, Comparator<Object[]> order, ExecContext cx) {
        List<Object[]> buffer = new ArrayList<>();
        List<Spill.Run> runs = new ArrayList<>();
        try (in) {
            for (Object[] row = in.next(); row != null; row = in.next()) {
                buffer.add(row);
                if (cx.mustSpill(buffer.size())) {
                    buffer.sort(order);
                    runs.add(cx.spill().write(buffer));
                    buffer.clear();
                }
            }
        }
        buffer.sort(order);
        if (runs.isEmpty()) {
            return iterate(buffer);
        }
        if (!buffer.isEmpty()) {
            runs.add(cx.spill().write(buffer));
            buffer = null;
        }
        Spill spill = cx.spill();
        int fanIn = fanIn(cx);
        while (runs.size() > fanIn) {
            List<Spill.Run> longer = new ArrayList<>();
            for (int i = 0; i < runs.size(); i += fanIn) {
                List<Spill.Run> group = runs.subList(i, Math.min(runs.size(), i + fanIn));
                if (group.size() == 1) {
                    longer.add(group.get(0));
                    continue;
                }
                Spill.Writer w = spill.writer();
                try (RowCursor merged = merge(group, order, spill)) {
                    for (Object[] row = merged.next(); row != null; row = merged.next()) {
                        w.add(row);
                    }
                }
                longer.add(w.finish());
            }
            runs = longer;
        }
        return merge(runs, order, spill);
    }

    static RowCursor iterate(List<Object[]> rows) {
        Iterator<Object[]> it = rows.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    /** One run's current row in the merge heap; {@code run} breaks ties (stability). */
    private record Head(Object[] row, int run, RowCursor cursor) {}

    /** A k-way merge of sorted runs; each run is deleted once read to its end. */
    static RowCursor merge(List<Spill.Run> runs, Comparator<Object[]> order, Spill spill) {
        Comparator<Head> byRow = (a, b) -> {
            int c = order.compare(a.row(), b.row());
            return c != 0 ? c : Integer.compare(a.run(), b.run());
        };
        PriorityQueue<Head> heap = new PriorityQueue<>(Math.max(1, runs.size()), byRow);
        List<RowCursor> cursors = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RowCursor c = spill.read(runs.get(i));
            cursors.add(c);
            Object[] first = c.next();
            if (first != null) {
                heap.add(new Head(first, i, c));
            }
        }
        List<Spill.Run> owned = List.copyOf(runs);
        return new RowCursor() {
            @Override
            public Object[] next() {
                Head h = heap.poll();
                if (h == null) {
                    close();
                    return null;
                }
                Object[] following = h.cursor().next();
                if (following != null) {
                    heap.add(new Head(following, h.run(), h.cursor()));
                }
                return h.row();
            }

            @Override
            public void close() {
                heap.clear();
                for (RowCursor c : cursors) {
                    c.close();
                }
                for (Spill.Run r : owned) {
                    spill.delete(r);
                }
            }
        };
    }

    /** A row with its input position, so that the top-N heap breaks ties stably. */
    private record Numbered(Object[] row, long seq) {}

    /**
     * The first {@code n} rows of {@code in} in {@code order} (stable), holding at most n rows:
     * a max-heap of the best n seen so far. Callers check n against the budget.
     */
    static RowCursor topN(RowCursor in, Comparator<Object[]> order, long n) {
        Comparator<Numbered> stable = (a, b) -> {
            int c = order.compare(a.row(), b.row());
            return c != 0 ? c : Long.compare(a.seq(), b.seq());
        };
        PriorityQueue<Numbered> worstFirst = new PriorityQueue<>(stable.reversed());
        long seq = 0;
        try (in) {
            for (Object[] row = in.next(); row != null && n > 0; row = in.next()) {
                Numbered x = new Numbered(row, seq++);
                if (worstFirst.size() < n) {
                    worstFirst.add(x);
                } else if (stable.compare(x, worstFirst.peek()) < 0) {
                    worstFirst.poll();
                    worstFirst.add(x);
                }
            }
        }
        List<Numbered> best = new ArrayList<>(worstFirst);
        best.sort(stable);
        List<Object[]> rows = new ArrayList<>(best.size());
        for (Numbered x : best) {
            rows.add(x.row());
        }
        return iterate(rows);
    }
}
