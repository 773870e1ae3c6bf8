package dev.cutaway.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.SimulatedCrashException;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.kv.lsm.LsmOptions;
import dev.cutaway.log.LogOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crashes a whole node (log + B+tree) at random points through the fault-injecting file system
 * and checks what recovery brings back:
 * <ul>
 *   <li>every batch acknowledged under synchronous commit is present;</li>
 *   <li>no batch is partially applied: the state equals exactly the state after some prefix of
 *       the batches attempted (the {@code #count} key names which prefix);</li>
 *   <li>under synchronous commit off, the state is still such a prefix (work may be lost,
 *       consistency never), and includes everything made durable by flush or checkpoint;</li>
 *   <li>the B+tree's structural invariants hold, and the node keeps working after recovery.</li>
 * </ul>
 * {@code -Dcutaway.crash.iterations=N} changes the number of crash points (default 1,000, the
 * issue's floor); {@code -Dcutaway.seed=S} replays one failing iteration.
 */
class NodeCrashTest {
    private static final Path DIR = Path.of("/node");
    private static final FaultyFileSystem.CrashMode[] MODES = FaultyFileSystem.CrashMode.values();

    static NodeOptions smallNode(EngineKind engine, boolean sync) {
        // Tiny pool, memtables, segments and checkpoint interval: evictions, flushes,
        // compactions, rollovers, checkpoints and segment removal all happen within a few
        // hundred batches.
        return NodeOptions.defaults()
                .withEngine(engine)
                .withLsm(LsmOptions.tiny())
                .withSynchronousCommit(sync)
                .withLog(new LogOptions(16 * 1024, 8 * 1024, 200, null))
                .withBTree(BTreeOptions.defaults().withBufferPoolFrames(24))
                .withCheckpointLogBytes(12 * 1024);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void recoveryKeepsAcknowledgedBatchesAndNoPartialOnes(EngineKind engine) throws Exception {
        long replay = Long.getLong("cutaway.seed", -1);
        int crashPoints = Integer.getInteger("cutaway.crash.iterations", 1000);
        long base = new SplittableRandom().nextLong(1L << 40);
        int hit = 0;
        int iterations = 0;
        // Iterate until the required number of crash points were hit in the middle of work
        // (an iteration whose workload finished first still crashes, but does not count).
        while (hit < (replay >= 0 ? 1 : crashPoints) && iterations < 3 * crashPoints) {
            long seed = replay >= 0 ? replay : base + iterations;
            iterations++;
            try {
                hit += crashOnce(engine, seed) ? 1 : 0;
            } catch (Throwable t) {
                throw new AssertionError("crash iteration failed; replay with -Dcutaway.seed="
                        + seed, t);
            }
            if (replay >= 0) {
                return;
            }
        }
        assertThat(hit).as("crash points hit in %d iterations", iterations)
                .isGreaterThanOrEqualTo(crashPoints);
    }

    /** One seeded run; returns whether the crash point was hit during the work. */
    private static boolean crashOnce(EngineKind engine, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        boolean sync = r.nextInt(4) != 0;
        Workload work = new Workload(seed, 40 + r.nextInt(400));
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.crashAfterOperations(1 + r.nextInt(r.nextBoolean() ? 300 : 3000));
        long attempted = 0;
        long acked = 0;
        long durable = 0;   // batches made durable by an explicit flush or checkpoint
        boolean hit = false;
        try {
            Node node = Node.open(fs, DIR, smallNode(engine, sync));
            for (long i = 1; i <= 400; i++) {
                attempted = i;
                node.write(work.batch(i));
                acked = i;
                int action = r.nextInt(40);
                if (action == 0) {
                    node.checkpoint();
                    durable = i;
                } else if (action == 1) {
                    node.flush();
                    durable = i;
                }
            }
            // No crash point reached: the power fails now, with everything as it is.
        } catch (SimulatedCrashException expected) {
            hit = true;
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof SimulatedCrashException)) {
                throw e;
            }
            hit = true;
        }
        FaultyFileSystem after = fs.crash(MODES[r.nextInt(MODES.length)]);
        long mustHave = sync ? acked : durable;
        long count = verifyRecovered(engine, after, work, mustHave, attempted, sync);
        // Recovery is repeatable and the node keeps working after it.
        try (Node reopened = Node.open(after, DIR, smallNode(engine, sync))) {
            for (long i = count + 1; i <= count + 5; i++) {
                reopened.write(work.batch(i));
            }
        }
        verifyRecovered(engine, after, work, count + 5, count + 5, sync);
        return hit;
    }

    /** Reopens the node and checks the state is an exact prefix within bounds; returns it. */
    private static long verifyRecovered(EngineKind engine, FaultyFileSystem fs, Workload work,
            long mustHave, long mayHave, boolean sync) throws IOException {
        try (Node node = Node.open(fs, DIR, smallNode(engine, sync))) {
            node.engine().checkInvariants();
            long count = Workload.countIn(node.engine());
            assertThat(count).as("batches recovered (sync=%s)", sync)
                    .isBetween(mustHave, mayHave);
            TreeMap<byte[], byte[]> expected = work.stateAfter(count);
            String diff = Workload.difference(expected, Workload.contents(node.engine()));
            assertThat(diff).as("state after recovering %d batches", count).isNull();
            return count;
        }
    }
}
