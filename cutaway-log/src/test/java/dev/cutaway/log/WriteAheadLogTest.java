package dev.cutaway.log;

import static dev.cutaway.log.LogFixtures.bytes;
import static dev.cutaway.log.LogFixtures.describe;
import static dev.cutaway.log.LogFixtures.put;
import static dev.cutaway.log.LogFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FileSystem;
import dev.cutaway.io.RealFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
    private final FileSystem fs = new RealFileSystem();
    @TempDir
    Path dir;

    private static LogOptions small() {
        return LogOptions.defaults().withSegmentSizeBytes(512).withBufferBytesMax(1024);
    }

    @Test
    void roundTripOfAllRecordTypes() throws IOException {
        WriteBatch mixed = new WriteBatch()
                .put(0, bytes("alpha"), bytes("one"))
                .put(7, new byte[] {0, (byte) 0xff}, new byte[0])
                .delete(3, bytes("gone"))
                .put(-1, new byte[0], bytes("empty key"));
        List<String> expected = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            assertThat(log.recoveryReport().tornTail()).isFalse();
            long first = log.appendBatch(mixed);
            long second = log.appendCheckpoint(7, first);
            long third = log.appendBatch(new WriteBatch());
            assertThat(List.of(first, second, third)).containsExactly(1L, 2L, 3L);
            expected.add(describe(new LogRecord.Batch(1, mixed)));
            expected.add(describe(new LogRecord.Checkpoint(2, 7, 1)));
            expected.add(describe(new LogRecord.Batch(3, new WriteBatch())));
            assertThat(readAll(log, 1)).as("a reader sees only durable records").isEmpty();
            log.flush();
            assertThat(readAll(log, 1)).containsExactlyElementsOf(expected);
            assertThat(readAll(log, 2)).containsExactlyElementsOf(expected.subList(1, 3));
            log.checkInvariants();
        }
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            assertThat(readAll(log, 1)).containsExactlyElementsOf(expected);
            assertThat(log.recoveryReport().lastLsn()).isEqualTo(3);
        }
    }

    @Test
    void lsnsConsecutiveAcrossRolloverAndReopen() throws IOException {
        List<String> expected = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, small())) {
            for (int i = 1; i <= 200; i++) {
                WriteBatch batch = put("key" + i, "value" + i);
                assertThat(log.appendBatch(batch)).isEqualTo(i);
                expected.add(describe(new LogRecord.Batch(i, batch)));
                if (i % 7 == 0) {
                    log.awaitDurable(i);
                    assertThat(log.durableLsn()).isGreaterThanOrEqualTo(i);
                }
            }
            log.checkInvariants();
            assertThat(log.stats().segments()).isGreaterThan(5);
        }
        assertThat(fs.list(dir)).allMatch(p -> SegmentFile.firstLsnFromName(p) > 0);
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, small())) {
            assertThat(log.recoveryReport().tornTail()).isFalse();
            assertThat(log.lastLsn()).isEqualTo(200);
            assertThat(readAll(log, 1)).containsExactlyElementsOf(expected);
            assertThat(log.appendBatch(put("after", "reopen"))).isEqualTo(201);
            log.flush();
            assertThat(readAll(log, 150)).hasSize(52);
        }
    }

    @Test
    void removeSegmentsBeforeDeletesWholeOldSegmentsOnly() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, small())) {
            for (int i = 1; i <= 300; i++) {
                log.appendBatch(put("key" + i, "value" + i));
            }
            log.flush();
            int segmentsBefore = log.stats().segments();
            int removed = log.removeSegmentsBefore(150);
            assertThat(removed).isPositive();
            assertThat(log.firstLsn()).isGreaterThan(1).isLessThanOrEqualTo(150);
            assertThat(log.stats().segments()).isEqualTo(segmentsBefore - removed);
            assertThat(log.stats().segmentsRemoved()).isEqualTo(removed);
            assertThat(readAll(log, 150)).hasSize(151);
            assertThat(readAll(log, log.firstLsn())).hasSize((int) (301 - log.firstLsn()));
            long gone = log.firstLsn() - 1;
            assertThatThrownBy(() -> log.read(gone))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("LSN " + gone).hasMessageContaining("removed");
            assertThat(log.removeSegmentsBefore(Long.MAX_VALUE))
                    .as("all but the active segment").isEqualTo(segmentsBefore - removed - 1);
            assertThat(log.stats().segments()).isEqualTo(1);
        }
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, small())) {
            assertThat(log.lastLsn()).isEqualTo(300);
            assertThat(readAll(log, log.firstLsn()).getLast()).startsWith("300 ");
        }
    }

    @Test
    void closeFlushesAndRefusesLaterAppends() throws IOException {
        WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults());
        log.appendBatch(put("a", "1"));
        log.appendBatch(put("b", "2"));
        log.close();
        log.close();
        assertThat(log.durableLsn()).isEqualTo(2);
        assertThatThrownBy(() -> log.appendBatch(put("c", "3")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> log.appendCheckpoint(0, 1))
                .isInstanceOf(IllegalStateException.class);
        try (WriteAheadLog reopened = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            assertThat(readAll(reopened, 1)).hasSize(2);
        }
    }

    @Test
    void callerMistakesAreIllegalArguments() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            log.appendBatch(put("a", "1"));
            assertThatThrownBy(() -> log.awaitDurable(2))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never");
            assertThatThrownBy(() -> log.appendCheckpoint(0, 5))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.read(3))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past");
            assertThatThrownBy(() -> log.read(0))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> log.appendBatch(null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new LogOptions(10, 4096, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordLargerThanBufferAndSegmentIsWrittenDirectly() throws IOException {
        LogOptions options = new LogOptions(1024, 256, 200, null);
        byte[] big = new byte[5000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        List<String> expected = new ArrayList<>();
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, options)) {
            for (int i = 1; i <= 9; i++) {
                WriteBatch batch = i % 3 == 0
                        ? new WriteBatch().put(bytes("big" + i), big) : put("k" + i, "v" + i);
                log.appendBatch(batch);
                expected.add(describe(new LogRecord.Batch(i, batch)));
            }
            log.flush();
            assertThat(readAll(log, 1)).containsExactlyElementsOf(expected);
            log.checkInvariants();
        }
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, options)) {
            assertThat(log.recoveryReport().tornTail()).isFalse();
            assertThat(readAll(log, 1)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aSynchronousCommitCostsOneFsync() throws IOException {
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            for (int i = 1; i <= 50; i++) {
                log.awaitDurable(log.appendBatch(put("k" + i, "v" + i)));
                log.awaitDurable(i);
            }
            LogStats stats = log.stats();
            assertThat(stats.fsyncs()).isEqualTo(50);
            assertThat(stats.flushes()).isEqualTo(50);
            assertThat(stats.recordsPerFlushMax()).isEqualTo(1);
            assertThat(stats.recordsPerFlushMean()).isEqualTo(1.0);
            assertThat(stats.durableLsn()).isEqualTo(50);
            assertThat(stats.bytesAppended()).isPositive();
        }
    }
}
