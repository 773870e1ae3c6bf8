package dev.cutaway.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.io.SimulatedCrashException;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many writers on one node: synchronous commits share fsyncs (group commit through the node,
 * not only inside the log), every acknowledged write is readable, and after a crash in the
 * middle of concurrent commits every acknowledged write of every thread survives.
 */
class NodeConcurrencyTest {
    private static final int THREADS = 8;

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void concurrentSynchronousWritersShareFsyncs(EngineKind engine, @TempDir Path dir)
            throws Exception {
        int perThread = 150;
        try (Node node = Node.open(new RealFileSystem(), dir,
                NodeOptions.defaults().withEngine(engine))) {
            long fsyncsBefore = node.log().stats().fsyncs();
            run(THREADS, t -> {
                for (int i = 0; i < perThread; i++) {
                    node.write(new WriteBatch().put(key(t, i), key(t, i)));
                }
            });
            long fsyncs = node.log().stats().fsyncs() - fsyncsBefore;
            assertThat(fsyncs).as("fsyncs for %d synchronous commits", THREADS * perThread)
                    .isLessThan(THREADS * perThread);
            for (int t = 0; t < THREADS; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertThat(node.get(key(t, i))).isEqualTo(key(t, i));
                }
            }
            node.engine().checkInvariants();
        }
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void crashDuringConcurrentCommitsKeepsEveryAcknowledgedWrite(EngineKind engine)
            throws Exception {
        long seed = Long.getLong("cutaway.seed", new SplittableRandom().nextLong(1L << 40));
        SplittableRandom random = new SplittableRandom(seed);
        long ackedTotal = 0;
        for (int round = 0; round < 20; round++) {
            FaultyFileSystem fs = new FaultyFileSystem(random.nextLong());
            NodeOptions options = NodeCrashTest.smallNode(engine, true);
            Node node = Node.open(fs, Path.of("/n"), options);
            fs.crashAfterOperations(50 + random.nextInt(400));
            AtomicLongArray acked = new AtomicLongArray(THREADS);   // writes acked per thread
            run(THREADS, t -> {
                try {
                    for (int i = 0; ; i++) {
                        node.write(new WriteBatch().put(key(t, i), key(t, i)));
                        acked.set(t, i + 1);
                    }
                } catch (IOException | IllegalStateException e) {
                    if (!causedByCrash(e)) {   // the power failed, or the node or log
                        throw e;               // refused work after it did; nothing else
                    }
                }
            });
            for (int t = 0; t < THREADS; t++) {
                ackedTotal += acked.get(t);
            }
            FaultyFileSystem after = fs.crash(FaultyFileSystem.CrashMode.RANDOM_UNSYNCED);
            try (Node recovered = Node.open(after, Path.of("/n"), options)) {
                recovered.engine().checkInvariants();
                for (int t = 0; t < THREADS; t++) {
                    for (int i = 0; i < acked.get(t); i++) {
                        assertThat(recovered.get(key(t, i)))
                                .as("seed %d round %d: thread %d write %d", seed, round, t, i)
                                .isEqualTo(key(t, i));
                    }
                }
            }
        }
        assertThat(ackedTotal).as("writes acknowledged before the crashes").isGreaterThan(100);
    }

    private static boolean causedByCrash(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SimulatedCrashException) {
                return true;
            }
        }
        return false;
    }

    private static byte[] key(int thread, int i) {
        return ("t" + thread + "-" + i).getBytes(StandardCharsets.UTF_8);
    }

    interface Work {
        void run(int thread) throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads and rethrows the first failure. */
    private static void run(int threads, Work work) throws Exception {
        List<Thread> all = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int id = t;
            all.add(Thread.ofPlatform().start(() -> {
                try {
                    work.run(id);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : all) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            IOException e = new IOException("a writer failed");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }
}
