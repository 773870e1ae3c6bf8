package dev.cutaway.txn;

/**
 * A timestamp received from another node is further ahead of the local wall clock than the
 * configured maximum offset allows. Accepting it would drag this node's clock forward by an
 * unbounded amount (and with it every node that talks to this one), so it is rejected; the
 * sender's clock is probably wrong. CockroachDB makes the same check.
 */
public final class ClockOffsetException extends RuntimeException {
    private final Timestamp received;
    private final long localPhysicalMillis;
    private final long maxOffsetMillis;

    ClockOffsetException(Timestamp received, long localPhysicalMillis, long maxOffsetMillis) {
        super("received timestamp " + received + " is "
                + (received.physicalMillis() - localPhysicalMillis)
                + " ms ahead of the local clock " + localPhysicalMillis
                + ", more than the maximum offset of " + maxOffsetMillis + " ms");
        this.received = received;
        this.localPhysicalMillis = localPhysicalMillis;
        this.maxOffsetMillis = maxOffsetMillis;
    }

    public Timestamp received() {
        return received;
    }

    public long localPhysicalMillis() {
        return localPhysicalMillis;
    }

    public long maxOffsetMillis() {
        return maxOffsetMillis;
    }
}
