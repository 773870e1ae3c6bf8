package dev.cutaway.log;

import static dev.cutaway.log.LogFixtures.put;
import static dev.cutaway.log.LogFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileSystem;
import dev.cutaway.io.RealFileSystem;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecoveryTest {
    private final FileSystem fs = new RealFileSystem();
    @TempDir
    Path dir;

    private static final LogOptions SMALL_SEGMENTS =
            LogOptions.defaults().withSegmentSizeBytes(400);

    /** Writes {@code count} records {@code keyN=valueN} and closes the log. */
    private void writeRecords(int count, LogOptions options) throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, options)) {
            for (int i = 1; i <= count; i++) {
                log.appendBatch(put("key" + i, "value" + i));
            }
        }
    }

    private Path lastSegment() throws IOException {
        return fs.list(dir).getLast();
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5a);
        }
    }

    private static long recordBytes(int i) {
        return RecordFormat.batchRecordBytes(put("key" + i, "value" + i));
    }

    @Test
    void emptyDirectoryStartsANewLog() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir.resolve("fresh"), SMALL_SEGMENTS)) {
            RecoveryReport report = log.recoveryReport();
            assertThat(report.firstLsn()).isEqualTo(1);
            assertThat(report.lastLsn()).isZero();
            assertThat(report.tornTail()).isFalse();
            assertThat(report.toString()).contains("no records").contains("clean tail");
            assertThat(log.appendBatch(put("a", "b"))).isEqualTo(1);
        }
    }

    @Test
    void replayStopsAtTornTail() throws IOException {
        writeRecords(10, LogOptions.defaults());
        Path segment = lastSegment();
        long size = Files.size(segment);
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw")) {
            raf.setLength(size - 5);
        }
        long tenthOffset = size - recordBytes(10);
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            RecoveryReport report = log.recoveryReport();
            assertThat(report.tornTail()).isTrue();
            assertThat(report.lastLsn()).isEqualTo(9);
            assertThat(report.tailFile()).isEqualTo(segment);
            assertThat(report.tailOffset()).isEqualTo(tenthOffset);
            assertThat(report.tailReason()).contains("short read");
            assertThat(report.bytesDiscarded()).isEqualTo(recordBytes(10) - 5);
            assertThat(report.toString()).contains("torn tail").contains("LSNs 1..9");
            List<String> records = readAll(log, 1);
            assertThat(records).hasSize(9);
            assertThat(records.getLast()).isEqualTo(LogFixtures.describe(
                    new LogRecord.Batch(9, put("key9", "value9"))));
            assertThat(log.appendBatch(put("again", "10"))).isEqualTo(10);
        }
        assertThat(Files.size(segment)).isEqualTo(tenthOffset
                + RecordFormat.batchRecordBytes(put("again", "10")));
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            assertThat(log.recoveryReport().tornTail()).isFalse();
            assertThat(log.lastLsn()).isEqualTo(10);
        }
    }

    @Test
    void badChecksumInTailStopsReplay() throws IOException {
        writeRecords(10, LogOptions.defaults());
        Path segment = lastSegment();
        flipByte(segment, Files.size(segment) - 3);
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            assertThat(log.recoveryReport().tornTail()).isTrue();
            assertThat(log.recoveryReport().tailReason()).contains("checksum mismatch");
            assertThat(log.lastLsn()).isEqualTo(9);
            assertThat(readAll(log, 1)).hasSize(9);
        }
    }

    @Test
    void zeroFilledTailIsCut() throws IOException {
        writeRecords(4, LogOptions.defaults());
        Path segment = lastSegment();
        Files.write(segment, new byte[3000], java.nio.file.StandardOpenOption.APPEND);
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            assertThat(log.recoveryReport().tailReason()).contains("zero-filled tail");
            assertThat(log.recoveryReport().bytesDiscarded()).isEqualTo(3000);
            assertThat(log.lastLsn()).isEqualTo(4);
        }
    }

    @Test
    void absurdLengthInTailStopsReplay() throws IOException {
        writeRecords(3, LogOptions.defaults());
        Path segment = lastSegment();
        byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, 1, 2, 3, 4};
        Files.write(segment, huge, java.nio.file.StandardOpenOption.APPEND);
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            assertThat(log.recoveryReport().tailReason()).contains("absurd record length");
            assertThat(log.lastLsn()).isEqualTo(3);
        }
    }

    @Test
    void corruptionInOlderSegmentIsAnException() throws IOException {
        writeRecords(60, SMALL_SEGMENTS);
        List<Path> segments = fs.list(dir);
        assertThat(segments).hasSizeGreaterThan(2);
        Path first = segments.getFirst();
        long secondRecordOffset = SegmentFile.HEADER_BYTES + recordBytes(1);
        flipByte(first, secondRecordOffset + 20);
        assertThatThrownBy(() -> WriteAheadLog.open(fs, dir, SMALL_SEGMENTS))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(first.toString())
                .hasMessageContaining("offset " + secondRecordOffset)
                .hasMessageContaining("LSN 2")
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void gapBetweenSegmentsIsAnException() throws IOException {
        writeRecords(60, SMALL_SEGMENTS);
        List<Path> segments = fs.list(dir);
        fs.delete(segments.get(1));
        assertThatThrownBy(() -> WriteAheadLog.open(fs, dir, SMALL_SEGMENTS))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(segments.get(2).toString())
                .hasMessageContaining("not continuous");
    }

    @Test
    void foreignFileIsAnException() throws IOException {
        writeRecords(3, LogOptions.defaults());
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "not a log");
        assertThatThrownBy(() -> WriteAheadLog.open(fs, dir, LogOptions.defaults()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(notes.toString()).hasMessageContaining("foreign file");
        Files.delete(notes);
        Path disguised = SegmentFile.in(dir, 4).path();
        Files.writeString(disguised, "PK\u0003\u0004 this is a zip file, not a log segment");
        assertThatThrownBy(() -> WriteAheadLog.open(fs, dir, LogOptions.defaults()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining(disguised.toString()).hasMessageContaining("bad magic");
    }

    @Test
    void unfinishedSegmentCreationIsDiscarded() throws IOException {
        writeRecords(3, LogOptions.defaults());
        Path unfinished = SegmentFile.in(dir, 4).path();
        Files.write(unfinished, new byte[] {0x43, 0x57, 0x41});
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            assertThat(log.recoveryReport().tornTail()).isTrue();
            assertThat(log.recoveryReport().tailReason()).contains("unfinished segment");
            assertThat(fs.exists(unfinished)).isFalse();
            assertThat(log.appendBatch(put("d", "4"))).isEqualTo(4);
        }
    }
}
