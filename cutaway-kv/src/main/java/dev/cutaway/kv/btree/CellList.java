package dev.cutaway.kv.btree;

import static dev.cutaway.kv.btree.PageFormat.SLOT_BYTES;

import dev.cutaway.check.Invariants;

/**
 * A scratch sequence of raw cells, gathered from one or two pages (plus a new cell) when a node
 * is split, merged or rebalanced, then written back out in key order. Owned by the single
 * writer and reused, so structural changes allocate nothing.
 *
 * <p>Invariants: (1) cells are appended in key order; (2) {@code bytesUsed} never passes the
 * buffer (three pages: two nodes and a separator always fit).
 */
final class CellList {
    private final byte[] bytes;
    private final int[] starts;
    private final int[] lengths;
    private int count;
    private int bytesUsed;

    CellList(int pageSizeBytes) {
        bytes = new byte[3 * pageSizeBytes];
        int cellsMax = 3 * pageSizeBytes / (PageFormat.LEAF_CELL_HEADER_BYTES + SLOT_BYTES) + 4;
        starts = new int[cellsMax];
        lengths = new int[cellsMax];
    }

    void clear() {
        count = 0;
        bytesUsed = 0;
    }

    int count() {
        return count;
    }

    byte[] bytes() {
        return bytes;
    }

    int start(int i) {
        return starts[i];
    }

    int length(int i) {
        return lengths[i];
    }

    void add(byte[] src, int off, int len) {
        if (!(bytesUsed + len <= bytes.length)) {
            throw Invariants.violation("CellList.2 capacity", bytesUsed, len);
        }
        System.arraycopy(src, off, bytes, bytesUsed, len);
        starts[count] = bytesUsed;
        lengths[count] = len;
        count++;
        bytesUsed += len;
    }

    /** Appends cells [from, to) of a node page, in slot order. */
    void addFrom(byte[] page, int from, int to) {
        for (int i = from; i < to; i++) {
            int cell = NodePage.slot(page, i);
            add(page, cell, NodePage.cellSize(page, cell));
        }
    }

    /** Bytes that cells [from, to) take in a page, slots included. */
    int bytesWithSlots(int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += lengths[i] + SLOT_BYTES;
        }
        return sum;
    }

    /** Writes cells [from, to) into a freshly formatted page, in order. */
    void writeTo(byte[] page, int from, int to) {
        for (int i = from; i < to; i++) {
            NodePage.appendCell(page, bytes, starts[i], lengths[i]);
        }
    }

    /**
     * Chooses where to cut the cells into a left and a right node. Leaves: left = [0, m),
     * right = [m, n). Internal: left = [0, m), cell m moves up, right = [m + 1, n). Both sides
     * fit in {@code usableBytes} and hold at least {@code fillBytesMin} when any cut allows it;
     * among those, the left side is closest to {@code leftFraction} of the total.
     */
    int chooseCut(boolean leaf, int usableBytes, int fillBytesMin, double leftFraction) {
        int n = count;
        int total = bytesWithSlots(0, n);
        double target = total * leftFraction;
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        boolean bestFilled = false;
        int left = 0;
        for (int m = 0; m < n; m++) {
            // left = cells [0, m)
            int cutBytes = leaf ? 0 : lengths[m] + SLOT_BYTES;
            int right = total - left - cutBytes;
            boolean valid = leaf ? m >= 1 : m >= 1 && m <= n - 2;
            if (valid && left <= usableBytes && right <= usableBytes) {
                boolean filled = left >= fillBytesMin && right >= fillBytesMin;
                double distance = Math.abs(left - target);
                if ((filled && !bestFilled) || (filled == bestFilled && distance < bestDistance)) {
                    best = m;
                    bestDistance = distance;
                    bestFilled = filled;
                }
            }
            left += lengths[m] + SLOT_BYTES;
        }
        if (!(best >= 0)) {
            throw Invariants.violation("CellList.3 some cut fits", n, total, usableBytes);
        }
        return best;
    }
}
