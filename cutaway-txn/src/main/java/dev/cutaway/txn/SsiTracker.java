package dev.cutaway.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serializable snapshot isolation (Cahill et al. 2008; Ports and Grittner 2012, PostgreSQL's
 * SSI): tracks read-write antidependencies among SERIALIZABLE transactions and aborts one
 * transaction of every dangerous structure {@code T_in -rw-> T_pivot -rw-> T_out} in which
 * {@code T_out} commits first. Every cycle in a snapshot-isolation history contains such a
 * structure, so forbidding them leaves only serializable histories (with some false positives,
 * as in PostgreSQL).
 *
 * <p>An edge {@code R -rw-> W} means R read a version of a key (or a range containing it) and
 * the concurrent W wrote a newer one. It is found from either side:
 * <ul>
 *   <li>W writes a key: every concurrent R holding a SIREAD lock on the key or a range around
 *       it ({@link #onWrite});</li>
 *   <li>R reads: the key is locked EXCLUSIVE by a writer, or a version newer than R's snapshot
 *       exists ({@link #onReadConflict}).</li>
 * </ul>
 * A writer takes its row lock before it looks for SIREAD locks, and a reader registers its
 * SIREAD lock before it looks at row locks and versions, so one side always sees the other.
 *
 * <p>Checks (all under this object's monitor, so edges and commits are totally ordered):
 * <ol>
 *   <li>At commit of T: if T has an in-edge from a transaction that did not abort and an
 *       out-edge to a transaction already committed, T is a pivot whose T_out committed first:
 *       T aborts.</li>
 *   <li>When an edge R -> W is added and W has already committed: if W has an out-edge to a
 *       transaction that committed before W, W is a committed pivot with T_out first: R (still
 *       active) aborts.</li>
 * </ol>
 * SIREAD locks and conflict lists of a committed transaction are kept while any transaction
 * concurrent with it is active (its commit timestamp is above the oldest active snapshot).
 */
final class SsiTracker {
    /** A user key with value equality, for the point SIREAD map. */
    record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private final Map<Key, Set<TxnState>> pointReaders = new HashMap<>();
    /** Serializable transactions that are active or committed but still relevant. */
    private final Set<TxnState> tracked = new HashSet<>();
    /** Committed serializable writers by commit timestamp, to name the writer of a version. */
    private final TreeMap<Timestamp, TxnState> committedWriters = new TreeMap<>();
    final LongAdder conflicts = new LongAdder();
    final LongAdder failures = new LongAdder();

    /** Committed serializable transactions kept for their concurrent ones (racy read is fine). */
    private volatile int committedTracked;

    boolean hasCommittedTracked() {
        return committedTracked > 0;
    }

    synchronized void register(TxnState t) {
        tracked.add(t);
    }

    /** Registers a point SIREAD lock of {@code reader} on {@code key}. */
    synchronized void readPoint(TxnState reader, byte[] key) {
        Key k = new Key(key);
        if (pointReaders.computeIfAbsent(k, x -> new HashSet<>()).add(reader)) {
            reader.sireadKeys.add(k);
        }
    }

    /** Registers a range SIREAD lock of {@code reader} on [low, high) (nulls unbounded). */
    synchronized void readRange(TxnState reader, byte[] low, byte[] high) {
        reader.sireadRanges.add(new byte[][] {low, high});
    }

    /**
     * {@code writer} writes {@code key} (it holds the row lock): adds edges from every
     * concurrent reader of the key.
     */
    synchronized void onWrite(TxnState writer, byte[] key) {
        Set<TxnState> readers = pointReaders.get(new Key(key));
        if (readers != null) {
            for (TxnState r : readers) {
                addEdge(r, writer, writer);
            }
        }
        for (TxnState r : tracked) {
            if (r != writer && coversKey(r.sireadRanges, key)) {
                addEdge(r, writer, writer);
            }
        }
    }

    /**
     * {@code reader} read past a version committed at {@code newerCommit} (after its snapshot)
     * or found {@code lockHolder} holding the row: adds the edge reader -> writer. Throws 40001
     * if the edge completes a dangerous structure around a committed pivot (check 2).
     */
    synchronized void onReadConflict(TxnState reader, TxnState lockHolder, Timestamp newerCommit) {
        TxnState writer = lockHolder;
        if (writer == null && newerCommit != null) {
            writer = committedWriters.get(newerCommit);
        }
        if (writer == null || !writer.serializable()) {
            return;   // the writer is not serializable (or long gone): SSI ignores it
        }
        addEdge(reader, writer, reader);
    }

    private void addEdge(TxnState reader, TxnState writer, TxnState throwIfAborting) {
        if (reader == writer || reader.status == TxnState.Status.ABORTED
                || writer.status == TxnState.Status.ABORTED || !concurrent(reader, writer)) {
            return;
        }
        if (reader.outConflicts.add(writer)) {
            writer.inConflicts.add(reader);
            conflicts.increment();
        }
        if (writer.status == TxnState.Status.COMMITTED
                && reader.status == TxnState.Status.ACTIVE
                && committedOutBefore(writer, writer.commitTimestamp)) {
            failures.increment();
            if (throwIfAborting == reader) {
                throw failure(reader, "reads from a committed pivot whose T_out committed first");
            }
            reader.doomed = true;
        }
        // Check 1 early, as PostgreSQL does: the transaction running this statement has just
        // become a pivot whose T_out already committed, so it fails now rather than at commit.
        if (throwIfAborting != null && throwIfAborting.status == TxnState.Status.ACTIVE
                && hasLiveIn(throwIfAborting) && committedOutBefore(throwIfAborting, null)) {
            failures.increment();
            throw failure(throwIfAborting, "identified as a pivot during write");
        }
    }

    private static boolean hasLiveIn(TxnState t) {
        for (TxnState in : t.inConflicts) {
            if (in.status != TxnState.Status.ABORTED) {
                return true;
            }
        }
        return false;
    }

    /** Two transactions are concurrent if neither committed before the other's snapshot. */
    private static boolean concurrent(TxnState a, TxnState b) {
        Timestamp ac = a.commitTimestamp;
        Timestamp bc = b.commitTimestamp;
        return (ac == null || ac.isAfter(b.snapshot)) && (bc == null || bc.isAfter(a.snapshot));
    }

    private static boolean committedOutBefore(TxnState t, Timestamp bound) {
        for (TxnState out : t.outConflicts) {
            if (out.status == TxnState.Status.COMMITTED && out.commitTimestamp != null
                    && (bound == null || out.commitTimestamp.isBefore(bound))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Check 1 at commit of {@code t}, then marks it committed at {@code commit}. Called with
     * the commit order fixed (under the store's commit lock). Throws 40001 if {@code t} must
     * abort instead.
     */
    synchronized void commit(TxnState t, Timestamp commit, boolean wrote) {
        if (t.doomed || (hasLiveIn(t) && committedOutBefore(t, null))) {
            failures.increment();
            throw failure(t, "identified as a pivot during commit attempt");
        }
        t.commitTimestamp = commit;
        t.status = TxnState.Status.COMMITTED;
        committedTracked++;
        if (wrote) {
            committedWriters.put(commit, t);
        }
    }

    private static TxnException failure(TxnState t, String detail) {
        return new TxnException(TxnException.Reason.SERIALIZATION_SSI,
                "could not serialize access due to read/write dependencies among transactions"
                        + " (" + t + ": " + detail + ")");
    }

    /** {@code t} aborted: it no longer takes part in any structure. */
    synchronized void abort(TxnState t) {
        dropLocks(t);
        tracked.remove(t);
    }

    /**
     * Forgets committed transactions no active transaction is concurrent with: those that
     * committed at or below {@code oldestActiveSnapshot}.
     */
    synchronized void prune(Timestamp oldestActiveSnapshot) {
        Iterator<TxnState> it = tracked.iterator();
        while (it.hasNext()) {
            TxnState t = it.next();
            Timestamp c = t.commitTimestamp;
            if (t.status == TxnState.Status.COMMITTED && c != null
                    && !c.isAfter(oldestActiveSnapshot)) {
                dropLocks(t);
                it.remove();
                committedTracked--;
            }
        }
        committedWriters.headMap(oldestActiveSnapshot, true).clear();
    }

    private void dropLocks(TxnState t) {
        for (Key k : t.sireadKeys) {
            Set<TxnState> readers = pointReaders.get(k);
            if (readers != null) {
                readers.remove(t);
                if (readers.isEmpty()) {
                    pointReaders.remove(k);
                }
            }
        }
        t.sireadKeys.clear();
        t.sireadRanges.clear();
        for (TxnState out : t.outConflicts) {
            out.inConflicts.remove(t);
        }
        for (TxnState in : t.inConflicts) {
            in.outConflicts.remove(t);
        }
        t.outConflicts.clear();
        t.inConflicts.clear();
    }

    private static boolean coversKey(List<byte[][]> ranges, byte[] key) {
        for (byte[][] r : ranges) {
            if ((r[0] == null || Arrays.compareUnsigned(key, r[0]) >= 0)
                    && (r[1] == null || Arrays.compareUnsigned(key, r[1]) < 0)) {
                return true;
            }
        }
        return false;
    }

    /** Counts for stats: tracked transactions and point SIREAD locks. */
    synchronized List<Integer> sizes() {
        return new ArrayList<>(List.of(tracked.size(), pointReaders.size()));
    }
}
