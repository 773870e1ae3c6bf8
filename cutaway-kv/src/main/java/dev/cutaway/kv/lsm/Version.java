package dev.cutaway.kv.lsm;

import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.check.Invariants;
import dev.cutaway.io.CorruptionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable set of live SSTables arranged in levels, with a reference count: readers (gets,
 * cursors) and compactions hold a version while they use its tables.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Level 0 tables are ordered newest first (seqMax descending) and their sequence ranges
 *       do not overlap: every entry of an earlier table is newer than every entry of a later
 *       one.</li>
 *   <li>Tables of level 1 and deeper are ordered by key and their key ranges do not
 *       overlap.</li>
 *   <li>For any key, a version at level n is newer than any version at level n + 1.</li>
 *   <li>A table appears once in a version; refs > 0 while the version is in use.</li>
 * </ol>
 */
final class Version {
    final Table[][] levels;
    private final AtomicInteger refs = new AtomicInteger(1);

    Version(List<List<Table>> tablesByLevel) {
        levels = new Table[tablesByLevel.size()][];
        for (int level = 0; level < levels.length; level++) {
            List<Table> tables = new ArrayList<>(tablesByLevel.get(level));
            if (level == 0) {
                tables.sort(Comparator.comparingLong((Table t) -> t.meta.seqMax()).reversed());
            } else {
                tables.sort((a, b) -> Arrays.compareUnsigned(a.meta.smallestKey(),
                        b.meta.smallestKey()));
            }
            levels[level] = tables.toArray(new Table[0]);
            for (Table t : levels[level]) {
                t.versionRefs.incrementAndGet();
            }
        }
    }

    /** Takes a reference unless the version has already been released. */
    boolean tryRef() {
        while (true) {
            int r = refs.get();
            if (r == 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** @return true if this dropped the last reference */
    boolean unref() {
        int r = refs.decrementAndGet();
        Invariants.check(r >= 0, "Version.4 refs never negative", r);
        return r == 0;
    }

    int levelCount() {
        return levels.length;
    }

    long levelBytes(int level) {
        long bytes = 0;
        for (Table t : levels[level]) {
            bytes += t.meta.sizeBytes();
        }
        return bytes;
    }

    List<List<Table>> copyLevels() {
        List<List<Table>> copy = new ArrayList<>();
        for (Table[] level : levels) {
            copy.add(new ArrayList<>(Arrays.asList(level)));
        }
        return copy;
    }

    /** Index of the first table of {@code level} (1+) whose largest key is >= key. */
    int findTable(int level, byte[] key) {
        Table[] tables = levels[level];
        int lo = 0;
        int hi = tables.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(tables[mid].meta.largestKey(), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Tables of {@code level} whose key range overlaps [low, high]. */
    List<Table> overlapping(int level, byte[] low, byte[] high) {
        List<Table> out = new ArrayList<>();
        for (Table t : levels[level]) {
            if (t.meta.overlaps(low, high)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Adds one iterator per level-0 table and one concatenating iterator per deeper level. */
    void addIterators(List<EntryIterator> out) {
        addIterators(out, null, null);
    }

    /**
     * Adds iterators over the tables whose key range meets [low, high) (null bounds
     * unbounded): a short range, such as the versions of one key, opens only the tables that
     * can hold it.
     */
    void addIterators(List<EntryIterator> out, byte[] low, byte[] high) {
        int opened = 0;
        for (Table t : levels[0]) {
            if (meets(t.meta, low, high)) {
                out.add(t.reader.iterator());
                opened++;
            }
        }
        for (int level = 1; level < levels.length; level++) {
            Table[] tables = levels[level];
            if (low != null || high != null) {
                tables = Arrays.stream(tables).filter(t -> meets(t.meta, low, high))
                        .toArray(Table[]::new);
            }
            if (tables.length > 0) {
                out.add(new LevelIterator(tables));
                opened += tables.length;
            }
        }
        ReadEvidence.add(ReadEvidence.Counter.SSTABLES_PROBED, opened);
    }

    private static boolean meets(SstMeta m, byte[] low, byte[] high) {
        return (low == null || Arrays.compareUnsigned(m.largestKey(), low) >= 0)
                && (high == null || Arrays.compareUnsigned(m.smallestKey(), high) < 0);
    }

    /** Invariants 1 to 4 from the metadata (the engine checks the files themselves). */
    void checkInvariants() throws CorruptionException {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int level = 0; level < levels.length; level++) {
            Table previous = null;
            for (Table t : levels[level]) {
                SstMeta m = t.meta;
                Invariants.check(seen.add(m.number()), "Version.4 table listed once", m);
                Invariants.check(Arrays.compareUnsigned(m.smallestKey(), m.largestKey()) <= 0
                        && m.seqMin() <= m.seqMax(), "SstMeta.1-2 ranges", m);
                Invariants.check(t.versionRefs.get() > 0, "Version.4 table refs > 0", m);
                if (previous != null && level == 0) {
                    Invariants.check(previous.meta.seqMin() > m.seqMax(),
                            "Version.1 level 0 newest first, disjoint seqs", previous, m);
                }
                if (previous != null && level > 0) {
                    Invariants.check(Arrays.compareUnsigned(previous.meta.largestKey(),
                            m.smallestKey()) < 0, "Version.2 level " + level
                            + " tables ordered and disjoint", previous, m);
                }
                previous = t;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int level = 0; level < levels.length; level++) {
            if (levels[level].length > 0) {
                sb.append("L").append(level).append(Arrays.toString(levels[level])).append(' ');
            }
        }
        return sb.toString().strip();
    }
}
