package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random puts, deletes and overwrites against a TreeMap, with memtables so small that flushes
 * and compactions (leveled and tiered) happen every few batches, plus checkpoints, reopens with
 * log replay, bounded scans in both directions, and invariant checks. No key may be lost or
 * resurrected. A failure names its seed; {@code -Dcutaway.seed=N} replays it.
 */
class LsmEngineModelTest {
    private static final Path DIR = Path.of("/db/lsm");

    @ParameterizedTest
    @EnumSource(LsmOptions.CompactionStyle.class)
    void noKeyIsLostOrResurrectedAcrossFlushesAndCompactions(LsmOptions.CompactionStyle style)
            throws Exception {
        long seeds = Boolean.getBoolean("cutaway.soak") ? 200 : 4;
        for (long s = 1; s <= seeds; s++) {
            long seed = LsmModel.seed(s * 7919 + style.ordinal());
            try {
                run(seed, style);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("failed with -Dcutaway.seed=" + seed + ": " + e, e);
            }
        }
    }

    private void run(long seed, LsmOptions.CompactionStyle style) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(DIR);
        LsmOptions options = LsmOptions.tiny().withStyle(style).withCompression(
                seed % 2 == 0 ? LsmOptions.Compression.LZ4 : LsmOptions.Compression.NONE);
        LsmModel m = new LsmModel(300);
        LsmEngine engine = LsmModel.open(fs, DIR, options);
        long flushes = 0;
        long compactions = 0;
        try {
            for (int step = 0; step < 2500; step++) {
                int op = random.nextInt(1000);
                if (op < 900) {
                    m.apply(engine, m.randomBatch(random));
                } else if (op < 930) {
                    assertThat(engine.checkpoint()).isEqualTo(engine.appliedLsn());
                } else if (op < 945) {
                    flushes += engine.stats().get("flushes");
                    compactions += engine.stats().get("compactions");
                    engine.close();
                    engine = LsmModel.open(fs, DIR, options);
                    assertThat(engine.checkpointLsn()).isLessThanOrEqualTo(m.log.size());
                    m.replay(engine);
                } else if (op < 990) {
                    byte[] low = random.nextBoolean() ? null : LsmModel.key(random.nextInt(300));
                    byte[] high = random.nextBoolean() ? null
                            : LsmModel.key(random.nextInt(300));
                    boolean asc = random.nextBoolean();
                    assertThat(LsmModel.scan(engine, low, high, asc)).as("scan at " + step)
                            .isEqualTo(LsmModel.expected(m.model, low, high, asc));
                } else {
                    engine.checkInvariants();
                }
            }
            m.assertMatches(engine, m.model, "end");
            engine.checkInvariants();
            assertThat(flushes + engine.stats().get("flushes")).isGreaterThan(10);
            assertThat(compactions + engine.stats().get("compactions")).isGreaterThan(3);
            engine.checkpoint();
            engine.close();
            engine = LsmModel.open(fs, DIR, options);
            m.assertMatches(engine, m.model, "after reopen");
            engine.checkInvariants();
        } finally {
            engine.close();
        }
    }
}
