package dev.cutaway.txn;

import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.log.WriteBatch;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The transaction layer over one {@link Node}: timestamp MVCC with an in-memory lock table and
 * one-phase commit (ADR 0011). Open it on a node, then {@link #begin} transactions from any
 * number of threads (one thread per transaction at a time).
 *
 * <p>Commit pipeline, the order that makes snapshots correct:
 * <pre>
 *   under commitLock:  ssi check ; ts = hlc.now() ; node.writeNoWait(versions at ts)
 *                      (or, too large for one record, node.writePartsNoWait(parts, clock)) ;
 *                      pending += (lsn, ts)
 *   outside:           node.awaitCommit(lsn)  (group commit shares the fsync)
 *                      visible = ts of the newest pending commit at or below lsn ; release locks
 * </pre>
 * Invariants:
 * <ol>
 *   <li>Commit timestamps increase with LSN: both are assigned under {@code commitLock}.</li>
 *   <li>{@code visible} only grows, and every commit at or below it is applied to the engine
 *       and durable (under synchronous commit): a snapshot at {@code visible} is stable.</li>
 *   <li>A transaction's row locks are released only after its commit is visible, so a writer
 *       that waited on them finds the new version when it reads the newest one.</li>
 *   <li>Every active transaction's snapshot is at or above the GC horizon: snapshots are taken
 *       and the horizon computed under the same monitor ({@code active}).</li>
 * </ol>
 *
 * <p>Keys: version keys ({@link VersionKeys}) start with the bytes tag 0x60; the store's own
 * metadata lives below them ({@link #CLOCK_KEY}, the highest commit timestamp, which feeds the
 * clock a floor after a restart).
 */
public final class TxnStore implements Closeable {
    /** Metadata key holding the newest commit timestamp (sorts below every version key). */
    static final byte[] CLOCK_KEY = {0x01, 'h', 'l', 'c'};
    /** Version keys begin at or after this (the tuple tag of a bytes element). */
    static final byte[] VERSIONS_LOW = {0x60};
    static final byte[] VERSIONS_HIGH = {0x61};

    private record Pending(long lsn, Timestamp timestamp) {}

    /** How often the keys recent commits wrote are pruned of old versions (ADR 0032). */
    static final long PRUNE_INTERVAL_MILLIS = 100;

    private final Node node;
    private final TxnOptions options;
    private final HybridLogicalClock clock;
    final LockTable locks;
    final SsiTracker ssi = new SsiTracker();
    private final KeyRouting routing = new KeyRouting();
    private final VersionGc gc;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private volatile Timestamp visible;
    private final Map<Long, TxnState> active = new LinkedHashMap<>();   // guarded by itself
    private final AtomicLong nextId = new AtomicLong(1);
    private final LongAdder begun = new LongAdder();
    private final LongAdder committed = new LongAdder();
    private final LongAdder rolledBack = new LongAdder();
    /** Commits too large for one log record, written as parts (ADR 0029). */
    private final LongAdder partedCommits = new LongAdder();
    private final Map<TxnException.Reason, LongAdder> aborts =
            new EnumMap<>(TxnException.Reason.class);
    private final ScheduledFuture<?> gcTask;

    private TxnStore(Node node, TxnOptions options, Timestamp floor) {
        this.node = node;
        this.options = options;
        this.clock = new HybridLogicalClock(options.clock(), options.maxClockOffsetMillis());
        this.clock.raiseFloor(floor);
        this.visible = floor;
        this.locks = new LockTable(TimeUnit.MILLISECONDS.toNanos(options.deadlockCheckMillis()));
        this.gc = new VersionGc(this);
        for (TxnException.Reason r : TxnException.Reason.values()) {
            aborts.put(r, new LongAdder());
        }
        if (options.background() != null && options.gcIntervalMillis() > 0) {
            long fullPassNanos = TimeUnit.MILLISECONDS.toNanos(options.gcIntervalMillis());
            long tick = Math.min(options.gcIntervalMillis(), PRUNE_INTERVAL_MILLIS);
            gcTask = options.background().scheduleWithFixedDelay(() -> gc.tick(fullPassNanos),
                    tick, tick, TimeUnit.MILLISECONDS);
        } else {
            gcTask = null;
        }
    }

    /**
     * {@code options} with what the transaction layer wants of the storage engines: LSM
     * tables get prefix bloom filters over user keys ({@link VersionKeys#BLOOM_PREFIX}), so
     * MVCC point reads skip tables without the key (ADR 0024). Open the node with these.
     */
    public static NodeOptions nodeOptions(NodeOptions options) {
        return options.lsm().bloomPrefix() != null ? options
                : options.withLsm(options.lsm().withBloomPrefix(VersionKeys.BLOOM_PREFIX));
    }

    /**
     * Opens the transaction layer on {@code node} (already recovered). Transactions that were
     * pending at a crash never reached the log, so there is nothing to undo: only the clock's
     * floor is read back.
     */
    public static TxnStore open(Node node, TxnOptions options) throws IOException {
        byte[] stored = node.engine().get(CLOCK_KEY);
        Timestamp floor = stored == null ? Timestamp.ZERO : TimestampCodec.decode(stored);
        return new TxnStore(node, options, floor);
    }

    /** Begins a read-write transaction at {@code isolation}. */
    public Transaction begin(Isolation isolation) {
        return begin(isolation, false);
    }

    /** Begins a transaction; a read-only one refuses writes with 25006. */
    public Transaction begin(Isolation isolation, boolean readOnly) {
        TxnState state;
        synchronized (active) {
            state = new TxnState(nextId.getAndIncrement(), isolation, readOnly, visible,
                    System.nanoTime());
            active.put(state.id, state);
        }
        if (state.serializable()) {
            ssi.register(state);
        }
        begun.increment();
        return new Transaction(this, state,
                TimeUnit.MILLISECONDS.toNanos(options.lockTimeoutMillis()));
    }

    /** Moves {@code state}'s snapshot to the newest visible commit (read committed). */
    void refreshSnapshot(TxnState state) {
        synchronized (active) {
            state.snapshot = visible;
        }
    }

    /** The GC horizon: the oldest snapshot any active transaction can read at. */
    Timestamp oldestActiveSnapshot() {
        synchronized (active) {
            Timestamp oldest = visible;
            for (TxnState t : active.values()) {
                if (t.snapshot.isBefore(oldest)) {
                    oldest = t.snapshot;
                }
            }
            return oldest;
        }
    }

    /** The newest commit timestamp visible to new snapshots. */
    public Timestamp visibleTimestamp() {
        return visible;
    }

    /** The engine of the space holding {@code userKey}. */
    KvEngine engineFor(byte[] userKey) {
        return node.engine(routing.spaceOf(userKey));
    }

    int spaceOf(byte[] userKey) {
        return routing.spaceOf(userKey);
    }

    /** Exclusive end of the mapped prefix holding {@code userKey}, or null (default space). */
    byte[] prefixEndOf(byte[] userKey) {
        return routing.prefixEndOf(userKey);
    }

    /**
     * Routes user keys starting with {@code prefix} to key space {@code space} of the node (a
     * table stored in an engine of its own). Register before any transaction touches such keys;
     * prefixes must not overlap. The mapping is not stored: its owner registers it at open.
     */
    public void mapPrefix(byte[] prefix, int space) {
        node.engine(space);   // fails for an unknown space
        routing.map(prefix, space);
    }

    /** Forgets a prefix mapping (the table is gone). */
    public void unmapPrefix(byte[] prefix) {
        routing.unmap(prefix);
    }

    Node node() {
        return node;
    }

    /**
     * Commits {@code state}'s write set: one log record holding every version at the commit
     * timestamp (plus the clock floor), then names to the GC the keys that may hold garbage:
     * all but those of {@code unversioned[0 .. unversionedCount)}, keys of {@code writes} that
     * had no version when first written (see {@link VersionGc#record}). @return the commit
     * timestamp
     */
    Timestamp commitWrites(TxnState state, TreeMap<byte[], byte[]> writes, byte[][] unversioned,
            int unversionedCount) throws IOException {
        long lsn;
        Timestamp ts;
        commitLock.lock();
        try {
            ts = clock.now();
            if (state.serializable()) {
                ssi.commit(state, ts, true);   // may throw 40001: nothing written yet
            } else {
                state.commitTimestamp = ts;
                state.status = TxnState.Status.COMMITTED;
            }
            lsn = writeVersions(writes, ts);
            pending.addLast(new Pending(lsn, ts));
        } finally {
            commitLock.unlock();
        }
        node.awaitCommit(lsn);
        advanceVisible(lsn);
        gc.record(writes, unversioned, unversionedCount);
        return ts;
    }

    /**
     * Logs and applies every version of {@code writes} at {@code ts} plus the clock floor:
     * one batch when the write set fits a commit part, else parts closed by a commit record
     * holding the clock floor (ADR 0029). Called under {@code commitLock}, so the parts' versions
     * stay invisible until {@code visible} reaches {@code ts}. @return the commit record's LSN
     */
    private long writeVersions(TreeMap<byte[], byte[]> writes, Timestamp ts) throws IOException {
        WriteBatch clockFloor = new WriteBatch().put(CLOCK_KEY, TimestampCodec.encode(ts));
        if (!PartedCommit.fitsOnePart(writes, options.commitPartBytes())) {
            partedCommits.increment();
            return node.writePartsNoWait(PartedCommit.cut(writes, options.commitPartBytes(), ts,
                    routing::spaceOf), clockFloor);
        }
        WriteBatch batch = new WriteBatch();
        for (Map.Entry<byte[], byte[]> w : writes.entrySet()) {
            batch.put(routing.spaceOf(w.getKey()), VersionKeys.encode(w.getKey(), ts),
                    w.getValue());
        }
        batch.put(CLOCK_KEY, TimestampCodec.encode(ts));
        return node.writeNoWait(batch);
    }

    /** The bound on one transaction's write set, in accounted bytes. */
    long writeSetBytesMax() {
        return options.writeSetBytesMax();
    }

    /** Commits a transaction that wrote nothing (SSI still needs its commit position). */
    Timestamp commitReadOnly(TxnState state) {
        if (!state.serializable()) {
            state.status = TxnState.Status.COMMITTED;
            return state.snapshot;
        }
        commitLock.lock();
        try {
            Timestamp ts = clock.now();
            ssi.commit(state, ts, false);
            return ts;
        } finally {
            commitLock.unlock();
        }
    }

    private void advanceVisible(long durableLsn) {
        commitLock.lock();
        try {
            while (!pending.isEmpty() && pending.peekFirst().lsn() <= durableLsn) {
                visible = pending.pollFirst().timestamp();
            }
        } finally {
            commitLock.unlock();
        }
    }

    /** Ends {@code state} (committed or not): releases locks, leaves the active set. */
    void finish(TxnState state, boolean commit) {
        if (!commit) {
            state.status = TxnState.Status.ABORTED;
            if (state.serializable()) {
                ssi.abort(state);
            }
            rolledBack.increment();
        } else {
            committed.increment();
        }
        locks.releaseAll(state);
        synchronized (active) {
            active.remove(state.id);
        }
        if (ssi.hasCommittedTracked()) {
            ssi.prune(oldestActiveSnapshot());
        }
    }

    void countFailure(TxnException.Reason reason) {
        aborts.get(reason).increment();
    }

    /** Runs one full garbage-collection pass now. @return what it did */
    public VersionGc.Progress collectGarbage() throws IOException {
        return gc.runPass();
    }

    /** Prunes the old versions of the keys recent commits wrote, now (ADR 0032). */
    public VersionGc.Progress pruneGarbage() throws IOException {
        return gc.prune(true);
    }

    /** A snapshot of transactions, locks, aborts and GC for the system views. */
    public TxnStats stats() {
        long now = System.nanoTime();
        List<TxnStats.ActiveTxn> txns = new ArrayList<>();
        synchronized (active) {
            for (TxnState t : active.values()) {
                txns.add(new TxnStats.ActiveTxn(t.id, t.isolation, t.readOnly, t.snapshot,
                        t.status.name().toLowerCase(java.util.Locale.ROOT),
                        (now - t.startedNanos) / 1_000_000, t.waiting != null));
            }
        }
        List<TxnStats.LockWait> waits = new ArrayList<>();
        for (LockTable.Wait w : locks.waitsSnapshot()) {
            waits.add(new TxnStats.LockWait(w.waiterId(), w.key(), w.mode(), w.holderIds(),
                    Math.max(0, now - w.sinceNanos()) / 1_000_000));   // now may predate the wait
        }
        Map<String, Long> reasons = new LinkedHashMap<>();
        aborts.forEach((r, n) -> reasons.put(r.name().toLowerCase(java.util.Locale.ROOT),
                n.sum()));
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("locks.acquired", locks.acquired.sum());
        counters.put("locks.waits", locks.waits.sum());
        counters.put("locks.deadlocks", locks.deadlocks.sum());
        counters.put("locks.timeouts", locks.timeouts.sum());
        counters.put("locks.keys", (long) locks.size());
        counters.put("commits.parted", partedCommits.sum());
        counters.put("ssi.conflicts", ssi.conflicts.sum());
        counters.put("ssi.failures", ssi.failures.sum());
        List<Integer> sizes = ssi.sizes();
        counters.put("ssi.tracked", (long) sizes.get(0));
        counters.put("ssi.sireadKeys", (long) sizes.get(1));
        counters.put("gc.keys_skipped", gc.keysSkipped());
        counters.put("gc.full_pass_due", gc.fullPassDue() ? 1L : 0L);
        return new TxnStats(begun.sum(), committed.sum(), rolledBack.sum(), reasons, txns, waits,
                visible, oldestActiveSnapshot(), counters, gc.progress());
    }

    /**
     * The row locks now: every granted lock, then every queued request, each group in key
     * order (for the cutaway.locks system view).
     */
    public List<TxnStats.Lock> locks() {
        long now = System.nanoTime();
        List<TxnStats.Lock> out = new ArrayList<>();
        for (LockTable.Held h : locks.heldSnapshot()) {
            out.add(new TxnStats.Lock(h.key(), h.txnId(), h.mode(), true, 0));
        }
        for (LockTable.Wait w : locks.waitsSnapshot()) {
            out.add(new TxnStats.Lock(w.key(), w.waiterId(), w.mode(), false,
                    Math.max(0, now - w.sinceNanos()) / 1_000_000));   // now may predate the wait
        }
        return out;
    }

    /** Checks the lock table's invariants (tests call it when the store is quiet). */
    public void checkInvariants() {
        locks.checkInvariants();
        clock.checkInvariants();
    }

    /** Stops background garbage collection. The node stays open: its owner closes it. */
    @Override
    public void close() {
        if (gcTask != null) {
            gcTask.cancel(false);
        }
    }
}
