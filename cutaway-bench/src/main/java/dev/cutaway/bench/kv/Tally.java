package dev.cutaway.bench.kv;

import dev.cutaway.bench.LatencySamples;

/**
 * What one engine's run of one workload measured so far, accumulated over the workload's
 * rounds: the latency of every counted operation and the wall time of the counted parts.
 * The first {@code skipped} operations (by index in the workload) run but are not counted.
 *
 * <p>Invariants: (1) {@code 0 <= skipped <= operations}; (2) at most
 * {@code operations - skipped} samples are recorded (the bound of {@link LatencySamples}).
 */
final class Tally {
    /** A workload's first tenth warms caches and the JIT and is not counted. */
    static final int WARMUP_FRACTION_DIVISOR = 10;

    final int operations;
    final int skipped;
    final LatencySamples samples;
    long countedNanos;

    private Tally(int operations, int skipped) {
        if (skipped < 0 || skipped > operations) {
            throw new IllegalArgumentException("Tally.1 skipped " + skipped + " of "
                    + operations);
        }
        this.operations = operations;
        this.skipped = skipped;
        this.samples = new LatencySamples(operations - skipped);
    }

    /** Counts all but the first tenth of {@code operations}. */
    static Tally timed(int operations) {
        return new Tally(operations, operations / WARMUP_FRACTION_DIVISOR);
    }

    /** Counts nothing: loading data and warm-up passes. */
    static Tally untimed(int operations) {
        return new Tally(operations, operations);
    }

    int counted() {
        return samples.count();
    }

    long opsPerSecond() {
        return countedNanos == 0 ? 0 : Math.round(counted() * 1e9 / countedNanos);
    }
}
