package dev.cutaway.log;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Preallocated space for the next segment: the file {@code spare.wal} in the log directory.
 *
 * <p>Why. A synchronous commit is one append and one fdatasync. If the append grows the file,
 * that fdatasync must also journal the new size and the block allocation, which costs a second
 * device write and a long tail. So segments are written only into allocated space: the spare is
 * filled with zeros in large chunks and synced before it becomes a segment (PostgreSQL does the
 * same with its WAL segments), and a segment removed by
 * {@link WriteAheadLog#removeSegmentsBefore} is renamed to the spare instead of deleted
 * (recycling), so its blocks are reused.
 *
 * <p>Life of the spare: {@link #prepare} creates it (or extends a recycled one) with zeros up to
 * the segment size and syncs it; {@link #install} writes and syncs a segment header into it,
 * renames it to the segment's name and syncs the directory. Only then are records written.
 *
 * <p>Invariants:
 * <ol>
 *   <li>The spare never holds a record whose checksum is valid and whose LSN is at least the log's
 *       first LSN at the time it became the spare: it holds zeros, or the records of a removed
 *       segment (all below the surviving first LSN), or bytes a crash damaged. After
 *       {@link #install} with first LSN {@code n}, every stale record inside therefore has an LSN
 *       below {@code n} and recovery's LSN check rejects it (continuity + CRC).</li>
 *   <li>A file with a segment's name always has a synced, valid header ({@link SegmentFile}
 *       invariant 1): the header is synced before the rename, and records are written only
 *       after the rename is durable.</li>
 * </ol>
 * A crash at any point leaves either the spare (ignored by recovery, reused later) or a
 * segment with a valid header and no records of its own.
 */
final class SpareSegment {
    static final String NAME = "spare.wal";
    /** Zeros are written in chunks of this size. */
    static final int ZERO_CHUNK_BYTES = 1 << 20;
    private static final ByteBuffer ZEROS =
            ByteBuffer.allocateDirect(ZERO_CHUNK_BYTES).asReadOnlyBuffer();

    private SpareSegment() {}

    static Path path(Path dir) {
        return dir.resolve(NAME);
    }

    static boolean isSpare(Path file) {
        return file.getFileName().toString().equals(NAME);
    }

    /**
     * Makes the spare hold at least {@code sizeBytes} bytes: creates it or extends a recycled
     * one with zeros, syncs it, and syncs the directory if the file is new.
     */
    static void prepare(FileSystem fs, Path dir, long sizeBytes) throws IOException {
        Path spare = path(dir);
        boolean existed = fs.exists(spare);
        try (FileHandle file = fs.open(spare, true)) {
            long size = file.size();
            if (size >= sizeBytes) {
                return;
            }
            zeroFill(file, size, sizeBytes);
            file.sync();
        }
        if (!existed) {
            fs.syncDirectory(dir);
        }
    }

    /**
     * Turns the prepared spare into {@code segment}: header written and synced, renamed, the
     * directory synced (invariant 2). Returns the segment open for writing.
     */
    static FileHandle install(FileSystem fs, SegmentFile segment) throws IOException {
        Path dir = segment.path().getParent();
        try (FileHandle file = fs.open(path(dir), false)) {
            file.write(SegmentFile.encodeHeader(segment.firstLsn()), 0);
            file.sync();
        }
        fs.rename(path(dir), segment.path());
        fs.syncDirectory(dir);
        return fs.open(segment.path(), false);
    }

    /** Writes zeros over [{@code fromOffset}, {@code toOffset}) in large chunks; no sync. */
    static void zeroFill(FileHandle file, long fromOffset, long toOffset) throws IOException {
        Invariants.check(0 <= fromOffset && fromOffset <= toOffset, "SpareSegment.zeroFill range",
                fromOffset, toOffset);
        for (long at = fromOffset; at < toOffset; ) {
            int chunk = (int) Math.min(ZERO_CHUNK_BYTES, toOffset - at);
            file.write(ZEROS.duplicate().limit(chunk), at);
            at += chunk;
        }
    }
}
