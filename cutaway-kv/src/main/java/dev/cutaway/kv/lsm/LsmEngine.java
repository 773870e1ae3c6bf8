package dev.cutaway.kv.lsm;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.EngineStats;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The LSM engine: a log-structured merge tree materialising the node's log (DESIGN.md). Writes
 * go to a skiplist memtable; a full memtable is sealed and flushed to a level-0 SSTable; tables
 * are merged down by leveled or size-tiered compaction. There is no second log: each flush
 * records in the manifest the LSN its tables cover ({@link #checkpointLsn()}), and after a
 * crash the node replays its log from there, so a crash loses only memtables.
 *
 * <p>Directory: {@code NNNNNN.sst} tables, {@code MANIFEST-NNNNNN}, {@code CURRENT}.
 *
 * <p>Threads: one writer ({@link #apply}, {@link #checkpoint}), any number of readers, and on
 * the injected executor at most one flush job and one compaction job ({@link BackgroundJob}),
 * which may run at the same time. With a null executor flushes and compactions run inline on
 * the writer's thread (deterministic).
 * Lock order: writerLock, then flushLock, then mutex. Readers take no lock: they pin the
 * current {@link View}'s version with a reference count.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Batches arrive in strictly increasing LSN order; sequence numbers of later batches are
 *       larger ({@link Sequences}).</li>
 *   <li>Immutable memtables are flushed oldest first, so checkpointLsn is the lsnLast of the
 *       last flushed memtable and every table holds only LSNs at or below it.</li>
 *   <li>checkpointLsn <= appliedLsn; checkpointLsn never decreases.</li>
 *   <li>A reader sees a batch entirely or not at all (visibleSeq moves after the whole batch
 *       is in the memtable).</li>
 *   <li>A reader without a registered snapshot reads visibleSeq only after pinning its view:
 *       everything in the view is then at or below it. (Read before, a flush and compaction in
 *       between could keep only versions newer than it, and the key would vanish.)
 *       Registered {@link LsmSnapshot}s are safe either way: flush and compaction keep the
 *       newest version at or below every snapshot, and every input of a job that started
 *       before a snapshot is older than the snapshot.</li>
 *   <li>Memory is bounded: at most immutableMemtablesMax sealed memtables wait (writers stall),
 *       and writers stop while level 0 holds level0StopTrigger tables, until compaction
 *       catches up (background mode; inline, compaction runs before the write returns).</li>
 * </ol>
 */
public final class LsmEngine implements KvEngine {
    /** What a reader pins: the memtables and the version of one moment. */
    record View(Memtable active, List<Memtable> immutables, Version version) {}

    private final FileSystem fs;
    private final Path dir;
    private final LsmOptions options;
    private final ScheduledExecutorService background;
    private final LongSupplier logDurableLsn;
    private final VersionSet versions;
    private final BlockCache cache;
    private final CompactionPicker picker;
    private final Compactor compactor;
    private final CompactionThrottle throttle;
    final LsmStats stats = new LsmStats();
    private final ReentrantLock writerLock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final ReentrantLock mutex = new ReentrantLock();
    private final Condition changed = mutex.newCondition();
    private volatile View view;
    private volatile long visibleSeq;
    private volatile long appliedLsn;
    private volatile Throwable failure;
    private volatile boolean closing;
    private final BackgroundJob flushJob;
    private final BackgroundJob compactionJob;
    private boolean closed;
    private long memtableSeed = 0x5EED;
    /** Open snapshots: sequence number to count (guarded by mutex). */
    private final TreeMap<Long, Integer> snapshots = new TreeMap<>();

    private LsmEngine(FileSystem fs, Path dir, LsmOptions options,
            ScheduledExecutorService background, VersionSet versions, BlockCache cache,
            LongSupplier logDurableLsn) {
        this.fs = fs;
        this.logDurableLsn = logDurableLsn;
        this.dir = dir;
        this.options = options;
        this.background = background;
        this.versions = versions;
        this.cache = cache;
        this.picker = new CompactionPicker(options);
        this.throttle = new CompactionThrottle(options.compactionBytesPerSecondMax(),
                System::nanoTime);
        this.compactor = new Compactor(fs, dir, options, throttle, cache, stats);
        long lsn = versions.checkpointLsn();
        this.appliedLsn = lsn;
        this.visibleSeq = Sequences.lastOf(lsn);
        this.view = new View(new Memtable(lsn, memtableSeed, options.memtableBytesMax()),
                List.of(), versions.current());
        BooleanSupplier stopped = () -> closing || failure != null;
        this.flushJob = new BackgroundJob(background, mutex, changed, () -> flushOldest(false),
                stopped, this::fail, () -> false, () -> !view.immutables().isEmpty());
        this.compactionJob = new BackgroundJob(background, mutex, changed, this::compactOnce,
                stopped, this::fail, () -> picker.needsCompaction(view.version()), () -> false);
    }

    /**
     * Opens (or creates) the engine in {@code dir}. @param background executor for flushes and
     * compactions, or null to run them inline on the writer's thread
     */
    public static LsmEngine open(FileSystem fs, Path dir, LsmOptions options,
            ScheduledExecutorService background) throws IOException {
        return open(fs, dir, options, background, () -> Long.MAX_VALUE);
    }

    /**
     * Opens the engine with the WAL rule enforced on automatic flushes: a sealed memtable is
     * flushed on its own only once {@code logDurableLsn} (the node's log, durable up to that
     * LSN) covers all of it, so the engine's durable image never runs ahead of the log.
     * {@link #checkpoint()} flushes regardless: the node makes the log durable before calling
     * it.
     */
    public static LsmEngine open(FileSystem fs, Path dir, LsmOptions options,
            ScheduledExecutorService background, LongSupplier logDurableLsn) throws IOException {
        fs.createDirectories(dir);
        if (dir.getParent() != null) {
            fs.syncDirectory(dir.getParent());
        }
        BlockCache cache = options.blockCacheBytes() > 0
                ? new BlockCache(options.blockCacheBytes()) : null;
        VersionSet versions = VersionSet.open(fs, dir, options.levelsMax(), cache);
        return new LsmEngine(fs, dir, options, background, versions, cache, logDurableLsn);
    }

    // ---- reads ----

    private View acquire() {
        while (true) {
            View v = view;
            if (v.version().tryRef()) {
                return v;
            }
        }
    }

    private void release(View v) throws IOException {
        versions.release(v.version());
    }

    @Override
    public byte[] get(byte[] key) throws IOException {
        return getAt(key, -1);
    }

    /** A get at {@code snapshot}, or (if -1) at what is visible once the view is pinned. */
    private byte[] getAt(byte[] key, long snapshotOrLatest) throws IOException {
        if (key == null) {
            throw new IllegalArgumentException("key is null");
        }
        checkOpen();
        View v = acquire();
        long snapshot = snapshotOrLatest < 0 ? visibleSeq : snapshotOrLatest; // invariant 5
        try {
            stats.gets.increment();
            return LsmReads.get(v, key, snapshot, stats);
        } finally {
            release(v);
        }
    }

    @Override
    public KvCursor cursor(byte[] lowInclusive, byte[] highExclusive, boolean ascending)
            throws IOException {
        checkOpen();
        return cursorAt(lowInclusive, highExclusive, ascending, -1);
    }

    /** A cursor at {@code snapshot}, or (if -1) at what is visible once the view is pinned. */
    private KvCursor cursorAt(byte[] lowInclusive, byte[] highExclusive, boolean ascending,
            long snapshotOrLatest) {
        PrefixProbe probe = PrefixProbe.of(options.bloomPrefix(), lowInclusive, highExclusive);
        View v = acquire();
        long snapshot = snapshotOrLatest < 0 ? visibleSeq : snapshotOrLatest; // invariant 5
        MergingIterator merged = LsmReads.iterator(v, lowInclusive, highExclusive, probe, stats);
        return new LsmCursor(merged, lowInclusive,
                highExclusive, ascending, snapshot, () -> {
                    try {
                        release(v);
                    } catch (IOException e) {
                        throw new UncheckedIOException("releasing a version failed", e);
                    }
                });
    }

    /** Registers a snapshot at the last applied batch; close it when done. */
    public LsmSnapshot snapshot() {
        checkOpen();
        mutex.lock();
        try {
            LsmSnapshot snap = new LsmSnapshot(this, Sequences.lsnOf(visibleSeq));
            snapshots.merge(snap.seq, 1, Integer::sum);
            return snap;
        } finally {
            mutex.unlock();
        }
    }

    void releaseSnapshot(LsmSnapshot snap) {
        mutex.lock();
        try {
            snapshots.computeIfPresent(snap.seq, (k, n) -> n == 1 ? null : n - 1);
        } finally {
            mutex.unlock();
        }
    }

    /** Sequence numbers of the open snapshots, ascending (caller holds mutex). */
    private long[] snapshotSeqsLocked() {
        return snapshots.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    private long snapshotSeq(LsmSnapshot snap) {
        if (snap.engine() != this || snap.isClosed()) {
            throw new IllegalArgumentException(snap + " is closed or from another engine");
        }
        return snap.seq;
    }

    /** The value of {@code key} as of {@code snap}, or null. */
    public byte[] get(byte[] key, LsmSnapshot snap) throws IOException {
        return getAt(key, snapshotSeq(snap));
    }

    /** A cursor over [low, high) as of {@code snap}, like {@link #cursor}. */
    public KvCursor cursor(byte[] lowInclusive, byte[] highExclusive, boolean ascending,
            LsmSnapshot snap) throws IOException {
        checkOpen();
        return cursorAt(lowInclusive, highExclusive, ascending, snapshotSeq(snap));
    }

    // ---- writes ----

    @Override
    public void apply(WriteBatch batch, long lsn) throws IOException {
        writerLock.lock();
        try {
            checkUsable();
            if (lsn <= appliedLsn || lsn > Sequences.LSN_MAX) {
                throw new IllegalArgumentException("LSN " + lsn + " is not after the applied "
                        + "LSN " + appliedLsn + " or exceeds " + Sequences.LSN_MAX);
            }
            if (batch.size() > Sequences.BATCH_MUTATIONS_MAX) {
                throw new IllegalArgumentException("batch of " + batch.size()
                        + " mutations exceeds " + Sequences.BATCH_MUTATIONS_MAX);
            }
            makeRoomForWrite();
            Memtable m = view.active();
            List<WriteBatch.Mutation> mutations = batch.mutations();
            try {
                for (int i = 0; i < mutations.size(); i++) {
                    WriteBatch.Mutation mu = mutations.get(i);
                    m.add(mu.key().clone(), Sequences.of(lsn, i),
                            mu.value() == null ? null : mu.value().clone());
                }
            } catch (RuntimeException | Error e) {
                fail(e); // half a batch is in the memtable: only a reopen may go on
                throw e;
            }
            m.advanceLsn(lsn);
            appliedLsn = lsn;
            visibleSeq = Sequences.lastOf(lsn);
            stats.userBytesWritten.add(batch.payloadBytes());
            stats.batchesApplied.increment();
        } finally {
            writerLock.unlock();
        }
    }

    /** Seals a full memtable; stalls or slows the writer while background work is behind. */
    private void makeRoomForWrite() throws IOException {
        boolean slowed = false;
        while (true) {
            View v = view;
            if (background != null) {
                int level0 = v.version().levels[0].length;
                if (level0 >= options.level0StopTrigger()) {
                    waitForBackground(false);
                    continue;
                }
                if (level0 >= options.level0SlowdownTrigger() && !slowed) {
                    waitForBackground(true);
                    slowed = true;
                    continue;
                }
            }
            if (v.active().approximateBytes() < options.memtableBytesMax()) {
                return;
            }
            if (background != null
                    && v.immutables().size() >= options.immutableMemtablesMax()) {
                waitForBackground(false);
                continue;
            }
            mutex.lock();
            try {
                sealLocked();
            } finally {
                mutex.unlock();
            }
            if (background == null) {
                runInline();
            } else {
                schedule();
            }
            return;
        }
    }

    /** A stall (until background work changes the state) or a one-millisecond slowdown. */
    private void waitForBackground(boolean slowdown) throws IOException {
        long start = System.nanoTime();
        mutex.lock();
        try {
            scheduleLocked();
            changed.await(slowdown ? 1 : 10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writes were stalled");
        } finally {
            mutex.unlock();
        }
        long waited = System.nanoTime() - start;
        (slowdown ? stats.slowdownNanos : stats.stallNanos).add(waited);
        (slowdown ? stats.slowdowns : stats.stalls).increment();
        checkUsable();
    }

    private void sealLocked() {
        View v = view;
        List<Memtable> immutables = new ArrayList<>(v.immutables());
        immutables.add(v.active());
        memtableSeed = memtableSeed * 6364136223846793005L + 1442695040888963407L;
        view = new View(new Memtable(appliedLsn, memtableSeed,
                options.memtableBytesMax()), List.copyOf(immutables),
                v.version());
    }

    @Override
    public long appliedLsn() {
        return appliedLsn;
    }

    @Override
    public long checkpoint() throws IOException {
        writerLock.lock();
        try {
            checkUsable();
            mutex.lock();
            try {
                View v = view;
                long covered = v.immutables().isEmpty() ? versions.checkpointLsn()
                        : v.immutables().getLast().lsnLast();
                if (!v.active().isEmpty() || v.active().lsnLast() > covered) {
                    sealLocked();
                }
            } finally {
                mutex.unlock();
            }
            while (flushOldest(true)) {
                // flush every sealed memtable, oldest first (invariant 2)
            }
            if (background == null) {
                runInline();
            } else {
                schedule();
            }
            long lsn = versions.checkpointLsn();
            Invariants.check(lsn == appliedLsn, "LsmEngine.2 checkpoint covers appliedLsn",
                    lsn, appliedLsn);
            return lsn;
        } finally {
            writerLock.unlock();
        }
    }

    @Override
    public long checkpointLsn() {
        return versions.checkpointLsn();
    }

    // ---- background work ----

    private void runInline() throws IOException {
        while (flushOldest(false) || compactOnce()) {
            // until nothing is left to flush or compact
        }
    }

    private void schedule() {
        mutex.lock();
        try {
            scheduleLocked();
        } finally {
            mutex.unlock();
        }
    }

    /** Schedules whatever background work is due; caller holds the mutex. */
    private void scheduleLocked() {
        if (background == null) {
            return;
        }
        if (!view.immutables().isEmpty()) {
            flushJob.scheduleLocked(0);
        }
        if (picker.needsCompaction(view.version())) {
            compactionJob.scheduleLocked(0);
        }
    }

    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
    }

    /**
     * Flushes the oldest sealed memtable. Unless {@code force}, only if the log is durable
     * past its last LSN (the WAL rule). @return false if there was none to flush
     */
    private boolean flushOldest(boolean force) throws IOException {
        flushLock.lock();
        try {
            Memtable m;
            long number;
            long[] snaps;
            mutex.lock();
            try {
                if (view.immutables().isEmpty()) {
                    return false;
                }
                m = view.immutables().getFirst();
                if (!force && m.lsnLast() > logDurableLsn.getAsLong()) {
                    stats.flushesWaitingForLog.increment();
                    return false;
                }
                number = versions.newFileNumber();
                snaps = snapshotSeqsLocked();
            } finally {
                mutex.unlock();
            }
            install(m.lsnLast(),
                    compactor.flushToLevel0(m, number, versions.tablePath(number), snaps), m);
            return true;
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        } finally {
            flushLock.unlock();
        }
    }

    /** Runs one compaction if any is due. @return false if none was (or it was cancelled) */
    private boolean compactOnce() throws IOException {
        CompactionPlan plan;
        Version base;
        long[] snaps;
        mutex.lock();
        try {
            base = view.version();
            plan = picker.pick(base);
            if (plan == null) {
                return false;
            }
            Invariants.check(base.tryRef(), "LsmEngine: current version is referenced");
            snaps = snapshotSeqsLocked();
        } finally {
            mutex.unlock();
        }
        try {
            Compactor.TableEdit edit = compactor.run(plan,
                    new Compactor.Outputs(this::newFileNumber, versions::tablePath), snaps,
                    () -> closing);
            if (edit == null) {
                return false;
            }
            install(-1, edit, null);
            return true;
        } catch (IOException | RuntimeException | Error e) {
            fail(e);
            throw e;
        } finally {
            versions.release(base);
        }
    }

    private long newFileNumber() {
        mutex.lock();
        try {
            return versions.newFileNumber();
        } finally {
            mutex.unlock();
        }
    }

    /** Logs an edit, publishes the new view, then releases the previous version. */
    private void install(long checkpointLsn, Compactor.TableEdit edit, Memtable flushed)
            throws IOException {
        Version previous;
        mutex.lock();
        try {
            previous = versions.logAndApply(
                    versions.edit(checkpointLsn, edit.removed(), edit.added()), edit.tables());
            View v = view;
            List<Memtable> immutables = v.immutables();
            if (flushed != null) {
                Invariants.check(immutables.getFirst() == flushed,
                        "LsmEngine.2 memtables flush oldest first");
                immutables = List.copyOf(immutables.subList(1, immutables.size()));
            }
            view = new View(v.active(), immutables, versions.current());
            changed.signalAll();
            scheduleLocked();
        } finally {
            mutex.unlock();
        }
        versions.release(previous);
    }

    // ---- lifecycle, stats, invariants ----

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("LSM engine in " + dir + " is closed");
        }
    }

    private void checkUsable() throws IOException {
        checkOpen();
        Throwable f = failure;
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IOException("LSM engine in " + dir + " failed in a flush or compaction; "
                    + "reopen it to recover from the log", f);
        }
    }

    @Override
    public EngineStats stats() {
        return LsmStatsView.snapshot(this, view, versions, cache, picker);
    }

    View view() {
        return view;
    }

    VersionSet versions() {
        return versions;
    }

    /** Runs {@code check} on a pinned view, holding the mutex so the manifest is stable. */
    @Override
    public void checkInvariants() throws IOException {
        checkOpen();
        View v = acquire();
        try {
            mutex.lock();
            try {
                LsmChecker.check(fs, dir, v, versions, appliedLsn, options.bloomPrefix());
            } finally {
                mutex.unlock();
            }
        } finally {
            release(v);
        }
    }

    @Override
    public void close() throws IOException {
        writerLock.lock();
        try {
            if (closed) {
                return;
            }
            closing = true;
            mutex.lock();
            try {
                while (background != null && !(flushJob.cancelIfNotStartedLocked()
                        & compactionJob.cancelIfNotStartedLocked())) {
                    changed.await(10, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while closing " + dir);
            } finally {
                mutex.unlock();
            }
            closed = true;
            versions.close();
        } finally {
            writerLock.unlock();
        }
    }
}
