package dev.cutaway.txn;

import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.kv.KvCursor;
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
 */
final class SnapshotCursor implements KvCursor {
    /** Receives the commit timestamp of each version newer than the snapshot (SSI). */
    interface Conflicts {
        void newerVersion(Timestamp commit);
    }

    private final KvCursor versions;
    private final Timestamp snapshot;
    private final boolean ascending;
    private final Conflicts conflicts;
    private final Iterator<Map.Entry<byte[], byte[]>> own;
    private Map.Entry<byte[], byte[]> ownNext;
    private byte[] peekKey;
    private byte[] peekValue;
    private boolean peeked;
    private byte[] storedKey;       // next visible stored entry (user key), null when exhausted
    private byte[] storedValue;
    private boolean storedReady;
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
        while (true) {
            if (!storedReady) {
                advanceStored();
                storedReady = true;
            }
            if (storedKey == null && ownNext == null) {
                return false;
            }
            int order;   // < 0: the stored entry comes first; > 0: the own write; 0: same key
            if (storedKey == null || ownNext == null) {
                order = storedKey == null ? 1 : -1;
            } else {
                order = Arrays.compareUnsigned(storedKey, ownNext.getKey());
                order = ascending ? order : -order;
            }
            byte[] k;
            byte[] stored;
            if (order < 0) {
                k = storedKey;
                stored = storedValue;
                storedReady = false;
            } else {
                k = ownNext.getKey();
                stored = ownNext.getValue();
                ownNext = own.hasNext() ? own.next() : null;
                if (order == 0) {
                    storedReady = false;   // own write replaces the stored version
                }
            }
            if (!VersionValues.isTombstone(stored)) {
                key = k;
                value = VersionValues.payload(stored);
                ReadEvidence.count(ReadEvidence.Counter.KV_ENTRIES_READ);
                return true;
            }
        }
    }

    /** Moves to the next user key with a visible version (tombstones included), or null. */
    private void advanceStored() throws IOException {
        storedKey = null;
        while (true) {
            if (!peek()) {
                return;
            }
            byte[] groupKey = peekKey;
            byte[] best = null;
            while (peeked && VersionKeys.sameUserKey(groupKey, peekKey)) {
                Timestamp ts = VersionKeys.timestampOf(peekKey);
                if (ts.isAfter(snapshot)) {
                    if (conflicts != null) {
                        conflicts.newerVersion(ts);
                    }
                } else if (!ascending || best == null) {
                    best = peekValue;   // ascending: first <= snapshot; descending: last
                }
                peeked = false;
                peek();
            }
            if (best != null) {
                storedKey = VersionKeys.userKeyOf(groupKey);
                storedValue = best;
                return;
            }
        }
    }

    private boolean peek() throws IOException {
        if (!peeked) {
            if (!versions.next()) {
                return false;
            }
            peekKey = versions.key();
            peekValue = versions.value();
            peeked = true;
        }
        return true;
    }


    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public byte[] value() {
        return value;
    }

    @Override
    public void close() {
        versions.close();
    }
}
