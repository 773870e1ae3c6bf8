package dev.cutaway.kv.btree;

import static dev.cutaway.kv.btree.PageFormat.HEADER_BYTES;
import static dev.cutaway.kv.btree.PageFormat.LEAF_CELL_HEADER_BYTES;
import static dev.cutaway.kv.btree.PageFormat.SLOT_BYTES;

import dev.cutaway.check.Invariants;
import java.io.IOException;
import java.util.Arrays;

/**
 * A cursor's private copy of one leaf: the slot array and the cell area are copied under the
 * leaf's shared latch into a buffer the cursor reuses for every leaf, so a scan allocates nothing
 * per entry until {@link #key} or {@link #value} is asked for. Values kept in overflow pages are
 * read while the latch is held (a later writer may free the chain), and only those.
 *
 * <p>Invariants: (1) entries [from, to) of the copy are the cursor's, 0 <= from <= to <= slot
 * count of the copy; (2) {@code overflowValues[i - from]} is set exactly for entries in range
 * whose value lives in overflow pages.
 */
final class LeafCopy {
    private final byte[] page;
    private byte[][] overflowValues;
    private int from;
    private int to;
    private byte[] nextSeek;

    LeafCopy(int pageSizeBytes) {
        page = new byte[pageSizeBytes];
    }

    /**
     * Copies entries [from, to) of the latched leaf {@code p}; {@code nextSeek} is where the
     * cursor goes after this leaf (null: the range ends here).
     */
    void fill(Tree t, byte[] p, int fromIndex, int toIndex, byte[] nextSeekKey)
            throws IOException {
        int n = NodePage.count(p);
        if (!(0 <= fromIndex && fromIndex <= toIndex && toIndex <= n)) {
            throw Invariants.violation("LeafCopy.1 range inside the leaf", fromIndex, toIndex, n);
        }
        int slotsEnd = HEADER_BYTES + SLOT_BYTES * n;
        int cellStart = NodePage.cellStart(p);
        System.arraycopy(p, 0, page, 0, slotsEnd);
        System.arraycopy(p, cellStart, page, cellStart, p.length - cellStart);
        from = fromIndex;
        to = toIndex;
        nextSeek = nextSeekKey;
        if (overflowValues != null) {
            Arrays.fill(overflowValues, null);
        }
        for (int i = fromIndex; i < toIndex; i++) {
            int cell = NodePage.slot(p, i);
            int word = NodePage.valueWord(p, cell);
            if (NodePage.isOverflow(word)) {
                if (overflowValues == null || overflowValues.length < n) {
                    overflowValues = new byte[Math.max(n, 16)][];
                }
                overflowValues[i - fromIndex] = TreeReader.valueAt(t, p, cell);
            }
        }
    }

    int from() {
        return from;
    }

    int to() {
        return to;
    }

    byte[] nextSeek() {
        return nextSeek;
    }

    /** A fresh copy of the key of entry {@code i} in [from, to). */
    byte[] key(int i) {
        int cell = NodePage.slot(page, i);
        int at = cell + LEAF_CELL_HEADER_BYTES;
        return Arrays.copyOfRange(page, at, at + NodePage.keyLength(page, cell));
    }

    /** The value of entry {@code i} in [from, to) (a fresh copy for inline values). */
    byte[] value(int i) {
        int cell = NodePage.slot(page, i);
        int word = NodePage.valueWord(page, cell);
        if (NodePage.isOverflow(word)) {
            return overflowValues[i - from];
        }
        int at = cell + LEAF_CELL_HEADER_BYTES + NodePage.keyLength(page, cell);
        return Arrays.copyOfRange(page, at, at + NodePage.valueLength(word));
    }
}
