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

    /** Entry i is {@code slots[2i]} (page id) and {@code slots[2i+1]} (frame): one cache line. */
    private final long[] slots;
    private final int mask;
    private int size;

    PageTable(int entriesMax) {
        if (!(entriesMax > 0)) {
            throw Invariants.violation("PageTable.1 entriesMax > 0", entriesMax);
        }
        int capacity = Integer.highestOneBit(Math.max(4, entriesMax) * 2 - 1) << 1;
        slots = new long[2 * capacity];
        Arrays.fill(slots, EMPTY);
        mask = capacity - 1;
    }

    private static int home(long pageId, int mask) {
        long h = pageId * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    /** The frame holding {@code pageId}, or -1. Safe to call without the lock (may be stale). */
    int get(long pageId) {
        long[] k = slots;
        int i = home(pageId, mask);
        for (int probes = 0; probes <= mask; probes++) {
            long key = k[2 * i];
            if (key == pageId) {
                return (int) k[2 * i + 1];
            }
            if (key == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    void put(long pageId, int frame) {
        if (!(pageId >= 0 && frame >= 0)) {
            throw Invariants.violation("PageTable.2 valid entry", pageId, frame);
        }
        int i = home(pageId, mask);
        while (slots[2 * i] != EMPTY) {
            if (!(slots[2 * i] != pageId)) {
                throw Invariants.violation("PageTable.2 page mapped once", pageId);
            }
            i = (i + 1) & mask;
        }
        slots[2 * i + 1] = frame;
        slots[2 * i] = pageId;
        size++;
        if (!(size * 2 <= mask + 1)) {
            throw Invariants.violation("PageTable.1 load factor", size, mask + 1);
        }
    }

    /** Removes {@code pageId}; returns its frame or -1. */
    int remove(long pageId) {
        int i = home(pageId, mask);
        while (slots[2 * i] != pageId) {
            if (slots[2 * i] == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
        int frame = (int) slots[2 * i + 1];
        // Backward-shift deletion (invariant 3).
        int hole = i;
        int j = (i + 1) & mask;
        while (slots[2 * j] != EMPTY) {
            int h = home(slots[2 * j], mask);
            boolean movable = hole <= j ? (h <= hole || h > j) : (h <= hole && h > j);
            if (movable) {
                slots[2 * hole + 1] = slots[2 * j + 1];
                slots[2 * hole] = slots[2 * j];
                hole = j;
            }
            j = (j + 1) & mask;
        }
        slots[2 * hole] = EMPTY;
        size--;
        return frame;
    }

    int size() {
        return size;
    }
}
