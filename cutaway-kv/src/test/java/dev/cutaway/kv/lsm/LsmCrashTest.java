package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FaultyFileSystem.CrashMode;
import dev.cutaway.io.FaultyFileSystem.DirectoryCrashMode;
import dev.cutaway.io.SimulatedCrashException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Power loss at a random file-system operation of a write workload (flushes, compactions,
 * manifest edits, checkpoints), under every crash mode. After recovery the engine must open,
 * hold exactly the model as of its checkpointLsn (at least the last acknowledged checkpoint),
 * keep its invariants, and after replaying the log hold the whole model. The test also proves
 * that some crashes hit the middle of a flush and some the middle of a compaction; the
 * manifest is rolled over every few edits, so crashes hit those switches too.
 */
class LsmCrashTest {
    private static final Path DIR = Path.of("/db/lsm");
    /** Crash points per mode and style; {@code -Dcutaway.soak=true} runs 25 times as many. */
    private static final int TRIALS = Boolean.getBoolean("cutaway.soak") ? 1000 : 40;

    @ParameterizedTest
    @EnumSource(CrashMode.class)
    void recoveryHoldsTheModelAsOfCheckpointLsn(CrashMode mode) throws Exception {
        for (LsmOptions.CompactionStyle style : LsmOptions.CompactionStyle.values()) {
            long cleanOps = cleanRunOperations(style);
            int inFlush = 0;
            int inCompaction = 0;
            for (int trial = 0; trial < TRIALS; trial++) {
                long seed = LsmModel.seed(1000L * mode.ordinal() + trial + 31L * style.ordinal());
                try {
                    String where = crashAndRecover(seed, style, mode, cleanOps);
                    inFlush += where.equals("flush") ? 1 : 0;
                    inCompaction += where.equals("compaction") ? 1 : 0;
                } catch (AssertionError | Exception e) {
                    throw new AssertionError("failed with -Dcutaway.seed=" + seed + " (" + mode
                            + ", " + style + "): " + e, e);
                }
            }
            assertThat(inFlush).as("crashes inside a flush").isGreaterThan(0);
            assertThat(inCompaction).as("crashes inside a compaction").isGreaterThan(0);
        }
    }

    private static LsmOptions options(LsmOptions.CompactionStyle style) {
        return LsmOptions.tiny().withStyle(style);
    }

    private long cleanRunOperations(LsmOptions.CompactionStyle style) throws Exception {
        FaultyFileSystem fs = newFileSystem(1);
        LsmModel m = new LsmModel(200);
        long[] lastCheckpoint = new long[1];
        workload(fs, new SplittableRandom(1), m, style, lastCheckpoint);
        return fs.mutatingOperationCount();
    }

    private static FaultyFileSystem newFileSystem(long seed) throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(DIR);
        fs.syncDirectory(DIR.getParent());
        fs.syncDirectory(DIR.getParent().getParent());
        return fs;
    }

    /** 600 batches with a checkpoint every 40; records the last acknowledged checkpoint. */
    private static void workload(FaultyFileSystem fs, SplittableRandom random, LsmModel m,
            LsmOptions.CompactionStyle style, long[] lastCheckpoint) throws IOException {
        LsmEngine engine = LsmModel.open(fs, DIR, options(style));
        engine.versions().manifestRollBytes = 3000; // crash points include manifest rolls
        for (int i = 0; i < 600; i++) {
            m.apply(engine, m.randomBatch(random));
            if (i % 40 == 39) {
                lastCheckpoint[0] = engine.checkpoint();
            }
        }
        engine.close();
    }

    /** @return where the crash hit: "flush", "compaction" or "other" */
    private String crashAndRecover(long seed, LsmOptions.CompactionStyle style, CrashMode mode,
            long cleanOps) throws Exception {
        FaultyFileSystem fs = newFileSystem(seed);
        long crashAt = fs.crashAtRandomOperation(cleanOps);
        LsmModel m = new LsmModel(200);
        long[] lastCheckpoint = new long[1];
        String where = "none";
        try {
            workload(fs, new SplittableRandom(seed), m, style, lastCheckpoint);
        } catch (SimulatedCrashException e) {
            where = Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName()
                    .equals("compactOnce")) ? "compaction"
                    : Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName()
                    .equals("flushOldest")) ? "flush" : "other";
        }
        DirectoryCrashMode dirMode = seed % 2 == 0 ? DirectoryCrashMode.UNDO_UNSYNCED
                : DirectoryCrashMode.RANDOM_UNSYNCED;
        FaultyFileSystem recovered = fs.crash(mode, dirMode);
        try (LsmEngine engine = LsmModel.open(recovered, DIR, options(style))) {
            long checkpoint = engine.checkpointLsn();
            assertThat(checkpoint).as("crash at op " + crashAt)
                    .isGreaterThanOrEqualTo(lastCheckpoint[0])
                    .isLessThanOrEqualTo(m.log.size());
            engine.checkInvariants();
            m.assertMatches(engine, m.modelAt(checkpoint), "crash at op " + crashAt
                    + ", checkpoint " + checkpoint);
            m.replay(engine);
            m.assertMatches(engine, m.model, "after replay");
            engine.checkpoint();
            engine.checkInvariants();
        }
        return where;
    }
}
