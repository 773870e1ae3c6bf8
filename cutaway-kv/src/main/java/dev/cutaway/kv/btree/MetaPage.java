package dev.cutaway.kv.btree;

import static dev.cutaway.kv.btree.PageFormat.HEADER_BYTES;
import static dev.cutaway.kv.btree.PageFormat.i32;
import static dev.cutaway.kv.btree.PageFormat.i64;
import static dev.cutaway.kv.btree.PageFormat.putI32;
import static dev.cutaway.kv.btree.PageFormat.putI64;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The two meta pages (page 0 and 1), double-buffered: checkpoint number {@code sequence} goes to
 * slot {@code sequence % 2}, so the previous meta survives a torn write of the next.
 *
 * <pre>
 * Meta page layout (after the common 40-byte header, type 1, page id = slot, LSN = checkpoint):
 *   [40..48)   magic "CUTAWAYB" (ASCII, as a little-endian long)
 *   [48..52)   format version (1)
 *   [52..56)   page size in bytes
 *   [56..64)   checkpoint sequence number (1 for a new file)
 *   [64..72)   checkpoint LSN
 *   [72..80)   root page id
 *   [80..84)   tree height (1 = the root is a leaf)
 *   [84..92)   page count: the high-water mark; pages at or past it are unused garbage
 *   [92..100)  free-list head page (0 = none)
 *   [100..108) free page count (entries in the free-list chain)
 *   [108..116) entry count
 *   [116..124) overflow page count
 * </pre>
 *
 * A meta page is valid when its checksum, type, page id, magic, version and page size agree.
 */
final class MetaPage {
    static final long MAGIC = 0x4259_4157_4154_5543L; // "CUTAWAYB" little-endian
    static final int FORMAT_VERSION = 1;
    private static final int[] PAGE_SIZES = {8192, 16384, 32768};

    private MetaPage() {}

    /** The decoded content of a valid meta page. */
    record Meta(long sequence, long checkpointLsn, long rootPageId, int height, long pageCount,
                long freeListHead, long freeCount, long entryCount, long overflowPages,
                int pageSizeBytes) {}

    /** Both slots as read: a meta or, for an invalid slot, why it is invalid. */
    record Slots(Meta slot0, Meta slot1, String problem0, String problem1, int pageSizeBytes) {
        Meta newest() {
            if (slot0 == null) {
                return slot1;
            }
            if (slot1 == null) {
                return slot0;
            }
            return slot0.sequence() >= slot1.sequence() ? slot0 : slot1;
        }

        Meta slot(int i) {
            return i == 0 ? slot0 : slot1;
        }

        String problem(int i) {
            return i == 0 ? problem0 : problem1;
        }
    }

    static byte[] encode(Meta m) {
        byte[] p = new byte[m.pageSizeBytes()];
        long slot = m.sequence() % 2;
        PageFormat.format(p, slot, PageFormat.TYPE_META, 0);
        PageFormat.setLsn(p, m.checkpointLsn());
        putI64(p, HEADER_BYTES, MAGIC);
        putI32(p, 48, FORMAT_VERSION);
        putI32(p, 52, m.pageSizeBytes());
        putI64(p, 56, m.sequence());
        putI64(p, 64, m.checkpointLsn());
        putI64(p, 72, m.rootPageId());
        putI32(p, 80, m.height());
        putI64(p, 84, m.pageCount());
        putI64(p, 92, m.freeListHead());
        putI64(p, 100, m.freeCount());
        putI64(p, 108, m.entryCount());
        putI64(p, 116, m.overflowPages());
        PageFormat.seal(p);
        return p;
    }

    /** Decodes slot {@code slot}; returns the meta, or a String saying what is wrong. */
    static Object decode(byte[] p, int slot) {
        if (i64(p, HEADER_BYTES) != MAGIC) {
            return "no magic (not a Cutaway B+tree meta page)";
        }
        String problem = PageFormat.problem(p, slot);
        if (problem != null) {
            return problem;
        }
        if (PageFormat.type(p) != PageFormat.TYPE_META) {
            return "type " + PageFormat.typeName(PageFormat.type(p)) + ", expected meta";
        }
        if (i32(p, 48) != FORMAT_VERSION) {
            return "unsupported format version " + i32(p, 48);
        }
        if (i32(p, 52) != p.length) {
            return "page size " + i32(p, 52) + " does not match " + p.length;
        }
        Meta m = new Meta(i64(p, 56), i64(p, 64), i64(p, 72), i32(p, 80), i64(p, 84),
                i64(p, 92), i64(p, 100), i64(p, 108), i64(p, 116), p.length);
        if (m.sequence() % 2 != slot || m.height() < 1 || m.pageCount() < 3
                || m.rootPageId() < 2 || m.rootPageId() >= m.pageCount()) {
            return "inconsistent fields " + m;
        }
        return m;
    }

    /**
     * Reads both meta slots, trying each supported page size (a torn slot 0 must not hide the
     * page size needed to find slot 1).
     */
    static Slots read(FileHandle handle) throws IOException {
        long size = handle.size();
        Slots best = null;
        for (int pageSize : PAGE_SIZES) {
            Object[] decoded = new Object[2];
            for (int slot = 0; slot < 2; slot++) {
                if (size < (long) (slot + 1) * pageSize) {
                    decoded[slot] = "file too short for meta slot " + slot;
                    continue;
                }
                byte[] p = new byte[pageSize];
                handle.readFully(ByteBuffer.wrap(p), (long) slot * pageSize);
                decoded[slot] = decode(p, slot);
            }
            Slots s = new Slots(decoded[0] instanceof Meta m0 ? m0 : null,
                    decoded[1] instanceof Meta m1 ? m1 : null,
                    decoded[0] instanceof String s0 ? s0 : null,
                    decoded[1] instanceof String s1 ? s1 : null, pageSize);
            if (s.newest() != null) {
                return s;
            }
            if (best == null) {
                best = s;
            }
        }
        return best;
    }

    /** The newest valid meta, or CorruptionException naming both slots' problems. */
    static Meta newestOrThrow(Slots slots, Path file) throws CorruptionException {
        Meta m = slots.newest();
        if (m == null) {
            throw new CorruptionException(file, "meta pages 0 and 1",
                    "not a Cutaway B+tree file, or both meta pages are corrupt (slot 0: "
                            + slots.problem0() + "; slot 1: " + slots.problem1() + ")");
        }
        return m;
    }
}
