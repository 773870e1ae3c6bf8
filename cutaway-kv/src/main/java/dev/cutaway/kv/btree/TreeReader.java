package dev.cutaway.kv.btree;

import static dev.cutaway.kv.btree.PageFormat.LEAF_CELL_HEADER_BYTES;

import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.buffer.BufferPool;
import java.io.IOException;
import java.util.Arrays;

/**
 * Lookups and leaf scans. A reader descends with latch coupling: it latches the child (shared)
 * before it releases the parent, so the writer, which latches top-down, can neither overtake it
 * nor free a page under it. Readers never hold a latch across calls.
 *
 * <p>Root: the reader reads {@code Tree.rootPageId}, pins and latches that page, then checks
 * the root pointer again (Tree invariant 1); on a change it lets go and retries.
 *
 * <p>Point reads ({@link #get}, ceilings) first try an {@link OptimisticDescent}, which reads
 * the inner pages without pin or latch and validates; latch coupling is their fallback.
 */
final class TreeReader {
    private TreeReader() {}

    /**
     * Latches (shared) and returns the frame of the current root, with
     * {@link BufferPool#PIN_MISSED} set when its pin was not a hit. Pins here and in
     * {@link #step} leave hits uncounted; a descent adds them up ({@link #FRAME}, {@link #hit})
     * and counts them once with {@link BufferPool#countHits}.
     */
    static int latchRoot(Tree t) throws IOException {
        BufferPool pool = t.pool;
        while (true) {
            long root = t.rootPageId;
            int pinned = pool.pinUncounted(root);
            int f = pinned & FRAME;
            pool.latchShared(f);
            if (t.rootPageId == root) {
                byte[] p = pool.page(f);
                try {
                    t.expectNode(p, root, PageFormat.type(p) == PageFormat.TYPE_LEAF ? 0
                            : Math.max(1, PageFormat.level(p)));
                } catch (IOException | RuntimeException e) {
                    pool.unlatchShared(f);
                    pool.unpin(f);
                    throw e;
                }
                return pinned;
            }
            pool.countHits(hit(pinned));   // a pin made, though of a page no longer the root
            pool.unlatchShared(f);
            pool.unpin(f);
        }
    }

    /** The frame bits of what {@link #latchRoot} and {@link #step} return. */
    static final int FRAME = BufferPool.PIN_MISSED - 1;

    /** 1 when the pin that returned {@code pinned} was a hit, else 0. */
    static int hit(int pinned) {
        return (pinned & BufferPool.PIN_MISSED) == 0 ? 1 : 0;
    }

    /**
     * Moves a shared latch from {@code f} to its child {@code childId}; returns the child's
     * frame, with {@link BufferPool#PIN_MISSED} set when its pin was not a hit.
     */
    private static int step(Tree t, int f, long childId, int childLevel) throws IOException {
        BufferPool pool = t.pool;
        int pinned;
        try {
            pinned = pool.pinUncounted(childId);
        } catch (IOException | RuntimeException e) {
            pool.unlatchShared(f);
            pool.unpin(f);
            throw e;
        }
        int cf = pinned & FRAME;
        pool.latchShared(cf);
        pool.unlatchShared(f);
        pool.unpin(f);
        byte[] c = pool.page(cf);
        if (PageFormat.level(c) != childLevel || PageFormat.type(c) != (childLevel == 0
                ? PageFormat.TYPE_LEAF : PageFormat.TYPE_INTERNAL)) {
            try {
                t.expectNode(c, childId, childLevel);
            } finally {
                pool.unlatchShared(cf);
                pool.unpin(cf);
            }
        }
        return pinned;
    }

    static byte[] get(Tree t, byte[] key) throws IOException {
        BufferPool pool = t.pool;
        int f = latchLeaf(t, key, null);
        byte[] p = pool.page(f);
        try {
            int idx = NodePage.leafSearch(p, key);
            if (idx < 0) {
                return null;
            }
            return valueAt(t, p, NodePage.slot(p, idx));
        } finally {
            pool.unlatchShared(f);
            pool.unpin(f);
        }
    }

    /**
     * The frame of the leaf that holds {@code key}, pinned and latched shared, the descent's
     * hits counted: by an {@link OptimisticDescent} when the inner pages hold still, else by
     * latch coupling. With {@code fenceOut}, element 0 is set to the leaf's upper fence (the
     * separator bounding it from above; null for the rightmost leaf).
     */
    private static int latchLeaf(Tree t, byte[] key, byte[][] fenceOut) throws IOException {
        int leaf = OptimisticDescent.leaf(t, key, fenceOut);
        if (leaf != OptimisticDescent.RETRY) {
            return leaf;
        }
        t.optimisticRetries.increment();
        BufferPool pool = t.pool;
        int pinned = latchRoot(t);
        int f = pinned & FRAME;
        int hits = hit(pinned);
        byte[] p = pool.page(f);
        byte[] fence = null;
        while (!NodePage.isLeaf(p)) {
            int i = NodePage.childIndex(p, key);
            if (fenceOut != null && i < NodePage.count(p)) {
                fence = separator(p, i);   // the deepest fence is the tightest
            }
            pinned = step(t, f, NodePage.child(p, i), PageFormat.level(p) - 1);
            f = pinned & FRAME;
            hits += hit(pinned);
            p = pool.page(f);
        }
        pool.countHits(hits);
        if (fenceOut != null) {
            fenceOut[0] = fence;
        }
        return f;
    }

    /** Marker: the answer was not found in the leaves looked at; use a cursor. */
    static final KvEngine.Entry NEXT_LEAF = new KvEngine.Entry(new byte[0], new byte[0]);

    /** Leaves a ceiling looks at before it leaves the question to a cursor. */
    private static final int CEILING_LEAVES_MAX = 3;

    /**
     * The first entry in [low, high), or null if there is none, found by descents rather than
     * a cursor: first to the leaf that holds {@code low}; when that leaf has no key at or above
     * {@code low} (an MVCC point read whose versions start the next leaf), again to the next
     * leaf, found through the fence — the separator bounding that leaf from above, remembered
     * on a second descent. {@link #NEXT_LEAF} when {@link #CEILING_LEAVES_MAX} leaves did not
     * settle it (empty leaves left by deletes) and a cursor must.
     */
    static KvEngine.Entry ceilingInLeaf(Tree t, byte[] low, byte[] high) throws IOException {
        KvEngine.Entry e = ceilingOnce(t, low, high, null);
        byte[] seek = low;
        byte[][] fence = new byte[1][];
        for (int leaves = 1; e == NEXT_LEAF && leaves < CEILING_LEAVES_MAX; leaves++) {
            e = ceilingOnce(t, seek, high, fence);   // again, now noting the fence
            if (e != NEXT_LEAF) {
                return e;
            }
            byte[] next = fence[0];
            if (next == null || high != null && Arrays.compareUnsigned(next, high) >= 0) {
                return null;   // no leaf right of this one holds a key below high
            }
            if (Arrays.compareUnsigned(next, seek) <= 0) {
                return NEXT_LEAF;   // no progress (cannot happen in a valid tree): a cursor
            }
            seek = next;
            e = ceilingOnce(t, seek, high, null);
        }
        return e;
    }

    /**
     * The first entry in [low, high) if it is in the leaf that holds {@code low}; null if the
     * range is empty there and ends inside that leaf; {@link #NEXT_LEAF} if the leaf has no key
     * at or above {@code low}. With {@code fenceOut}, its element 0 is set to the leaf's upper
     * fence (null for the rightmost leaf).
     */
    private static KvEngine.Entry ceilingOnce(Tree t, byte[] low, byte[] high,
            byte[][] fenceOut) throws IOException {
        BufferPool pool = t.pool;
        int f = latchLeaf(t, low, fenceOut);
        byte[] p = pool.page(f);
        try {
            int i = NodePage.leafLowerBound(p, low);
            if (i >= NodePage.count(p)) {
                return NEXT_LEAF;
            }
            int cell = NodePage.slot(p, i);
            int at = cell + LEAF_CELL_HEADER_BYTES;
            int keyLen = NodePage.keyLength(p, cell);
            if (high != null && Arrays.compareUnsigned(p, at, at + keyLen, high, 0,
                    high.length) >= 0) {
                return null;
            }
            return new KvEngine.Entry(Arrays.copyOfRange(p, at, at + keyLen),
                    valueAt(t, p, cell));
        } finally {
            pool.unlatchShared(f);
            pool.unpin(f);
        }
    }

    /** Copies out the value of the leaf cell at {@code cell} (reading overflow pages). */
    static byte[] valueAt(Tree t, byte[] p, int cell) throws IOException {
        int keyLen = NodePage.keyLength(p, cell);
        int word = NodePage.valueWord(p, cell);
        int valueLen = NodePage.valueLength(word);
        int at = cell + LEAF_CELL_HEADER_BYTES + keyLen;
        if (!NodePage.isOverflow(word)) {
            return Arrays.copyOfRange(p, at, at + valueLen);
        }
        return t.readOverflow(PageFormat.i64(p, at), valueLen);
    }

    /**
     * Copies the leaf a cursor needs next into {@code out}. Ascending: the leaf holding
     * {@code seek} (inclusive; null = from the start), entries in [seek, high). Descending: the
     * leaf holding the largest keys below {@code seek} (exclusive; null = from the end), entries
     * in [low, seek), which the cursor walks backwards. The copy's {@code nextSeek} is the fence
     * to the neighbouring leaf, or null when the range is exhausted. An ascending read records
     * the leaf's parent in {@code path} (if given) for {@link LeafPath#readNextLeaf}.
     */
    static void readLeaf(Tree t, byte[] seek, byte[] low, byte[] high, boolean ascending,
            LeafCopy out, LeafPath path) throws IOException {
        if (path != null) {
            path.forget();
        }
        BufferPool pool = t.pool;
        int pinned = latchRoot(t);
        int f = pinned & FRAME;
        int hits = hit(pinned);
        byte[] p = pool.page(f);
        byte[] fence = null;
        while (!NodePage.isLeaf(p)) {
            int n = NodePage.count(p);
            int i;
            if (ascending) {
                i = seek == null ? 0 : NodePage.childIndex(p, seek);
                if (path != null && PageFormat.level(p) == 1) {
                    path.remember(t, p, i, fence);
                }
                if (i < n) {
                    fence = separator(p, i);
                }
            } else {
                i = seek == null ? n : NodePage.childIndexBelow(p, seek);
                if (i > 0) {
                    fence = separator(p, i - 1);
                }
            }
            pinned = step(t, f, NodePage.child(p, i), PageFormat.level(p) - 1);
            f = pinned & FRAME;
            hits += hit(pinned);
            p = pool.page(f);
        }
        pool.countHits(hits);
        try {
            int n = NodePage.count(p);
            if (ascending) {
                int from = seek == null ? 0 : NodePage.leafLowerBound(p, seek);
                int to = high == null ? n : Math.max(from, NodePage.leafLowerBound(p, high));
                boolean more = fence != null
                        && (high == null || Arrays.compareUnsigned(fence, high) < 0);
                out.fill(t, p, from, to, more ? fence : null);
            } else {
                int to = seek == null ? n : NodePage.leafLowerBound(p, seek);
                int from = low == null ? 0 : Math.min(to, NodePage.leafLowerBound(p, low));
                boolean more = fence != null
                        && (low == null || Arrays.compareUnsigned(fence, low) > 0);
                out.fill(t, p, from, to, more ? fence : null);
            }
        } finally {
            pool.unlatchShared(f);
            pool.unpin(f);
        }
    }

    static byte[] separator(byte[] p, int i) {
        int cell = NodePage.slot(p, i);
        int at = NodePage.internalKeyOffset(cell);
        return Arrays.copyOfRange(p, at, at + NodePage.keyLength(p, cell));
    }
}
