package dev.cutaway.log;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.util.List;

/**
 * A {@link LogReader} over a snapshot of the segment list: opens one segment at a time, skips
 * records below {@code fromLsn} without decoding them, and stops after {@code limitLsn} (the
 * durable LSN when the reader was made), so it never looks at bytes a leader may still write.
 *
 * <p>Everything it reads was synced, so any bad record, bad header or missing LSN is
 * corruption ({@link CorruptionException}), never a torn tail.
 */
final class SegmentChainReader implements LogReader {
    private final FileSystem fs;
    private final List<SegmentFile> segments;
    private final long fromLsn;
    private final long limitLsn;
    private int segmentIndex;
    private FileHandle file;
    private SegmentScanner scanner;
    private long nextLsn;

    SegmentChainReader(FileSystem fs, List<SegmentFile> segments, long fromLsn, long limitLsn) {
        this.fs = fs;
        this.segments = segments;
        this.fromLsn = fromLsn;
        this.limitLsn = limitLsn;
        int index = 0;
        while (index + 1 < segments.size() && segments.get(index + 1).firstLsn() <= fromLsn) {
            index++;
        }
        this.segmentIndex = index;
        this.nextLsn = segments.get(index).firstLsn();
    }

    @Override
    public LogRecord next() throws IOException {
        while (nextLsn <= limitLsn) {
            if (scanner == null) {
                openSegment();
            }
            if (nextLsn < fromLsn) {
                if (scanner.skip()) {
                    nextLsn++;
                } else {
                    endOfSegment();
                }
                continue;
            }
            LogRecord record = scanner.next();
            if (record == null) {
                endOfSegment();
                continue;
            }
            nextLsn = record.lsn() + 1;
            return record;
        }
        return null;
    }

    private void openSegment() throws IOException {
        if (segmentIndex >= segments.size()) {
            throw new CorruptionException(segments.getLast().path(), "at its end",
                    "the log ends before LSN " + nextLsn + ", which was durable");
        }
        SegmentFile segment = segments.get(segmentIndex);
        if (segment.firstLsn() != nextLsn) {
            throw new CorruptionException(segment.path(), 0, "segment starts at LSN "
                    + segment.firstLsn() + " where LSN " + nextLsn + " was expected");
        }
        file = fs.openReadOnly(segment.path());
        String problem = segment.checkHeader(file);
        if (problem != null) {
            close();
            throw new CorruptionException(segment.path(), 0, problem);
        }
        scanner = new SegmentScanner(file, file.size(), nextLsn);
    }

    private void endOfSegment() throws IOException {
        if (scanner.stopReason() != null) {
            throw new CorruptionException(scanner.path(), scanner.offset(), "durable record at"
                    + " LSN " + scanner.expectedLsn() + " is damaged: " + scanner.stopReason());
        }
        close();
        segmentIndex++;
    }

    @Override
    public void close() throws IOException {
        scanner = null;
        if (file != null) {
            FileHandle closing = file;
            file = null;
            closing.close();
        }
    }
}
