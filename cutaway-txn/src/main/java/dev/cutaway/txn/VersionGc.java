package dev.cutaway.txn;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Garbage collection of versions no snapshot can read. The horizon is the oldest snapshot of
 * an active transaction (or the newest visible commit if none is active). For each user key,
 * walking its versions newest first, the first version at or below the horizon is the one every
 * present and future snapshot reads instead of anything older: every older version is removed,
 * and that version itself too if it is a tombstone (a reader finds "absent" either way).
 *
 * <p>Two kinds of pass (ADR 0032). A <em>prune</em> visits only the keys recent commits wrote:
 * a commit of at most {@value #RECORD_KEYS_PER_COMMIT_MAX} keys records them, and every tick of
 * the background task removes their old versions, so the versions of a hot row stay a handful
 * however often it is updated. A key whose newest version is still above the horizon keeps
 * waiting and is visited again once the horizon has moved. A <em>full pass</em> walks every
 * version of the store; it runs only when garbage may exist that no record names — at open
 * (versions written before it), after a commit too large to record, or when the records
 * overflow {@value #RECORDED_KEYS_MAX} keys — and at most once per the full-pass interval.
 * Keys the full pass finds waiting on the horizon join the records. So the invariant is: every
 * key that holds or will hold garbage is recorded, or a full pass is due.
 *
 * <p>Removal is an ordinary logged batch of deletes of exact version keys, so a crash in the
 * middle of a pass loses nothing: a replayed or lost delete of an unreadable version changes
 * no answer. Commits only add versions above the horizon, so a pass needs no lock against them.
 * One pass runs at a time; it works in chunks of at most {@value #CHUNK_DELETES_MAX} deletes.
 */
public final class VersionGc {
    static final int CHUNK_DELETES_MAX = 1024;
    /** Larger commits (bulk loads, mass updates) leave their garbage to a full pass. */
    static final int RECORD_KEYS_PER_COMMIT_MAX = 256;
    /** Bound on recorded keys (fresh plus waiting); past it a full pass is due instead. */
    static final int RECORDED_KEYS_MAX = 1 << 16;

    /**
     * Counters of garbage collection since the store opened: full passes and prunes, versions
     * and user keys visited, versions removed, and keys recorded for the next prune now.
     */
    public record Progress(long passes, long versionsScanned, long versionsRemoved,
            long keysScanned, Timestamp lastHorizon, long lastPassMillis, String lastError,
            long prunes, long keysPruned, long keysRecorded) {}

    private final TxnStore store;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicReference<Progress> progress = new AtomicReference<>(
            new Progress(0, 0, 0, 0, Timestamp.ZERO, 0, null, 0, 0, 0));
    /** Keys written by commits since the last prune, in key order. Guarded by itself. */
    private final TreeSet<byte[]> fresh = new TreeSet<>(Arrays::compareUnsigned);
    /**
     * The keys fresh at the previous tick (under running): a background prune visits a key
     * one tick after its commit, when the snapshots open at the commit have mostly ended, so
     * it is usually collected in one visit instead of waiting and being visited twice.
     */
    private List<byte[]> ripe = new ArrayList<>();
    /** Keys whose newest version was above the horizon at their last visit (under running). */
    private TreeSet<byte[]> waiting = new TreeSet<>(Arrays::compareUnsigned);
    private Timestamp waitingHorizon = Timestamp.ZERO;
    /** Garbage may exist that no record names: at open, versions from before it may. */
    private volatile boolean fullPassDue = true;
    private long lastFullPassNanos;

    VersionGc(TxnStore store) {
        this.store = store;
        this.lastFullPassNanos = System.nanoTime();
    }

    Progress progress() {
        return progress.get();
    }

    /** Called after a commit's versions are applied: names the keys that may hold garbage. */
    void record(Map<byte[], byte[]> writes) {
        if (writes.size() > RECORD_KEYS_PER_COMMIT_MAX) {
            fullPassDue = true;
            return;
        }
        synchronized (fresh) {
            if (fresh.size() + writes.size() > RECORDED_KEYS_MAX) {
                fullPassDue = true;
                return;
            }
            fresh.addAll(writes.keySet());
        }
    }

    /**
     * Background entry point: prunes the recorded keys, then runs a full pass if one is due
     * and the last started at least {@code fullPassIntervalNanos} ago. Failures are recorded
     * in the counters, never thrown away.
     */
    void tick(long fullPassIntervalNanos) {
        try {
            prune(false);
            long now = System.nanoTime();
            if (fullPassDue && now - lastFullPassNanos >= fullPassIntervalNanos) {
                lastFullPassNanos = now;
                runPass();
            }
        } catch (IOException | RuntimeException e) {
            update(p -> new Progress(p.passes(), p.versionsScanned(), p.versionsRemoved(),
                    p.keysScanned(), p.lastHorizon(), p.lastPassMillis(), e.toString(),
                    p.prunes(), p.keysPruned(), p.keysRecorded()));
        }
    }

    /**
     * Removes the old versions of the recorded keys: the ripe ones (every fresh one too with
     * {@code everything}; else the fresh become ripe for the next tick), and the waiting ones
     * when the horizon has moved since their last visit. @return the counters after it
     */
    Progress prune(boolean everything) throws IOException {
        running.lock();
        try {
            List<byte[]> keys = ripe;
            synchronized (fresh) {
                if (everything) {
                    keys.addAll(fresh);
                    ripe = new ArrayList<>();
                } else {
                    ripe = new ArrayList<>(fresh);
                }
                fresh.clear();
            }
            Timestamp horizon = store.oldestActiveSnapshot();
            if (!horizon.equals(waitingHorizon) && !waiting.isEmpty()) {
                keys.addAll(waiting);
                waiting = new TreeSet<>(Arrays::compareUnsigned);
            }
            keys.sort(Arrays::compareUnsigned);
            if (keys.isEmpty()) {
                return progress.get();
            }
            waitingHorizon = horizon;
            Sweep sweep = new Sweep(horizon);
            byte[] previous = null;
            for (byte[] key : keys) {
                if (previous != null && Arrays.equals(previous, key)) {
                    continue;   // fresh and waiting both named it
                }
                previous = key;
                sweepKey(key, sweep);
                if (sweep.deletes.size() >= CHUNK_DELETES_MAX) {
                    sweep.flush();
                }
            }
            sweep.flush();
            long pruned = keys.size();
            update(p -> new Progress(p.passes(), p.versionsScanned() + sweep.versionsScanned,
                    p.versionsRemoved() + sweep.versionsRemoved, p.keysScanned(),
                    p.lastHorizon(), p.lastPassMillis(), null, p.prunes() + 1,
                    p.keysPruned() + pruned, recordedNow()));
            return progress.get();
        } finally {
            running.unlock();
        }
    }

    /**
     * Offers every version of {@code userKey} to {@code sweep}, newest first, by point
     * lookups: a key has a handful of versions, and a lookup costs one descent where a
     * cursor would copy a whole leaf.
     */
    private void sweepKey(byte[] userKey, Sweep sweep) throws IOException {
        int space = store.spaceOf(userKey);
        KvEngine engine = store.node().engine(space);
        byte[] low = VersionKeys.versionsLow(userKey);
        byte[] high = TupleEncoding.prefixEnd(low);
        for (KvEngine.Entry e = engine.ceiling(low, high); e != null;
                e = engine.ceiling(Arrays.copyOf(e.key(), e.key().length + 1), high)) {
            sweep.offer(space, e.key(), e.value());
        }
        sweep.endKey();
    }

    /** One full pass over the store. @return the counters after it */
    Progress runPass() throws IOException {
        running.lock();
        try {
            fullPassDue = false;   // commits recorded from here on are covered either way
            long started = System.nanoTime();
            Timestamp horizon = store.oldestActiveSnapshot();
            Sweep sweep = new Sweep(horizon);
            for (int space : store.node().spaces().keySet()) {
                byte[] from = TxnStore.VERSIONS_LOW;
                while (from != null) {
                    from = collectChunk(space, from, sweep);
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            update(p -> new Progress(p.passes() + 1, p.versionsScanned() + sweep.versionsScanned,
                    p.versionsRemoved() + sweep.versionsRemoved,
                    p.keysScanned() + sweep.keysScanned, horizon, millis, null, p.prunes(),
                    p.keysPruned(), recordedNow()));
            return progress.get();
        } finally {
            running.unlock();
        }
    }

    /**
     * Collects from {@code from} until about {@value #CHUNK_DELETES_MAX} deletes are queued,
     * ending on a user-key boundary. @return where the next chunk starts, or null at the end
     */
    private byte[] collectChunk(int space, byte[] from, Sweep sweep) throws IOException {
        byte[] resume = null;
        try (KvCursor c = store.node().engine(space).cursor(from, TxnStore.VERSIONS_HIGH,
                true)) {
            while (c.next()) {
                byte[] vk = c.key();
                if (sweep.startsNewKey(vk) && sweep.deletes.size() >= CHUNK_DELETES_MAX) {
                    resume = vk;   // start of the next user key
                    break;
                }
                sweep.offer(space, vk, c.value());
            }
        }
        sweep.endKey();
        sweep.flush();
        return resume;
    }

    private long recordedNow() {
        synchronized (fresh) {
            return fresh.size() + (long) ripe.size() + waiting.size();
        }
    }

    private void update(UnaryOperator<Progress> change) {
        progress.updateAndGet(change);
    }

    /** Keeps {@code userKey} for the next prune after the horizon moves, if there is room. */
    private void await(byte[] userKey) {
        if (waiting.size() >= RECORDED_KEYS_MAX) {
            fullPassDue = true;
            return;
        }
        waiting.add(userKey);
    }

    /**
     * The versions of a run of user keys, newest first within each key: decides which are
     * garbage, batches their deletes, and sends a key still waiting on the horizon to
     * {@link #await}.
     */
    private final class Sweep {
        final Timestamp horizon;
        WriteBatch deletes = new WriteBatch();
        long versionsScanned;
        long versionsRemoved;
        long keysScanned;
        private byte[] group;
        private boolean baseSeen;
        private int kept;
        private boolean aboveHorizon;
        private boolean tombstoneKept;

        Sweep(Timestamp horizon) {
            this.horizon = horizon;
        }

        boolean startsNewKey(byte[] versionKey) {
            return group == null || !VersionKeys.sameUserKey(group, versionKey);
        }

        void offer(int space, byte[] versionKey, byte[] value) {
            versionsScanned++;
            if (startsNewKey(versionKey)) {
                endKey();
                group = versionKey;
                keysScanned++;
            }
            if (baseSeen) {
                deletes.delete(space, versionKey);
                return;
            }
            boolean tombstone = VersionValues.isTombstone(value);
            if (VersionKeys.timestampOf(versionKey).isAfter(horizon)) {
                aboveHorizon = true;
                kept++;
                tombstoneKept |= tombstone;
                return;
            }
            baseSeen = true;
            if (tombstone) {
                deletes.delete(space, versionKey);
            } else {
                kept++;
            }
        }

        /** Ends the current key: it waits if versions above the horizon will leave garbage. */
        void endKey() {
            if (group != null && aboveHorizon && (kept >= 2 || tombstoneKept)) {
                await(VersionKeys.userKeyOf(group));
            }
            group = null;
            baseSeen = false;
            kept = 0;
            aboveHorizon = false;
            tombstoneKept = false;
        }

        void flush() throws IOException {
            if (!deletes.isEmpty()) {
                versionsRemoved += deletes.size();
                store.node().write(deletes);
                deletes = new WriteBatch();
            }
        }
    }
}
