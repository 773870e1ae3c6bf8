package dev.cutaway.txn;

import dev.cutaway.check.Invariants;
import dev.cutaway.kv.Node;
import dev.cutaway.log.WriteBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * A write set too large for one log record, cut into parts for {@link Node#writePartsNoWait}
 * (ADR 0029). The cut is made once, as the first key of each part; a part is made on demand
 * from the write set (the node asks for each part twice: to log it, then to apply it), so at
 * most one part's version keys exist beside the write set at a time.
 *
 * <p>Invariants: (1) parts are non-empty, consecutive key ranges of the write set that
 * together cover it; (2) a part's estimated encoded size is at most {@code partBytesMax}
 * unless it is one write (a single write always fits a record: keys and values are bounded)
 * and it has at most {@link #PART_WRITES_MAX} writes.
 */
final class PartedCommit implements Node.Parts {
    /** Bound on the writes of one part: engines number a batch's mutations. */
    static final int PART_WRITES_MAX = 1 << 16;
    /** Encoded bytes of one write besides key and value (framing, timestamp suffix). */
    private static final int WRITE_RECORD_BYTES = 10 + VersionKeys.TIMESTAMP_SUFFIX_BYTES;

    private final TreeMap<byte[], byte[]> writes;
    private final List<byte[]> firstKeys;
    private final Timestamp commit;
    private final ToIntFunction<byte[]> spaceOf;

    private PartedCommit(TreeMap<byte[], byte[]> writes, List<byte[]> firstKeys,
            Timestamp commit, ToIntFunction<byte[]> spaceOf) {
        this.writes = writes;
        this.firstKeys = firstKeys;
        this.commit = commit;
        this.spaceOf = spaceOf;
    }

    /** Estimated encoded bytes of one write in a log record (an upper bound). */
    static long recordBytes(byte[] key, byte[] stored) {
        return WRITE_RECORD_BYTES + 2L * key.length + stored.length;
    }

    /** True if {@code writes} fits one part (so the commit can be one plain batch). */
    static boolean fitsOnePart(TreeMap<byte[], byte[]> writes, int partBytesMax) {
        if (writes.size() >= PART_WRITES_MAX) {
            return false;
        }
        long bytes = 0;
        for (Map.Entry<byte[], byte[]> w : writes.entrySet()) {
            bytes += recordBytes(w.getKey(), w.getValue());
            if (bytes > partBytesMax) {
                return false;
            }
        }
        return true;
    }

    /** Cuts {@code writes} into parts of at most {@code partBytesMax} estimated bytes. */
    static PartedCommit cut(TreeMap<byte[], byte[]> writes, int partBytesMax, Timestamp commit,
            ToIntFunction<byte[]> spaceOf) {
        List<byte[]> firsts = new ArrayList<>();
        long bytes = 0;
        int count = 0;
        for (Map.Entry<byte[], byte[]> w : writes.entrySet()) {
            long one = recordBytes(w.getKey(), w.getValue());
            if (firsts.isEmpty() || bytes + one > partBytesMax || count == PART_WRITES_MAX) {
                firsts.add(w.getKey());
                bytes = 0;
                count = 0;
            }
            bytes += one;
            count++;
        }
        Invariants.check(!firsts.isEmpty(), "PartedCommit.1 a parted commit has parts");
        return new PartedCommit(writes, Collections.unmodifiableList(firsts), commit, spaceOf);
    }

    @Override
    public int count() {
        return firstKeys.size();
    }

    @Override
    public WriteBatch part(int index) {
        byte[] from = firstKeys.get(index);
        NavigableMap<byte[], byte[]> range = index + 1 < firstKeys.size()
                ? writes.subMap(from, true, firstKeys.get(index + 1), false)
                : writes.tailMap(from, true);
        WriteBatch batch = new WriteBatch();
        for (Map.Entry<byte[], byte[]> w : range.entrySet()) {
            batch.put(spaceOf.applyAsInt(w.getKey()), VersionKeys.encode(w.getKey(), commit),
                    w.getValue());
        }
        Invariants.check(!batch.isEmpty() && batch.size() <= PART_WRITES_MAX,
                "PartedCommit.1 parts are non-empty and bounded", index, batch.size());
        return batch;
    }
}
