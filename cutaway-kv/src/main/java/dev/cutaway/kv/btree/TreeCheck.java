package dev.cutaway.kv.btree;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.kv.buffer.BufferPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The structural checker behind {@link BTreeEngine#checkInvariants()} (live, through the buffer
 * pool, throwing at the first problem) and {@link BTreeChecker} (offline on a file, collecting
 * problems). Invariants, cited as "BTree.N" in messages:
 * <ol>
 *   <li>keys within a page are strictly ascending;</li>
 *   <li>every key of a subtree lies in the range its parent's separators give it;</li>
 *   <li>fill bound: every non-root node uses at least 20% of its usable bytes, except the
 *       last node of each level (the right edge, which appends fill one cell at a time: it
 *       holds at least one cell), and every internal node (the root too) has at least one
 *       separator (two children);</li>
 *   <li>all leaves are at the same depth: a node's level is the tree height minus its depth
 *       minus one;</li>
 *   <li>cell layout: the slot array ends before the cell area, cells lie inside the page and do
 *       not overlap, and live cells plus garbage fill the cell area exactly;</li>
 *   <li>every page id in [2, pageCount) is exactly one of: reachable (tree, overflow or
 *       free-list page), free, or pending free;</li>
 *   <li>an overflow chain consists of overflow pages whose payloads add up to the value
 *       length;</li>
 *   <li>the entry count and overflow page count kept in memory / in the meta are what the walk
 *       finds;</li>
 *   <li>every page read from disk has a valid checksum and names itself
 *       ({@code CorruptionException}).</li>
 * </ol>
 */
final class TreeCheck {
    /** Reads one page (verified) as a private copy. */
    interface Source {
        byte[] read(long pageId) throws IOException;
    }

    private static final int PROBLEMS_MAX = 100;

    private final Source source;
    private final Path file;
    private final int pageSize;
    private final boolean live;
    private final int height;
    private final BitSet reachable = new BitSet();
    final List<String> problems = new ArrayList<>();
    long entries;
    long overflowPages;
    long pagesChecked;

    private TreeCheck(Source source, Path file, int pageSize, int height, boolean live) {
        this.source = source;
        this.file = file;
        this.pageSize = pageSize;
        this.height = height;
        this.live = live;
    }

    static void checkLive(Tree t, PageAllocator allocator) throws IOException {
        BufferPool pool = t.pool;
        Source source = id -> {
            int f = pool.pin(id);
            pool.latchShared(f);
            try {
                return pool.page(f).clone();
            } finally {
                pool.unlatchShared(f);
                pool.unpin(f);
            }
        };
        TreeCheck c = new TreeCheck(source, t.file, t.pageSizeBytes, t.height, true);
        c.walk(t.rootPageId, t.height - 1, null, null, true);
        c.expect(c.entries == t.entries, 8, "entry count " + t.entries + ", tree holds "
                + c.entries);
        c.expect(c.overflowPages == t.overflowPages, 8, "overflow page count "
                + t.overflowPages + ", tree holds " + c.overflowPages);
        for (long id = 2; id < allocator.pageCount(); id++) {
            int states = (c.reachable.get((int) id) ? 1 : 0) + (allocator.isFree(id) ? 1 : 0)
                    + (allocator.isPending(id) ? 1 : 0);
            c.expect(states == 1, 6, "page " + id + " is in " + states
                    + " of {reachable, free, pending free}");
        }
        c.expect(c.reachable.length() <= allocator.pageCount(), 6,
                "reachable page past the page count " + allocator.pageCount());
    }

    /** Checks a file offline; problems are collected, not thrown. */
    static TreeCheck checkFile(PageFile pageFile, MetaPage.Meta meta) throws IOException {
        Source source = id -> {
            byte[] p = new byte[pageFile.pageSizeBytes()];
            pageFile.read(id, p);
            return p;
        };
        TreeCheck c = new TreeCheck(source, pageFile.path(), meta.pageSizeBytes(),
                meta.height(), false);
        BitSet free = new BitSet();
        try {
            FreeListChain.walk(pageFile, meta, id -> c.reachable.set((int) id),
                    id -> free.set((int) id));
        } catch (CorruptionException e) {
            c.problem(9, e.getMessage());
        }
        c.walk(meta.rootPageId(), meta.height() - 1, null, null, true);
        c.expect(c.entries == meta.entryCount(), 8, "meta entry count " + meta.entryCount()
                + ", tree holds " + c.entries);
        c.expect(c.overflowPages == meta.overflowPages(), 8, "meta overflow page count "
                + meta.overflowPages() + ", tree holds " + c.overflowPages);
        for (int id = 2; id < meta.pageCount(); id++) {
            int states = (c.reachable.get(id) ? 1 : 0) + (free.get(id) ? 1 : 0);
            c.expect(states == 1, 6, "page " + id + " is " + (states == 0
                    ? "neither reachable nor free (leaked)" : "both reachable and free"));
        }
        return c;
    }

    private void expect(boolean condition, int invariant, String message) {
        if (!condition) {
            problem(invariant, message);
        }
    }

    private void problem(int invariant, String message) {
        String text = "BTree." + invariant + " " + file + ": " + message;
        if (live) {
            throw new dev.cutaway.check.InvariantViolation(text);
        }
        if (problems.size() < PROBLEMS_MAX) {
            problems.add(text);
        }
    }

    private byte[] read(long id) throws IOException {
        if (id < 2 || id >= Integer.MAX_VALUE) {
            problem(6, "pointer to page " + id);
            return null;
        }
        if (reachable.get((int) id)) {
            problem(6, "page " + id + " is reachable twice");
            return null;
        }
        reachable.set((int) id);
        pagesChecked++;
        try {
            return source.read(id);
        } catch (CorruptionException e) {
            if (live) {
                throw e;
            }
            problem(9, e.getMessage());
            return null;
        }
    }

    private void walk(long id, int level, byte[] low, byte[] high, boolean root)
            throws IOException {
        byte[] p = read(id);
        if (p == null) {
            return;
        }
        byte want = level == 0 ? PageFormat.TYPE_LEAF : PageFormat.TYPE_INTERNAL;
        if (PageFormat.type(p) != want || PageFormat.level(p) != level) {
            problem(4, "page " + id + " is " + PageFormat.typeName(PageFormat.type(p))
                    + " at level " + PageFormat.level(p) + ", expected "
                    + PageFormat.typeName(want) + " at level " + level + " (height " + height
                    + ")");
            return;
        }
        if (!checkLayout(id, p)) {
            return;
        }
        int n = NodePage.count(p);
        boolean leaf = level == 0;
        if (!root && high == null) { // the right edge: filled by appends, one cell at a time
            expect(n >= 1, 3, "right-edge page " + id + " is empty");
        } else if (!root) {
            expect(NodePage.usedBytes(p) >= PageFormat.fillBytesMin(pageSize), 3, "page " + id
                    + " uses " + NodePage.usedBytes(p) + " bytes, below the fill bound "
                    + PageFormat.fillBytesMin(pageSize));
        }
        if (!leaf) {
            expect(n >= 1, 3, "internal page " + id + " has no separator");
        }
        byte[] previous = null;
        for (int i = 0; i < n; i++) {
            int cell = NodePage.slot(p, i);
            int at = NodePage.keyOffset(p, cell);
            byte[] key = Arrays.copyOfRange(p, at, at + NodePage.keyLength(p, cell));
            if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                problem(1, "page " + id + " slot " + i + " is not above slot " + (i - 1));
            }
            if ((low != null && Arrays.compareUnsigned(key, low) < 0)
                    || (high != null && Arrays.compareUnsigned(key, high) >= 0)) {
                problem(2, "page " + id + " slot " + i + " lies outside its parent's range");
            }
            previous = key;
            if (leaf) {
                entries++;
                checkOverflow(id, p, cell);
            }
        }
        if (!leaf) {
            for (int i = 0; i <= n; i++) {
                byte[] lo = i == 0 ? low : separator(p, i - 1);
                byte[] hi = i == n ? high : separator(p, i);
                walk(NodePage.child(p, i), level - 1, lo, hi, false);
            }
        }
    }

    private static byte[] separator(byte[] p, int i) {
        int cell = NodePage.slot(p, i);
        int at = NodePage.internalKeyOffset(cell);
        return Arrays.copyOfRange(p, at, at + NodePage.keyLength(p, cell));
    }

    private boolean checkLayout(long id, byte[] p) {
        int n = NodePage.count(p);
        int start = NodePage.cellStart(p);
        int slotsEnd = PageFormat.HEADER_BYTES + PageFormat.SLOT_BYTES * n;
        if (slotsEnd > start || start > pageSize) {
            problem(5, "page " + id + ": slot array end " + slotsEnd + " passes cell start "
                    + start);
            return false;
        }
        long[] spans = new long[n];
        int live = 0;
        for (int i = 0; i < n; i++) {
            int cell = NodePage.slot(p, i);
            if (cell < start || cell + 2 > pageSize) {
                problem(5, "page " + id + " slot " + i + " points outside the cell area");
                return false;
            }
            int size = NodePage.cellSize(p, cell);
            if (cell + size > pageSize) {
                problem(5, "page " + id + " slot " + i + " runs past the page end");
                return false;
            }
            int skip = NodePage.prefixSkip(p);
            int keyOff = NodePage.keyOffset(p, cell);
            int keyOff0 = NodePage.keyOffset(p, NodePage.slot(p, 0));
            if (NodePage.keyLength(p, cell) < skip || keyOff0 + skip > pageSize
                    || !Arrays.equals(p, keyOff, keyOff + skip,
                    p, keyOff0, keyOff0 + skip)) {
                problem(5, "page " + id + " slot " + i + " lacks the page's shared key prefix ("
                        + skip + " bytes)");
            } else if (NodePage.slotPrefix(p, i) != NodePage.slotPrefixOf(p, cell, skip)) {
                problem(5, "page " + id + " slot " + i + " has a key prefix unlike its key");
            }
            spans[i] = ((long) cell << 32) | size;
            live += size;
        }
        Arrays.sort(spans);
        for (int i = 1; i < n; i++) {
            if ((spans[i - 1] >>> 32) + (spans[i - 1] & 0xFFFF_FFFFL) > (spans[i] >>> 32)) {
                problem(5, "page " + id + ": cells overlap");
                return false;
            }
        }
        if (live + NodePage.garbage(p) != pageSize - start) {
            problem(5, "page " + id + ": live " + live + " + garbage " + NodePage.garbage(p)
                    + " != cell area " + (pageSize - start));
            return false;
        }
        return true;
    }

    private void checkOverflow(long leafId, byte[] p, int cell) throws IOException {
        int word = NodePage.valueWord(p, cell);
        if (!NodePage.isOverflow(word)) {
            return;
        }
        int length = NodePage.valueLength(word);
        long id = PageFormat.i64(p, cell + PageFormat.LEAF_CELL_HEADER_BYTES
                + NodePage.keyLength(p, cell));
        long seen = 0;
        while (seen < length) {
            byte[] o = read(id);
            if (o == null) {
                return;
            }
            overflowPages++;
            int n = PageFormat.i32(o, PageFormat.AUX_OFFSET);
            if (PageFormat.type(o) != PageFormat.TYPE_OVERFLOW || n <= 0
                    || n > PageFormat.overflowPayloadBytes(pageSize)) {
                problem(7, "page " + id + " (value of leaf " + leafId + ") is not a valid "
                        + "overflow page");
                return;
            }
            seen += n;
            id = PageFormat.link(o);
        }
        expect(seen == length && id == 0, 7, "overflow chain of leaf " + leafId + " holds "
                + seen + " bytes for a value of " + length);
    }
}
