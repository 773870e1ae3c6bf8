package dev.cutaway.kv.lsm;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.log.LogOptions;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures write, read and space amplification of the B+tree and the LSM through the node and
 * its log, on the same workloads, and prints one table (docs/benchmarks.md, "Amplification").
 * Opt-in, never part of the timed suite:
 * <pre>
 * mvn -o -q -pl cutaway-kv -am test -Dtest=AmplificationReport -Dcutaway.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dcutaway.amp.num=1000000]
 * </pre>
 * Per engine, in a fresh directory: fillrandom (num puts, a seeded permutation of keys
 * 0..num-1), a checkpoint, overwrite (num puts of uniformly drawn keys), a checkpoint, then
 * readrandom (num gets). Keys are 16 bytes (zero-padded decimal, as db_bench), values 100
 * random bytes; 64 MiB of cache each (buffer pool frames, or the LSM's block cache); synchronous
 * commit off with a 200 ms log flusher, as {@code bench kv} runs them.
 *
 * <p>Bytes written and read are counted by a {@link CountingFileSystem} under the engines, per
 * category (the log's segments, or the engine's files), so the B+tree and the LSM are measured
 * the same way; the engines' own counters are printed beside them as a cross-check.
 * Each workload ends with a checkpoint, so the engine's bytes include what it must write
 * to make its on-disk image complete (the B+tree's dirty pages, the LSM's memtable).
 */
@EnabledIfSystemProperty(named = "cutaway.bench", matches = "true")
class AmplificationReport {
    private static final int KEY_BYTES = 16;
    private static final int VALUE_BYTES = 100;
    private static final int CACHE_MB = 64;

    /** What one workload did on one engine: deltas of bytes and counters, and sizes after. */
    record Row(String engine, String workload, long ops, long nanos, long logWritten,
            long engineWritten, long engineRead, long logDisk, long engineDisk,
            Map<String, Number> before, Map<String, Number> after) {

        long delta(String counter) {
            return value(after, counter) - value(before, counter);
        }

        static long value(Map<String, Number> stats, String counter) {
            Number n = stats.get(counter);
            return n == null ? 0 : n.longValue();
        }
    }

    @Test
    void printAmplificationTable() throws Exception {
        int num = Integer.getInteger("cutaway.amp.num", 1_000_000);
        List<Row> rows = new ArrayList<>();
        Path root = Files.createTempDirectory("cutaway-amp");
        try {
            for (EngineKind kind : EngineKind.values()) {
                rows.addAll(run(kind, root.resolve(kind.name().toLowerCase()), num));
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.print(AmplificationTable.render(rows, num, KEY_BYTES + VALUE_BYTES));
    }

    private static List<Row> run(EngineKind kind, Path dir, int num) throws Exception {
        String name = kind == EngineKind.BTREE ? "cutaway-btree" : "cutaway-lsm";
        CountingFileSystem fs = new CountingFileSystem(new RealFileSystem(),
                p -> dir.relativize(p).startsWith("wal") ? "log" : "engine");
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2, task -> {
            Thread t = new Thread(task, "amplification-background");
            t.setDaemon(true);
            return t;
        });
        BTreeOptions btree = BTreeOptions.defaults();
        NodeOptions options = NodeOptions.defaults()
                .withEngine(kind)
                .withSynchronousCommit(false)
                .withLog(LogOptions.defaults().withBackgroundFlusher(background, 200))
                .withBackground(background)
                .withLsm(LsmOptions.defaults().withBlockCacheBytes(CACHE_MB << 20))
                .withBTree(btree.withBufferPoolFrames(
                        (CACHE_MB << 20) / btree.pageSizeBytes()));
        List<Row> rows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        try (Node node = Node.open(fs, dir, options)) {
            int[] order = permutation(num, random);
            rows.add(measure(name, "fillrandom", node, fs, dir, num,
                    i -> put(node, order[i], random)));
            rows.add(measure(name, "overwrite", node, fs, dir, num,
                    i -> put(node, random.nextInt(num), random)));
            rows.add(measure(name, "readrandom", node, fs, dir, num, i -> {
                if (node.get(key(random.nextInt(num))) == null) {
                    throw new AssertionError("a loaded key is missing");
                }
            }));
        } finally {
            background.shutdown();
            background.awaitTermination(10, TimeUnit.SECONDS);
        }
        return rows;
    }

    interface Op {
        void run(int i) throws IOException;
    }

    private static Row measure(String engine, String workload, Node node, CountingFileSystem fs,
            Path dir, int num, Op op) throws IOException {
        Map<String, Long> written = fs.bytesWritten();
        Map<String, Long> read = fs.bytesRead();
        Map<String, Number> before = node.stats();
        long start = System.nanoTime();
        for (int i = 0; i < num; i++) {
            op.run(i);
        }
        long nanos = System.nanoTime() - start;
        if (!workload.startsWith("read")) {
            node.checkpoint(); // the engine's image is complete: its bytes are all counted
        }
        Map<String, Long> writtenAfter = fs.bytesWritten();
        Map<String, Long> readAfter = fs.bytesRead();
        return new Row(engine, workload, num, nanos,
                writtenAfter.getOrDefault("log", 0L) - written.getOrDefault("log", 0L),
                writtenAfter.getOrDefault("engine", 0L) - written.getOrDefault("engine", 0L),
                readAfter.getOrDefault("engine", 0L) - read.getOrDefault("engine", 0L),
                diskBytes(dir.resolve("wal")), diskBytes(dir) - diskBytes(dir.resolve("wal")),
                before, node.stats());
    }

    private static void put(Node node, int k, SplittableRandom random) throws IOException {
        byte[] value = new byte[VALUE_BYTES];
        random.nextBytes(value);
        node.write(new WriteBatch().put(key(k), value));
    }

    static byte[] key(int k) {
        return String.format("%016d", k).getBytes(StandardCharsets.US_ASCII);
    }

    private static int[] permutation(int num, SplittableRandom random) {
        int[] order = new int[num];
        for (int i = 0; i < num; i++) {
            order[i] = i;
        }
        for (int i = num - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static long diskBytes(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
