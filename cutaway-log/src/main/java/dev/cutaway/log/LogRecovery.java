package dev.cutaway.log;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recovery of the log directory when the log is opened: checks every segment, finds the end of
 * the intact log, cuts off a torn tail, and says what it did.
 *
 * <p>Why a torn tail can only be at the end. The writer keeps two rules:
 * (a) a new segment is created only after every record of its predecessor is synced, and
 * (b) a segment's header is synced before any record is written to it
 * ({@link SegmentFile} invariant 1). So every segment except the last is complete and durable,
 * and a crash can damage only the records at the end of the last segment and the header of a
 * segment whose creation had not finished (a file no longer than a header).
 *
 * <p>Policy, from those rules:
 * <ol>
 *   <li>A file whose name is not a segment name, or a segment with a bad header that is longer
 *       than a header, is foreign or damaged: {@link CorruptionException}.</li>
 *   <li>The last segment with a bad header and no more than a header's bytes is an unfinished
 *       creation: it is deleted (it can hold no record).</li>
 *   <li>Segments must continue each other's LSNs; a gap or overlap is corruption.</li>
 *   <li>A bad record in the last valid segment is a torn tail: the file is truncated there and
 *       synced. Later segment files, if any, are deleted first: by rule (a) a segment after one
 *       whose end was never synced can hold only unsynced data, and by rule (b) they are
 *       unfinished creations.</li>
 *   <li>A bad record in a segment followed by a segment with a valid header is corruption of
 *       synced data (rule (a) proves it was synced): {@link CorruptionException} naming the
 *       file, offset and LSN.</li>
 * </ol>
 *
 * <p>Preallocation ({@link SpareSegment}) keeps these rules exact. A sealed segment is trimmed
 * to its last record and synced before its successor exists, so it still ends exactly at its
 * records. The last segment may end in zeros (preallocated, never written) or in stale records
 * of a recycled file: both stop the scan like any torn tail (zeros are not a record, a stale
 * record carries an LSN below the segment's first), and the cut is made durable by truncating;
 * {@link WriteAheadLog#open} then fills the rest with zeros again, so no byte of an earlier
 * incarnation can ever follow the records appended after recovery. The spare file itself is
 * skipped: it holds no record of the log.
 */
final class LogRecovery {

    /** The recovered log: its segments (the last one active) and where appends continue. */
    record Result(List<SegmentFile> segments, long lastLsn, long activeEndOffset,
                  RecoveryReport report) {}

    /** What is wrong at the end of the log, if anything. */
    private record Tail(Path file, long offset, String reason, long bytesDiscarded) {}

    private final FileSystem fs;
    private final Path dir;
    private final List<SegmentFile> segments = new ArrayList<>();
    private SegmentFile unfinished;
    private String unfinishedReason;

    private LogRecovery(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    static Result run(FileSystem fs, Path dir) throws IOException {
        return new LogRecovery(fs, dir).recover();
    }

    private Result recover() throws IOException {
        createDirectoryDurably();
        findSegments();
        Tail tail = null;
        if (unfinished != null) {
            long bytes = fs.size(unfinished.path());
            tail = new Tail(unfinished.path(), 0, unfinishedReason, bytes);
            fs.delete(unfinished.path());
            fs.syncDirectory(dir);
        }
        if (segments.isEmpty()) {
            long firstLsn = unfinished == null ? 1 : unfinished.firstLsn();
            SegmentFile first = SegmentFile.in(dir, firstLsn);
            SegmentFile.create(fs, first).close();
            segments.add(first);
            return result(firstLsn - 1, SegmentFile.HEADER_BYTES, tail);
        }
        return scanSegments(tail);
    }

    /**
     * Creates the log directory and any missing parents, and syncs the directory holding each
     * new one, so that a segment created inside survives a crash.
     */
    private void createDirectoryDurably() throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path d = dir; d != null && !fs.exists(d); d = d.getParent()) {
            missing.add(d);
        }
        if (missing.isEmpty()) {
            return;
        }
        fs.createDirectories(dir);
        for (Path created : missing) {
            Path parent = created.getParent();
            if (parent != null) { // a bare relative name lives in the working directory
                fs.syncDirectory(parent);
            }
        }
    }

    /** Lists the directory, checks names and headers (policy 1 and 2). */
    private void findSegments() throws IOException {
        List<Path> files = new ArrayList<>(fs.list(dir));
        files.removeIf(SpareSegment::isSpare); // preallocated space, never records of the log
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            long firstLsn = SegmentFile.firstLsnFromName(file);
            if (firstLsn < 0) {
                throw new CorruptionException(file, 0,
                        "foreign file in the log directory (not a segment name)");
            }
            SegmentFile segment = new SegmentFile(firstLsn, file);
            String problem;
            long sizeBytes;
            try (FileHandle handle = fs.openReadOnly(file)) {
                problem = segment.checkHeader(handle);
                sizeBytes = handle.size();
            }
            if (problem == null) {
                segments.add(segment);
            } else if (i == files.size() - 1 && sizeBytes <= SegmentFile.HEADER_BYTES) {
                unfinished = segment;
                unfinishedReason = "unfinished segment creation: " + problem;
            } else {
                throw new CorruptionException(file, 0, problem);
            }
        }
    }

    /** Scans every segment in order (policies 3 to 5). */
    private Result scanSegments(Tail tailSoFar) throws IOException {
        long expectedLsn = segments.get(0).firstLsn();
        for (int i = 0; i < segments.size(); i++) {
            SegmentFile segment = segments.get(i);
            if (segment.firstLsn() != expectedLsn) {
                throw new CorruptionException(segment.path(), 0, "segment starts at LSN "
                        + segment.firstLsn() + " but the previous segment ends at LSN "
                        + (expectedLsn - 1) + ": the log is not continuous");
            }
            try (FileHandle handle = fs.openReadOnly(segment.path())) {
                SegmentScanner scanner = new SegmentScanner(handle, handle.size(), expectedLsn);
                while (scanner.next() != null) {
                    // Each record is checked by the scanner; recovery needs only where it ends.
                }
                expectedLsn = scanner.expectedLsn();
                if (scanner.stopReason() != null) {
                    if (i < segments.size() - 1) {
                        throw new CorruptionException(segment.path(), scanner.offset(),
                                "record at LSN " + expectedLsn + " is damaged ("
                                + scanner.stopReason() + ") but later segments exist, so it"
                                + " had been synced");
                    }
                    Tail tail = cutTail(segment, scanner, tailSoFar);
                    return result(expectedLsn - 1, scanner.offset(), tail);
                }
                if (i == segments.size() - 1) {
                    return result(expectedLsn - 1, scanner.offset(), tailSoFar);
                }
            }
        }
        throw Invariants.violation("LogRecovery: the scan returns at the last segment");
    }

    /** Truncates the torn tail of the last segment and makes the truncation durable. */
    private Tail cutTail(SegmentFile segment, SegmentScanner scanner, Tail unfinishedTail)
            throws IOException {
        long discarded = scanner.fileSizeBytes() - scanner.offset();
        try (FileHandle handle = fs.open(segment.path(), false)) {
            handle.truncate(scanner.offset());
            handle.sync();
        }
        long alsoDiscarded = unfinishedTail == null ? 0 : unfinishedTail.bytesDiscarded();
        return new Tail(segment.path(), scanner.offset(), scanner.stopReason(),
                discarded + alsoDiscarded);
    }

    private Result result(long lastLsn, long activeEndOffset, Tail tail) {
        long firstLsn = segments.get(0).firstLsn();
        RecoveryReport report = tail == null
                ? new RecoveryReport(firstLsn, lastLsn, segments.size(), false, null, -1, null, 0)
                : new RecoveryReport(firstLsn, lastLsn, segments.size(), true, tail.file(),
                        tail.offset(), tail.reason(), tail.bytesDiscarded());
        return new Result(List.copyOf(segments), lastLsn, activeEndOffset, report);
    }
}
