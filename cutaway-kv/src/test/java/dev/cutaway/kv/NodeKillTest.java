package dev.cutaway.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.kv.lsm.LsmOptions;
import dev.cutaway.log.LogOptions;



import java.nio.file.Path;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a real process shows: a child JVM writes synchronously to a real directory and is
 * killed with SIGKILL at random moments (page cache intact, process state gone). After each
 * kill the node reopens and must hold every batch the child acknowledged, and exactly the state
 * of the prefix its {@code #count} key names. The child continues from there the next time, so
 * later rounds also recover from recoveries.
 */
class NodeKillTest {
    private static final int KILLS = Integer.getInteger("cutaway.kill.rounds", 20);

    static NodeOptions options(EngineKind engine) {
        return NodeOptions.defaults()
                .withEngine(engine)
                .withLsm(LsmOptions.defaults().withMemtableBytesMax(32 * 1024))
                .withLog(new LogOptions(64 * 1024, 32 * 1024, 200, null))
                .withBTree(BTreeOptions.defaults().withBufferPoolFrames(64))
                .withCheckpointLogBytes(48 * 1024);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sigkillNeverLosesAcknowledgedWork(EngineKind engine, @TempDir Path dir)
            throws Exception {
        long seed = Long.getLong("cutaway.seed", new SplittableRandom().nextLong(1L << 40));
        SplittableRandom random = new SplittableRandom(seed);
        Workload work = new Workload(seed, 300);
        long ackedTotal = 0;
        for (int round = 0; round < KILLS; round++) {
            long acked = runAndKill(engine, dir, seed, 50 + random.nextInt(400));
            ackedTotal = Math.max(ackedTotal, acked);
            try (Node node = Node.open(new RealFileSystem(), dir, options(engine))) {
                node.engine().checkInvariants();
                long count = Workload.countIn(node.engine());
                assertThat(count).as("round %d, seed %d: batches recovered", round, seed)
                        .isGreaterThanOrEqualTo(ackedTotal);
                String diff = Workload.difference(work.stateAfter(count),
                        Workload.contents(node.engine()));
                assertThat(diff).as("round %d, seed %d: state after %d batches", round, seed,
                        count).isNull();
                ackedTotal = count;
            }
        }
        assertThat(ackedTotal).as("the children made progress").isGreaterThan(KILLS);
    }

    /** Starts the writer, lets it run {@code millis} after its first ack, kills it. */
    private static long runAndKill(EngineKind engine, Path dir, long seed, long millis)
            throws Exception {
        return KilledChild.runAndKill(KillWriter.class,
                List.of(dir.toString(), Long.toString(seed), "300", engine.name()), millis);
    }
}
