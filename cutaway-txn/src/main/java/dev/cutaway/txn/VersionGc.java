package dev.cutaway.txn;

import dev.cutaway.check.Invariants;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
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
 * a commit records the keys it wrote that may hold garbage, if there are at most
 * {@value #RECORD_KEYS_PER_COMMIT_MAX}, and every tick of the background task removes their old
 * versions, so the versions of a hot row stay a handful however often it is updated. A key
 * whose newest version is still above the horizon keeps waiting and is visited again once the
 * horizon has moved. A <em>full pass</em> walks every version of the store; it runs only when
 * garbage may exist that no record names — at open (versions written before it), after a
 * commit with too many keys to record, when the records overflow {@value #RECORDED_KEYS_MAX}
 * keys, or after a pass failed with records it had taken — and at most once per the full-pass
 * interval. Keys the full pass finds waiting on the horizon join the records.
 *
 * <p>Invariant: (1) every key that holds garbage now, or will once the horizon passes versions
 * already committed, is recorded (fresh, ripe or waiting), or a full pass is due. A commit
 * need not record a key whose write found, under the row lock, no version of it at all and
 * that it leaves holding a value (ADR 0034): the key then has exactly one version, which is no
 * garbage, and only a later commit that writes the key can make it garbage — and that commit
 * records the key, since its write found that version (or, {@code putWithRow}, did not look).
 *
 * <p>A visit reads a key's versions with one cursor over them (on the B+tree, one descent that
 * copies just those entries of the leaf, ADR 0030) rather than one point lookup per version.
 * Removal is an ordinary logged batch of deletes of exact version keys, so a crash in the
 * middle of a pass loses nothing: a replayed or lost delete of an unreadable version changes
 * no answer. Commits only add versions above the horizon, so a pass needs no lock against them.
 * One pass runs at a time; it works in chunks of at most {@value #CHUNK_DELETES_MAX} deletes.
 */
public final class VersionGc {
    static final int CHUNK_DELETES_MAX = 1024;
    /** A commit with more keys to record (mass updates) leaves its garbage to a full pass. */
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
    /** Keys commits wrote and did not record, as they cannot hold garbage (ADR 0034). */
    private final LongAdder keysSkipped = new LongAdder();

    VersionGc(TxnStore store) {
        this.store = store;
        this.lastFullPassNanos = System.nanoTime();
    }

    Progress progress() {
        return progress.get();
    }

    /** Whether garbage may exist that no record names (the next full pass is due). */
    boolean fullPassDue() {
        return fullPassDue;
    }

    /** Keys commits wrote that were not recorded because they cannot hold garbage. */
    long keysSkipped() {
        return keysSkipped.sum();
    }

    /**
     * Called after a commit's versions are applied: names the keys that may hold garbage —
     * every key of {@code writes} except those of {@code unversioned[0 .. unversionedCount)}
     * (keys of {@code writes}, no duplicates, that had no version when this commit first wrote
     * them) whose committed version is a value (invariant 1). Sorts {@code unversioned}.
     */
    void record(SortedMap<byte[], byte[]> writes, byte[][] unversioned, int unversionedCount) {
        Collection<byte[]> keys = unversionedCount == 0 ? writes.keySet()
                : mayHoldGarbage(writes, unversioned, unversionedCount);
        if (keys == null || keys.size() > RECORD_KEYS_PER_COMMIT_MAX) {
            fullPassDue = true;
            return;
        }
        keysSkipped.add(writes.size() - keys.size());
        if (keys.isEmpty()) {
            return;   // only new keys (a bulk load): nothing to prune, no full pass either
        }
        synchronized (fresh) {
            if (fresh.size() + keys.size() > RECORDED_KEYS_MAX) {
                fullPassDue = true;
                return;
            }
            fresh.addAll(keys);
        }
    }

    /**
     * The keys of {@code writes} not in {@code unversioned[0 .. count)}, and those in it that
     * the commit deleted (a lone tombstone is garbage). @return them in key order, or null when
     * there are more than {@value #RECORD_KEYS_PER_COMMIT_MAX}
     */
    private static List<byte[]> mayHoldGarbage(SortedMap<byte[], byte[]> writes,
            byte[][] unversioned, int count) {
        List<byte[]> keys = new ArrayList<>();
        if (count == writes.size()) {   // every key is new (inserts only): no sort, no merge
            for (Map.Entry<byte[], byte[]> w : writes.entrySet()) {
                if (VersionValues.isTombstone(w.getValue())
                        && !add(keys, w.getKey())) {
                    return null;
                }
            }
            return keys;
        }
        if (writes.size() - count > RECORD_KEYS_PER_COMMIT_MAX) {
            return null;   // a mass update: not worth sorting the new keys to find out
        }
        Arrays.sort(unversioned, 0, count, Arrays::compareUnsigned);
        int next = 0;
        for (Map.Entry<byte[], byte[]> w : writes.entrySet()) {
            byte[] key = w.getKey();
            boolean isNew = next < count && Arrays.equals(unversioned[next], key);
            if (isNew) {
                next++;
            }
            if ((!isNew || VersionValues.isTombstone(w.getValue())) && !add(keys, key)) {
                return null;
            }
        }
        Invariants.check(next == count, "VersionGc new keys are keys of the write set", next,
                count);
        return keys;
    }

    /** Adds {@code key} if there is room for one more record. @return false if not */
    private static boolean add(List<byte[]> keys, byte[] key) {
        if (keys.size() == RECORD_KEYS_PER_COMMIT_MAX) {
            return false;
        }
        keys.add(key);
        return true;
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
     * when the horizon has moved since their last visit. A failure leaves a full pass due: the
     * keys it had taken are no longer recorded. @return the counters after it
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
            if (keys.isEmpty()) {
                return progress.get();
            }
            waitingHorizon = horizon;
            Sweep sweep = new Sweep(horizon);
            sweepKeys(keys, sweep);
            long pruned = keys.size();
            update(p -> new Progress(p.passes(), p.versionsScanned() + sweep.versionsScanned,
                    p.versionsRemoved() + sweep.versionsRemoved, p.keysScanned(),
                    p.lastHorizon(), p.lastPassMillis(), null, p.prunes() + 1,
                    p.keysPruned() + pruned, recordedNow()));
            return progress.get();
        } catch (IOException | RuntimeException e) {
            fullPassDue = true;
            throw e;
        } finally {
            running.unlock();
        }
    }

    /** Visits {@code keys} (sorted here) once each. */
    private void sweepKeys(List<byte[]> keys, Sweep sweep) throws IOException {
        keys.sort(Arrays::compareUnsigned);
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
    }

    /**
     * Offers every version of {@code userKey} to {@code sweep}, newest first, through one
     * cursor: on the B+tree one descent that copies the key's entries of its leaf (ADR 0030),
     * and a second only when they run on into the next leaf, where a point lookup per version
     * cost a descent each plus one to find there is no more (ADR 0034). Every version has to
     * be read: any below the first one at or below the horizon is garbage.
     */
    private void sweepKey(byte[] userKey, Sweep sweep) throws IOException {
        int space = store.spaceOf(userKey);
        byte[] low = VersionKeys.versionsLow(userKey);
        try (KvCursor c = store.node().engine(space).cursor(low, TupleEncoding.prefixEnd(low),
                true)) {
            while (c.next()) {
                sweep.offer(space, c);
            }
        }
        sweep.endKey();
    }

    /** One full pass over the store; a failure leaves one due. @return the counters after */
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
        } catch (IOException | RuntimeException e) {
            fullPassDue = true;
            throw e;
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
                if (sweep.startsNewKey(c) && sweep.deletes.size() >= CHUNK_DELETES_MAX) {
                    resume = c.key();   // start of the next user key
                    break;
                }
                sweep.offer(space, c);
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
     * {@link #await}. It reads each version through the cursor's views and copies only the
     * keys it deletes.
     *
     * <p>A key's deletes go into one batch, and a base tombstone's delete after those of the
     * older versions: an engine applies a batch one mutation at a time while readers run, and a
     * reader that found the tombstone gone but an older value still there would read a deleted
     * row back. In this order it sees the tombstone until nothing is left.
     */
    private final class Sweep {
        final Timestamp horizon;
        WriteBatch deletes = new WriteBatch();
        long versionsScanned;
        long versionsRemoved;
        long keysScanned;
        /** The current key's escaped user key (version key bytes before the timestamp). */
        private byte[] group = new byte[64];
        private int groupLength = -1;   // -1: between keys
        private boolean baseSeen;
        private int kept;
        private boolean aboveHorizon;
        private boolean tombstoneKept;
        /** The base version's key when it is a tombstone: deleted last, at {@link #endKey}. */
        private byte[] baseTombstone;
        private int baseTombstoneSpace;

        Sweep(Timestamp horizon) {
            this.horizon = horizon;
        }

        /** Whether the cursor's version belongs to another user key than the last offered. */
        boolean startsNewKey(KvCursor c) {
            return groupLength < 0 || !VersionKeys.hasUserKeyPart(c.keyBuffer(), c.keyOffset(),
                    c.keyLength(), group, groupLength);
        }

        void offer(int space, KvCursor c) {
            byte[] buf = c.keyBuffer();
            int offset = c.keyOffset();
            int length = c.keyLength();
            // First: it also checks the key's shape, which the copy of its user key relies on.
            boolean after = VersionKeys.committedAfter(buf, offset, length, horizon);
            versionsScanned++;
            if (startsNewKey(c)) {
                endKey();
                groupLength = length - VersionKeys.TIMESTAMP_SUFFIX_BYTES;
                if (group.length < groupLength) {
                    group = new byte[Math.max(groupLength, 2 * group.length)];
                }
                System.arraycopy(buf, offset, group, 0, groupLength);
                keysScanned++;
            }
            if (baseSeen) {
                deletes.delete(space, Arrays.copyOfRange(buf, offset, offset + length));
                return;
            }
            boolean tombstone = VersionValues.isTombstone(c.valueBuffer(), c.valueOffset(),
                    c.valueLength());
            if (after) {
                aboveHorizon = true;
                kept++;
                tombstoneKept |= tombstone;
                return;
            }
            baseSeen = true;
            if (tombstone) {
                baseTombstone = Arrays.copyOfRange(buf, offset, offset + length);
                baseTombstoneSpace = space;
            } else {
                kept++;
            }
        }

        /** Ends the current key: it waits if versions above the horizon will leave garbage. */
        void endKey() {
            if (baseTombstone != null) {
                deletes.delete(baseTombstoneSpace, baseTombstone);
                baseTombstone = null;
            }
            if (groupLength >= 0 && aboveHorizon && (kept >= 2 || tombstoneKept)) {
                await(VersionKeys.userKeyOfEscaped(group, groupLength));
            }
            groupLength = -1;
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
