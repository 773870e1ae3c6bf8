package dev.cutaway.kv.btree;

import static dev.cutaway.kv.btree.PageFormat.INTERNAL_CELL_HEADER_BYTES;
import static dev.cutaway.kv.btree.PageFormat.LEAF_CELL_HEADER_BYTES;
import static dev.cutaway.kv.btree.PageFormat.SLOT_BYTES;
import static dev.cutaway.kv.btree.PageFormat.TYPE_INTERNAL;
import static dev.cutaway.kv.btree.PageFormat.TYPE_LEAF;

import dev.cutaway.check.Invariants;
import dev.cutaway.kv.buffer.BufferPool;
import java.io.IOException;

/**
 * The single writer: put and delete with copy-on-write, splits, merges and redistribution.
 *
 * <p>In place first (ADR 0032): a put of a new key with an inline value, or a delete that
 * leaves the leaf above the underflow bound, into a leaf that is already fresh changes that leaf
 * alone. The writer finds the leaf without latches (it is the only one who changes pages) and
 * latches just the leaf, so readers are not held up at the root by every commit and every
 * garbage-collection delete. Anything else takes the full descent.
 *
 * <p>Descent: latches exclusively from the root down (crabbing). After latching a child it first
 * makes the child fresh (copy-on-write: a page of the last checkpoint image is copied to a newly
 * allocated page, the parent's pointer is updated and the old page becomes pending free), then,
 * if the child is <i>safe</i>, releases every latched ancestor. A node is safe when one change
 * from below (a new or replaced separator, or a removed cell) can neither overflow nor underflow
 * it: free bytes >= largest cell + slot, and (non-root) used bytes minus that still >= the
 * underflow bound, or (root) it is a leaf or has >= 2 separators. So every node that a split,
 * merge or redistribution reaches is still latched.
 *
 * <p>Invariants: (1) only fresh pages are changed (BTree invariant, checked on every change);
 * (2) the latched part of the path is contiguous from {@code top} to the leaf; (3) the path is
 * at most {@link #DEPTH_MAX} deep.
 *
 * <p>Rebalancing: after a delete (or a put that shrank a value) a non-root node with fewer than
 * {@code underflowBytes} (25% of usable) used bytes is merged with a sibling if both fit in one
 * page, else the two share their cells evenly. Splits and redistribution keep every non-root
 * node at least {@code fillBytesMin} (20%) full, except that an append past the largest key of
 * the tree leaves the left node full and starts a new right-edge node with that one cell.
 */
final class TreeWriter {
    static final int DEPTH_MAX = 32;

    private final Tree t;
    private final BufferPool pool;
    private final PageAllocator allocator;
    private final long[] ids = new long[DEPTH_MAX];
    private final int[] frames = new int[DEPTH_MAX];
    private final int[] childIdx = new int[DEPTH_MAX];
    /** Path level l is the last node of its tree level: every ancestor's last child. */
    private final boolean[] rightEdge = new boolean[DEPTH_MAX];
    private int depth;
    private int top;
    private final int[] extraFrames = new int[2 * DEPTH_MAX];
    private int extraCount;
    private final OverflowChains overflow;
    private final CellList cells;
    private final byte[] cellScratch;
    private final byte[] compactScratch;
    private long lsn;

    TreeWriter(Tree t, PageAllocator allocator) {
        this.t = t;
        this.pool = t.pool;
        this.allocator = allocator;
        this.overflow = new OverflowChains(t, allocator);
        this.cells = new CellList(t.pageSizeBytes);
        this.cellScratch = new byte[t.pageSizeBytes];
        this.compactScratch = new byte[t.pageSizeBytes];
    }

    void put(byte[] key, byte[] value, long lsn) throws IOException {
        this.lsn = lsn;
        if (t.height > 1 && putInPlace(key, value)) {
            return;
        }
        try {
            descend(key);
            int leaf = depth - 1;
            byte[] p = pool.page(frames[leaf]);
            int idx = NodePage.leafSearch(p, key);
            boolean replaced = idx >= 0;
            if (replaced) {
                overflow.freeValue(p, NodePage.slot(p, idx));
                NodePage.removeCell(p, idx);
            } else {
                idx = -(idx + 1);
                t.entries++;
            }
            touch(leaf);
            int len = buildLeafCell(key, value);
            boolean split = insertAt(leaf, idx, cellScratch, len);
            if (replaced && !split) {
                fixUnderflow(leaf);
            }
        } finally {
            releaseAll();
        }
    }

    void delete(byte[] key, long lsn) throws IOException {
        this.lsn = lsn;
        if (t.height > 1 && deleteInPlace(key)) {
            return;
        }
        try {
            descend(key);
            int leaf = depth - 1;
            byte[] p = pool.page(frames[leaf]);
            int idx = NodePage.leafSearch(p, key);
            if (idx < 0) {
                return;
            }
            overflow.freeValue(p, NodePage.slot(p, idx));
            NodePage.removeCell(p, idx);
            t.entries--;
            touch(leaf);
            fixUnderflow(leaf);
        } finally {
            releaseAll();
        }
    }

    // ---- changes inside one leaf ---------------------------------------------------------------

    /** A change to the latched leaf page {@code p}: false declines, having changed nothing. */
    private interface LeafChange {
        boolean apply(byte[] p) throws IOException;
    }

    /**
     * Runs {@code change} on the leaf of {@code key} under the leaf's exclusive latch alone,
     * when that leaf is already fresh: no ancestor changes, so none is latched and readers keep
     * descending through them. @return false, having changed nothing, when the change needs
     * the full descent
     */
    private boolean changeInPlace(byte[] key, LeafChange change) throws IOException {
        long id = leafOf(key);
        if (!allocator.isFresh(id)) {
            return false;   // the leaf needs a copy-on-write, which changes its parent
        }
        int f = pool.pin(id);
        try {
            pool.latchExclusive(f);
            try {
                byte[] p = pool.page(f);
                t.expectNode(p, id, 0);
                if (!change.apply(p)) {
                    return false;
                }
                touchFrame(f, id);
                t.inPlaceChanges++;
                return true;
            } finally {
                pool.unlatchExclusive(f);
            }
        } finally {
            pool.unpin(f);
        }
    }

    /** A put of a new key with an inline value that fits its leaf, in place. */
    private boolean putInPlace(byte[] key, byte[] value) throws IOException {
        int len = LEAF_CELL_HEADER_BYTES + key.length + value.length;
        if (len > t.inlineCellBytesMax) {
            return false;   // building the cell would write an overflow chain
        }
        return changeInPlace(key, p -> {
            if (NodePage.freeTotal(p) < len + SLOT_BYTES) {
                return false;   // a split
            }
            int idx = NodePage.leafSearch(p, key);
            if (idx >= 0) {
                return false;   // a replaced value may shrink the leaf below the bound
            }
            NodePage.insertCell(p, -(idx + 1), cellScratch, 0, buildLeafCell(key, value),
                    compactScratch);
            t.entries++;
            return true;
        });
    }

    /** A delete of an inline cell that leaves its leaf above the underflow bound, in place. */
    private boolean deleteInPlace(byte[] key) throws IOException {
        return changeInPlace(key, p -> {
            int idx = NodePage.leafSearch(p, key);
            if (idx < 0) {
                return true;   // nothing to delete: the full descent would change nothing
            }
            int cell = NodePage.slot(p, idx);
            if (NodePage.isOverflow(NodePage.valueWord(p, cell)) || NodePage.usedBytes(p)
                    - NodePage.cellSize(p, cell) - SLOT_BYTES < t.underflowBytes) {
                return false;   // freeing a chain, or a merge
            }
            NodePage.removeCell(p, idx);
            t.entries--;
            return true;
        });
    }

    /**
     * The leaf a descent for {@code key} reaches. No latches: only this writer changes pages,
     * and a pin keeps each page in its frame while it is read.
     */
    private long leafOf(byte[] key) throws IOException {
        long id = t.rootPageId;
        for (int level = t.height - 1; level > 0; level--) {
            int f = pool.pin(id);
            try {
                byte[] p = pool.page(f);
                t.expectNode(p, id, level);
                id = NodePage.child(p, NodePage.childIndex(p, key));
            } finally {
                pool.unpin(f);
            }
        }
        return id;
    }

    // ---- descent and latches -----------------------------------------------------------------

    private void descend(byte[] key) throws IOException {
        depth = 0;
        top = 0;
        extraCount = 0;
        long root = t.rootPageId;
        int f = pool.pin(root);
        pool.latchExclusive(f);
        push(root, f);
        rightEdge[0] = true;
        int level = t.height - 1;
        t.expectNode(pool.page(f), root, level);
        if (!allocator.isFresh(root)) {
            copyOnWrite(0);
        }
        while (level > 0) {
            byte[] p = pool.page(frames[depth - 1]);
            int i = NodePage.childIndex(p, key);
            childIdx[depth - 1] = i;
            rightEdge[depth] = rightEdge[depth - 1] && i == NodePage.count(p);
            long child = NodePage.child(p, i);
            int cf = pool.pin(child);
            pool.latchExclusive(cf);
            push(child, cf);
            level--;
            t.expectNode(pool.page(cf), child, level);
            if (!allocator.isFresh(child)) {
                copyOnWrite(depth - 1);
            }
            if (isSafe(depth - 1)) {
                releaseAbove(depth - 1);
            }
        }
    }

    private void push(long id, int frame) {
        if (!(depth < DEPTH_MAX)) {
            throw Invariants.violation("TreeWriter.3 depth bound", depth);
        }
        ids[depth] = id;
        frames[depth] = frame;
        depth++;
    }

    private boolean isSafe(int level) {
        byte[] p = pool.page(frames[level]);
        int change = t.cellBytesMax + SLOT_BYTES;
        if (NodePage.freeTotal(p) < change) {
            return false;
        }
        if (level == 0) {
            return NodePage.isLeaf(p) || NodePage.count(p) >= 2;
        }
        return NodePage.usedBytes(p) - change >= t.underflowBytes;
    }

    private void releaseAbove(int level) {
        for (int i = top; i < level; i++) {
            pool.unlatchExclusive(frames[i]);
            pool.unpin(frames[i]);
        }
        top = level;
    }

    private void releaseAll() {
        releaseAbove(depth);
        for (int i = 0; i < extraCount; i++) {
            pool.unlatchExclusive(extraFrames[i]);
            pool.unpin(extraFrames[i]);
        }
        extraCount = 0;
        depth = 0;
        top = 0;
        allocator.endOperation();
    }

    private void holdExtra(int frame) {
        Invariants.check(extraCount < extraFrames.length, "TreeWriter.3 extra latches bound");
        extraFrames[extraCount++] = frame;
    }

    /** Records a change to the page at path {@code level} (Writer invariant 1). */
    private void touch(int level) {
        touchFrame(frames[level], ids[level]);
    }

    private void touchFrame(int frame, long pageId) {
        if (!(allocator.isFresh(pageId))) {
            throw Invariants.violation("TreeWriter.1 only fresh pages change", pageId);
        }
        PageFormat.setLsn(pool.page(frame), lsn);
        pool.markDirty(frame);
    }

    /** A new page, pinned and exclusively latched, formatted as {@code type}. */
    private int newPage(long pageId, byte type, int level) throws IOException {
        int f = pool.pinNew(pageId);
        pool.latchExclusive(f);
        PageFormat.format(pool.page(f), pageId, type, level);
        return f;
    }

    /** Copies page {@code oldId} (latched in {@code oldFrame}) to a fresh page; returns it. */
    private int copyPage(long oldId, int oldFrame) throws IOException {
        long newId = allocator.allocate();
        int nf = pool.pinNew(newId);
        pool.latchExclusive(nf);
        byte[] copy = pool.page(nf);
        System.arraycopy(pool.page(oldFrame), 0, copy, 0, t.pageSizeBytes);
        PageFormat.putI64(copy, PageFormat.PAGE_ID_OFFSET, newId);
        touchFrame(nf, newId);
        allocator.release(oldId);
        return nf;
    }

    /** Copy-on-write of the node at path {@code level}; re-points its parent (or the root). */
    private void copyOnWrite(int level) throws IOException {
        int oldFrame = frames[level];
        int nf = copyPage(ids[level], oldFrame);
        long newId = pool.pageId(nf);
        if (level == 0) {
            t.rootPageId = newId; // before the old root's latch goes (Tree invariant 1)
        } else {
            NodePage.setChild(pool.page(frames[level - 1]), childIdx[level - 1], newId);
            touch(level - 1);
        }
        pool.unlatchExclusive(oldFrame);
        pool.unpin(oldFrame);
        ids[level] = newId;
        frames[level] = nf;
    }

    // ---- cells and overflow ------------------------------------------------------------------

    private int buildLeafCell(byte[] key, byte[] value) throws IOException {
        byte[] c = cellScratch;
        PageFormat.putU16(c, 0, key.length);
        System.arraycopy(key, 0, c, LEAF_CELL_HEADER_BYTES, key.length);
        int at = LEAF_CELL_HEADER_BYTES + key.length;
        if (at + value.length <= t.inlineCellBytesMax) {
            PageFormat.putI32(c, 2, value.length);
            System.arraycopy(value, 0, c, at, value.length);
            return at + value.length;
        }
        PageFormat.putI32(c, 2, value.length | PageFormat.OVERFLOW_FLAG);
        PageFormat.putI64(c, at, overflow.write(value, lsn));
        return at + 8;
    }

    // ---- splits ------------------------------------------------------------------------------

    /**
     * Inserts a cell at slot {@code idx} of the node at path {@code level}, splitting it (and,
     * recursively, its ancestors) when it does not fit.
     * @return true if the node was split
     */
    private boolean insertAt(int level, int idx, byte[] cell, int len) throws IOException {
        byte[] p = pool.page(frames[level]);
        if (NodePage.freeTotal(p) >= len + SLOT_BYTES) {
            NodePage.insertCell(p, idx, cell, 0, len, compactScratch);
            touch(level);
            return false;
        }
        if (!(level >= top)) {
            throw Invariants.violation("TreeWriter.2 split node is latched", level, top);
        }
        int n = NodePage.count(p);
        cells.clear();
        cells.addFrom(p, 0, idx);
        cells.add(cell, 0, len);
        cells.addFrom(p, idx, n);
        boolean leaf = NodePage.isLeaf(p);
        int m;
        if (idx == n && rightEdge[level]) {
            // Appending past the largest key of the tree (a sequential load): the left node
            // stays full and the right one starts with the new cell alone, as in SQLite's
            // balance_quick and PostgreSQL's rightmost split; the right edge is exempt from
            // the fill bound (TreeCheck invariant 3).
            m = leaf ? n : n - 1;
            if (!(m >= 1)) { // an internal node of one separator cannot overflow
                m = cells.chooseCut(leaf, t.usableBytes, t.fillBytesMin, 1.0);
            }
        } else {
            double leftFraction = idx == n ? 1.0 : 0.5; // appends keep the left node full
            m = cells.chooseCut(leaf, t.usableBytes, t.fillBytesMin, leftFraction);
        }
        long rightId = allocator.allocate();
        int rf = newPage(rightId, leaf ? TYPE_LEAF : TYPE_INTERNAL, PageFormat.level(p));
        byte[] separator;
        try {
            separator = distribute(p, ids[level], pool.page(rf), rightId, m);
            touch(level);
            touchFrame(rf, rightId);
        } finally {
            pool.unlatchExclusive(rf);
            pool.unpin(rf);
        }
        t.splits++;
        if (level == 0) {
            growRoot(separator);
        } else {
            insertAt(level - 1, childIdx[level - 1], separator, separator.length);
        }
        return true;
    }

    /**
     * Writes {@code cells} into a left and a right node cut at {@code m} (see
     * {@link CellList#chooseCut}); returns the separator cell pointing at the right node.
     */
    private byte[] distribute(byte[] left, long leftId, byte[] right, long rightId, int m) {
        boolean leaf = NodePage.isLeaf(left);
        int level = PageFormat.level(left);
        long leftmost = PageFormat.link(left);
        int n = cells.count();
        byte[] b = cells.bytes();
        int cut = cells.start(m);
        int keyLen = PageFormat.u16(b, cut);
        int keyAt = cut + (leaf ? LEAF_CELL_HEADER_BYTES : INTERNAL_CELL_HEADER_BYTES);
        byte[] separator = new byte[INTERNAL_CELL_HEADER_BYTES + keyLen];
        PageFormat.putU16(separator, 0, keyLen);
        PageFormat.putI64(separator, 2, rightId);
        System.arraycopy(b, keyAt, separator, INTERNAL_CELL_HEADER_BYTES, keyLen);
        byte type = leaf ? TYPE_LEAF : TYPE_INTERNAL;
        PageFormat.format(left, leftId, type, level);
        PageFormat.format(right, rightId, type, level);
        cells.writeTo(left, 0, m);
        if (leaf) {
            cells.writeTo(right, m, n);
        } else {
            PageFormat.setLink(left, leftmost);
            PageFormat.setLink(right, PageFormat.i64(b, cut + 2));
            cells.writeTo(right, m + 1, n);
        }
        return separator;
    }

    private void growRoot(byte[] separator) throws IOException {
        if (!(top == 0)) {
            throw Invariants.violation("TreeWriter.2 root latched when it splits", top);
        }
        byte[] old = pool.page(frames[0]);
        long rootId = allocator.allocate();
        int f = newPage(rootId, TYPE_INTERNAL, PageFormat.level(old) + 1);
        try {
            byte[] p = pool.page(f);
            PageFormat.setLink(p, ids[0]);
            NodePage.appendCell(p, separator, 0, separator.length);
            touchFrame(f, rootId);
            t.height = t.height + 1;
            t.rootPageId = rootId;
        } finally {
            pool.unlatchExclusive(f);
            pool.unpin(f);
        }
    }

    // ---- merges and redistribution -----------------------------------------------------------

    private void fixUnderflow(int level) throws IOException {
        byte[] p = pool.page(frames[level]);
        if (level == 0) {
            if (!NodePage.isLeaf(p) && NodePage.count(p) == 0) {
                shrinkRoot(p);
            }
            return;
        }
        if (NodePage.usedBytes(p) >= t.underflowBytes) {
            return;
        }
        Invariants.check(level - 1 >= top, "TreeWriter.2 parent of underfull node latched");
        byte[] parent = pool.page(frames[level - 1]);
        int i = childIdx[level - 1];
        if (!(NodePage.count(parent) >= 1)) {
            throw Invariants.violation("BTree.3 parent has two children", ids[level - 1]);
        }
        int s = i > 0 ? i - 1 : i + 1;
        long siblingId = NodePage.child(parent, s);
        int sf = pool.pin(siblingId);
        pool.latchExclusive(sf);
        holdExtra(sf);
        t.expectNode(pool.page(sf), siblingId, PageFormat.level(p));
        if (!allocator.isFresh(siblingId)) {
            int nf = copyPage(siblingId, sf);
            extraFrames[extraCount - 1] = nf;
            pool.unlatchExclusive(sf);
            pool.unpin(sf);
            sf = nf;
            siblingId = pool.pageId(nf);
            NodePage.setChild(parent, s, siblingId);
            touch(level - 1);
        }
        boolean siblingLeft = s < i;
        int leftFrame = siblingLeft ? sf : frames[level];
        int rightFrame = siblingLeft ? frames[level] : sf;
        long leftId = siblingLeft ? siblingId : ids[level];
        long rightId = siblingLeft ? ids[level] : siblingId;
        rebalance(level - 1, siblingLeft ? s : i, leftFrame, leftId, rightFrame, rightId);
    }

    /** Merges or evens out two siblings; {@code sepIdx} is their separator in the parent. */
    private void rebalance(int parentLevel, int sepIdx, int leftFrame, long leftId,
            int rightFrame, long rightId) throws IOException {
        byte[] parent = pool.page(frames[parentLevel]);
        byte[] left = pool.page(leftFrame);
        byte[] right = pool.page(rightFrame);
        boolean leaf = NodePage.isLeaf(left);
        cells.clear();
        cells.addFrom(left, 0, NodePage.count(left));
        if (!leaf) { // the separator comes down, pointing at the right node's leftmost child
            int sep = NodePage.slot(parent, sepIdx);
            int keyLen = NodePage.keyLength(parent, sep);
            PageFormat.putU16(cellScratch, 0, keyLen);
            PageFormat.putI64(cellScratch, 2, PageFormat.link(right));
            System.arraycopy(parent, NodePage.internalKeyOffset(sep), cellScratch,
                    INTERNAL_CELL_HEADER_BYTES, keyLen);
            cells.add(cellScratch, 0, INTERNAL_CELL_HEADER_BYTES + keyLen);
        }
        cells.addFrom(right, 0, NodePage.count(right));
        if (cells.bytesWithSlots(0, cells.count()) <= t.usableBytes) {
            long leftmost = PageFormat.link(left);
            PageFormat.format(left, leftId, leaf ? TYPE_LEAF : TYPE_INTERNAL,
                    PageFormat.level(right));
            PageFormat.setLink(left, leaf ? 0 : leftmost);
            cells.writeTo(left, 0, cells.count());
            touchFrame(leftFrame, leftId);
            pool.discard(rightFrame);
            allocator.release(rightId);
            NodePage.removeCell(parent, sepIdx);
            touch(parentLevel);
            t.merges++;
            fixUnderflow(parentLevel);
            return;
        }
        int m = cells.chooseCut(leaf, t.usableBytes, t.fillBytesMin, 0.5);
        byte[] separator = distribute(left, leftId, right, rightId, m);
        touchFrame(leftFrame, leftId);
        touchFrame(rightFrame, rightId);
        NodePage.removeCell(parent, sepIdx);
        touch(parentLevel);
        if (!insertAt(parentLevel, sepIdx, separator, separator.length)) {
            fixUnderflow(parentLevel);
        }
    }

    private void shrinkRoot(byte[] root) {
        if (!(top == 0)) {
            throw Invariants.violation("TreeWriter.2 root latched when it shrinks", top);
        }
        long child = PageFormat.link(root);
        t.height = t.height - 1;
        t.rootPageId = child; // before the old root's latch goes (Tree invariant 1)
        pool.discard(frames[0]);
        allocator.release(ids[0]);
    }
}
