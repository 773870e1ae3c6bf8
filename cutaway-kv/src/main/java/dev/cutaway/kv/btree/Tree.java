package dev.cutaway.kv.btree;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.kv.buffer.BufferPool;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state a reader and the writer share: the buffer pool, the root pointer and height, the
 * size limits derived from the page size, and the writer's counters.
 *
 * <p>Invariants: (1) {@code rootPageId} changes only while the writer holds the old root's
 * exclusive latch, so a reader that latched a page and then still sees it as the root has
 * latched the real root; (2) {@code height} is the number of levels (1 = the root is a leaf);
 * (3) {@code version} is odd exactly while the writer changes the tree: it is incremented
 * before the first page of an apply is changed and again after the last, so a reader that sees
 * the same even version before and after latching a page knows the tree did not change between
 * (see {@link LeafPath}).
 */
final class Tree {
    final BufferPool pool;
    /** The page file, for scans that read runs of uncached leaves around the pool. */
    final PageFile pages;
    final Path file;
    final int pageSizeBytes;
    final int usableBytes;
    final int cellBytesMax;
    final int inlineCellBytesMax;
    final int underflowBytes;
    final int fillBytesMin;
    final int overflowPayloadBytes;

    volatile long rootPageId;
    volatile int height;
    volatile long version;

    // Written by the writer only; read by stats and checks under the writer lock.
    long entries;
    long overflowPages;
    long splits;
    /** Puts and deletes done inside one fresh leaf under its latch alone (no descent latches). */
    long inPlaceChanges;
    long merges;
    /** Leaves scans read straight from the file (not through the pool); any thread adds. */
    final LongAdder scanPagesRead = new LongAdder();
    /**
     * Point reads whose optimistic descent gave up and latch-coupled instead (a page changed
     * under it, was not in the pool, or the root is a leaf); any thread adds.
     */
    final LongAdder optimisticRetries = new LongAdder();

    Tree(BufferPool pool, PageFile pages, Path file, int pageSizeBytes) {
        this.pool = pool;
        this.pages = pages;
        this.file = file;
        this.pageSizeBytes = pageSizeBytes;
        this.usableBytes = PageFormat.usableBytes(pageSizeBytes);
        this.cellBytesMax = PageFormat.cellBytesMax(pageSizeBytes);
        this.inlineCellBytesMax = PageFormat.inlineCellBytesMax(pageSizeBytes);
        this.underflowBytes = PageFormat.underflowBytes(pageSizeBytes);
        this.fillBytesMin = PageFormat.fillBytesMin(pageSizeBytes);
        this.overflowPayloadBytes = PageFormat.overflowPayloadBytes(pageSizeBytes);
    }

    /** Checks that a page reached by descending is a node of the expected level. */
    void expectNode(byte[] p, long pageId, int level) throws CorruptionException {
        byte type = PageFormat.type(p);
        boolean ok = level == 0 ? type == PageFormat.TYPE_LEAF
                : type == PageFormat.TYPE_INTERNAL && PageFormat.level(p) == level;
        if (!ok) {
            throw new CorruptionException(file, pageId * pageSizeBytes, "page " + pageId
                    + ": expected a " + (level == 0 ? "leaf" : "level-" + level + " internal")
                    + " page, found " + PageFormat.typeName(type) + " at level "
                    + PageFormat.level(p));
        }
    }

    /** Reads the value of an overflow chain (pages are immutable; latched shared anyway). */
    byte[] readOverflow(long firstPageId, int length) throws java.io.IOException {
        byte[] value = new byte[length];
        long id = firstPageId;
        int at = 0;
        while (at < length) {
            if (id < 2) {
                throw new CorruptionException(file, "overflow chain from page " + firstPageId,
                        "ends after " + at + " of " + length + " bytes");
            }
            int f = pool.pin(id);
            pool.latchShared(f);
            try {
                byte[] p = pool.page(f);
                int n = PageFormat.i32(p, PageFormat.AUX_OFFSET);
                if (PageFormat.type(p) != PageFormat.TYPE_OVERFLOW || n <= 0
                        || n > overflowPayloadBytes || n > length - at) {
                    throw new CorruptionException(file, id * pageSizeBytes, "page " + id
                            + ": bad overflow page (type " + PageFormat.typeName(
                                    PageFormat.type(p)) + ", payload " + n + ")");
                }
                System.arraycopy(p, PageFormat.HEADER_BYTES, value, at, n);
                at += n;
                id = PageFormat.link(p);
            } finally {
                pool.unlatchShared(f);
                pool.unpin(f);
            }
        }
        return value;
    }
}
