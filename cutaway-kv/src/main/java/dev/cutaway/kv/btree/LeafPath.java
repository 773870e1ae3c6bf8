package dev.cutaway.kv.btree;

import dev.cutaway.kv.buffer.BufferPool;
import java.io.IOException;
import java.util.Arrays;

/**
 * What an ascending cursor remembers of the last internal level so that it can go to the next
 * leaf without descending from the root: a copy of the leaf's parent, which child it read, the
 * fence above the parent, and the tree version ({@link Tree#version}) of that moment.
 *
 * <p>Why this is safe: the writer makes the version odd before it changes any page and even
 * again when it is done (Tree invariant 3). The copy is taken under the parent's shared latch
 * with an even version read after latching, so it is the parent of that version. The next leaf
 * is latched and the version read again; if it is unchanged, no change has begun since, so the
 * copied child pointer still names the next leaf of the same tree. Otherwise the cursor falls
 * back to a descent by fence key (always correct).
 *
 * <p>Invariant: (1) when {@code valid}, {@code index} is in [0, count of the copied parent]
 * and {@code version} is even.
 */
final class LeafPath {
    /** Most leaves a scan reads around the pool with one read call. */
    static final int RUN_PAGES_MAX = 8;

    private final byte[] parent;
    private byte[] run;
    private byte[][] runPages;
    private long runFirstId;
    private int runCount;
    private long runVersion;
    private boolean valid;
    private int index;
    private long version;
    private byte[] parentFence;

    LeafPath(int pageSizeBytes) {
        parent = new byte[pageSizeBytes];
    }

    /** Records the latched parent {@code p}; the cursor reads its child {@code i}. */
    void remember(Tree t, byte[] p, int i, byte[] fenceAbove) {
        long v = t.version;
        valid = (v & 1) == 0;
        if (!valid) {
            return;
        }
        System.arraycopy(p, 0, parent, 0, p.length);
        index = i;
        version = v;
        parentFence = fenceAbove;
    }

    void forget() {
        valid = false;
    }

    /**
     * Copies the leaf after the one last read into {@code out} (entries below {@code high}), if
     * the tree has not changed since the parent was copied and the parent has a next child.
     * @return false when the caller must descend from the root instead
     */
    boolean readNextLeaf(Tree t, byte[] high, LeafCopy out) throws IOException {
        if (!valid || index >= NodePage.count(parent) || t.version != version) {
            valid = false;
            return false;
        }
        int i = index + 1;
        long childId = NodePage.child(parent, i);
        if (!t.pool.holds(childId)) {
            return readAround(t, i, childId, high, out);
        }
        BufferPool pool = t.pool;
        int f;
        try {
            f = pool.pin(childId);
        } catch (IOException e) {
            if (t.version != version) { // read a page the writer freed since: not corruption
                valid = false;
                return false;
            }
            throw e;
        }
        pool.latchShared(f);
        try {
            byte[] p = pool.page(f);
            if (t.version != version) {
                valid = false;
                return false;
            }
            t.expectNode(p, childId, 0);
            fillFrom(t, p, i, high, out);
            return true;
        } finally {
            pool.unlatchShared(f);
            pool.unpin(f);
        }
    }

    private void fillFrom(Tree t, byte[] p, int i, byte[] high, LeafCopy out)
            throws IOException {
        byte[] fence = i < NodePage.count(parent) ? separator(i) : parentFence;
        int n = NodePage.count(p);
        int to = high == null ? n : NodePage.leafLowerBound(p, high);
        boolean more = fence != null && (high == null || Arrays.compareUnsigned(fence, high) < 0);
        out.fill(t, p, 0, to, more ? fence : null);
        index = i;
    }

    /**
     * The next leaf is not in the pool, so the file holds its only copy: read it, and the
     * following children that are the next page ids and not cached either, with one read call
     * into this cursor's run buffer (a scan must not evict the pool's working set, and one read
     * of up to {@link #RUN_PAGES_MAX} pages costs about one syscall). Valid only while the tree
     * version is unchanged, checked after reading and again after copying (overflow values are
     * read through the pool and a writer could have freed their pages).
     */
    private boolean readAround(Tree t, int i, long childId, byte[] high, LeafCopy out)
            throws IOException {
        try {
            int at = runIndex(childId);
            if (at < 0) {
                int count = 1;
                int n = NodePage.count(parent);
                while (count < RUN_PAGES_MAX && i + count <= n
                        && NodePage.child(parent, i + count) == childId + count
                        && !t.pool.holds(childId + count)) {
                    count++;
                }
                if (run == null) {
                    run = new byte[RUN_PAGES_MAX * parent.length];
                    runPages = new byte[RUN_PAGES_MAX][parent.length];
                }
                runCount = 0;
                t.pages.readRun(childId, count, run, runPages);
                runFirstId = childId;
                runCount = count;
                runVersion = version;
                t.scanPagesRead.add(count);
                at = 0;
            }
            byte[] p = runPages[at];
            if (t.version != version) {
                valid = false;
                return false;
            }
            t.expectNode(p, childId, 0);
            fillFrom(t, p, i, high, out);
        } catch (IOException | RuntimeException e) {
            if (t.version != version) { // read pages the writer changed since: not corruption
                valid = false;
                return false;
            }
            throw e;
        }
        if (t.version != version) {
            valid = false;
            return false;
        }
        return true;
    }

    private int runIndex(long pageId) {
        boolean hit = runCount > 0 && runVersion == version && pageId >= runFirstId
                && pageId < runFirstId + runCount;
        return hit ? (int) (pageId - runFirstId) : -1;
    }

    private byte[] separator(int i) {
        int cell = NodePage.slot(parent, i);
        int at = NodePage.internalKeyOffset(cell);
        return Arrays.copyOfRange(parent, at, at + NodePage.keyLength(parent, cell));
    }
}
