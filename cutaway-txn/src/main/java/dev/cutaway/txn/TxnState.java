package dev.cutaway.txn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shared, internal record of one transaction: what the lock table, the SSI tracker, the
 * garbage collector and the stats need to know about it. The {@link Transaction} object is its
 * owner's handle; this is what other threads look at.
 *
 * <p>Threading: {@code status}, {@code snapshot}, {@code commitTimestamp} and {@code waiting} are
 * volatile (read by other threads without locks); the lock list is touched only by the owner
 * thread; the SSI fields are guarded by the {@link SsiTracker}'s monitor.
 */
final class TxnState {
    enum Status { ACTIVE, COMMITTING, COMMITTED, ABORTED }

    final long id;
    final Isolation isolation;
    final boolean readOnly;
    final long startedNanos;
    volatile Status status = Status.ACTIVE;
    /** The snapshot reads see: every commit at or below it, nothing above. */
    volatile Timestamp snapshot;
    /** Set when committed (null for read-only transactions until they finish). */
    volatile Timestamp commitTimestamp;
    /** The lock request this transaction waits on, or null (read by the deadlock detector). */
    volatile LockTable.Waiter waiting;
    /** Lock entries held (owner thread only). */
    final List<LockTable.Entry> heldLocks = new ArrayList<>();

    // --- SSI (guarded by SsiTracker's monitor) ---
    /** Transactions that read something this one wrote (rw-antidependencies in: them -> us). */
    final Set<TxnState> inConflicts = new HashSet<>();
    /** Transactions that wrote something this one read (rw-antidependencies out: us -> them). */
    final Set<TxnState> outConflicts = new HashSet<>();
    /** Point SIREAD locks (user keys) this transaction registered. */
    final List<SsiTracker.Key> sireadKeys = new ArrayList<>();
    /** Range SIREAD locks [low, high) this transaction registered. */
    final List<byte[][]> sireadRanges = new ArrayList<>();
    /** Set when an SSI check decided this transaction must fail at commit. */
    boolean doomed;

    TxnState(long id, Isolation isolation, boolean readOnly, Timestamp snapshot,
            long startedNanos) {
        this.id = id;
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.snapshot = snapshot;
        this.startedNanos = startedNanos;
    }

    boolean serializable() {
        return isolation == Isolation.SERIALIZABLE;
    }

    @Override
    public String toString() {
        return "txn " + id;
    }
}
