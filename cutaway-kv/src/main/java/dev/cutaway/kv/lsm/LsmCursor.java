package dev.cutaway.kv.lsm;

import dev.cutaway.kv.KvCursor;
import java.io.IOException;
import java.util.Arrays;

/**
 * A user-level cursor over [low, high) at a snapshot sequence number: merges every memtable and
 * table of a pinned view, shows for each user key only its newest version at or below the
 * snapshot, and hides keys whose newest version is a tombstone. Snapshot-consistent, which is
 * stronger than {@link dev.cutaway.kv.KvEngine}'s weak consistency. Closing releases the pinned
 * version, which may let compaction delete files.
 */
final class LsmCursor implements KvCursor {
    private final MergingIterator it;
    private final byte[] low;
    private final byte[] high;
    private final boolean ascending;
    private final long snapshotSeq;
    private final Runnable release;
    private boolean started;
    private boolean closed;
    private byte[] lastKey;
    private byte[] key;
    private byte[] value;

    LsmCursor(MergingIterator it, byte[] low, byte[] high, boolean ascending, long snapshotSeq,
            Runnable release) {
        this.it = it;
        this.low = low;
        this.high = high;
        this.ascending = ascending;
        this.snapshotSeq = snapshotSeq;
        this.release = release;
    }

    @Override
    public boolean next() throws IOException {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        if (!started) {
            started = true;
            if (ascending) {
                if (low == null) {
                    it.seekFirst();
                } else {
                    it.seekGE(low, Sequences.MAX);
                }
            } else if (high == null) {
                it.seekLast();
            } else {
                it.seekLT(high, Sequences.MAX);
            }
        }
        boolean found = ascending ? nextForward() : nextBackward();
        if (!found) {
            key = null;
            value = null;
        }
        return found;
    }

    private boolean nextForward() throws IOException {
        for (; it.valid(); it.next()) {
            byte[] k = it.key();
            if (high != null && Arrays.compareUnsigned(k, high) >= 0) {
                return false;
            }
            if (it.seq() > snapshotSeq || (lastKey != null && Arrays.equals(lastKey, k))) {
                continue;
            }
            lastKey = k;
            byte[] v = it.value();
            if (v != null) {
                key = k.clone();
                value = v;
                it.next();
                return true;
            }
        }
        return false;
    }

    /** Backward, a key's versions arrive oldest first: the last visible one is the newest. */
    private boolean nextBackward() throws IOException {
        while (it.valid()) {
            byte[] k = it.key();
            if (low != null && Arrays.compareUnsigned(k, low) < 0) {
                return false;
            }
            byte[] newest = null;
            boolean visible = false;
            while (it.valid() && Arrays.equals(it.key(), k)) {
                if (it.seq() <= snapshotSeq) {
                    newest = it.value();
                    visible = true;
                }
                it.prev();
            }
            if (visible && newest != null) {
                key = k.clone();
                value = newest;
                return true;
            }
        }
        return false;
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
        if (!closed) {
            closed = true;
            it.close();
            release.run();
        }
    }
}
