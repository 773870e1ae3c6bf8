package dev.cutaway.kv.btree;

import static dev.cutaway.kv.btree.PageFormat.LEAF_CELL_HEADER_BYTES;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.kv.buffer.BufferPool;
import java.io.IOException;

/**
 * Values too large to stay in a leaf (leaf cell > P/4) live in a chain of overflow pages (layout
 * in {@link PageFormat}); the leaf cell keeps the first page id and the value length. Overflow
 * pages are written once and never changed, so copy-on-write of a leaf shares the chain with the
 * old image, and removing the value releases the pages (free at once if fresh, else pending).
 * Only the writer calls this class; readers use {@link Tree#readOverflow}.
 */
final class OverflowChains {
    private final Tree t;
    private final BufferPool pool;
    private final PageAllocator allocator;

    OverflowChains(Tree t, PageAllocator allocator) {
        this.t = t;
        this.pool = t.pool;
        this.allocator = allocator;
    }

    /** Writes {@code value} into new overflow pages; returns the first page id. */
    long write(byte[] value, long lsn) throws IOException {
        int per = t.overflowPayloadBytes;
        int pages = (value.length + per - 1) / per;
        long next = 0;
        for (int i = pages - 1; i >= 0; i--) {
            long id = allocator.allocate();
            int f = pool.pinNew(id);
            pool.latchExclusive(f);
            try {
                byte[] p = pool.page(f);
                PageFormat.format(p, id, PageFormat.TYPE_OVERFLOW, 0);
                int from = i * per;
                int n = Math.min(per, value.length - from);
                System.arraycopy(value, from, p, PageFormat.HEADER_BYTES, n);
                PageFormat.putI32(p, PageFormat.AUX_OFFSET, n);
                PageFormat.setLink(p, next);
                PageFormat.setLsn(p, lsn);
                pool.markDirty(f);
            } finally {
                pool.unlatchExclusive(f);
                pool.unpin(f);
            }
            next = id;
        }
        t.overflowPages += pages;
        return next;
    }

    /** Releases the overflow pages of the leaf cell at {@code cell}, if it has any. */
    void freeValue(byte[] p, int cell) throws IOException {
        int word = NodePage.valueWord(p, cell);
        if (!NodePage.isOverflow(word)) {
            return;
        }
        int length = NodePage.valueLength(word);
        int pages = (length + t.overflowPayloadBytes - 1) / t.overflowPayloadBytes;
        long id = PageFormat.i64(p, cell + LEAF_CELL_HEADER_BYTES + NodePage.keyLength(p, cell));
        for (int i = 0; i < pages; i++) {
            int f = pool.pin(id);
            long next;
            try {
                byte[] o = pool.page(f);
                if (PageFormat.type(o) != PageFormat.TYPE_OVERFLOW) {
                    throw new CorruptionException(t.file, id * t.pageSizeBytes, "page " + id
                            + ": expected an overflow page, found "
                            + PageFormat.typeName(PageFormat.type(o)));
                }
                next = PageFormat.link(o);
                if (allocator.isFresh(id)) {
                    pool.discard(f);
                }
            } finally {
                pool.unpin(f);
            }
            allocator.release(id);
            id = next;
        }
        t.overflowPages -= pages;
    }
}
