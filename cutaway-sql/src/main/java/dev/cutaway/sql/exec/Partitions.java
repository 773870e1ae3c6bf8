package dev.cutaway.sql.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Hash partitioning into spill files, for the operators that spill by key (hash aggregate,
 * DISTINCT, set operations, hash join): a row goes to file {@code index(hash, level)} of
 * {@link #FAN_OUT}. Rows with equal keys have equal hashes and so meet in one partition,
 * which the operator then processes on its own. A partition still too big is partitioned
 * again one level deeper, where {@link #index} mixes the hash with a different seed so that
 * the rows spread differently. Beyond {@link #LEVELS_MAX} levels the rows share (nearly) one
 * key and partitioning cannot help: the operator fails with 53200.
 */
final class Partitions {
    static final int FAN_OUT = 16;
    static final int LEVELS_MAX = 6;

    private final Spill.Writer[] writers = new Spill.Writer[FAN_OUT];
    private final int level;

    Partitions(Spill spill, int level) {
        this.level = level;
        for (int i = 0; i < FAN_OUT; i++) {
            writers[i] = spill.writer();
        }
    }

    /** The partition of a row with key hash {@code hash} at recursion depth {@code level}. */
    static int index(int hash, int level) {
        int h = hash ^ (level + 1) * 0x9E3779B9;
        h = (h ^ (h >>> 16)) * 0x85EBCA6B;
        h = (h ^ (h >>> 13)) * 0xC2B2AE35;
        h ^= h >>> 16;
        return Math.floorMod(h, FAN_OUT);
    }

    void add(Object[] row, int hash) {
        writers[index(hash, level)].add(row);
    }

    /** Closes the files; the runs in partition order. */
    List<Spill.Run> finish() {
        List<Spill.Run> runs = new ArrayList<>(FAN_OUT);
        for (Spill.Writer w : writers) {
            runs.add(w.finish());
        }
        return runs;
    }

    /** Fails with 53200 when {@code level} is past the deepest useful repartitioning. */
    static void checkLevel(int level, ExecContext cx) {
        if (level >= LEVELS_MAX) {
            cx.checkRowsInMemory(Long.MAX_VALUE);
        }
    }

    /** A cursor over the results of processing each run in turn (see the other each). */
    static RowCursor each(List<Spill.Run> runs, Spill spill,
            java.util.function.Function<Spill.Run, RowCursor> each) {
        return each(runs.size(), i -> each.apply(runs.get(i)), i -> spill.delete(runs.get(i)));
    }

    /**
     * A cursor over the results of partitions 0..n-1 in turn: {@code open} opens the result
     * of one partition; {@code done} deletes its files once that result is exhausted, and is
     * called for every partition not yet done on close.
     */
    static RowCursor each(int n, java.util.function.IntFunction<RowCursor> open,
            java.util.function.IntConsumer done) {
        return new RowCursor() {
            int next;
            RowCursor current;

            @Override
            public Object[] next() {
                while (true) {
                    if (current == null) {
                        if (next >= n) {
                            return null;
                        }
                        current = open.apply(next++);
                    }
                    Object[] row = current.next();
                    if (row != null) {
                        return row;
                    }
                    current.close();
                    current = null;
                    done.accept(next - 1);
                }
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                    current = null;
                }
                for (int i = Math.max(0, next - 1); i < n; i++) {
                    done.accept(i);
                }
                next = n;
            }
        };
    }

    /** {@code first}'s rows, then {@code second}'s (opened lazily when first ends). */
    static RowCursor concat(RowCursor first, java.util.function.Supplier<RowCursor> second) {
        return new RowCursor() {
            RowCursor current = first;
            boolean switched;

            @Override
            public Object[] next() {
                Object[] row = current.next();
                if (row == null && !switched) {
                    switched = true;
                    current.close();
                    current = second.get();
                    row = current.next();
                }
                return row;
            }

            @Override
            public void close() {
                current.close();
                switched = true;
            }
        };
    }
}
