package dev.cutaway.log;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.FileHandle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Walks the records of one segment file in order, checking each one, and stops at the end of the
 * file or at the first record that is not intact. It never throws for bad bytes: it stops and
 * says why ({@link #stopReason()}), and its caller decides whether that is a torn tail (expected
 * after a crash) or corruption. Reads go through a window of {@link #WINDOW_BYTES} (grown, up to
 * one maximal record, only for a larger record).
 *
 * <p>Invariants: (1) {@code offset} is always the end of the last intact record (or the header);
 * (2) {@code expectedLsn} is the LSN the record at {@code offset} must carry.
 */
final class SegmentScanner {
    static final int WINDOW_BYTES = 64 << 10;

    private final FileHandle file;
    private final long fileSizeBytes;
    private final CRC32C crc = new CRC32C();
    private final long firstLsn;
    private ByteBuffer window = RecordFormat.allocate(WINDOW_BYTES);
    private long windowStart;
    private int windowBytes;
    private long offset;
    private long expectedLsn;
    private long lastRecordOffset = -1;
    private String stopReason;
    private LogRecord current;
    private boolean stopped;
    private boolean zeroTail;
    private boolean staleRecord;

    /** Scans {@code file} (whose header was checked) from just after the header. */
    SegmentScanner(FileHandle file, long fileSizeBytes, long firstLsn) {
        this.file = file;
        this.fileSizeBytes = fileSizeBytes;
        this.offset = SegmentFile.HEADER_BYTES;
        this.expectedLsn = firstLsn;
        this.firstLsn = firstLsn;
    }

    Path path() {
        return file.path();
    }

    /** The next intact record, or null when the scan has stopped (see {@link #stopReason()}). */
    LogRecord next() throws IOException {
        return advance(true) ? current : null;
    }

    /**
     * Steps over the next record after checking its length, checksum and LSN, without decoding
     * the payload (a reader seeking to an LSN). False when the scan has stopped.
     */
    boolean skip() throws IOException {
        return advance(false);
    }

    private boolean advance(boolean decode) throws IOException {
        current = null;
        if (stopped) {
            return false;
        }
        if (offset == fileSizeBytes) {
            return stop(null);
        }
        long left = fileSizeBytes - offset;
        if (left < RecordFormat.PREFIX_BYTES) {
            return stop("short read: " + left + " bytes left, too few for a record");
        }
        load(offset, RecordFormat.PREFIX_BYTES);
        int at = (int) (offset - windowStart);
        int bodyBytes = window.getInt(at);
        if (bodyBytes == 0 && zeroUpToEnd(offset)) {
            zeroTail = true;
            return stop("zero-filled tail of " + left + " bytes");
        }
        if (bodyBytes < RecordFormat.BODY_HEADER_BYTES
                || bodyBytes > RecordFormat.RECORD_BODY_BYTES_MAX) {
            return stop("absurd record length " + Integer.toUnsignedString(bodyBytes));
        }
        if (bodyBytes > left - RecordFormat.PREFIX_BYTES) {
            return stop("short read: record of " + bodyBytes + " body bytes but only "
                    + (left - RecordFormat.PREFIX_BYTES) + " left in the file");
        }
        load(offset, RecordFormat.PREFIX_BYTES + bodyBytes);
        at = (int) (offset - windowStart);
        return check(at, bodyBytes, decode);
    }

    private boolean check(int at, int bodyBytes, boolean decode) {
        int stored = window.getInt(at + 4);
        int computed = RecordFormat.checksum(window, at, bodyBytes, crc);
        if (stored != computed) {
            return stop(String.format("checksum mismatch: stored 0x%08x, computed 0x%08x",
                    stored, computed));
        }
        long lsn = window.getLong(at + RecordFormat.PREFIX_BYTES);
        if (lsn != expectedLsn) {
            staleRecord = lsn < firstLsn;
            return stop("LSN " + lsn + " where " + expectedLsn + " was expected");
        }
        if (decode) {
            byte type = window.get(at + RecordFormat.PREFIX_BYTES + 8);
            ByteBuffer payload = window.duplicate().order(window.order())
                    .limit(at + RecordFormat.PREFIX_BYTES + bodyBytes)
                    .position(at + RecordFormat.HEADER_BYTES);
            try {
                current = RecordFormat.decode(lsn, type, payload);
            } catch (RecordFormat.Malformed e) {
                return stop("malformed record: " + e.getMessage());
            }
        }
        lastRecordOffset = offset;
        offset += RecordFormat.PREFIX_BYTES + bodyBytes;
        expectedLsn++;
        return true;
    }

    private boolean stop(String reason) {
        stopped = true;
        stopReason = reason;
        return false;
    }

    /** Makes the window cover [{@code from}, {@code from + bytes}), which lies in the file. */
    private void load(long from, int bytes) throws IOException {
        Invariants.check(from + bytes <= fileSizeBytes, "SegmentScanner.load within file",
                from, bytes, fileSizeBytes);
        if (from >= windowStart && from + bytes <= windowStart + windowBytes) {
            return;
        }
        if (window.capacity() < bytes) {
            window = RecordFormat.allocate(bytes);
        }
        int want = (int) Math.min(window.capacity(), fileSizeBytes - from);
        window.clear().limit(want);
        file.readFully(window, from);
        windowStart = from;
        windowBytes = want;
    }

    private boolean zeroUpToEnd(long from) throws IOException {
        for (long at = from; at < fileSizeBytes; ) {
            int chunk = (int) Math.min(WINDOW_BYTES, fileSizeBytes - at);
            load(at, chunk);
            int base = (int) (at - windowStart);
            for (int i = 0; i < chunk; i++) {
                if (window.get(base + i) != 0) {
                    return false;
                }
            }
            at += chunk;
        }
        return true;
    }

    /** True once the scan has ended; {@link #stopReason()} says whether cleanly. */
    boolean stopped() {
        return stopped;
    }

    /** Null for a clean end of file, else what is wrong with the record at {@link #offset()}. */
    String stopReason() {
        return stopReason;
    }

    /** End of the last intact record: where the next record starts (or the bad one begins). */
    long offset() {
        return offset;
    }

    /** Offset of the record {@link #next()} returned last, or -1. */
    long lastRecordOffset() {
        return lastRecordOffset;
    }

    /** True if the scan stopped because only zeros follow: preallocated, never written. */
    boolean stoppedAtZeroTail() {
        return zeroTail;
    }

    /**
     * True if the scan stopped at an intact record whose LSN is below the segment's first: a
     * stale record left from the file's earlier use as another segment (recycling).
     */
    boolean stoppedAtStaleRecord() {
        return staleRecord;
    }

    /** The LSN the next record must carry. */
    long expectedLsn() {
        return expectedLsn;
    }

    long fileSizeBytes() {
        return fileSizeBytes;
    }
}
