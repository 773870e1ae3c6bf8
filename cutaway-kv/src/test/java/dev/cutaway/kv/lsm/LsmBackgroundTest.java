package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flushes and compactions on a background executor while readers run: readers never see a
 * batch half-applied or a counter go backwards, cursors stay ordered, files are not deleted
 * under them, and writers stall or slow down instead of letting level 0 grow without bound.
 */
class LsmBackgroundTest {
    private static final Path DIR = Path.of("/db/lsm");
    private static final byte[] COUNTER_A = "counter-a".getBytes();
    private static final byte[] COUNTER_B = "counter-b".getBytes();
    private ScheduledExecutorService background;
    private ExecutorService readers;

    @BeforeEach
    void start() {
        background = Executors.newScheduledThreadPool(1);
        readers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        readers.shutdownNow();
    }

    private static byte[] longValue(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    @Test
    void readersSeeWholeBatchesWhileBackgroundWorkRuns() throws Exception {
        readersSeeWholeBatches(LsmModel.seed(5));
    }

    /**
     * Regression (LsmEngine invariant 5): a reader that took its snapshot before pinning its
     * view could find a key gone, when a flush and a compaction in between kept only versions
     * newer than the snapshot. Several seeds, since it depends on timing.
     */
    @Test
    void aKeyNeverVanishesWhileFlushesAndCompactionsRunTogether() throws Exception {
        int rounds = Boolean.getBoolean("cutaway.soak") ? 200 : 6;
        for (int round = 0; round < rounds; round++) {
            readersSeeWholeBatches(LsmModel.seed(1000 + round));
            background.shutdownNow();
            readers.shutdownNow();
            start();
        }
    }

    private void readersSeeWholeBatches(long seed) throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(DIR);
        LsmModel m = new LsmModel(400);
        try (LsmEngine engine = LsmEngine.open(fs, DIR, LsmOptions.tiny(), background)) {
            AtomicBoolean done = new AtomicBoolean();
            List<Future<Integer>> results = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                results.add(readers.submit(() -> readLoop(engine, done)));
            }
            SplittableRandom random = new SplittableRandom(seed);
            for (long i = 1; i <= 4000; i++) {
                WriteBatch b = m.randomBatch(random);
                b.put(COUNTER_A, longValue(i)).put(COUNTER_B, longValue(i));
                m.apply(engine, b);
                if (i % 500 == 0) {
                    engine.checkpoint();
                }
            }
            done.set(true);
            for (Future<Integer> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).as("seed %d", seed).isPositive();
            }
            assertThat(engine.checkpoint()).isEqualTo(4000);
            m.assertMatches(engine, m.model, "seed " + seed);
            engine.checkInvariants();
            assertThat(engine.stats().get("flushes")).isGreaterThan(20);
            assertThat(engine.stats().get("compactions")).isPositive();
        }
    }

    /** Counters A and B are written in the same batch: a reader must see them equal. */
    private static int readLoop(LsmEngine engine, AtomicBoolean done) throws Exception {
        long last = -1;
        int rounds = 0;
        while (!done.get()) {
            try (KvCursor c = engine.cursor(COUNTER_A, null, true)) {
                byte[] previous = null;
                long a = -1;
                long b = -1;
                while (c.next()) {
                    if (previous != null) {
                        assertThat(Arrays.compareUnsigned(previous, c.key())).isNegative();
                    }
                    previous = c.key();
                    if (Arrays.equals(c.key(), COUNTER_A)) {
                        a = ByteBuffer.wrap(c.value()).getLong();
                    } else if (Arrays.equals(c.key(), COUNTER_B)) {
                        b = ByteBuffer.wrap(c.value()).getLong();
                    }
                }
                assertThat(a).as("one batch, one snapshot").isEqualTo(b);
                assertThat(a).as("counters never go back").isGreaterThanOrEqualTo(last);
                last = Math.max(last, a);
            }
            byte[] v = engine.get(COUNTER_A);
            if (v != null) {
                assertThat(ByteBuffer.wrap(v).getLong()).isGreaterThanOrEqualTo(last);
            }
            rounds++;
        }
        return rounds;
    }

    @Test
    void writesStallOrSlowDownWhenCompactionFallsBehind() throws Exception {
        LsmOptions slow = new LsmOptions(4096, 1, 256, 4, 10, 2048, 8192, 4, 5, 2, 3, 4,
                LsmOptions.CompactionStyle.LEVELED, 3, 64 * 1024, 0, LsmOptions.Compression.NONE,
                null);
        FaultyFileSystem fs = new FaultyFileSystem(11);
        fs.createDirectories(DIR);
        LsmModel m = new LsmModel(2000);
        SplittableRandom random = new SplittableRandom(11);
        try (LsmEngine engine = LsmEngine.open(fs, DIR, slow, background)) {
            for (int i = 0; i < 2000 && engine.stats().get("stalls")
                    + engine.stats().get("slowdowns") < 5; i++) {
                m.apply(engine, m.randomBatch(random));
                assertThat(engine.stats().get("level0_files")).isLessThanOrEqualTo(4);
                assertThat(engine.stats().get("immutable_memtables")).isLessThanOrEqualTo(1);
            }
            assertThat(engine.stats().get("stalls") + engine.stats().get("slowdowns"))
                    .isPositive();
            assertThat(engine.stats().get("stall_time_micros")
                    + engine.stats().get("slowdown_time_micros")).isPositive();
            engine.checkpoint();
            m.assertMatches(engine, m.model, "after stalls");
        }
    }

    @Test
    void closeCancelsAJobThatHasNotStarted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        background.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        FaultyFileSystem fs = new FaultyFileSystem(12);
        fs.createDirectories(DIR);
        LsmModel m = new LsmModel(100);
        SplittableRandom random = new SplittableRandom(12);
        LsmEngine engine = LsmEngine.open(fs, DIR, LsmOptions.tiny(), background);
        while (engine.stats().get("immutable_memtables") == 0) {
            m.apply(engine, m.randomBatch(random));
        }
        engine.close(); // the queued flush never started: close must not wait for it
        release.countDown();
        try (LsmEngine reopened = LsmEngine.open(fs, DIR, LsmOptions.tiny(), null)) {
            m.replay(reopened);
            m.assertMatches(reopened, m.model, "after reopen");
        }
    }

    @Test
    void aRejectingExecutorFailsTheEngineInsteadOfHangingIt() throws Exception {
        ScheduledExecutorService dead = Executors.newScheduledThreadPool(1);
        dead.shutdownNow();
        FaultyFileSystem fs = new FaultyFileSystem(13);
        fs.createDirectories(DIR);
        LsmModel m = new LsmModel(100);
        SplittableRandom random = new SplittableRandom(13);
        LsmEngine engine = LsmEngine.open(fs, DIR, LsmOptions.tiny(), dead);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10_000; i++) {
                m.apply(engine, m.randomBatch(random));
            }
        }).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> engine.apply(new WriteBatch().put(COUNTER_A, COUNTER_B), 99_999))
                .isInstanceOf(IOException.class).hasMessageContaining("failed");
        engine.close();
    }
}
