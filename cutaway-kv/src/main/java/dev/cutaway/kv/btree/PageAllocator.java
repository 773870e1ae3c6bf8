package dev.cutaway.kv.btree;

import dev.cutaway.check.Invariants;
import java.util.BitSet;

/**
 * Which pages are in use, free, or waiting to be free, across checkpoint epochs (shadow paging).
 *
 * <p>States of a page id in [2, pageCount): <b>image</b> (reachable from the last durable meta),
 * <b>fresh</b> (allocated since that checkpoint: may be changed in place and written at any
 * time), <b>free</b>, or <b>pending free</b> (belongs to the last image but is no longer used by
 * the live tree: becomes free once the next checkpoint's meta is durable). The free-list chain
 * written by the last checkpoint is part of that image, so it starts out pending free.
 *
 * <p>Invariants: (1) free, pending and fresh are pairwise disjoint; (2) every id in them is in
 * [2, pageCount); (3) a free page is never in the last durable image, so allocating it cannot
 * damage that image; (4) the counts equal the cardinalities.
 *
 * <p>Only the single writer (under the engine's writer lock) calls this class.
 */
final class PageAllocator {
    private long pageCount;
    private final BitSet free = new BitSet();
    private final BitSet pending = new BitSet();
    private final BitSet fresh = new BitSet();
    private long freeCount;
    private long pendingCount;
    /** Fresh pages released by the running operation: free once it ends (still latched now). */
    private long[] releasedInOperation = new long[16];
    private int releasedInOperationCount;

    PageAllocator(long pageCount) {
        this.pageCount = pageCount;
    }

    long pageCount() {
        return pageCount;
    }

    long freeCount() {
        return freeCount;
    }

    long pendingCount() {
        return pendingCount;
    }

    boolean isFresh(long pageId) {
        return fresh.get(toIndex(pageId));
    }

    boolean isFree(long pageId) {
        return free.get(toIndex(pageId));
    }

    boolean isPending(long pageId) {
        return pending.get(toIndex(pageId));
    }

    private static int toIndex(long pageId) {
        if (!(pageId >= 0 && pageId < Integer.MAX_VALUE)) {
            throw Invariants.violation("PageAllocator.2 page id", pageId);
        }
        return (int) pageId;
    }

    /** Marks a page free when the engine opens (from the stored free list). */
    void addFree(long pageId) {
        int i = toIndex(pageId);
        if (!(i >= 2 && i < pageCount && !free.get(i))) {
            throw Invariants.violation("PageAllocator.2 free id", i);
        }
        free.set(i);
        freeCount++;
    }

    /** Marks a page pending free when the engine opens (the stored free-list chain). */
    void addPending(long pageId) {
        int i = toIndex(pageId);
        if (!(i >= 2 && i < pageCount && !pending.get(i) && !free.get(i))) {
            throw Invariants.violation("PageAllocator.1 pending id", i);
        }
        pending.set(i);
        pendingCount++;
    }

    /** A page for new content: the lowest free id, else a new id past the high-water mark. */
    long allocate() {
        long id;
        int i = free.nextSetBit(2);
        if (i >= 0) {
            free.clear(i);
            freeCount--;
            id = i;
        } else {
            id = pageCount++;
        }
        fresh.set(toIndex(id));
        return id;
    }

    /** Gives a page back: fresh pages are free at once, image pages only after a checkpoint. */
    void release(long pageId) {
        int i = toIndex(pageId);
        if (!(i >= 2 && i < pageCount)) {
            throw Invariants.violation("PageAllocator.2 released id", i, pageCount);
        }
        if (!(!free.get(i) && !pending.get(i))) {
            throw Invariants.violation("PageAllocator.1 double release", i);
        }
        if (fresh.get(i)) {
            fresh.clear(i);
            if (releasedInOperationCount == releasedInOperation.length) {
                releasedInOperation = java.util.Arrays.copyOf(releasedInOperation,
                        2 * releasedInOperation.length);
            }
            releasedInOperation[releasedInOperationCount++] = i;
        } else {
            pending.set(i);
            pendingCount++;
        }
    }

    /**
     * Ends a writer operation: the fresh pages it released become free. Until now the writer
     * may still hold their frames latched, so handing them out again would deadlock.
     */
    void endOperation() {
        for (int k = 0; k < releasedInOperationCount; k++) {
            int i = (int) releasedInOperation[k];
            if (!(!free.get(i))) {
                throw Invariants.violation("PageAllocator.1 released page not yet free", i);
            }
            free.set(i);
            freeCount++;
        }
        releasedInOperationCount = 0;
    }

    /** Pages the free list holds after the coming checkpoint: free and pending, ascending. */
    long[] freeAfterCheckpoint() {
        BitSet after = (BitSet) free.clone();
        after.or(pending);
        long[] ids = new long[after.cardinality()];
        int n = 0;
        for (int i = after.nextSetBit(0); i >= 0; i = after.nextSetBit(i + 1)) {
            ids[n++] = i;
        }
        return ids;
    }

    /**
     * Allocates the pages of the free-list chain for the coming checkpoint. They come from the
     * free set or past the high-water mark, never from the current image (invariant 3).
     */
    long[] allocateChain(int entriesPerPage) {
        long[] chain = new long[0];
        while (true) {
            long entries = freeCount + pendingCount;
            long needed = (entries + entriesPerPage - 1) / entriesPerPage;
            if (chain.length >= needed) {
                return chain;
            }
            chain = java.util.Arrays.copyOf(chain, chain.length + 1);
            chain[chain.length - 1] = allocate();
        }
    }

    /** After the checkpoint's meta is durable: pending pages are free, the chain is pending. */
    void checkpointDone(long[] chain) {
        free.or(pending);
        freeCount += pendingCount;
        pending.clear();
        pendingCount = 0;
        fresh.clear();
        for (long c : chain) {
            pending.set(toIndex(c));
            pendingCount++;
        }
    }

    void checkInvariants() {
        Invariants.check(releasedInOperationCount == 0, "PageAllocator.1 no operation running");
        Invariants.check(!free.intersects(pending) && !free.intersects(fresh)
                && !pending.intersects(fresh), "PageAllocator.1 disjoint states");
        if (!(free.cardinality() == freeCount && pending.cardinality() == pendingCount)) {
            throw Invariants.violation("PageAllocator.4 counts", freeCount, pendingCount);
        }
        for (BitSet s : new BitSet[] {free, pending, fresh}) {
            if (!(s.isEmpty() || (s.nextSetBit(0) >= 2 && s.length() <= pageCount))) {
                throw Invariants.violation("PageAllocator.2 ids in range", pageCount);
            }
        }
    }
}
