package dev.cutaway.log;

import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * One segment file of the log: its name, its header, and how a new one is created.
 *
 * <p>A segment is named by the LSN of its first record, zero-padded to 20 digits:
 * {@code 00000000000000000001.wal}. Header layout, little-endian, 20 bytes:
 * <pre>
 *   [0..4)   magic           "CWAL" (0x43 0x57 0x41 0x4c)
 *   [4..8)   formatVersion   u32, 1
 *   [8..16)  firstLsn        i64, equal to the LSN in the file name, >= 1
 *   [16..20) headerCrc       CRC32C of [0..16)
 * </pre>
 * Records ({@link RecordFormat}) follow from offset 20 to the end of the file; in the active
 * segment of an open log (or the last one after a crash) they are followed by preallocated
 * zeros, or by stale bytes of a recycled file ({@link SpareSegment}). A sealed segment ends
 * exactly at its last record (it is trimmed before its successor is created).
 *
 * <p>Invariant: (1) a segment's header is synced (file and directory) before any record is
 * written to it, so a segment holding records always has a durable, valid header; a bad header
 * can be an expected crash outcome only in a file no longer than a header.
 */
record SegmentFile(long firstLsn, Path path) {
    static final int HEADER_BYTES = 20;
    static final int MAGIC = 0x4c415743;
    static final int FORMAT_VERSION = 1;
    static final String SUFFIX = ".wal";
    private static final int NAME_DIGITS = 20;

    static SegmentFile in(Path dir, long firstLsn) {
        return new SegmentFile(firstLsn, dir.resolve(String.format("%020d%s", firstLsn, SUFFIX)));
    }

    /** The first LSN a segment file's name announces, or -1 if it is not a segment's name. */
    static long firstLsnFromName(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != NAME_DIGITS + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return -1;
        }
        long lsn = 0;
        for (int i = 0; i < NAME_DIGITS; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || lsn > (Long.MAX_VALUE - 9) / 10) {
                return -1;
            }
            lsn = lsn * 10 + (c - '0');
        }
        return lsn >= 1 ? lsn : -1;
    }

    static ByteBuffer encodeHeader(long firstLsn) {
        ByteBuffer header = RecordFormat.allocate(HEADER_BYTES);
        header.putInt(MAGIC).putInt(FORMAT_VERSION).putLong(firstLsn);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 16);
        header.putInt((int) crc.getValue());
        return header.flip();
    }

    /**
     * Reads and checks the header of {@code file}; returns null if it is good, else what is
     * wrong with it.
     */
    String checkHeader(FileHandle file) throws IOException {
        long sizeBytes = file.size();
        if (sizeBytes < HEADER_BYTES) {
            return "file of " + sizeBytes + " bytes is shorter than a segment header";
        }
        ByteBuffer header = RecordFormat.allocate(HEADER_BYTES);
        file.readFully(header, 0);
        header.flip();
        int magic = header.getInt(0);
        if (magic != MAGIC) {
            return String.format("bad magic 0x%08x: not a Cutaway log segment", magic);
        }
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 16);
        if ((int) crc.getValue() != header.getInt(16)) {
            return "segment header checksum mismatch";
        }
        int version = header.getInt(4);
        if (version != FORMAT_VERSION) {
            return "unsupported log format version " + version;
        }
        long headerLsn = header.getLong(8);
        if (headerLsn != firstLsn) {
            return "header says first LSN " + headerLsn + " but the file name says " + firstLsn;
        }
        return null;
    }

    /**
     * Creates the segment: writes and syncs its header, then syncs the directory so the file
     * survives a crash (invariant 1). Returns the file open for writing.
     */
    static FileHandle create(FileSystem fs, SegmentFile segment) throws IOException {
        FileHandle file = fs.open(segment.path(), true);
        try {
            file.truncate(0);
            file.write(encodeHeader(segment.firstLsn()), 0);
            file.sync();
            fs.syncDirectory(segment.path().getParent());
            return file;
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(file, e);
            throw e;
        }
    }

    /** Closes {@code file} after {@code failure}, keeping a close failure as suppressed. */
    static void closeAfterFailure(AutoCloseable file, Throwable failure) {
        try {
            file.close();
        } catch (Exception closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }
}
