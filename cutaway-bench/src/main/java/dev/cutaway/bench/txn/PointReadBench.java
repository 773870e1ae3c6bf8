package dev.cutaway.bench.txn;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.LatencySamples;
import dev.cutaway.bench.RatioLine;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnOptions;
import dev.cutaway.txn.TxnStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * MVCC point reads (a read-only transaction doing one get) on three nodes loaded alike: the
 * LSM with prefix bloom filters over user keys (ADR 0024, {@code cutaway-lsm-prefix}), the LSM
 * with whole-key filters only, as before that ADR ({@code cutaway-lsm-whole}), and the B+tree.
 * The load writes every key, checkpoints, then twice rewrites a tenth of the keys and
 * checkpoints: level 0 then holds three tables that all span the key range, the case where a
 * read of one key's versions must open every table unless a filter rules it out (with
 * {@code --keys} small enough that the first round fits one memtable, 100000 by default; more
 * and level 0 reaches its compaction trigger). Prints one line per engine and the ratios of
 * the prefix LSM to the two others.
 */
final class PointReadBench {
    private static final int VALUE_BYTES = 100;
    private static final double WARMUP_SECONDS = 1.0;
    private static final int LATENCY_SAMPLES_MAX = 1 << 20;
    private static final int ROUNDS = 3;

    private PointReadBench() {}

    /** The engines: name and whether the node gets prefix filters. */
    private record Engine(String name, EngineKind kind, boolean prefix) {}

    /** One loaded engine and what its measured rounds added up to. */
    private static final class Loaded {
        final Engine engine;
        final Node node;
        final TxnStore store;
        final LatencySamples samples = new LatencySamples(LATENCY_SAMPLES_MAX);
        long ops;

        Loaded(Engine engine, Node node, TxnStore store) {
            this.engine = engine;
            this.node = node;
            this.store = store;
        }
    }

    /**
     * Loads the three nodes, warms each up, then measures them in {@link #ROUNDS} interleaved
     * rounds of {@code seconds / ROUNDS} each (drift on a shared machine hits all alike).
     */
    static void run(Path root, int keys, double seconds, long seed, PrintStream out)
            throws IOException {
        List<Engine> engines = List.of(new Engine("cutaway-lsm-prefix", EngineKind.LSM, true),
                new Engine("cutaway-lsm-whole", EngineKind.LSM, false),
                new Engine("cutaway-btree", EngineKind.BTREE, false));
        List<Loaded> loaded = new ArrayList<>();
        try {
            for (Engine e : engines) {
                NodeOptions options = NodeOptions.defaults().withEngine(e.kind())
                        .withSynchronousCommit(false);
                if (e.prefix()) {
                    options = TxnStore.nodeOptions(options);
                }
                Node node = Node.open(new RealFileSystem(), root.resolve(e.name()), options);
                loaded.add(new Loaded(e, node, TxnStore.open(node, TxnOptions.defaults())));
                load(node, loaded.getLast().store, keys, seed);
            }
            for (Loaded l : loaded) {
                reads(l.store, keys, WARMUP_SECONDS, seed ^ 0x5EED, null);
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (Loaded l : loaded) {
                    l.ops += reads(l.store, keys, seconds / ROUNDS, seed + round, l.samples);
                }
            }
            print(loaded, keys, seconds, out);
        } finally {
            for (Loaded l : loaded) {
                l.store.close();
                l.node.close();
            }
        }
    }

    private static void print(List<Loaded> loaded, int keys, double seconds, PrintStream out) {
        List<BenchLine> lines = new ArrayList<>();
        for (Loaded l : loaded) {
            Map<String, String> extras = new LinkedHashMap<>();
            extras.put("threads", "1");
            extras.put("keys", Integer.toString(keys));
            extras.put("level0_tables", Long.toString(l.engine.kind() == EngineKind.LSM
                    ? l.node.engine().stats().get("level0_files") : 0));
            BenchLine line = new BenchLine("txn", "point_read_3l0", l.engine.name(),
                    Math.round(l.ops / seconds), l.samples.percentileMicros(50),
                    l.samples.percentileMicros(99), extras);
            lines.add(line);
            out.println(line.format());
        }
        out.println(RatioLine.of(lines.get(0), lines.get(1)).format());
        out.println(RatioLine.of(lines.get(0), lines.get(2)).format());
        out.flush();
    }

    private static void load(Node node, TxnStore store, int keys, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 3; round++) {
            int step = round == 0 ? 1 : 10;
            int first = round == 0 ? 0 : random.nextInt(10);
            Transaction t = store.begin(Isolation.READ_COMMITTED);
            int inTxn = 0;
            for (int k = first; k < keys; k += step) {
                byte[] value = new byte[VALUE_BYTES];
                random.nextBytes(value);
                t.put(key(k), value);
                if (++inTxn == 1000) {
                    t.commit();
                    t = store.begin(Isolation.READ_COMMITTED);
                    inTxn = 0;
                }
            }
            t.commit();
            node.checkpoint();   // one level-0 table per round (LSM)
        }
    }

    private static long reads(TxnStore store, int keys, double seconds, long seed,
            LatencySamples samples) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long ops = 0;
        List<byte[]> missing = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            byte[] key = key(random.nextInt(keys));
            long started = System.nanoTime();
            try (Transaction t = store.begin(Isolation.READ_COMMITTED, true)) {
                if (t.get(key) == null) {
                    missing.add(key);
                }
            }
            if (samples != null && samples.count() < samples.capacity()) {
                samples.record(System.nanoTime() - started);
            }
            ops++;
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(missing.size() + " loaded keys were not found");
        }
        return ops;
    }

    private static byte[] key(int k) {
        return ByteBuffer.allocate(8).putLong(k).array();
    }
}
