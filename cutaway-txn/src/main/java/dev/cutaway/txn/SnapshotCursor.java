package dev.cutaway.txn;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.ReadEvidence;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A cursor over user keys as one snapshot sees them, merged with the transaction's own writes.
 * It walks the version keys of a range (all versions of a key are adjacent: newest first going
 * up, oldest first going down), keeps for each user key the newest version at or below the
 * snapshot, skips keys whose visible version is a tombstone, and reports every version newer
 * than the snapshot to the SSI callback. Own writes win over stored versions of the same key;
 * an own tombstone hides the key.
 *
 * <p>Copies: the versions are read through the engine cursor's views, in its buffer. Per user
 * key the cursor copies the key's escaped part (the version key without its timestamp) and the
 * visible version's value into buffers it reuses, and nothing else: the user key is unescaped
 * only when {@link #key()} asks for it (or an own write must be merged by key), and
 * {@link #value()} copies out only when asked; {@link #valueBuffer()} shows the value in place.
 *
 * <p>Invariants: (1) while {@code storedReady && storedPresent}, {@code group[0 ..
 * groupLength)} is the escaped user key of the next stored entry and {@code best[0 ..
 * bestLength)} its visible version's stored value (tag byte first; its shape is checked
 * where it is read); (2) when the current entry is stored ({@code ownKey == null}), those
 * buffers are the current entry's until the next call of {@link #next()}.
 */
final class SnapshotCursor implements KvCursor {
    /** Receives the commit timestamp of each version newer than the snapshot (SSI). */
    interface Conflicts {
        void newerVersion(Timestamp commit);
    }

    private static final byte[] EMPTY = new byte[0];
    /** The smallest buffer made: a buffer is made on first use, big enough for what it holds. */
    private static final int BUFFER_BYTES_MIN = 32;

    private final KvCursor versions;
    private final Timestamp snapshot;
    private final boolean ascending;
    private final Conflicts conflicts;
    private final Iterator<Map.Entry<byte[], byte[]>> own;
    private Map.Entry<byte[], byte[]> ownNext;
    private boolean peeked;
    /** The next stored entry (invariant 1). */
    private boolean storedReady;
    private boolean storedPresent;
    private byte[] group = EMPTY;
    private int groupLength;
    private byte[] best = EMPTY;
    private int bestLength;
    /** The stored entry's user key, unescaped once asked for; null until then. */
    private byte[] storedKey;
    /** The current entry: an own write's key and stored value, or null for a stored one. */
    private byte[] ownKey;
    private byte[] ownValue;
    private boolean current;
    private byte[] key;
    private byte[] value;

    SnapshotCursor(KvCursor versions, Timestamp snapshot, boolean ascending, Conflicts conflicts,
            NavigableMap<byte[], byte[]> ownWrites) {
        this.versions = versions;
        this.snapshot = snapshot;
        this.ascending = ascending;
        this.conflicts = conflicts;
        if (ownWrites.isEmpty()) {   // a read-only statement: no iterator over nothing
            this.own = null;
            this.ownNext = null;
        } else {
            this.own = (ascending ? ownWrites : ownWrites.descendingMap()).entrySet()
                    .iterator();
            this.ownNext = own.hasNext() ? own.next() : null;
        }
    }

    @Override
    public boolean next() throws IOException {
        current = false;
        key = null;
        value = null;
        while (true) {
            if (!storedReady) {
                advanceStored();
                storedReady = true;
            }
            if (!storedPresent && ownNext == null) {
                return false;
            }
            int order;   // < 0: the stored entry comes first; > 0: the own write; 0: same key
            if (!storedPresent || ownNext == null) {
                order = storedPresent ? -1 : 1;
            } else {
                order = Arrays.compareUnsigned(storedKey(), ownNext.getKey());
                order = ascending ? order : -order;
            }
            if (order < 0) {
                storedReady = false;
                if (!VersionValues.isTombstone(best, bestLength)) {
                    ownKey = null;
                    return found();
                }
                continue;
            }
            byte[] k = ownNext.getKey();
            byte[] stored = ownNext.getValue();
            ownNext = own.hasNext() ? own.next() : null;
            if (order == 0) {
                storedReady = false;   // own write replaces the stored version
            }
            if (!VersionValues.isTombstone(stored)) {
                ownKey = k;
                ownValue = stored;
                return found();
            }
        }
    }

    private boolean found() {
        current = true;
        ReadEvidence.count(ReadEvidence.Counter.KV_ENTRIES_READ);
        return true;
    }

    /** The stored entry's user key (unescaped on first use). */
    private byte[] storedKey() {
        if (storedKey == null) {
            storedKey = VersionKeys.userKeyOfEscaped(group, groupLength);
        }
        return storedKey;
    }

    /** Moves to the next user key with a visible version (tombstones included), if any. */
    private void advanceStored() throws IOException {
        storedPresent = false;
        storedKey = null;
        while (true) {
            if (!peek()) {
                return;
            }
            takeGroup();
            boolean found = false;
            while (peeked && VersionKeys.hasUserKeyPart(versions.keyBuffer(),
                    versions.keyOffset(), versions.keyLength(), group, groupLength)) {
                byte[] k = versions.keyBuffer();
                int at = versions.keyOffset();
                int length = versions.keyLength();
                if (VersionKeys.committedAfter(k, at, length, snapshot)) {
                    if (conflicts != null) {
                        conflicts.newerVersion(VersionKeys.timestampOf(k, at, length));
                    }
                } else if (!ascending || !found) {
                    takeBest();   // ascending: first <= snapshot; descending: last
                    found = true;
                }
                peeked = false;
                peek();
            }
            if (found) {
                storedPresent = true;
                return;
            }
        }
    }

    /** Copies the peeked version key's escaped user key into {@code group}. */
    private void takeGroup() {
        int length = versions.keyLength() - VersionKeys.TIMESTAMP_SUFFIX_BYTES;
        if (length < 0) {   // not a version key: let the decoder name what is wrong
            VersionKeys.timestampOf(versions.keyBuffer(), versions.keyOffset(),
                    versions.keyLength());
        }
        if (group.length < length) {
            group = new byte[Math.max(length, Math.max(BUFFER_BYTES_MIN, 2 * group.length))];
        }
        System.arraycopy(versions.keyBuffer(), versions.keyOffset(), group, 0, length);
        groupLength = length;
    }

    /** Copies the peeked version's stored value into {@code best}. */
    private void takeBest() {
        int length = versions.valueLength();
        if (best.length < length) {
            best = new byte[Math.max(length, Math.max(BUFFER_BYTES_MIN, 2 * best.length))];
        }
        System.arraycopy(versions.valueBuffer(), versions.valueOffset(), best, 0, length);
        bestLength = length;
    }

    private boolean peek() throws IOException {
        if (!peeked) {
            if (!versions.next()) {
                return false;
            }
            peeked = true;
        }
        return true;
    }

    private void checkCurrent() {
        if (!current) {
            throw new IllegalStateException("cursor is not on an entry (call next() first)");
        }
    }

    @Override
    public byte[] key() {
        checkCurrent();
        if (key == null) {
            key = ownKey != null ? ownKey : storedKey();
        }
        return key;
    }

    @Override
    public byte[] value() {
        checkCurrent();
        if (value == null) {
            value = ownKey != null ? VersionValues.payload(ownValue)
                    : Arrays.copyOfRange(best, 1, bestLength);
        }
        return value;
    }

    @Override
    public byte[] valueBuffer() {
        checkCurrent();
        return ownKey != null ? ownValue : best;
    }

    @Override
    public int valueOffset() {
        checkCurrent();
        return 1;   // past the version value's tag
    }

    @Override
    public int valueLength() {
        checkCurrent();
        return (ownKey != null ? ownValue.length : bestLength) - 1;
    }

    @Override
    public void close() {
        versions.close();
    }
}
