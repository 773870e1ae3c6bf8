package dev.cutaway.bench;

import dev.cutaway.check.Invariants;
import java.util.Arrays;

/**
 * Per-operation latencies in nanoseconds, recorded into an array allocated up front so that
 * recording neither allocates nor boxes inside a timed loop.
 *
 * <p>Invariants: (1) at most {@code capacity} samples are recorded (a bound, not a hint);
 * (2) once a percentile has been read the samples are sorted and no more may be recorded.
 */
public final class LatencySamples {
    private final long[] nanos;
    private int count;
    private boolean sorted;

    public LatencySamples(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity " + capacity + " < 0");
        }
        this.nanos = new long[capacity];
    }

    /** Records one latency; throws if the capacity is exhausted (invariant 1). */
    public void record(long latencyNanos) {
        if (sorted || count == nanos.length) {
            throw Invariants.violation("LatencySamples.1/2 record after sort or past capacity",
                    count, nanos.length, sorted);
        }
        nanos[count++] = latencyNanos;
    }

    public int count() {
        return count;
    }

    /** How many samples fit (invariant 1). */
    public int capacity() {
        return nanos.length;
    }

    /** The {@code i}-th sample recorded (in sorted order once a percentile was read). */
    public long sample(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i + " not in [0, " + count + ")");
        }
        return nanos[i];
    }

    /**
     * The nearest-rank percentile ({@code percent} in (0, 100]) in nanoseconds; 0 when no
     * sample was recorded.
     */
    public long percentileNanos(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile " + percent + " not in (0, 100]");
        }
        if (count == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(nanos, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(percent / 100.0 * count);
        return nanos[Math.max(rank, 1) - 1];
    }

    /** {@link #percentileNanos} in microseconds. */
    public double percentileMicros(double percent) {
        return percentileNanos(percent) / 1000.0;
    }
}
