package dev.cutaway.kv.btree;

import static dev.cutaway.kv.btree.PageFormat.COUNT_OFFSET;
import static dev.cutaway.kv.btree.PageFormat.HEADER_BYTES;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.kv.buffer.BufferPool;
import java.io.IOException;
import java.util.BitSet;
import java.util.function.LongConsumer;

/**
 * The free list as a checkpoint stores it: a chain of free-list pages (type 5), each holding up
 * to (P - 40) / 8 page ids (u64) after the header; the header's cell count is the number of
 * ids on the page and its link the next chain page (0 = end). The meta names the head and the
 * total count.
 *
 * <p>Invariants: (1) chain pages are fresh pages of the checkpoint that writes them, never pages
 * of the previous image; (2) ids in the list are in [2, pageCount), distinct, and not chain
 * pages; (3) the ids add up to the meta's free count.
 */
final class FreeListChain {
    private FreeListChain() {}

    /** Writes {@code entries} into the already allocated {@code chain} pages, via the pool. */
    static void write(BufferPool pool, int pageSize, long[] chain, long[] entries, long lsn)
            throws IOException {
        int per = PageFormat.freeListEntriesMax(pageSize);
        for (int k = 0; k < chain.length; k++) {
            int f = pool.pinNew(chain[k]);
            pool.latchExclusive(f);
            try {
                byte[] p = pool.page(f);
                PageFormat.format(p, chain[k], PageFormat.TYPE_FREE_LIST, 0);
                int from = k * per;
                int n = Math.max(0, Math.min(per, entries.length - from));
                for (int j = 0; j < n; j++) {
                    PageFormat.putI64(p, HEADER_BYTES + 8 * j, entries[from + j]);
                }
                PageFormat.putU16(p, COUNT_OFFSET, n);
                PageFormat.setLink(p, k + 1 < chain.length ? chain[k + 1] : 0);
                PageFormat.setLsn(p, lsn);
                pool.markDirty(f);
            } finally {
                pool.unlatchExclusive(f);
                pool.unpin(f);
            }
        }
    }

    /** Reads the stored free list into {@code allocator}: ids free, chain pages pending. */
    static void load(PageFile file, MetaPage.Meta meta, PageAllocator allocator)
            throws IOException {
        BitSet chain = new BitSet();
        long[] count = {0};
        walk(file, meta, id -> chain.set((int) id), id -> {
            allocator.addFree(id);
            count[0]++;
        });
        for (int i = chain.nextSetBit(0); i >= 0; i = chain.nextSetBit(i + 1)) {
            if (allocator.isFree(i)) {
                throw new CorruptionException(file.path(), "free list",
                        "page " + i + " is both a free-list page and listed as free");
            }
            allocator.addPending(i);
        }
    }

    /**
     * Walks the chain from the meta's head, verifying every page and id (invariants 2 and 3);
     * reports each chain page and each listed id.
     */
    static void walk(PageFile file, MetaPage.Meta meta, LongConsumer chainPage,
            LongConsumer freeId) throws IOException {
        int pageSize = meta.pageSizeBytes();
        int per = PageFormat.freeListEntriesMax(pageSize);
        byte[] p = new byte[pageSize];
        BitSet seen = new BitSet();
        BitSet listed = new BitSet();
        long id = meta.freeListHead();
        long total = 0;
        long pages = 0;
        while (id != 0) {
            pages++;
            if (id < 2 || id >= meta.pageCount() || seen.get((int) id)
                    || pages > meta.pageCount()) {
                throw new CorruptionException(file.path(), "free list",
                        "bad or repeated free-list page id " + id);
            }
            seen.set((int) id);
            file.read(id, p);
            int n = PageFormat.u16(p, COUNT_OFFSET);
            if (PageFormat.type(p) != PageFormat.TYPE_FREE_LIST || n > per) {
                throw new CorruptionException(file.path(), id * pageSize, "page " + id
                        + ": expected a free-list page, found "
                        + PageFormat.typeName(PageFormat.type(p)) + " with " + n + " entries");
            }
            chainPage.accept(id);
            for (int j = 0; j < n; j++) {
                long free = PageFormat.i64(p, HEADER_BYTES + 8 * j);
                if (free < 2 || free >= meta.pageCount() || listed.get((int) free)) {
                    throw new CorruptionException(file.path(), id * pageSize,
                            "page " + id + ": free-list entry " + j + " is bad: " + free);
                }
                listed.set((int) free);
                freeId.accept(free);
                total++;
            }
            id = PageFormat.link(p);
        }
        if (total != meta.freeCount()) {
            throw new CorruptionException(file.path(), "free list",
                    "holds " + total + " ids but the meta says " + meta.freeCount());
        }
    }
}
