package dev.cutaway.log;

import static dev.cutaway.log.LogFixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FileSystem;
import dev.cutaway.io.RealFileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void concurrentCommittersShareFsyncs() throws Exception {
        int threads = 8;
        int commitsPerThread = 200;
        FileSystem fs = new SlowSyncFileSystem(new RealFileSystem(), 300);
        ConcurrentLinkedQueue<Long> committed = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (WriteAheadLog log = WriteAheadLog.open(fs, dir, LogOptions.defaults())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < commitsPerThread; i++) {
                        long lsn = log.appendBatch(put("t" + thread, "commit" + i));
                        log.awaitDurable(lsn);
                        assertThat(log.durableLsn()).isGreaterThanOrEqualTo(lsn);
                        committed.add(lsn);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            int commits = threads * commitsPerThread;
            assertThat(committed).hasSize(commits).doesNotHaveDuplicates()
                    .allMatch(lsn -> lsn >= 1 && lsn <= commits);
            LogStats stats = log.stats();
            System.out.println("group commit: " + stats);
            assertThat(stats.recordsAppended()).isEqualTo(commits);
            assertThat(stats.lastLsn()).isEqualTo(commits);
            assertThat(stats.durableLsn()).isEqualTo(commits);
            assertThat(stats.fsyncs()).as("group commit shares syncs: %s", stats)
                    .isLessThan(commits);
            assertThat(stats.flushes()).isLessThanOrEqualTo(stats.fsyncs());
            assertThat(stats.recordsPerFlushMax()).isGreaterThan(1);
            assertThat(stats.recordsPerFlushMean() * stats.flushes())
                    .isCloseTo(commits, Offset.offset(0.5));
            assertThat(LogFixtures.readAll(log, 1)).hasSize(commits);
            log.checkInvariants();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tinyBufferAppliesBackPressureWithoutSyncing() throws IOException {
        LogOptions options = LogOptions.defaults().withBufferBytesMax(LogOptions.BUFFER_BYTES_MIN);
        try (WriteAheadLog log = WriteAheadLog.open(new RealFileSystem(), dir, options)) {
            for (int i = 1; i <= 100; i++) {
                log.appendBatch(put("key" + i, "value" + i));
                log.checkInvariants();
            }
            LogStats stats = log.stats();
            assertThat(stats.flushes()).as("each full buffer is written out").isGreaterThan(90);
            assertThat(stats.fsyncs()).as("back-pressure writes, it does not sync").isZero();
            assertThat(log.durableLsn()).isZero();
            log.flush();
            assertThat(log.stats().fsyncs()).isEqualTo(1);
            assertThat(LogFixtures.readAll(log, 1)).hasSize(100);
        }
    }

    @Test
    void backgroundFlushMakesAnUnawaitedAppendDurable() throws Exception {
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor();
        try {
            LogOptions options = LogOptions.defaults().withBackgroundFlusher(flusher, 20);
            try (WriteAheadLog log = WriteAheadLog.open(new RealFileSystem(), dir, options)) {
                long lsn = log.appendBatch(put("async", "commit"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (log.durableLsn() < lsn && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(log.durableLsn()).isEqualTo(lsn);
                assertThat(log.stats().fsyncs()).isEqualTo(1);
                long second = log.appendBatch(put("async", "again"));
                flusher.submit(() -> null).get();
                while (log.durableLsn() < second && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(log.durableLsn()).isEqualTo(second);
            }
        } finally {
            flusher.shutdownNow();
        }
    }

    @Test
    void failedWriteFailsTheLogUntilReopened() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(7);
        Path logDir = Path.of("/full/log");
        // Appends overwrite preallocated space, so the disk fills up when the log needs a new
        // segment: a record larger than the preallocated rest forces one.
        LogOptions options = LogOptions.defaults().withSegmentSizeBytes(4096);
        WriteAheadLog log = WriteAheadLog.open(fs, logDir, options);
        log.appendBatch(put("fits", "yes"));
        log.flush();
        fs.limitTotalBytes(fs.totalBytes() + 10);
        assertThatThrownBy(() -> log.appendBatch(put("does not fit", "n".repeat(5000))))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left");
        assertThatThrownBy(() -> log.appendBatch(put("after", "failure")))
                .isInstanceOf(IOException.class).hasMessageContaining("failed earlier")
                .cause().hasMessageContaining("No space left");
        assertThatThrownBy(log::close).isInstanceOf(IOException.class);
        fs.limitTotalBytes(Long.MAX_VALUE);
        try (WriteAheadLog reopened = WriteAheadLog.open(fs, logDir, options)) {
            assertThat(reopened.lastLsn()).isEqualTo(1);
            assertThat(reopened.appendBatch(put("again", "ok"))).isEqualTo(2);
        }
    }
}
