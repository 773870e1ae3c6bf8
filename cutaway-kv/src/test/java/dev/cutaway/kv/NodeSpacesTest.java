package dev.cutaway.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.io.SimulatedCrashException;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Key spaces: a node with one engine per space (tables will choose B+tree or LSM), batches that
 * span spaces applied atomically, spaces that survive restarts and crashes, idle spaces that do
 * not pin the log.
 */
class NodeSpacesTest {
    private static final Path DIR = Path.of("/spaces");
    private static final int LATE_SPACE_AT = 60;

    @TempDir
    Path tmp;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void spacesHoldTheirOwnKeysAndSurviveARestart() throws IOException {
        Path dir = tmp.resolve("n");
        try (Node node = Node.open(new RealFileSystem(), dir, NodeOptions.defaults())) {
            int lsm = node.createSpace(EngineKind.LSM);
            int btree = node.createSpace(EngineKind.BTREE);
            assertThat(lsm).isEqualTo(1);
            assertThat(btree).isEqualTo(2);
            node.write(new WriteBatch().put(b("k"), b("zero")).put(lsm, b("k"), b("one"))
                    .put(btree, b("k"), b("two")));
            assertThat(node.get(b("k"))).isEqualTo(b("zero"));
            assertThat(node.get(lsm, b("k"))).isEqualTo(b("one"));
            assertThat(node.get(btree, b("k"))).isEqualTo(b("two"));
            assertThatThrownBy(() -> node.write(new WriteBatch().put(7, b("k"), b("x"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7");
            node.write(new WriteBatch().delete(lsm, b("k")));   // still usable
            assertThat(node.stats()).containsKey("space.1.applied_lsn");
        }
        try (Node node = Node.open(new RealFileSystem(), dir, NodeOptions.defaults())) {
            assertThat(node.spaces()).containsOnlyKeys(0, 1, 2);
            assertThat(node.spaces().get(1).kind()).isEqualTo(EngineKind.LSM);
            assertThat(node.spaces().get(2).kind()).isEqualTo(EngineKind.BTREE);
            assertThat(node.get(1, b("k"))).isNull();
            assertThat(node.get(2, b("k"))).isEqualTo(b("two"));
        }
    }

    @Test
    void anIdleSpaceDoesNotPinTheLog() throws IOException {
        Path dir = tmp.resolve("idle");
        NodeOptions options = NodeOptions.defaults()
                .withLog(NodeOptions.defaults().log().withSegmentSizeBytes(64 * 1024));
        try (Node node = Node.open(new RealFileSystem(), dir, options)) {
            int idle = node.createSpace(EngineKind.LSM);
            node.write(new WriteBatch().put(idle, b("once"), b("1")));
            for (int i = 0; i < 2000; i++) {
                node.write(new WriteBatch().put(b("k" + (i % 50)), new byte[200]));
            }
            long lastBefore = node.log().lastLsn();
            node.checkpoint();
            assertThat(node.log().firstLsn()).isGreaterThan(lastBefore / 2);
        }
        try (Node node = Node.open(new RealFileSystem(), dir, options)) {
            assertThat(node.get(1, b("once"))).isEqualTo(b("1"));
            assertThat(node.recovery().recordsReplayed()).isZero();
        }
    }

    /**
     * Crashes at random operations while batches write to every space and a space is created
     * midway: after recovery every space holds exactly the same prefix of batches (a batch that
     * spans spaces is all-or-nothing across them).
     */
    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void batchesAcrossSpacesRecoverAsOne(EngineKind firstKind) throws Exception {
        long base = new SplittableRandom().nextLong(1L << 40);
        long replay = Long.getLong("cutaway.seed", -1);
        int iterations = replay >= 0 ? 1 : Integer.getInteger("cutaway.crash.iterations", 300);
        for (int i = 0; i < iterations; i++) {
            long seed = replay >= 0 ? replay : base + i;
            try {
                crashOnce(firstKind, seed);
            } catch (Throwable t) {
                throw new AssertionError("replay with -Dcutaway.seed=" + seed, t);
            }
        }
    }

    private static NodeOptions options(EngineKind kind) {
        return NodeCrashTest.smallNode(kind, true);
    }

    private static void crashOnce(EngineKind kind, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.crashAfterOperations(1 + r.nextInt(r.nextBoolean() ? 300 : 3000));
        Workload[] work = {new Workload(seed, 30), new Workload(seed + 1, 30),
            new Workload(seed + 2, 30)};
        long acked = 0;
        try {
            Node node = Node.open(fs, DIR, options(kind));
            node.createSpace(kind == EngineKind.BTREE ? EngineKind.LSM : EngineKind.BTREE);
            for (long i = 1; i <= 150; i++) {
                if (i == LATE_SPACE_AT) {
                    node.createSpace(EngineKind.LSM);
                }
                node.write(batch(work, i));
                acked = i;
                if (r.nextInt(40) == 0) {
                    node.checkpoint();
                }
            }
        } catch (SimulatedCrashException expected) {
            // the power failed
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof SimulatedCrashException)) {
                throw e;
            }
        }
        FaultyFileSystem after = fs.crash(FaultyFileSystem.CrashMode.values()[
                r.nextInt(FaultyFileSystem.CrashMode.values().length)]);
        try (Node node = Node.open(after, DIR, options(kind))) {
            long count = node.spaces().containsKey(1) ? Workload.countIn(node.engine(1)) : 0;
            assertThat(count).isGreaterThanOrEqualTo(acked);
            for (int s = 0; s < 3; s++) {
                if (!node.spaces().containsKey(s)) {
                    assertThat(count).as("space %d missing", s).isLessThan(s == 2
                            ? LATE_SPACE_AT : 1);
                    continue;
                }
                node.engine(s).checkInvariants();
                long first = s == 2 ? LATE_SPACE_AT - 1 : 0;
                long expect = Math.max(0, count - first);
                var model = Workload.newModel();
                for (long i = first + 1; i <= count; i++) {
                    work[s].applyTo(model, i);
                }
                assertThat(Workload.difference(model, Workload.contents(node.engine(s))))
                        .as("space %d after %d batches (%d of its own)", s, count, expect)
                        .isNull();
            }
        }
    }

    /** Batch i: each existing space's workload batch i, into that space. */
    private static WriteBatch batch(Workload[] work, long i) {
        WriteBatch all = new WriteBatch();
        int spaces = i >= LATE_SPACE_AT ? 3 : 2;
        for (int s = 0; s < spaces; s++) {
            for (WriteBatch.Mutation m : work[s].batch(i).mutations()) {
                if (m.isDelete()) {
                    all.delete(s, m.key());
                } else {
                    all.put(s, m.key(), m.value());
                }
            }
        }
        return all;
    }
}
