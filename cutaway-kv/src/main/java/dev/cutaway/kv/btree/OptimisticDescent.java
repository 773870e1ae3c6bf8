package dev.cutaway.kv.btree;

import dev.cutaway.kv.buffer.BufferPool;
import java.io.IOException;

/**
 * A point read's way from the root to a leaf that reads the inner pages without pinning or
 * latching them (optimistic lock coupling, Leis et al., "Optimistic Lock Coupling", 2019): for
 * each inner page it takes the frame's stamp, reads the child pointer, and validates the stamp;
 * only the leaf is pinned and latched (shared), after which the parent's stamp is validated once
 * more, so the leaf is still that parent's child. With latch coupling every descent wrote four
 * shared words per inner page (pin, latch, unlatch, unpin); the root's were written by every
 * reader on every core, and under pgbench's select-only load that cache-line traffic was a fifth
 * of the server's CPU (ADR 0035).
 *
 * <p>Why a validated read is right: every change to a page's bytes happens under its frame's
 * exclusive latch (the writer's changes, a page loaded into an evicted frame), and a page is
 * replaced or freed only by a writer holding its parent's exclusive latch (the writer latches
 * top-down), so a parent whose stamp still validates after its child was reached still points
 * there. The root pointer changes only under the old root's exclusive latch (Tree invariant 1).
 * Between validations a read may see a page mid-change: sizes and offsets may be garbage, so
 * the parsing is guarded and any exception or failed validation means "descend the pessimistic
 * way" ({@link #RETRY}) — never an answer from a page that changed.
 */
final class OptimisticDescent {
    private OptimisticDescent() {}

    /** The caller must descend with latch coupling (a page changed, or was not in the pool). */
    static final int RETRY = -1;

    /** No child: the page read was not the inner page expected (changed or corrupt). */
    private static final long NO_CHILD = -1;

    /**
     * Descends to the leaf that holds {@code key} and returns its frame, pinned and latched
     * shared, with the descent's buffer hits counted; or {@link #RETRY}. A tree whose root is
     * a leaf is left to latch coupling. With {@code fenceOut}, element 0 is set as
     * {@code TreeReader} sets it: the separator bounding the leaf from above, null if none.
     */
    static int leaf(Tree t, byte[] key, byte[][] fenceOut) throws IOException {
        BufferPool pool = t.pool;
        long pageId = t.rootPageId;
        int f = pool.mappedFrame(pageId);
        if (f < 0) {
            return RETRY;
        }
        long stamp = pool.optimisticStamp(f);
        if (stamp == 0 || pool.pageId(f) != pageId || t.rootPageId != pageId) {
            return RETRY;
        }
        int level = -1;   // the level the page at f must have; the root's is read from it
        int inner = 0;
        byte[][] fence = fenceOut == null ? null : new byte[1][];
        while (true) {
            byte[] p = pool.page(f);
            int pageLevel = level < 0 ? PageFormat.level(p) : level;   // read before validating
            long child = childOf(p, key, pageLevel, fence);
            if (child == NO_CHILD || !pool.validateStamp(f, stamp)) {
                return RETRY;
            }
            inner++;
            level = pageLevel - 1;
            if (level == 0) {
                return pinLeaf(pool, f, stamp, child, inner, fence, fenceOut);
            }
            int cf = pool.mappedFrame(child);
            if (cf < 0) {
                return RETRY;
            }
            long childStamp = pool.optimisticStamp(cf);
            if (childStamp == 0 || pool.pageId(cf) != child || !pool.validateStamp(f, stamp)) {
                return RETRY;
            }
            f = cf;
            stamp = childStamp;
        }
    }

    /**
     * The child of inner page {@code p} to follow for {@code key}, or {@link #NO_CHILD} when
     * {@code p} is not an inner page of {@code level} (at least 1) or its bytes do not parse.
     * Sets {@code fence[0]} to the separator right of the child if asked.
     */
    private static long childOf(byte[] p, byte[] key, int level, byte[][] fence) {
        try {
            if (level < 1 || PageFormat.type(p) != PageFormat.TYPE_INTERNAL
                    || PageFormat.level(p) != level) {
                return NO_CHILD;
            }
            int i = NodePage.childIndex(p, key);
            if (fence != null && i < NodePage.count(p)) {
                fence[0] = TreeReader.separator(p, i);   // the deepest fence is the tightest
            }
            return NodePage.child(p, i);
        } catch (RuntimeException e) {
            return NO_CHILD;   // torn by a concurrent change; the validation would fail too
        }
    }

    private static int pinLeaf(BufferPool pool, int parent, long parentStamp, long leafId,
            int inner, byte[][] fence, byte[][] fenceOut) throws IOException {
        int pinned;
        try {
            pinned = pool.pinUncounted(leafId);
        } catch (IOException | RuntimeException e) {
            if (!pool.validateStamp(parent, parentStamp)) {
                return RETRY;   // the leaf was freed meanwhile and its page read as garbage
            }
            throw e;
        }
        int f = pinned & TreeReader.FRAME;
        pool.latchShared(f);
        byte[] p = pool.page(f);
        if (!pool.validateStamp(parent, parentStamp) || pool.pageId(f) != leafId
                || PageFormat.type(p) != PageFormat.TYPE_LEAF || PageFormat.level(p) != 0) {
            pool.unlatchShared(f);
            pool.unpin(f);
            return RETRY;
        }
        pool.countHits(inner + TreeReader.hit(pinned));
        if (fenceOut != null) {
            fenceOut[0] = fence[0];
        }
        return f;
    }
}
