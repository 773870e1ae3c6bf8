package dev.cutaway.bench.txn;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.LatencySamples;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.log.LogOptions;
import dev.cutaway.log.WriteBatch;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnException;
import dev.cutaway.txn.TxnOptions;
import dev.cutaway.txn.TxnStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * One node with both key spaces loaded: raw keys ({@code 0x02} + 8 bytes) for the KV side and
 * MVCC versions of the same 8-byte keys for the transaction side. A run is N threads doing
 * read-modify-write (read a counter, write it plus one) for a fixed time:
 * <ul>
 *   <li>raw: {@code node.get} then {@code node.write} of one put — no locks, no isolation
 *       (concurrent increments can be lost);</li>
 *   <li>txn: begin, {@code get}, {@code put}, commit; a 40001 or 40P01 rolls back, counts as an
 *       abort and retries the same key (the latency of a committed operation includes its
 *       retries).</li>
 * </ul>
 */
final class RmwBench implements AutoCloseable {
    private static final int LATENCY_SAMPLES_MAX = 1 << 20;
    private static final double WARMUP_SECONDS = 1.0;

    private final Node node;
    private final TxnStore store;
    private final ScheduledExecutorService background;

    /** What one run measured. */
    record Result(long ops, long aborts, double seconds, LatencySamples latencies) {
        BenchLine line(String workload, String engine, List<String> extraFields) {
            Map<String, String> extras = new LinkedHashMap<>();
            for (String f : extraFields) {
                int eq = f.indexOf('=');
                extras.put(f.substring(0, eq), f.substring(eq + 1));
            }
            extras.put("aborts", Long.toString(aborts));
            extras.put("abort_rate", String.format(Locale.ROOT, "%.4f",
                    ops + aborts == 0 ? 0.0 : (double) aborts / (ops + aborts)));
            return new BenchLine("txn", workload, engine, Math.round(ops / seconds),
                    latencies.percentileMicros(50), latencies.percentileMicros(99), extras);
        }
    }

    private RmwBench(Node node, TxnStore store, ScheduledExecutorService background) {
        this.node = node;
        this.store = store;
        this.background = background;
    }

    static RmwBench open(Path dir, EngineKind kind, boolean sync, int keys) throws IOException {
        ScheduledExecutorService background = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "cutaway-bench-txn-background");
            thread.setDaemon(true);
            return thread;
        });
        LogOptions log = LogOptions.defaults();
        if (!sync) {
            log = log.withBackgroundFlusher(background, 200);
        }
        NodeOptions options = NodeOptions.defaults().withEngine(kind).withSynchronousCommit(sync)
                .withLog(log).withBackground(background);
        Node node = Node.open(new RealFileSystem(), dir, TxnStore.nodeOptions(options));
        TxnStore store = TxnStore.open(node,
                TxnOptions.defaults().withBackgroundGc(background, 1000));
        RmwBench bench = new RmwBench(node, store, background);
        bench.load(keys);
        return bench;
    }

    private void load(int keys) throws IOException {
        for (int from = 0; from < keys; from += 1000) {
            WriteBatch raw = new WriteBatch();
            try (Transaction t = store.begin(Isolation.READ_COMMITTED)) {
                for (int k = from; k < Math.min(keys, from + 1000); k++) {
                    raw.put(rawKey(k), counter(0));
                    t.put(userKey(k), counter(0));
                }
                t.commit();
            }
            node.write(raw);
        }
        node.checkpoint();
    }

    /**
     * Runs {@code threads} workers for {@code seconds} after a warm-up. {@code batch} 0 is the
     * read-modify-write; a positive {@code batch} writes that many random keys per transaction
     * (or raw batch) and counts each key as one operation: the cost per write.
     */
    Result run(boolean txn, Isolation level, int threads, int keys, int batch, double seconds,
            long seed) throws Exception {
        runTimed(txn, level, threads, keys, batch, WARMUP_SECONDS, seed ^ 0x5EED);
        return runTimed(txn, level, threads, keys, batch, seconds, seed);
    }

    private Result runTimed(boolean txn, Isolation level, int threads, int keys, int batch,
            double seconds, long seed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            List<Future<long[]>> futures = new ArrayList<>();
            List<LatencySamples> samples = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LatencySamples s = new LatencySamples(LATENCY_SAMPLES_MAX / threads);
                samples.add(s);
                SplittableRandom random = new SplittableRandom(seed + t);
                futures.add(pool.submit(() -> batch > 0
                        ? batchWorker(txn, level, keys, batch, deadline, random, s)
                        : worker(txn, level, keys, deadline, random, s)));
            }
            long ops = 0;
            long aborts = 0;
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                ops += r[0];
                aborts += r[1];
            }
            return new Result(ops, aborts, seconds, merge(samples));
        } finally {
            pool.shutdownNow();
        }
    }

    private long[] worker(boolean txn, Isolation level, int keys, long deadline,
            SplittableRandom random, LatencySamples samples) throws IOException {
        long ops = 0;
        long aborts = 0;
        while (System.nanoTime() < deadline) {
            int k = random.nextInt(keys);
            long started = System.nanoTime();
            if (txn) {
                while (!txnIncrement(level, k)) {
                    aborts++;
                }
            } else {
                byte[] raw = rawKey(k);
                long v = ByteBuffer.wrap(node.get(raw)).getLong();
                node.write(new WriteBatch().put(raw, counter(v + 1)));
            }
            if (samples.count() < samples.capacity()) {
                samples.record(System.nanoTime() - started);
            }
            ops++;
        }
        return new long[] {ops, aborts};
    }

    private long[] batchWorker(boolean txn, Isolation level, int keys, int batch,
            long deadline, SplittableRandom random, LatencySamples samples) throws IOException {
        long ops = 0;
        long aborts = 0;
        while (System.nanoTime() < deadline) {
            long started = System.nanoTime();
            if (txn) {
                Transaction t = store.begin(level);
                try {
                    for (int i = 0; i < batch; i++) {
                        t.put(userKey(random.nextInt(keys)), counter(i));
                    }
                    t.commit();
                } catch (TxnException e) {
                    t.rollback();
                    aborts += batch;
                    continue;
                }
            } else {
                WriteBatch raw = new WriteBatch();
                for (int i = 0; i < batch; i++) {
                    raw.put(rawKey(random.nextInt(keys)), counter(i));
                }
                node.write(raw);
            }
            if (samples.count() < samples.capacity()) {
                samples.record(System.nanoTime() - started);
            }
            ops += batch;
        }
        return new long[] {ops, aborts};
    }

    private boolean txnIncrement(Isolation level, int k) throws IOException {
        Transaction t = store.begin(level);
        try {
            byte[] key = userKey(k);
            long v = ByteBuffer.wrap(t.get(key)).getLong();
            t.put(key, counter(v + 1));
            t.commit();
            return true;
        } catch (TxnException e) {
            t.rollback();
            if (!e.sqlState().startsWith("40")) {
                throw e;
            }
            return false;
        }
    }

    private static LatencySamples merge(List<LatencySamples> parts) {
        int total = 0;
        for (LatencySamples p : parts) {
            total += p.count();
        }
        LatencySamples all = new LatencySamples(total);
        for (LatencySamples p : parts) {
            for (int i = 0; i < p.count(); i++) {
                all.record(p.sample(i));
            }
        }
        return all;
    }

    private static byte[] rawKey(int k) {
        return ByteBuffer.allocate(9).put((byte) 0x02).putLong(k).array();
    }

    private static byte[] userKey(int k) {
        return ByteBuffer.allocate(8).putLong(k).array();
    }

    private static byte[] counter(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    @Override
    public void close() throws IOException {
        store.close();
        node.close();
        background.shutdown();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
