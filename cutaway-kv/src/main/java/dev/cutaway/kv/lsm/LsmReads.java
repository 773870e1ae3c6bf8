package dev.cutaway.kv.lsm;

import dev.cutaway.kv.ReadEvidence;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The read paths over one pinned {@link LsmEngine.View}. A get looks in the active memtable,
 * then the sealed ones newest first, then level 0 newest first (only tables whose key range
 * holds the key), then one table per deeper level found by binary search; in every table the
 * bloom filter is asked first. The first version found wins (Version invariants 1 and 3). It
 * allocates nothing per entry: block cursors are per thread and reused, keys are compared in
 * place; only a block read from disk and the returned value are new arrays.
 */
final class LsmReads {
    private static final ThreadLocal<BlockCursor[]> GET_CURSORS =
            ThreadLocal.withInitial(() -> new BlockCursor[] {new BlockCursor(), new BlockCursor()});

    private LsmReads() {}

    static byte[] get(LsmEngine.View v, byte[] key, long snapshot, LsmStats stats)
            throws IOException {
        long hash = BloomFilter.hash(key);
        Memtable.Node node = v.active().get(key, hash, snapshot);
        for (int i = v.immutables().size() - 1; node == null && i >= 0; i--) {
            node = v.immutables().get(i).get(key, hash, snapshot);
        }
        if (node != null) {
            stats.getMemtableHits.increment();
            return node.value == null ? null : node.value.clone();
        }
        BlockCursor[] cursors = GET_CURSORS.get();
        Table[][] levels = v.version().levels;
        int probed = 0;
        try {
            for (Table t : levels[0]) {
                if (t.meta.contains(key)) {
                    probed++;
                    if (probe(t, key, hash, snapshot, cursors, stats)) {
                        return cursors[1].isTombstone() ? null : cursors[1].valueCopy();
                    }
                }
            }
            for (int level = 1; level < levels.length; level++) {
                int i = v.version().findTable(level, key);
                if (i < levels[level].length && levels[level][i].meta.contains(key)) {
                    probed++;
                    if (probe(levels[level][i], key, hash, snapshot, cursors, stats)) {
                        return cursors[1].isTombstone() ? null : cursors[1].valueCopy();
                    }
                }
            }
            return null;
        } finally {
            stats.getFilesProbed.add(probed);
            ReadEvidence.add(ReadEvidence.Counter.SSTABLES_PROBED, probed);
        }
    }

    private static boolean probe(Table t, byte[] key, long hash, long snapshot,
            BlockCursor[] cursors, LsmStats stats) throws IOException {
        SstReader r = t.reader;
        if (r.filter != null) {
            stats.bloomChecks.increment();
            if (!r.mayContain(hash)) {
                stats.bloomUseful.increment();
                ReadEvidence.count(ReadEvidence.Counter.BLOOM_SKIPS);
                return false;
            }
        }
        boolean found = r.get(key, snapshot, cursors[0], cursors[1]);
        if (!found && r.filter != null) {
            stats.bloomFalsePositives.increment();
        }
        return found;
    }

    /** One iterator per memtable (newest first), per level-0 table and per deeper level. */
    static MergingIterator iterator(LsmEngine.View v) {
        return iterator(v, null, null);
    }

    /** As {@link #iterator(LsmEngine.View)}, leaving out tables outside [low, high). */
    static MergingIterator iterator(LsmEngine.View v, byte[] low, byte[] high) {
        List<EntryIterator> children = new ArrayList<>();
        children.add(v.active().iterator());
        for (int i = v.immutables().size() - 1; i >= 0; i--) {
            children.add(v.immutables().get(i).iterator());
        }
        v.version().addIterators(children, low, high);
        return new MergingIterator(children);
    }
}
