package dev.cutaway.txn.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records a history while concurrent test threads run transactions against an engine: each
 * thread calls {@link #begin()}, then {@link #read}/{@link #write} as its transaction does them,
 * then {@link #commit} or {@link #abort}. Thread-safe (one lock; recording is cheap next to
 * what it records).
 *
 * <p>Call {@link #commit} right after the engine acknowledged the commit and before the thread
 * does anything else: the order of {@code commit} calls is the commit order that
 * {@link VersionOrder#fromCommitOrder} uses as each key's version order. Under concurrency that
 * order is only as faithful as the call placement; an engine with commit timestamps should give
 * an explicit {@link VersionOrder} instead.
 *
 * <p>Invariants: (1) written values are unique per key ({@link #freshValue()} hands out values
 * that are unique across the whole history; a duplicate passed to {@link #write} is refused at
 * once); (2) operations are recorded only for a transaction that has begun and not ended.
 */
public final class HistoryRecorder {
    private final Object lock = new Object();
    private final Map<Long, List<Op>> running = new HashMap<>();
    private final Map<Long, Txn> ended = new LinkedHashMap<>();
    private final Map<Long, Set<Long>> valuesByKey = new HashMap<>();
    private long idNext = 1;
    private long commitSequenceNext = 0;
    private long valueNext = 1;

    /** Starts a transaction and returns its id. */
    public long begin() {
        synchronized (lock) {
            long id = idNext++;
            running.put(id, new ArrayList<>());
            return id;
        }
    }

    /** A value never handed out before: use it for the next write. */
    public long freshValue() {
        synchronized (lock) {
            return valueNext++;
        }
    }

    /** Records that {@code txnId} read {@code key} and saw {@code observedValue} (null: absent). */
    public void read(long txnId, long key, Long observedValue) {
        synchronized (lock) {
            opsOf(txnId).add(new Op.Read(key, observedValue));
        }
    }

    /** Records that {@code txnId} wrote {@code value} to {@code key}. */
    public void write(long txnId, long key, long value) {
        synchronized (lock) {
            List<Op> ops = opsOf(txnId);
            if (!valuesByKey.computeIfAbsent(key, k -> new HashSet<>()).add(value)) {
                throw new IllegalArgumentException("invariant 1: value " + value
                        + " was already written to key " + key + "; use freshValue()");
            }
            ops.add(new Op.Write(key, value));
        }
    }

    /** Records that {@code txnId} committed (call right after the engine acknowledged it). */
    public void commit(long txnId) {
        synchronized (lock) {
            List<Op> ops = end(txnId);
            ended.put(txnId, new Txn(txnId, Txn.Status.COMMITTED, ops, commitSequenceNext++));
        }
    }

    /** Records that {@code txnId} rolled back (on request or because the engine refused it). */
    public void abort(long txnId) {
        synchronized (lock) {
            List<Op> ops = end(txnId);
            ended.put(txnId, new Txn(txnId, Txn.Status.ABORTED, ops, Txn.NO_COMMIT));
        }
    }

    /**
     * The history so far, transactions in the order they ended; transactions still running
     * are included as aborted (none of their writes was installed).
     */
    public History history() {
        synchronized (lock) {
            List<Txn> txns = new ArrayList<>(ended.values());
            running.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> txns.add(new Txn(e.getKey(), Txn.Status.ABORTED,
                            e.getValue(), Txn.NO_COMMIT)));
            return new History(txns);
        }
    }

    private List<Op> opsOf(long txnId) {
        List<Op> ops = running.get(txnId);
        if (ops == null) {
            throw new IllegalArgumentException("invariant 2: T" + txnId
                    + (ended.containsKey(txnId) ? " has already ended" : " was never begun"));
        }
        return ops;
    }

    private List<Op> end(long txnId) {
        List<Op> ops = opsOf(txnId);
        running.remove(txnId);
        return ops;
    }
}
