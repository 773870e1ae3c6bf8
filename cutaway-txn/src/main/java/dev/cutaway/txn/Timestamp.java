package dev.cutaway.txn;

/**
 * A hybrid logical clock timestamp: wall-clock milliseconds plus a logical counter that orders
 * events within one millisecond (and events whose physical time stood still). Timestamps
 * compare by physical time, then by the logical counter.
 *
 * <p>Invariants: (1) {@code physicalMillis >= 0}; (2) {@code logical >= 0}. Both are checked on
 * construction because timestamps also arrive from disk and from other nodes.
 *
 * @param physicalMillis milliseconds since the Unix epoch, as the highest clock reading seen
 * @param logical counter among timestamps with the same {@code physicalMillis}
 */
public record Timestamp(long physicalMillis, int logical) implements Comparable<Timestamp> {
    /** The smallest timestamp; every real event is after it. */
    public static final Timestamp ZERO = new Timestamp(0, 0);
    /** The largest timestamp: "read the newest of everything". */
    public static final Timestamp MAX = new Timestamp(Long.MAX_VALUE, Integer.MAX_VALUE);

    public Timestamp {
        if (physicalMillis < 0) {
            throw new IllegalArgumentException(
                    "Timestamp.1 physicalMillis must be >= 0: " + physicalMillis);
        }
        if (logical < 0) {
            throw new IllegalArgumentException("Timestamp.2 logical must be >= 0: " + logical);
        }
    }

    @Override
    public int compareTo(Timestamp other) {
        int c = Long.compare(physicalMillis, other.physicalMillis);
        return c != 0 ? c : Integer.compare(logical, other.logical);
    }

    public boolean isAfter(Timestamp other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Timestamp other) {
        return compareTo(other) < 0;
    }

    /** The smallest timestamp after this one. */
    public Timestamp next() {
        if (logical < Integer.MAX_VALUE) {
            return new Timestamp(physicalMillis, logical + 1);
        }
        if (physicalMillis == Long.MAX_VALUE) {
            throw new IllegalStateException("no timestamp after " + this);
        }
        return new Timestamp(physicalMillis + 1, 0);
    }

    /** {@code physicalMillis.logical}, e.g. {@code 1700000000000.3}. */
    @Override
    public String toString() {
        return physicalMillis + "." + logical;
    }
}
