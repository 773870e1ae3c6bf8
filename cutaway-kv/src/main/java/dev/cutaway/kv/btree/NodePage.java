package dev.cutaway.kv.btree;

import static dev.cutaway.kv.btree.PageFormat.AUX_OFFSET;
import static dev.cutaway.kv.btree.PageFormat.CELL_START_OFFSET;
import static dev.cutaway.kv.btree.PageFormat.COUNT_OFFSET;
import static dev.cutaway.kv.btree.PageFormat.GARBAGE_OFFSET;
import static dev.cutaway.kv.btree.PageFormat.HEADER_BYTES;
import static dev.cutaway.kv.btree.PageFormat.INTERNAL_CELL_HEADER_BYTES;
import static dev.cutaway.kv.btree.PageFormat.LEAF_CELL_HEADER_BYTES;
import static dev.cutaway.kv.btree.PageFormat.LINK_OFFSET;
import static dev.cutaway.kv.btree.PageFormat.OVERFLOW_FLAG;
import static dev.cutaway.kv.btree.PageFormat.SLOT_BYTES;
import static dev.cutaway.kv.btree.PageFormat.TYPE_LEAF;
import static dev.cutaway.kv.btree.PageFormat.i32;
import static dev.cutaway.kv.btree.PageFormat.i64;
import static dev.cutaway.kv.btree.PageFormat.putI32;
import static dev.cutaway.kv.btree.PageFormat.putI64;
import static dev.cutaway.kv.btree.PageFormat.putU16;
import static dev.cutaway.kv.btree.PageFormat.u16;

import dev.cutaway.check.Invariants;
import java.util.Arrays;

/**
 * Slotted-page operations on leaf and internal pages (layout in {@link PageFormat}): search,
 * insert and remove of cells, compaction. Keys are compared in place on the page bytes
 * ({@link Arrays#compareUnsigned}), never copied on the lookup path.
 *
 * <p>Invariants kept here: (1) slots are sorted by key, strictly; (2) every cell lies inside
 * [cell start, P) and cells do not overlap; (3) free + garbage + slots + live cells = usable
 * bytes; (4) an insert only happens when the cell and its slot fit; (5) every key on a non-empty
 * page is at least {@link #prefixSkip} bytes long and all keys share their first
 * {@code prefixSkip} bytes, and a slot's prefix is the 4 key bytes after those (so slots compare
 * bytes that differ: with keys like {@code 0000000000012345} the first 4 bytes never do).
 */
final class NodePage {
    private NodePage() {}

    static boolean isLeaf(byte[] p) {
        return p[PageFormat.TYPE_OFFSET] == TYPE_LEAF;
    }

    static int count(byte[] p) {
        return u16(p, COUNT_OFFSET);
    }

    static int slot(byte[] p, int i) {
        return u16(p, HEADER_BYTES + SLOT_BYTES * i);
    }

    static int cellStart(byte[] p) {
        int start = u16(p, CELL_START_OFFSET);
        return start == 0 ? 65536 : start;
    }

    static int garbage(byte[] p) {
        return u16(p, GARBAGE_OFFSET);
    }

    static int freeContiguous(byte[] p) {
        return cellStart(p) - HEADER_BYTES - SLOT_BYTES * count(p);
    }

    static int freeTotal(byte[] p) {
        return freeContiguous(p) + garbage(p);
    }

    /** Bytes used by slots and live cells. */
    static int usedBytes(byte[] p) {
        return p.length - HEADER_BYTES - freeTotal(p);
    }

    // ---- cells -------------------------------------------------------------------------------

    static int keyLength(byte[] p, int cell) {
        return u16(p, cell);
    }

    static int leafKeyOffset(int cell) {
        return cell + LEAF_CELL_HEADER_BYTES;
    }

    static int internalKeyOffset(int cell) {
        return cell + INTERNAL_CELL_HEADER_BYTES;
    }

    static int keyOffset(byte[] p, int cell) {
        return cell + (isLeaf(p) ? LEAF_CELL_HEADER_BYTES : INTERNAL_CELL_HEADER_BYTES);
    }

    static int valueWord(byte[] p, int cell) {
        return i32(p, cell + 2);
    }

    static boolean isOverflow(int valueWord) {
        return (valueWord & OVERFLOW_FLAG) != 0;
    }

    static int valueLength(int valueWord) {
        return valueWord & ~OVERFLOW_FLAG;
    }

    static int leafCellSize(byte[] p, int cell) {
        int word = valueWord(p, cell);
        return LEAF_CELL_HEADER_BYTES + keyLength(p, cell)
                + (isOverflow(word) ? 8 : valueLength(word));
    }

    static int cellSize(byte[] p, int cell) {
        return isLeaf(p) ? leafCellSize(p, cell)
                : INTERNAL_CELL_HEADER_BYTES + keyLength(p, cell);
    }

    static long cellChild(byte[] p, int cell) {
        return i64(p, cell + 2);
    }

    /** Child {@code i} in [0, count] of an internal page. */
    static long child(byte[] p, int i) {
        return i == 0 ? i64(p, LINK_OFFSET) : i64(p, slot(p, i - 1) + 2);
    }

    static void setChild(byte[] p, int i, long pageId) {
        if (i == 0) {
            putI64(p, LINK_OFFSET, pageId);
        } else {
            putI64(p, slot(p, i - 1) + 2, pageId);
        }
    }

    static int compare(byte[] p, int keyOff, int keyLen, byte[] key) {
        return Arrays.compareUnsigned(p, keyOff, keyOff + keyLen, key, 0, key.length);
    }

    static int slotPrefix(byte[] p, int i) {
        return i32(p, HEADER_BYTES + SLOT_BYTES * i + 2);
    }

    /** Bytes every key on this page starts with (invariant 5); slot prefixes start after them. */
    static int prefixSkip(byte[] p) {
        return u16(p, AUX_OFFSET);
    }

    /**
     * Compares the first {@code skip} bytes of {@code key} with the prefix all keys on the page
     * share: negative (key below every key on the page), positive (above every key), or zero
     * (the key shares the prefix; only the bytes after it decide).
     */
    private static int comparePagePrefix(byte[] p, int skip, int headerBytes, byte[] key) {
        if (skip == 0) {
            return 0;
        }
        int off = slot(p, 0) + headerBytes;
        return Arrays.compareUnsigned(key, 0, Math.min(skip, key.length), p, off, off + skip);
    }

    /** Compares key {@code i} with {@code key}, which shares the page prefix of length skip. */
    static int compareSlot(byte[] p, int i, int headerBytes, byte[] key, int keyPrefix,
            int skip) {
        int prefix = slotPrefix(p, i);
        if (prefix != keyPrefix) {
            return Integer.compareUnsigned(prefix, keyPrefix);
        }
        int cell = slot(p, i);
        int off = cell + headerBytes;
        return Arrays.compareUnsigned(p, off + skip, off + u16(p, cell), key, skip, key.length);
    }

    /** Writes slot {@code i}: the cell offset and the prefix of the cell's key (invariant 5). */
    private static void putSlot(byte[] p, int i, int cell) {
        int at = HEADER_BYTES + SLOT_BYTES * i;
        putU16(p, at, cell);
        putI32(p, at + 2, slotPrefixOf(p, cell, prefixSkip(p)));
    }

    static int slotPrefixOf(byte[] p, int cell, int skip) {
        return PageFormat.keyPrefix(p, keyOffset(p, cell) + skip, keyLength(p, cell) - skip);
    }

    /**
     * Before the cell whose key is {@code src[keyOff, keyOff+keyLen)} joins the page: shrinks
     * the shared prefix to what the key shares with the page's keys and rewrites every slot
     * prefix if it shrank (invariant 5). An empty page takes the whole key as its prefix.
     */
    private static void admitKey(byte[] p, byte[] src, int keyOff, int keyLen) {
        int n = count(p);
        if (n == 0) {
            putU16(p, AUX_OFFSET, keyLen);
            return;
        }
        int skip = prefixSkip(p);
        int len = Math.min(skip, keyLen);
        int off0 = keyOffset(p, slot(p, 0));
        int m = Arrays.mismatch(src, keyOff, keyOff + len, p, off0, off0 + len);
        int shared = m < 0 ? len : m;
        if (shared < skip) {
            putU16(p, AUX_OFFSET, shared);
            for (int i = 0; i < n; i++) {
                putI32(p, HEADER_BYTES + SLOT_BYTES * i + 2, slotPrefixOf(p, slot(p, i), shared));
            }
        }
    }

    private static void admitCell(byte[] p, byte[] src, int off) {
        admitKey(p, src, off + (isLeaf(p) ? LEAF_CELL_HEADER_BYTES : INTERNAL_CELL_HEADER_BYTES),
                u16(src, off));
    }

    // ---- search ------------------------------------------------------------------------------

    /** Index of {@code key} in a leaf, or -(insertion point + 1). */
    static int leafSearch(byte[] p, byte[] key) {
        int n = count(p);
        if (n == 0) {
            return -1;
        }
        int skip = prefixSkip(p);
        int side = comparePagePrefix(p, skip, LEAF_CELL_HEADER_BYTES, key);
        if (side != 0) {
            return side < 0 ? -1 : -(n + 1);
        }
        int prefix = PageFormat.keyPrefix(key, skip, key.length - skip);
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareSlot(p, mid, LEAF_CELL_HEADER_BYTES, key, prefix, skip);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** The child to descend into for keys >= {@code key}: number of separators <= key. */
    static int childIndex(byte[] p, byte[] key) {
        return separatorsBefore(p, key, true);
    }

    /** The child holding the largest keys < {@code key}: number of separators < key. */
    static int childIndexBelow(byte[] p, byte[] key) {
        return separatorsBefore(p, key, false);
    }

    /** Separators below {@code key} (or equal to it, if {@code orEqual}), by binary search. */
    private static int separatorsBefore(byte[] p, byte[] key, boolean orEqual) {
        int n = count(p);
        int skip = n == 0 ? 0 : prefixSkip(p);
        int side = comparePagePrefix(p, skip, INTERNAL_CELL_HEADER_BYTES, key);
        if (side != 0) {
            return side < 0 ? 0 : n;
        }
        int prefix = PageFormat.keyPrefix(key, skip, key.length - skip);
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = compareSlot(p, mid, INTERNAL_CELL_HEADER_BYTES, key, prefix, skip);
            if (c < 0 || (orEqual && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index in a leaf whose key is >= {@code key} (count when none). */
    static int leafLowerBound(byte[] p, byte[] key) {
        int i = leafSearch(p, key);
        return i >= 0 ? i : -(i + 1);
    }

    // ---- changes -----------------------------------------------------------------------------

    /** Inserts the cell {@code src[off, off+len)} at slot {@code idx}; it must fit. */
    static void insertCell(byte[] p, int idx, byte[] src, int off, int len, byte[] scratch) {
        int n = count(p);
        if (!(idx >= 0 && idx <= n)) {
            throw Invariants.violation("NodePage.1 insert index", idx, n);
        }
        if (!(freeTotal(p) >= len + SLOT_BYTES)) {
            throw Invariants.violation("NodePage.4 cell fits", len, freeTotal(p));
        }
        if (freeContiguous(p) < len + SLOT_BYTES) {
            compact(p, scratch);
        }
        admitCell(p, src, off);
        int at = cellStart(p) - len;
        System.arraycopy(src, off, p, at, len);
        putU16(p, CELL_START_OFFSET, at);
        int slotAt = HEADER_BYTES + SLOT_BYTES * idx;
        System.arraycopy(p, slotAt, p, slotAt + SLOT_BYTES, SLOT_BYTES * (n - idx));
        putSlot(p, idx, at);
        putU16(p, COUNT_OFFSET, n + 1);
    }

    /** Removes the cell at slot {@code idx}; its bytes become garbage (or free, if lowest). */
    static void removeCell(byte[] p, int idx) {
        int n = count(p);
        if (!(idx >= 0 && idx < n)) {
            throw Invariants.violation("NodePage.1 remove index", idx, n);
        }
        int cell = slot(p, idx);
        int size = cellSize(p, cell);
        if (cell == cellStart(p)) {
            putU16(p, CELL_START_OFFSET, (cell + size) & 0xFFFF);
        } else {
            putU16(p, GARBAGE_OFFSET, garbage(p) + size);
        }
        int slotAt = HEADER_BYTES + SLOT_BYTES * idx;
        System.arraycopy(p, slotAt + SLOT_BYTES, p, slotAt, SLOT_BYTES * (n - idx - 1));
        putU16(p, COUNT_OFFSET, n - 1);
        if (n == 1) { // an empty page has no garbage
            putU16(p, CELL_START_OFFSET, p.length & 0xFFFF);
            putU16(p, GARBAGE_OFFSET, 0);
        }
    }

    /** Rewrites the cells contiguously at the end of the page, dropping garbage. */
    static void compact(byte[] p, byte[] scratch) {
        int n = count(p);
        int at = p.length;
        for (int i = 0; i < n; i++) {
            int cell = slot(p, i);
            int size = cellSize(p, cell);
            at -= size;
            System.arraycopy(p, cell, scratch, at, size);
            putU16(p, HEADER_BYTES + SLOT_BYTES * i, at);
        }
        System.arraycopy(scratch, at, p, at, p.length - at);
        putU16(p, CELL_START_OFFSET, at & 0xFFFF);
        putU16(p, GARBAGE_OFFSET, 0);
    }

    /** Appends a cell after the last slot (used to rebuild pages in key order); must fit. */
    static void appendCell(byte[] p, byte[] src, int off, int len) {
        int n = count(p);
        if (!(freeContiguous(p) >= len + SLOT_BYTES)) {
            throw Invariants.violation("NodePage.4 appended cell fits", len, freeContiguous(p));
        }
        admitCell(p, src, off);
        int at = cellStart(p) - len;
        System.arraycopy(src, off, p, at, len);
        putU16(p, CELL_START_OFFSET, at);
        putSlot(p, n, at);
        putU16(p, COUNT_OFFSET, n + 1);
    }
}
