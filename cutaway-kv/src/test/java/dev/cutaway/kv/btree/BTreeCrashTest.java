package dev.cutaway.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.SimulatedCrashException;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Power loss at a random mutating file operation (inside applies that evict dirty pages, inside
 * checkpoints: free list, page flush, syncs, meta write), under every crash mode: the reopened
 * engine must equal the model at the last completed checkpoint, or at the interrupted one if
 * its meta reached the disk, and pass its invariant checks. A failure prints its seed;
 * {@code -Dcutaway.seed=N} replays it ({@code -Dcutaway.crash.iterations=N} runs more).
 */
class BTreeCrashTest {
    private static final Path DIR = Path.of("/db");
    private static final Path FILE = DIR.resolve("btree.db");

    @Test
    void reopenAfterCrashAtAnyOperationEqualsACheckpoint() throws IOException {
        Long fixed = Long.getLong("cutaway.seed");
        int iterations = fixed != null ? 1 : Integer.getInteger("cutaway.crash.iterations", 300);
        long base = fixed != null ? fixed : new SplittableRandom().nextLong();
        int[] outcomes = new int[3]; // no crash, crash in an apply, crash in a checkpoint
        for (int i = 0; i < iterations; i++) {
            long seed = base + i;
            try {
                outcomes[runOnce(seed)]++;
            } catch (AssertionError | RuntimeException | IOException e) {
                throw new AssertionError("crash test failed with seed " + seed
                        + " (replay with -Dcutaway.seed=" + seed + "): " + e, e);
            }
        }
        System.out.println("crash test base seed " + base + ": outcomes (none, in apply, in "
                + "checkpoint) " + Arrays.toString(outcomes));
        if (fixed == null) {
            assertThat(outcomes[1]).as("crashes inside applies %s", Arrays.toString(outcomes))
                    .isGreaterThan(iterations / 20);
            assertThat(outcomes[2]).as("crashes inside checkpoints %s",
                    Arrays.toString(outcomes)).isGreaterThan(iterations / 10);
        }
    }

    @Test
    void crashWhileCreatingTheFileLeavesNothingOrAnEmptyTree() throws IOException {
        for (int ops = 0; ops < 12; ops++) {
            for (FaultyFileSystem.DirectoryCrashMode dirs
                    : FaultyFileSystem.DirectoryCrashMode.values()) {
                FaultyFileSystem fs = new FaultyFileSystem(ops);
                fs.createDirectories(DIR);
                fs.syncDirectory(Path.of("/"));
                fs.crashAfterOperations(ops);
                try (BTreeEngine e = BTreeEngine.open(fs, FILE, BTreeOptions.defaults())) {
                    assertThat(e.checkpointLsn()).isZero();
                } catch (SimulatedCrashException expected) {
                    // the power goes out during creation
                }
                FaultyFileSystem image = fs.crash(FaultyFileSystem.CrashMode.RANDOM_UNSYNCED,
                        dirs);
                try (BTreeEngine e = BTreeEngine.open(image, FILE, BTreeOptions.defaults())) {
                    assertThat(e.checkpointLsn()).as("ops %d, %s", ops, dirs).isZero();
                    e.apply(new WriteBatch().put(new byte[] {1}, new byte[] {2}), 1);
                    e.checkpoint();
                    e.checkInvariants();
                }
            }
        }
    }

    private static int runOnce(long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(DIR);
        fs.syncDirectory(Path.of("/"));
        BTreeOptions options = BTreeOptions.defaults().withBufferPoolFrames(16);
        BTreeEngine engine = BTreeEngine.open(fs, FILE, options);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        long lsn = 0;
        for (int step = 0; step < 5; step++) {
            engine.apply(randomBatch(random, model), ++lsn);
        }
        engine.checkpoint();
        NavigableMap<byte[], byte[]> durable = new TreeMap<>(model);
        long durableLsn = lsn;
        NavigableMap<byte[], byte[]> inProgress = null;
        long inProgressLsn = -1;
        fs.crashAfterOperations(random.nextLong(200));
        int outcome = 0;
        try {
            for (int step = 0; step < 40; step++) {
                engine.apply(randomBatch(random, model), ++lsn);
                if (random.nextInt(6) == 0) {
                    inProgress = new TreeMap<>(model);
                    inProgressLsn = lsn;
                    engine.checkpoint();
                    durable = inProgress;
                    durableLsn = lsn;
                    inProgress = null;
                }
            }
        } catch (SimulatedCrashException expected) {
            outcome = inProgress != null ? 2 : 1; // the power goes out here
        }
        FaultyFileSystem.CrashMode mode =
                FaultyFileSystem.CrashMode.values()[(int) Math.floorMod(seed, 4L)];
        FaultyFileSystem image = fs.crash(mode);
        try (BTreeEngine reopened = BTreeEngine.open(image, FILE, options)) {
            long at = reopened.checkpointLsn();
            boolean newer = inProgress != null && at == inProgressLsn;
            assertThat(at == durableLsn || newer)
                    .as("checkpoint LSN %d is %d or the interrupted %d (mode %s)", at,
                            durableLsn, inProgressLsn, mode).isTrue();
            reopened.checkInvariants();
            assertEquals(reopened, newer ? inProgress : durable);
            reopened.apply(randomBatch(random, newer ? inProgress : durable), at + 1);
            reopened.checkpoint();
            reopened.checkInvariants();
        }
        return outcome;
    }

    private static WriteBatch randomBatch(SplittableRandom random,
            NavigableMap<byte[], byte[]> model) {
        WriteBatch batch = new WriteBatch();
        int n = 1 + random.nextInt(25);
        for (int i = 0; i < n; i++) {
            byte[] key = String.format("key%05d", random.nextInt(600)).getBytes();
            if (random.nextInt(4) == 0) {
                batch.delete(key);
                model.remove(key);
            } else {
                int size = random.nextInt(20) == 0 ? 3000 + random.nextInt(20_000)
                        : random.nextInt(400);
                byte[] value = new byte[size];
                random.nextBytes(value);
                batch.put(key, value);
                model.put(key, value);
            }
        }
        return batch;
    }

    private static void assertEquals(BTreeEngine engine, NavigableMap<byte[], byte[]> model)
            throws IOException {
        var it = model.entrySet().iterator();
        try (KvCursor c = engine.cursor(null, null, true)) {
            while (c.next()) {
                assertThat(it.hasNext()).as("extra key %s", new String(c.key())).isTrue();
                var e = it.next();
                assertThat(c.key()).isEqualTo(e.getKey());
                assertThat(c.value()).isEqualTo(e.getValue());
            }
        }
        assertThat(it.hasNext()).as("keys missing after recovery").isFalse();
    }
}
