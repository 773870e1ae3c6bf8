package dev.cutaway.kv.buffer;

import dev.cutaway.check.Invariants;
import java.util.Arrays;

/**
 * The buffer pool's map from page id to frame: open addressing with linear probing over two
 * primitive arrays, so a lookup neither allocates nor boxes.
 *
 * <p>Invariants: (1) capacity is a power of two and at least twice the number of frames, so a
 * probe always ends at an empty slot; (2) a page id appears at most once; (3) deletion shifts
 * later entries of the probe run back (no tombstones), so every entry is reachable from its home
 * slot without crossing an empty slot.
 *
 * <p>Concurrency: writes happen under the pool's lock. {@link #get} may run without it; a racing
 * read can return a stale frame or a false miss, never an out-of-range index. Callers validate
 * the frame after pinning it (the pool checks the frame's page id) and retry under the lock.
 */
final class PageTable {
    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] values;
    private final int mask;
    private int size;

    PageTable(int entriesMax) {
        Invariants.check(entriesMax > 0, "PageTable.1 entriesMax > 0", entriesMax);
        int capacity = Integer.highestOneBit(Math.max(4, entriesMax) * 2 - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        mask = capacity - 1;
    }

    private static int home(long pageId, int mask) {
        long h = pageId * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    /** The frame holding {@code pageId}, or -1. Safe to call without the lock (may be stale). */
    int get(long pageId) {
        long[] k = keys;
        int i = home(pageId, mask);
        for (int probes = 0; probes <= mask; probes++) {
            long key = k[i];
            if (key == pageId) {
                return values[i];
            }
            if (key == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    void put(long pageId, int frame) {
        Invariants.check(pageId >= 0 && frame >= 0, "PageTable.2 valid entry", pageId, frame);
        int i = home(pageId, mask);
        while (keys[i] != EMPTY) {
            Invariants.check(keys[i] != pageId, "PageTable.2 page mapped once", pageId);
            i = (i + 1) & mask;
        }
        values[i] = frame;
        keys[i] = pageId;
        size++;
        Invariants.check(size * 2 <= keys.length, "PageTable.1 load factor", size, keys.length);
    }

    /** Removes {@code pageId}; returns its frame or -1. */
    int remove(long pageId) {
        int i = home(pageId, mask);
        while (keys[i] != pageId) {
            if (keys[i] == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
        int frame = values[i];
        // Backward-shift deletion (invariant 3).
        int hole = i;
        int j = (i + 1) & mask;
        while (keys[j] != EMPTY) {
            int h = home(keys[j], mask);
            boolean movable = hole <= j ? (h <= hole || h > j) : (h <= hole && h > j);
            if (movable) {
                values[hole] = values[j];
                keys[hole] = keys[j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        keys[hole] = EMPTY;
        size--;
        return frame;
    }

    int size() {
        return size;
    }
}
