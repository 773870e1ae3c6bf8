package dev.cutaway.txn;

import dev.cutaway.check.Invariants;
import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One transaction: reads at its snapshot, writes buffered in its write set and made visible to
 * other writers as row locks, applied as one log record at commit (ADR 0011), or as log parts
 * closed by one commit record when the write set is larger than a record (ADR 0029). Not
 * thread-safe: one thread drives a transaction at a time. Keys and values are the caller's
 * bytes (the SQL layer passes encoded primary keys and rows).
 *
 * <p>Reads see, in order: this transaction's own writes, then the newest version committed at
 * or below the snapshot. The snapshot is fixed at begin for repeatable read and serializable,
 * and moves forward at every {@link #newStatement()} for read committed.
 *
 * <p>Writes ({@link #put}, {@link #delete}, {@link #insert}) and locking reads
 * ({@link #lock}) take the row lock first, waiting behind other holders; then, under repeatable
 * read and serializable, a version committed after the snapshot fails the operation with 40001
 * (first updater wins). Under read committed the operation goes on against the newest version.
 *
 * <p>A failed operation ({@link TxnException}) leaves the transaction open and unchanged; the
 * caller rolls back (or to a savepoint). A failed commit has rolled back.
 */
public final class Transaction implements AutoCloseable {
    private static final int KEY_BYTES_MAX =
            WriteBatch.KEY_BYTES_MAX - VersionKeys.TIMESTAMP_SUFFIX_BYTES;

    /**
     * Heap bytes one written row costs besides its key and value: the write set's tree entry,
     * array headers and tagged value copy, and its row lock's entry (measured at 372 on JDK 25
     * with compressed references, ADR 0029). The write set is bounded by
     * {@link TxnOptions#writeSetBytesMax()} in these accounted bytes.
     */
    static final int WRITE_OVERHEAD_BYTES = 400;

    /** First size of {@code unversioned}: a typical transaction inserts a row or two. */
    private static final int UNVERSIONED_INITIAL = 4;

    /**
     * What a staged write replaced: the key's previous write-set value (null: none), and
     * whether the write created the entry of a key found without any version, so that
     * {@link #rollbackToSavepoint} removes that key from {@code unversioned} too.
     */
    private record Undo(byte[] key, byte[] previous, boolean unversioned) {}

    /** One version read: the stored value (tagged) and timestamps, nulls when absent. */
    record Read(byte[] stored, Timestamp at, Timestamp newest) {
        byte[] value() {
            return stored == null ? null : VersionValues.payload(stored);
        }
    }

    private final TxnStore store;
    final TxnState state;
    private final TreeMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);
    private final List<Undo> undo = new ArrayList<>();
    /**
     * The keys of {@code writes} whose entry was created by a write whose newest-version read,
     * under the row lock, found no version of any kind (ADR 0034): in staging order, no
     * duplicates, [0, unversionedCount) used. No other writer can add a version while the
     * lock is held, so such a key's commit leaves it exactly one version, and no garbage
     * unless that version is a tombstone; {@link VersionGc#record} skips it. Allocated at the
     * first such key (an INSERT of a new row); grows by doubling, at most to the write set.
     */
    private byte[][] unversioned;
    private int unversionedCount;
    private int savepointsOpen;
    private long writeSetBytes;
    private long lockTimeoutNanos;
    private boolean finished;

    Transaction(TxnStore store, TxnState state, long lockTimeoutNanos) {
        this.store = store;
        this.state = state;
        this.lockTimeoutNanos = lockTimeoutNanos;
    }

    public long id() {
        return state.id;
    }

    public Isolation isolation() {
        return state.isolation;
    }

    public boolean readOnly() {
        return state.readOnly;
    }

    /** The snapshot reads see now. */
    public Timestamp snapshot() {
        return state.snapshot;
    }

    /** True until commit or rollback. */
    public boolean isOpen() {
        return !finished;
    }

    /** Number of keys written so far. */
    public int writeCount() {
        return writes.size();
    }

    /** Starts a new statement: read committed (and below) take a fresh snapshot. */
    public void newStatement() {
        ensureOpen();
        if (state.isolation.snapshotPerStatement()) {
            store.refreshSnapshot(state);
        }
    }

    /** This transaction's lock timeout from now on; 0 waits forever. */
    public void setLockTimeoutMillis(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("lock timeout must be >= 0: " + millis);
        }
        lockTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** The value of {@code key} this transaction sees, or null. */
    public byte[] get(byte[] key) throws IOException {
        ensureOpen();
        ReadEvidence.count(ReadEvidence.Counter.KV_GETS);
        checkKey(key);
        byte[] own = writes.get(key);
        if (own != null) {
            return VersionValues.payload(own);
        }
        if (!state.serializable()) {
            return read(key, state.snapshot, false).value();
        }
        try {
            store.ssi.readPoint(state, key);
            for (TxnState holder : store.locks.exclusiveHolders(key, successor(key), state)) {
                store.ssi.onReadConflict(state, holder, null);
            }
            Read r = read(key, state.snapshot, true);
            if (r.newest() != null && r.newest().isAfter(state.snapshot)) {
                store.ssi.onReadConflict(state, null, r.newest());
            }
            return r.value();
        } catch (TxnException e) {
            throw counted(e);
        }
    }

    /** SELECT … FOR UPDATE of one row: {@link #lock} in EXCLUSIVE mode. */
    public byte[] getForUpdate(byte[] key) throws IOException {
        return lock(key, LockMode.EXCLUSIVE, false);
    }

    /** SELECT … FOR SHARE of one row: {@link #lock} in SHARE mode. */
    public byte[] getForShare(byte[] key) throws IOException {
        return lock(key, LockMode.SHARE, false);
    }

    /**
     * Locks the row {@code key} and returns the value this transaction may act on: under read
     * committed the newest committed value (PostgreSQL re-reads the row after waiting), else the
     * snapshot's value, which then is also the newest (or 40001). {@code nowait} fails with
     * 55P03 instead of waiting.
     */
    public byte[] lock(byte[] key, LockMode mode, boolean nowait) throws IOException {
        ensureOpen();
        ReadEvidence.count(ReadEvidence.Counter.KV_GETS);
        checkKey(key);
        if (mode == LockMode.EXCLUSIVE) {
            ensureWritable("SELECT FOR UPDATE");
        }
        byte[] own = writes.get(key);
        if (own != null) {
            return VersionValues.payload(own);   // written here: EXCLUSIVE is held already
        }
        try {
            if (state.serializable()) {
                store.ssi.readPoint(state, key);
            }
            return lockAndCheck(key, mode, nowait).value();
        } catch (TxnException e) {
            throw counted(e);
        }
    }

    /**
     * Locks {@code key} in {@code mode} until this transaction ends without reading it for the
     * caller: the SQL layer's table locks (ADR 0036), which name a table by its catalog key.
     * Under repeatable read and serializable a version of {@code key} committed after the
     * snapshot fails with 40001, as for a row; under read committed the caller takes its
     * statement's snapshot after this returns. A key this transaction wrote is held already.
     */
    public void lockKey(byte[] key, LockMode mode) throws IOException {
        ensureOpen();
        checkKey(key);
        if (writes.containsKey(key)) {
            return;
        }
        try {
            store.locks.acquire(state, key, mode, lockTimeoutNanos, false);
            if (!state.isolation.snapshotPerStatement()) {
                Read latest = read(key, Timestamp.MAX, false);
                if (latest.at() != null && latest.at().isAfter(state.snapshot)) {
                    throw new TxnException(TxnException.Reason.SERIALIZATION_UPDATE,
                            "could not serialize access due to concurrent update");
                }
            }
        } catch (TxnException e) {
            throw counted(e);
        }
    }

    /**
     * Whether any key in [low, high) has a version committed after this transaction's snapshot
     * (a raw walk over every version there: meant for DDL, which reads the whole table anyway).
     */
    public boolean changedSinceSnapshot(byte[] low, byte[] high) throws IOException {
        ensureOpen();
        byte[] vlow = VersionKeys.versionsLow(low);
        byte[] vhigh = VersionKeys.versionsLow(high);
        try (KvCursor c = store.node().engine(spaceOfRange(low, high)).cursor(vlow, vhigh,
                true)) {
            while (c.next()) {
                if (VersionKeys.timestampOf(c.key()).isAfter(state.snapshot)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Sets {@code key} to {@code value} (insert or overwrite). */
    public void put(byte[] key, byte[] value) throws IOException {
        Objects.requireNonNull(value, "value");
        write(key, VersionValues.of(value), "UPDATE");
    }

    /** Deletes {@code key} (a no-op write if it has no value, but the row is still locked). */
    public void delete(byte[] key) throws IOException {
        write(key, VersionValues.TOMBSTONE, "DELETE");
    }

    /**
     * Inserts {@code key} only if it has no live value: otherwise 23505 (or 40001 under
     * serializable when the value was committed after the snapshot, as PostgreSQL does).
     */
    public void insert(byte[] key, byte[] value) throws IOException {
        ensureOpen();
        checkKey(key);
        Objects.requireNonNull(value, "value");
        ensureWritable("INSERT");
        try {
            byte[] own = writes.get(key);
            boolean noVersion = false;
            if (own == null) {
                store.locks.acquire(state, key, LockMode.EXCLUSIVE, lockTimeoutNanos, false);
                Read latest = read(key, Timestamp.MAX, false);
                noVersion = latest.stored() == null;   // not even a tombstone
                if (!noVersion && !VersionValues.isTombstone(latest.stored())) {
                    if (state.serializable() && latest.at().isAfter(state.snapshot)) {
                        throw new TxnException(TxnException.Reason.SERIALIZATION_SSI,
                                "could not serialize access due to concurrent insert");
                    }
                    throw duplicate();
                }
                if (state.serializable()) {
                    store.ssi.onWrite(state, key);
                }
            } else if (!VersionValues.isTombstone(own)) {
                throw duplicate();
            }
            stage(key, VersionValues.of(value), own, noVersion);
        } catch (TxnException e) {
            throw counted(e);
        }
    }

    private static TxnException duplicate() {
        return new TxnException(TxnException.Reason.DUPLICATE_KEY,
                "duplicate key value violates unique constraint");
    }

    private void write(byte[] key, byte[] stored, String what) throws IOException {
        ensureOpen();
        checkKey(key);
        ensureWritable(what);
        try {
            byte[] current = writes.get(key);
            boolean noVersion = false;
            if (current == null) {
                noVersion = lockAndCheck(key, LockMode.EXCLUSIVE, false).stored() == null;
                if (state.serializable()) {
                    store.ssi.onWrite(state, key);
                }
            }
            stage(key, stored, current, noVersion);
        } catch (TxnException e) {
            throw counted(e);
        }
    }

    /**
     * Sets {@code key}, a key written only together with the row {@code rowKey} (a non-unique
     * index entry, which embeds its row key), after this transaction has written that row.
     * Takes the row lock on {@code key} like {@link #put} but skips put's read of the newest
     * version: every version of {@code key} was committed together with a version of
     * {@code rowKey}, whose write here has already taken the row lock and met
     * first-updater-wins (or, for an insert, the duplicate check), so a newer version of
     * {@code key} alone cannot be a lost update. Saves one engine lookup per index entry.
     *
     * @throws IllegalStateException if {@code rowKey} is not in this transaction's writes
     */
    public void putWithRow(byte[] key, byte[] value, byte[] rowKey) throws IOException {
        Objects.requireNonNull(value, "value");
        ensureOpen();
        checkKey(key);
        ensureWritable("UPDATE");
        if (!writes.containsKey(rowKey)) {
            throw new IllegalStateException("putWithRow before its row was written");
        }
        try {
            byte[] current = writes.get(key);
            if (current == null) {
                store.locks.acquire(state, key, LockMode.EXCLUSIVE, lockTimeoutNanos, false);
                if (state.serializable()) {
                    store.ssi.onWrite(state, key);
                }
            }
            stage(key, VersionValues.of(value), current, false);   // no read: unknown
        } catch (TxnException e) {
            throw counted(e);
        }
    }

    /** Takes the row lock, then applies first-updater-wins. @return the newest version */
    private Read lockAndCheck(byte[] key, LockMode mode, boolean nowait) throws IOException {
        store.locks.acquire(state, key, mode, lockTimeoutNanos, nowait);
        Read latest = read(key, Timestamp.MAX, false);
        if (!state.isolation.snapshotPerStatement() && latest.at() != null
                && latest.at().isAfter(state.snapshot)) {
            throw new TxnException(TxnException.Reason.SERIALIZATION_UPDATE,
                    "could not serialize access due to concurrent update");
        }
        return latest;
    }

    /**
     * Puts {@code stored} into the write set; {@code current} is what it holds for the key, and
     * {@code noVersion} (meaningful when {@code current} is null) says the read under the row
     * lock found no version of the key at all.
     */
    private void stage(byte[] key, byte[] stored, byte[] current, boolean noVersion) {
        long bytes = writeSetBytes + stored.length
                - (current == null ? -key.length - WRITE_OVERHEAD_BYTES : current.length);
        if (bytes > store.writeSetBytesMax()) {
            throw new TxnException(TxnException.Reason.TOO_LARGE,   // counted by the caller
                    "transaction too large: its writes exceed the write set limit of "
                            + (store.writeSetBytesMax() >> 20) + " MiB (" + writes.size()
                            + " rows written; about " + WRITE_OVERHEAD_BYTES
                            + " bytes per row besides keys and values); commit in smaller"
                            + " transactions or raise the server's heap");
        }
        writeSetBytes = bytes;
        byte[] previous = writes.put(key, stored);
        boolean created = current == null && noVersion;
        if (created) {
            addUnversioned(key);
        }
        if (savepointsOpen > 0) {
            undo.add(new Undo(key, previous, created));
        }
    }

    private void addUnversioned(byte[] key) {
        if (unversioned == null) {
            unversioned = new byte[UNVERSIONED_INITIAL][];
        } else if (unversionedCount == unversioned.length) {
            unversioned = Arrays.copyOf(unversioned, 2 * unversionedCount);
        }
        unversioned[unversionedCount++] = key;
    }

    /**
     * The newest version of {@code key} committed at or below {@code at}. With
     * {@code fromNewest} the scan starts at the newest version, so {@link Read#newest()} tells
     * whether something newer than {@code at} exists (SSI needs it); otherwise it seeks.
     */
    Read read(byte[] key, Timestamp at, boolean fromNewest) throws IOException {
        byte[] low = VersionKeys.versionsLow(key);   // the user key escaped once
        byte[] high = TupleEncoding.prefixEnd(low);
        KvEngine engine = store.engineFor(key);
        Timestamp newest = null;
        if (fromNewest) {
            KvEngine.Entry first = engine.ceiling(low, high);
            if (first == null) {
                return new Read(null, null, null);
            }
            newest = VersionKeys.timestampOf(first.key());
            if (!newest.isAfter(at)) {
                return new Read(first.value(), newest, newest);
            }
        }
        KvEngine.Entry e = engine.ceiling(VersionKeys.encodeAfterLow(low, at), high);
        if (e == null) {
            return new Read(null, null, newest);
        }
        Timestamp ts = VersionKeys.timestampOf(e.key());
        return new Read(e.value(), ts, newest == null ? ts : newest);
    }

    /**
     * A cursor over the keys in [{@code low}, {@code high}) this transaction sees, with their
     * values (nulls are unbounded). It sees this transaction's writes made before the call, not
     * those made while it is open (so an UPDATE never meets its own new rows). Under
     * serializable the range is SIREAD-locked (predicate reads are protected).
     */
    public KvCursor scan(byte[] low, byte[] high, boolean ascending) throws IOException {
        ensureOpen();
        ReadEvidence.count(ReadEvidence.Counter.KV_SCANS);
        NavigableMap<byte[], byte[]> own = ownWritesIn(low, high);
        SnapshotCursor.Conflicts conflicts = null;
        if (state.serializable()) {
            try {
                store.ssi.readRange(state, low, high);
                for (TxnState holder : store.locks.exclusiveHolders(low, high, state)) {
                    store.ssi.onReadConflict(state, holder, null);
                }
            } catch (TxnException e) {
                throw counted(e);
            }
            conflicts = newer -> {
                try {
                    store.ssi.onReadConflict(state, null, newer);
                } catch (TxnException e) {
                    throw counted(e);
                }
            };
        }
        byte[] vlow = low == null ? TxnStore.VERSIONS_LOW : VersionKeys.versionsLow(low);
        byte[] vhigh = high == null ? TxnStore.VERSIONS_HIGH : VersionKeys.versionsLow(high);
        KvCursor versions = store.node().engine(spaceOfRange(low, high))
                .cursor(vlow, vhigh, ascending);
        return new SnapshotCursor(versions, state.snapshot, ascending, conflicts, own);
    }

    /**
     * A copy of this transaction's writes in [low, high), so the scan does not see later ones;
     * no copy (and no allocation) when there are none, the common case of a read.
     */
    private NavigableMap<byte[], byte[]> ownWritesIn(byte[] low, byte[] high) {
        if (writes.isEmpty()) {
            return Collections.emptyNavigableMap();
        }
        NavigableMap<byte[], byte[]> range = low == null && high == null ? writes
                : low == null ? writes.headMap(high, false)
                : high == null ? writes.tailMap(low, true) : writes.subMap(low, true, high, false);
        if (range.isEmpty()) {
            return Collections.emptyNavigableMap();
        }
        TreeMap<byte[], byte[]> own = new TreeMap<>(Arrays::compareUnsigned);
        own.putAll(range);
        return own;
    }

    /** The one space a scan of [low, high) reads: a range must not cross a mapped prefix. */
    private int spaceOfRange(byte[] low, byte[] high) {
        byte[] probe = low == null ? new byte[0] : low;
        int space = store.spaceOf(probe);
        byte[] end = store.prefixEndOf(probe);
        if (end != null && (high == null || Arrays.compareUnsigned(high, end) > 0)) {
            throw new IllegalArgumentException("a scan must stay inside one mapped key prefix");
        }
        return space;
    }

    /** Marks a savepoint. @return its handle for {@link #rollbackToSavepoint}/release */
    public int savepoint() {
        ensureOpen();
        savepointsOpen++;
        return undo.size();
    }

    /**
     * Undoes every write made after {@code savepoint}; the savepoint stays open. Row locks
     * taken since are kept until the transaction ends (PostgreSQL releases them).
     */
    public void rollbackToSavepoint(int savepoint) {
        ensureOpen();
        if (savepoint < 0 || savepoint > undo.size() || savepointsOpen == 0) {
            throw new IllegalArgumentException("no such savepoint: " + savepoint);
        }
        while (undo.size() > savepoint) {
            Undo u = undo.removeLast();
            if (u.unversioned()) {
                // Entries under a savepoint were appended in undo order: it is the last one.
                byte[] last = unversioned[--unversionedCount];
                Invariants.check(last == u.key(), "Transaction unversioned keys in undo order",
                        unversionedCount);
                unversioned[unversionedCount] = null;
            }
            byte[] now = writes.get(u.key());
            if (u.previous() == null) {
                writes.remove(u.key());
                writeSetBytes -= now.length + u.key().length + WRITE_OVERHEAD_BYTES;
            } else {
                writes.put(u.key(), u.previous());
                writeSetBytes += u.previous().length - now.length;
            }
        }
    }

    /** Releases the newest open savepoint (its writes stay). */
    public void releaseSavepoint() {
        ensureOpen();
        if (savepointsOpen == 0) {
            throw new IllegalStateException("no savepoint to release");
        }
        if (--savepointsOpen == 0) {
            undo.clear();
        }
    }

    /**
     * Commits: one log record with every write (or parts and a commit record), durable before
     * this returns (under synchronous commit). @return the commit timestamp (the snapshot for a
     * read-only one)
     * @throws TxnException 40001 if SSI must abort it (it is then rolled back)
     */
    public Timestamp commit() throws IOException {
        ensureOpen();
        finished = true;
        boolean ok = false;
        try {
            Timestamp ts = writes.isEmpty()
                    ? store.commitReadOnly(state)
                    : store.commitWrites(state, writes, unversioned, unversionedCount);
            ok = true;
            return ts;
        } catch (TxnException e) {
            throw counted(e);
        } finally {
            store.finish(state, ok);
        }
    }

    /** Rolls back (a no-op if already ended). */
    public void rollback() {
        if (!finished) {
            finished = true;
            store.finish(state, false);
        }
    }

    @Override
    public void close() {
        rollback();
    }

    private TxnException counted(TxnException e) {
        store.countFailure(e.reason());
        return e;
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException(state + " has already ended");
        }
    }

    private void ensureWritable(String what) {
        if (state.readOnly) {
            throw counted(new TxnException(TxnException.Reason.READ_ONLY,
                    "cannot execute " + what + " in a read-only transaction"));
        }
    }

    private static void checkKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length > KEY_BYTES_MAX / 2
                && VersionKeys.versionsLow(key).length > KEY_BYTES_MAX) {
            throw new IllegalArgumentException("key too long: " + key.length + " bytes");
        }
    }

    private static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
