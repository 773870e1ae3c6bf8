package dev.cutaway.log;

import static dev.cutaway.log.LogFixtures.put;
import static dev.cutaway.log.LogFixtures.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FaultyFileSystem.CrashMode;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.SimulatedCrashException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/**
 * Preallocated and recycled segments ({@link SpareSegment}): the active segment is allocated
 * ahead, sealed segments end at their records, a recycled file's stale records are garbage to
 * recovery, and the inspector tells records from preallocated space.
 */
class LogPreallocationTest {
    private static final Path DIR = Path.of("/db/log");
    private static final int SEGMENT_BYTES = 1024;
    private static final LogOptions OPTIONS =
            LogOptions.defaults().withSegmentSizeBytes(SEGMENT_BYTES);

    /** Records of one size, so a recycled file's stale records line up with new ones. */
    static WriteBatch fixed(long i) {
        return put(String.format("key%06d", i), String.format("value%06d", i));
    }

    static List<Path> segmentFiles(FaultyFileSystem fs) throws IOException {
        List<Path> files = new ArrayList<>(fs.list(DIR));
        files.removeIf(SpareSegment::isSpare);
        return files;
    }

    /** Scans a segment file from its header; the scanner says where and why it stopped. */
    static SegmentScanner scan(FaultyFileSystem fs, Path file) throws IOException {
        long firstLsn = SegmentFile.firstLsnFromName(file);
        try (FileHandle handle = fs.openReadOnly(file)) {
            SegmentScanner scanner = new SegmentScanner(handle, handle.size(), firstLsn);
            while (scanner.next() != null) {
                // walk to the end
            }
            return scanner;
        }
    }

    @Test
    void activeSegmentIsPreallocatedAndSealedSegmentsEndAtTheirRecords() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(1);
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
            assertThat(fs.size(segmentFiles(fs).getFirst())).isEqualTo(SEGMENT_BYTES);
            for (int i = 1; i <= 100; i++) {
                log.awaitDurable(log.appendBatch(fixed(i)));
            }
            List<Path> files = segmentFiles(fs);
            assertThat(files).hasSizeGreaterThan(2);
            assertThat(fs.size(files.getLast())).as("appends overwrite allocated space")
                    .isEqualTo(SEGMENT_BYTES);
            for (Path sealed : files.subList(0, files.size() - 1)) {
                SegmentScanner scanner = scan(fs, sealed);
                assertThat(scanner.stopReason()).as("%s", sealed).isNull();
                assertThat(scanner.offset()).isEqualTo(fs.size(sealed));
            }
            SegmentScanner active = scan(fs, files.getLast());
            assertThat(active.stoppedAtZeroTail()).isTrue();
        }
        SegmentScanner closed = scan(fs, segmentFiles(fs).getLast());
        assertThat(closed.stopReason()).as("close trims the active segment").isNull();
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
            assertThat(log.recoveryReport().tornTail()).isFalse();
            assertThat(readAll(log, 1)).hasSize(100);
        }
    }

    @Test
    void zeroTailAfterACrashIsCutAndPreallocatedAgain() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(2);
        WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS);
        for (int i = 1; i <= 5; i++) {
            log.appendBatch(fixed(i));
        }
        log.flush();
        log.appendBatch(fixed(6));
        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
        try (WriteAheadLog reopened = WriteAheadLog.open(after, DIR, OPTIONS)) {
            RecoveryReport report = reopened.recoveryReport();
            assertThat(report.lastLsn()).isEqualTo(5);
            assertThat(report.tailReason()).contains("zero-filled tail");
            assertThat(after.size(segmentFiles(after).getLast())).isEqualTo(SEGMENT_BYTES);
            assertThat(reopened.appendBatch(fixed(6))).isEqualTo(6);
        }
        try (WriteAheadLog reopened = WriteAheadLog.open(after, DIR, OPTIONS)) {
            assertThat(reopened.recoveryReport().tornTail()).isFalse();
            assertThat(readAll(reopened, 1)).hasSize(6);
        }
    }

    /**
     * Records after a cut tail must never come back: recovery cuts at a damaged record although
     * intact ones follow, and appends after recovery reuse the offsets. If recovery left the old
     * bytes behind the new records, a record of the same size would line up the old next one,
     * with the very LSN the scan expects next.
     */
    @Test
    void recordsBeyondACutTailNeverComeBack() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(8);
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
            for (int i = 1; i <= 8; i++) {
                log.appendBatch(put("k" + i, "old"));
            }
        }
        Path segment = segmentFiles(fs).getLast();
        int recordBytes = RecordFormat.batchRecordBytes(put("k1", "old"));
        long sixth = SegmentFile.HEADER_BYTES + 5L * recordBytes;
        fs.flipBits(segment, sixth + 12, 1);
        WriteAheadLog recovered = WriteAheadLog.open(fs, DIR, OPTIONS);
        assertThat(recovered.recoveryReport().tailOffset()).isEqualTo(sixth);
        assertThat(recovered.lastLsn()).isEqualTo(5);
        recovered.awaitDurable(recovered.appendBatch(put("k6", "new")));
        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
        try (WriteAheadLog log = WriteAheadLog.open(after, DIR, OPTIONS)) {
            assertThat(log.lastLsn()).as("%s", log.recoveryReport()).isEqualTo(6);
            assertThat(readAll(log, 6)).containsExactly(
                    LogFixtures.describe(new LogRecord.Batch(6, put("k6", "new"))));
        }
    }

    @Test
    void staleRecordsOfARecycledSegmentAreGarbageToRecovery() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(3);
        WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS);
        for (int i = 1; i <= 60; i++) {
            log.appendBatch(fixed(i));
        }
        log.flush();
        Path oldest = segmentFiles(fs).getFirst();
        int sealed = segmentFiles(fs).size() - 1;
        assertThat(log.removeSegmentsBefore(log.lastLsn())).isEqualTo(sealed);
        assertThat(log.stats().segmentsRecycled()).as("the first one is recycled").isEqualTo(1);
        Path spare = SpareSegment.path(DIR);
        assertThat(fs.exists(spare)).isTrue();
        assertThat(fs.exists(oldest)).isFalse();
        int segmentsBefore = segmentFiles(fs).size();
        long lsn = log.lastLsn();
        while (segmentFiles(fs).size() == segmentsBefore) {
            lsn = log.appendBatch(fixed(lsn + 1));
        }
        log.appendBatch(fixed(lsn + 1));
        log.appendBatch(fixed(lsn + 2));
        log.flush();
        long durable = log.durableLsn();
        assertThat(fs.exists(spare)).as("the rollover installed the recycled file").isFalse();
        SegmentScanner active = scan(fs, segmentFiles(fs).getLast());
        assertThat(active.stoppedAtStaleRecord()).as("%s", active.stopReason()).isTrue();
        StringWriter text = new StringWriter();
        LogInspector.dump(fs, DIR, 1, new PrintWriter(text));
        assertThat(text.toString()).contains("  end offset=" + active.offset() + " stale_bytes=")
                .contains("a record of the file's earlier use").contains("problems=0");

        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
        try (WriteAheadLog reopened = WriteAheadLog.open(after, DIR, OPTIONS)) {
            RecoveryReport report = reopened.recoveryReport();
            assertThat(report.lastLsn()).isEqualTo(durable);
            assertThat(report.tailReason()).contains("was expected");
            List<String> expected = new ArrayList<>();
            for (long i = reopened.firstLsn(); i <= durable; i++) {
                expected.add(LogFixtures.describe(new LogRecord.Batch(i, fixed(i))));
            }
            assertThat(readAll(reopened, reopened.firstLsn())).isEqualTo(expected);
            for (long i = durable + 1; i <= durable + 3; i++) {
                assertThat(reopened.appendBatch(fixed(i))).isEqualTo(i);
            }
        }
        try (WriteAheadLog reopened = WriteAheadLog.open(after, DIR, OPTIONS)) {
            assertThat(reopened.recoveryReport().tornTail()).isFalse();
            assertThat(reopened.lastLsn()).isEqualTo(durable + 3);
        }
    }

    @Test
    void backgroundExecutorPreparesTheSpareAhead() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(4);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            LogOptions options = OPTIONS.withBackgroundFlusher(executor, 200);
            try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, options)) {
                executor.submit(() -> null).get();
                assertThat(fs.exists(SpareSegment.path(DIR))).isTrue();
                for (int i = 1; i <= 100; i++) {
                    log.awaitDurable(log.appendBatch(fixed(i)));
                    executor.submit(() -> null).get();
                }
                assertThat(log.stats().sparesPreparedAhead()).isGreaterThan(2);
                assertThat(fs.size(SpareSegment.path(DIR))).isEqualTo(SEGMENT_BYTES);
            }
            try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
                assertThat(log.recoveryReport().tornTail()).isFalse();
                assertThat(readAll(log, 1)).hasSize(100);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void concurrentCommitsRollOverWhileTheSpareIsPreparedInTheBackground() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(7);
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();
        ExecutorService committers = Executors.newFixedThreadPool(4);
        int perThread = 150;
        try {
            LogOptions options = OPTIONS.withBackgroundFlusher(flusher, 1);
            try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, options)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    done.add(committers.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            log.awaitDurable(log.appendBatch(fixed(thread * 1000 + i)));
                            if (i % 50 == 49) {
                                log.removeSegmentsBefore(log.durableLsn() - 40);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                log.checkInvariants();
                assertThat(log.lastLsn()).isEqualTo(4 * perThread);
                assertThat(log.stats().segmentsRecycled()).isPositive();
            }
            try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
                assertThat(log.recoveryReport().tornTail()).isFalse();
                assertThat(log.lastLsn()).isEqualTo(4 * perThread);
                assertThat(readAll(log, log.firstLsn()))
                        .hasSize((int) (log.lastLsn() - log.firstLsn() + 1));
            }
        } finally {
            committers.shutdownNow();
            flusher.shutdownNow();
        }
    }

    @Test
    void inspectorShowsWhereRecordsEndAndThePreallocatedSpace() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(5);
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
            for (int i = 1; i <= 60; i++) {
                log.appendBatch(fixed(i));
            }
            log.flush();
            assertThat(log.removeSegmentsBefore(20)).isEqualTo(1);
            StringWriter text = new StringWriter();
            LogInspector.dump(fs, DIR, 1, new PrintWriter(text));
            SegmentScanner active = scan(fs, segmentFiles(fs).getLast());
            String output = text.toString();
            assertThat(output)
                    .contains("  end offset=" + active.offset() + " preallocated_bytes="
                            + (SEGMENT_BYTES - active.offset()))
                    .contains("spare spare.wal size_bytes=")
                    .contains("problems=0");
        }
    }

    /** A fresh log whose spare is a recycled segment full of stale records. */
    private static FaultyFileSystem logWithRecycledSpare(long seed) throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
            for (int i = 1; i <= 40; i++) {
                log.appendBatch(fixed(i));
            }
            log.flush();
            log.removeSegmentsBefore(log.lastLsn());
        }
        return fs;
    }

    /**
     * Crashes at every mutating operation of a workload that rolls over into a recycled spare,
     * preallocates a fresh one, trims, and recycles again; every crash mode in turn, and now
     * and then a second crash during recovery (which preallocates the active segment again).
     */
    @Test
    void crashAtEveryStepOfPreallocationAndRecyclingRecovers() throws IOException {
        int crashes = 0;
        for (long n = 0; ; n++) {
            FaultyFileSystem fs = logWithRecycledSpare(100 + n);
            fs.crashAfterOperations(n);
            long durable = 40;
            long attempted = 40;
            boolean crashed = false;
            try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
                for (int i = 0; i < 60; i++) {
                    long lsn = log.appendBatch(fixed(log.lastLsn() + 1));
                    attempted = lsn;
                    if (i % 3 == 0) {
                        log.awaitDurable(lsn);
                        durable = lsn;
                    }
                    if (i % 20 == 19) {
                        log.removeSegmentsBefore(durable);
                    }
                }
            } catch (IOException e) {
                requireSimulatedCrash(e);
                crashed = true;
            }
            if (!crashed) {
                break;
            }
            crashes++;
            CrashMode mode = CrashMode.values()[(int) (n % CrashMode.values().length)];
            FaultyFileSystem after = fs.crash(mode);
            if (n % 4 == 0) {
                after.crashAfterOperations(n % 7);
                try {
                    WriteAheadLog.open(after, DIR, OPTIONS).close();
                } catch (IOException e) {
                    requireSimulatedCrash(e); // during recovery; the next one must cope
                }
                after = after.crash(mode);
            }
            verifyAfterCrash(after, durable, attempted, "crash after " + n + " ops, " + mode);
        }
        assertThat(crashes).as("the sweep crashed at many points").isGreaterThan(50);
    }

    private static void requireSimulatedCrash(IOException e) throws IOException {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SimulatedCrashException) {
                return;
            }
        }
        throw e;
    }

    private static void verifyAfterCrash(FaultyFileSystem fs, long durable, long attempted,
                                         String what) throws IOException {
        long lastLsn;
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
            log.checkInvariants();
            assertThat(log.lastLsn()).as(what).isBetween(durable, attempted);
            try (LogReader reader = log.read(log.firstLsn())) {
                long expected = log.firstLsn();
                for (LogRecord r = reader.next(); r != null; r = reader.next()) {
                    assertThat(LogFixtures.describe(r)).as(what).isEqualTo(
                            LogFixtures.describe(new LogRecord.Batch(expected, fixed(expected))));
                    expected++;
                }
                assertThat(expected - 1).as(what).isEqualTo(log.lastLsn());
            }
            for (int i = 0; i < 3; i++) {
                log.appendBatch(fixed(log.lastLsn() + 1));
            }
            lastLsn = log.lastLsn();
        }
        try (WriteAheadLog log = WriteAheadLog.open(fs, DIR, OPTIONS)) {
            assertThat(log.recoveryReport().tornTail()).as(what).isFalse();
            assertThat(log.lastLsn()).as(what).isEqualTo(lastLsn);
        }
    }

    @Test
    void zeroFillWritesWholeChunks() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(6);
        fs.createDirectories(DIR);
        SpareSegment.prepare(fs, DIR, SpareSegment.ZERO_CHUNK_BYTES + 10);
        try (FileHandle file = fs.openReadOnly(SpareSegment.path(DIR))) {
            assertThat(file.size()).isEqualTo(SpareSegment.ZERO_CHUNK_BYTES + 10);
            ByteBuffer tail = ByteBuffer.allocate(10);
            file.readFully(tail, SpareSegment.ZERO_CHUNK_BYTES);
            assertThat(tail.array()).containsOnly(0);
        }
    }
}
