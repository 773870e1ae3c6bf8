package dev.cutaway.kv.btree;

import dev.cutaway.io.Checksums;
import dev.cutaway.log.WriteBatch;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte layout shared by every page of a B+tree file, and little-endian accessors.
 *
 * <pre>
 * Every page (little-endian, P = page size, 8192 by default):
 *   [0..4)   crc32c of bytes [4..P)
 *   [4..12)  page id (guards against misdirected writes and reads)
 *   [12..20) LSN of the last change (meta: the checkpoint LSN)
 *   [20]     type: 1 meta, 2 leaf, 3 internal, 4 overflow, 5 free list
 *   [21]     level: 0 for leaves, height - 1 for the root (0 for other types)
 *   [22..24) cell count (u16)              overflow: unused; free list: entry count
 *   [24..26) start of the cell area (u16)  the lowest offset used by a cell; P when empty
 *   [26..28) garbage bytes (u16)           dead cell bytes inside the cell area
 *   [28..32) overflow: payload bytes on this page (i32)
 *            leaf and internal: [28..30) prefix skip (u16): every key on the page starts with
 *            the same this-many bytes (0 in files of the first version: still valid)
 *   [32..40) internal: leftmost child; overflow and free list: next page (0 = none)
 *   [40..)   leaf and internal: slot array in key order, growing up, 6 bytes a slot:
 *            u16 cell offset, then the key's 4 bytes after the prefix skip (zero-padded, so a
 *            slot compares as an unsigned big-endian int and binary search rarely leaves the
 *            slot array);
 *            cells grow down from P.  overflow: payload.  free list: u64 page ids.
 *
 * Leaf cell:      [u16 key length][u32 value word][key][value, or u64 first overflow page]
 *                 value word: bit 31 set = value in overflow pages, low 31 bits = value length
 * Internal cell:  [u16 key length][u64 child][key]; child(i+1) = cell i's child, child(0) is
 *                 the leftmost; every key in child(i+1) is >= key(i) and < key(i+1).
 * </pre>
 *
 * Size rules (kept for P in {8192, 16384, 32768}): a value stays inline when its leaf cell is at
 * most P/4 bytes, otherwise it moves to overflow pages and the cell is 14 + key bytes; so any
 * cell is at most {@link #cellBytesMax} = max(P/4, 14 + 2048) bytes and a page holds at least
 * three of the largest cells plus their slots (no key overflow needed).
 */
final class PageFormat {
    static final int HEADER_BYTES = 40;
    static final int PAGE_ID_OFFSET = 4;
    static final int LSN_OFFSET = 12;
    static final int TYPE_OFFSET = 20;
    static final int LEVEL_OFFSET = 21;
    static final int COUNT_OFFSET = 22;
    static final int CELL_START_OFFSET = 24;
    static final int GARBAGE_OFFSET = 26;
    static final int AUX_OFFSET = 28;
    static final int LINK_OFFSET = 32;

    static final byte TYPE_META = 1;
    static final byte TYPE_LEAF = 2;
    static final byte TYPE_INTERNAL = 3;
    static final byte TYPE_OVERFLOW = 4;
    static final byte TYPE_FREE_LIST = 5;

    static final int LEAF_CELL_HEADER_BYTES = 6;
    static final int INTERNAL_CELL_HEADER_BYTES = 10;
    static final int OVERFLOW_FLAG = 0x8000_0000;
    static final int SLOT_BYTES = 6;

    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private PageFormat() {}

    static boolean validPageSize(int pageSizeBytes) {
        return pageSizeBytes == 8192 || pageSizeBytes == 16384 || pageSizeBytes == 32768;
    }

    /** Usable bytes of a node page: everything after the header (slots and cells). */
    static int usableBytes(int pageSizeBytes) {
        return pageSizeBytes - HEADER_BYTES;
    }

    /** Largest leaf cell whose value is stored inline. */
    static int inlineCellBytesMax(int pageSizeBytes) {
        return pageSizeBytes / 4;
    }

    /** Largest cell of any node type. */
    static int cellBytesMax(int pageSizeBytes) {
        return Math.max(inlineCellBytesMax(pageSizeBytes),
                LEAF_CELL_HEADER_BYTES + 8 + WriteBatch.KEY_BYTES_MAX);
    }

    /** Below this many used bytes a non-root node is rebalanced after a delete (25%). */
    static int underflowBytes(int pageSizeBytes) {
        return usableBytes(pageSizeBytes) / 4;
    }

    /** Every non-root node keeps at least this many used bytes (20%; checked invariant). */
    static int fillBytesMin(int pageSizeBytes) {
        return usableBytes(pageSizeBytes) / 5;
    }

    static int overflowPayloadBytes(int pageSizeBytes) {
        return pageSizeBytes - HEADER_BYTES;
    }

    static int freeListEntriesMax(int pageSizeBytes) {
        return (pageSizeBytes - HEADER_BYTES) / 8;
    }

    static int u16(byte[] p, int off) {
        return (short) SHORT.get(p, off) & 0xFFFF;
    }

    static void putU16(byte[] p, int off, int v) {
        SHORT.set(p, off, (short) v);
    }

    static int i32(byte[] p, int off) {
        return (int) INT.get(p, off);
    }

    static void putI32(byte[] p, int off, int v) {
        INT.set(p, off, v);
    }

    /**
     * The first 4 bytes of {@code key[off, off+len)} as an int, zero-padded: comparing two of
     * these unsigned orders the keys, unless they are equal (then compare the whole keys).
     */
    static int keyPrefix(byte[] key, int off, int len) {
        if (len >= 4) {
            return (int) INT_BIG_ENDIAN.get(key, off);
        }
        int v = 0;
        for (int j = 0; j < 4; j++) {
            v = (v << 8) | (j < len ? key[off + j] & 0xFF : 0);
        }
        return v;
    }

    static long i64(byte[] p, int off) {
        return (long) LONG.get(p, off);
    }

    static void putI64(byte[] p, int off, long v) {
        LONG.set(p, off, v);
    }

    static long pageId(byte[] p) {
        return i64(p, PAGE_ID_OFFSET);
    }

    static byte type(byte[] p) {
        return p[TYPE_OFFSET];
    }

    static int level(byte[] p) {
        return p[LEVEL_OFFSET];
    }

    static long lsn(byte[] p) {
        return i64(p, LSN_OFFSET);
    }

    static void setLsn(byte[] p, long lsn) {
        putI64(p, LSN_OFFSET, lsn);
    }

    static long link(byte[] p) {
        return i64(p, LINK_OFFSET);
    }

    static void setLink(byte[] p, long pageId) {
        putI64(p, LINK_OFFSET, pageId);
    }

    /** Clears the page and writes a header for an empty page of {@code type}. */
    static void format(byte[] p, long pageId, byte type, int level) {
        java.util.Arrays.fill(p, (byte) 0);
        putI64(p, PAGE_ID_OFFSET, pageId);
        p[TYPE_OFFSET] = type;
        p[LEVEL_OFFSET] = (byte) level;
        putU16(p, CELL_START_OFFSET, p.length & 0xFFFF);
    }

    static int checksum(byte[] p) {
        return Checksums.crc32c(p, 4, p.length - 4);
    }

    /** Sets the page's checksum; the last step before a page goes to disk. */
    static void seal(byte[] p) {
        putI32(p, 0, checksum(p));
    }

    /** What is wrong with a page read as {@code expectedId}, or null if it is sound. */
    static String problem(byte[] p, long expectedId) {
        int stored = i32(p, 0);
        int computed = checksum(p);
        if (stored != computed) {
            return String.format("page %d: checksum mismatch (stored %08x, computed %08x)",
                    expectedId, stored, computed);
        }
        if (pageId(p) != expectedId) {
            return "page " + expectedId + ": header names page " + pageId(p)
                    + " (misdirected write)";
        }
        byte type = type(p);
        if (type < TYPE_META || type > TYPE_FREE_LIST) {
            return "page " + expectedId + ": unknown page type " + type;
        }
        return null;
    }

    static String typeName(byte type) {
        return switch (type) {
            case TYPE_META -> "meta";
            case TYPE_LEAF -> "leaf";
            case TYPE_INTERNAL -> "internal";
            case TYPE_OVERFLOW -> "overflow";
            case TYPE_FREE_LIST -> "free-list";
            default -> "unknown(" + type + ")";
        };
    }
}
