package dev.cutaway.bench.kv;

import dev.cutaway.check.Invariants;
import java.io.IOException;

/**
 * The timed inner loops: puts, gets and a scan through a {@link BenchEngine}, one operation
 * at a time, each timed with {@link System#nanoTime()} into the {@link Tally}'s preallocated
 * samples. Puts and gets run a slice {@code [from, to)} of a workload, so that a workload can
 * be split into rounds that alternate between engines; the tally keeps adding up.
 *
 * <p>Nothing inside a loop allocates except what the operation needs (a fresh key and value
 * array per put, because engines may keep them); checks there are explicit {@code if}s, not
 * {@code Invariants.check}, whose varargs would box.
 *
 * <p>Invariant: (1) reads find every key the fills loaded: a miss is a bug of the engine or of
 * the harness and stops the run.
 */
final class TimedLoops {
    private final KeyFormat keys;
    private final int keyBytes;
    private final int valueBytes;
    private long sink;

    TimedLoops(int keyBytes, int valueBytes) {
        this.keys = new KeyFormat(keyBytes);
        this.keyBytes = keyBytes;
        this.valueBytes = valueBytes;
    }

    /** A value derived from everything read, printed at the end so reads cannot be elided. */
    long sink() {
        return sink;
    }

    /** Puts of key {@code order[i]} (or {@code i} when order is null) for i in [from, to). */
    void puts(BenchEngine engine, int from, int to, int[] order, ValueSource values,
            Tally tally) throws IOException {
        long startNanos = System.nanoTime();
        for (int i = from; i < to; i++) {
            if (i == tally.skipped) {
                startNanos = System.nanoTime();
            }
            byte[] key = keys.key(order == null ? i : order[i]);
            byte[] value = values.next();
            long beforeNanos = System.nanoTime();
            engine.put(key, value);
            long latencyNanos = System.nanoTime() - beforeNanos;
            if (i >= tally.skipped) {
                tally.samples.record(latencyNanos);
            }
        }
        addCountedTime(tally, to, startNanos);
    }

    /** Gets of key {@code order[i]} for i in [from, to); every key must be found. */
    void gets(BenchEngine engine, int from, int to, int[] order, Tally tally)
            throws IOException {
        byte[] key = new byte[keyBytes];
        long startNanos = System.nanoTime();
        for (int i = from; i < to; i++) {
            if (i == tally.skipped) {
                startNanos = System.nanoTime();
            }
            keys.encode(order[i], key);
            long beforeNanos = System.nanoTime();
            byte[] value = engine.get(key);
            long latencyNanos = System.nanoTime() - beforeNanos;
            if (value == null || value.length != valueBytes) {
                throw Invariants.violation("TimedLoops.1 readrandom finds every loaded key",
                        engine.name(), order[i], value == null ? -1 : value.length);
            }
            sink += value[0];
            if (i >= tally.skipped) {
                tally.samples.record(latencyNanos);
            }
        }
        addCountedTime(tally, to, startNanos);
    }

    /** One ascending scan that must yield exactly {@code tally.operations} entries. */
    void scan(BenchEngine engine, Tally tally) throws IOException {
        int expected = tally.operations;
        int seen = 0;
        long startNanos = System.nanoTime();
        try (BenchEngine.ScanCursor cursor = engine.scanAll()) {
            while (true) {
                if (seen == tally.skipped) {
                    startNanos = System.nanoTime();
                }
                long beforeNanos = System.nanoTime();
                boolean more = cursor.next();
                if (more) {
                    sink += cursor.value().length + cursor.key()[0];
                }
                long latencyNanos = System.nanoTime() - beforeNanos;
                if (!more) {
                    break;
                }
                if (seen >= expected) {
                    throw Invariants.violation("TimedLoops.1 readseq sees only loaded keys",
                            engine.name(), seen, expected);
                }
                if (seen >= tally.skipped) {
                    tally.samples.record(latencyNanos);
                }
                seen++;
            }
        }
        addCountedTime(tally, seen, startNanos);
        Invariants.check(seen == expected, "TimedLoops.1 readseq sees every loaded key",
                engine.name(), seen, expected);
    }

    /** Adds the wall time since {@code startNanos} if the slice ending at {@code to} counted. */
    private static void addCountedTime(Tally tally, int to, long startNanos) {
        if (to > tally.skipped) {
            tally.countedNanos += System.nanoTime() - startNanos;
        }
    }
}
