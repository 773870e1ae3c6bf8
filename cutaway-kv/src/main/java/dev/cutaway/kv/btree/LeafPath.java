package dev.cutaway.kv.btree;

import dev.cutaway.kv.buffer.BufferPool;
import java.io.IOException;
import java.util.Arrays;

/**
 * What an ascending cursor remembers of the last internal level so that it can go to the next
 * leaves without descending from the root: a copy of part of the leaf's parent — the child
 * pointers from the leaf just read up to {@link #WINDOW_CHILDREN} further, and the separators
 * between them — which child it read, the fence above the parent, and the tree version
 * ({@link Tree#version}) of that moment. A scan that walks past the window descends again,
 * which copies the next window; a short scan (a range of a few leaves) copies a few hundred
 * bytes instead of the whole parent page.
 *
 * <p>Why this is safe: the writer makes the version odd before it changes any page and even
 * again when it is done (Tree invariant 3). The copy is taken under the parent's shared latch
 * with an even version read after latching, so it is the parent of that version. The next leaf
 * is latched and the version read again; if it is unchanged, no change has begun since, so the
 * copied child pointer still names the next leaf of the same tree. Otherwise the cursor falls
 * back to a descent by fence key (always correct).
 *
 * <p>Invariants: (1) when {@code valid}, {@code first <= index <= last <= separatorCount}
 * and {@code version} is even; (2) {@code children[j - first]} is child j of the parent for j
 * in [first, last], and for j in [first, min(last, separatorCount - 1)] separator j (the
 * fence above child j) is {@code separators[sepStart[j - first] .. + sepLength[j - first])}.
 */
final class LeafPath {
    /** Most leaves a scan reads around the pool with one read call. */
    static final int RUN_PAGES_MAX = 8;
    /** Children copied past the one read: two runs' worth. */
    static final int WINDOW_CHILDREN = 2 * RUN_PAGES_MAX;

    private final int pageSizeBytes;
    private final long[] children = new long[WINDOW_CHILDREN + 1];
    private final int[] sepStart = new int[WINDOW_CHILDREN + 1];
    private final int[] sepLength = new int[WINDOW_CHILDREN + 1];
    private byte[] separators = new byte[256];
    /** The parent's separator count (children: one more), and the window [first, last]. */
    private int separatorCount;
    private int first;
    private int last;
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
        this.pageSizeBytes = pageSizeBytes;
    }

    /** Records the latched parent {@code p}; the cursor reads its child {@code i}. */
    void remember(Tree t, byte[] p, int i, byte[] fenceAbove) {
        long v = t.version;
        valid = (v & 1) == 0;
        if (!valid) {
            return;
        }
        separatorCount = NodePage.count(p);
        first = i;
        last = Math.min(separatorCount, i + WINDOW_CHILDREN);
        int at = 0;
        for (int j = first; j <= last; j++) {
            children[j - first] = NodePage.child(p, j);
            if (j < separatorCount) {
                int cell = NodePage.slot(p, j);
                int from = NodePage.internalKeyOffset(cell);
                int length = NodePage.keyLength(p, cell);
                if (separators.length < at + length) {
                    separators = Arrays.copyOf(separators,
                            Math.max(at + length, 2 * separators.length));
                }
                System.arraycopy(p, from, separators, at, length);
                sepStart[j - first] = at;
                sepLength[j - first] = length;
                at += length;
            }
        }
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
        if (!valid || index >= last || t.version != version) {
            valid = false;
            return false;
        }
        int i = index + 1;
        long childId = children[i - first];
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
        byte[] fence = i < separatorCount ? separator(i) : parentFence;
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
                while (count < RUN_PAGES_MAX && i + count <= last
                        && children[i + count - first] == childId + count
                        && !t.pool.holds(childId + count)) {
                    count++;
                }
                if (run == null) {
                    run = new byte[RUN_PAGES_MAX * pageSizeBytes];
                    runPages = new byte[RUN_PAGES_MAX][pageSizeBytes];
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

    /** A fresh copy of separator {@code i} of the parent (in the window, below count). */
    private byte[] separator(int i) {
        int k = i - first;
        return Arrays.copyOfRange(separators, sepStart[k], sepStart[k] + sepLength[k]);
    }
}
