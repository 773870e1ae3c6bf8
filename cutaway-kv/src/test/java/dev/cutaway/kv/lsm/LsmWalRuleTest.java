package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The WAL rule (node invariant 2) for automatic flushes: the engine's durable image never runs
 * ahead of the log's durable LSN, inline or in the background; checkpoint() still flushes all.
 */
class LsmWalRuleTest {
    private static final Path DIR = Path.of("/db/lsm");

    @Test
    void automaticFlushesWaitForTheLog() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(1);
        fs.createDirectories(DIR);
        AtomicLong durable = new AtomicLong();
        LsmModel m = new LsmModel(200);
        SplittableRandom random = new SplittableRandom(1);
        try (LsmEngine engine = LsmEngine.open(fs, DIR, LsmOptions.tiny(), null, durable::get)) {
            for (int i = 0; i < 300; i++) {
                m.apply(engine, m.randomBatch(random));
                assertThat(engine.checkpointLsn()).isLessThanOrEqualTo(durable.get());
                if (i == 150) {
                    durable.set(100);
                }
            }
            assertThat(engine.stats().get("flushes_waiting_for_log")).isPositive();
            assertThat(engine.checkpointLsn()).isPositive().isLessThanOrEqualTo(100);
            durable.set(300);
            assertThat(engine.checkpoint()).isEqualTo(300);
            m.assertMatches(engine, m.model, "after checkpoint");
            engine.checkInvariants();
        }
    }

    @Test
    void backgroundFlushesPollUntilTheLogCatchesUp() throws Exception {
        ScheduledExecutorService background = Executors.newScheduledThreadPool(1);
        try {
            FaultyFileSystem fs = new FaultyFileSystem(2);
            fs.createDirectories(DIR);
            AtomicLong durable = new AtomicLong();
            LsmModel m = new LsmModel(200);
            SplittableRandom random = new SplittableRandom(2);
            LsmOptions options = LsmOptions.tiny();
            try (LsmEngine engine = LsmEngine.open(fs, DIR, options, background, durable::get)) {
                for (int i = 0; i < 200; i++) {
                    durable.set(Math.max(0, i - 20));
                    m.apply(engine, m.randomBatch(random));
                    assertThat(engine.checkpointLsn()).isLessThanOrEqualTo(durable.get());
                }
                durable.set(200);
                assertThat(engine.checkpoint()).isEqualTo(200);
                m.assertMatches(engine, m.model, "background");
                engine.checkInvariants();
            }
        } finally {
            background.shutdownNow();
        }
    }
}
