package dev.cutaway.bench.sql;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.LatencySamples;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one workload on one engine with {@code threads} connections at once: a warm-up, then
 * a measured window in which every thread repeats the operation, timing each with
 * {@link System#nanoTime()} into its own preallocated {@link LatencySamples}. Throughput is
 * the operations completed in the window over its length; a thread also stops when its
 * samples are full or it reached {@code opsMax} (the smoke test's bound).
 *
 * <p>A failed operation (a serialization failure or deadlock under concurrency, say) is
 * counted in {@code errors=} and not timed; the run goes on. Invariant: every measured
 * operation is in exactly one thread's samples.
 */
final class SqlRun {
    /** Samples per thread and window: a bound on memory (8 MiB per thread). */
    static final int SAMPLES_MAX = 1 << 20;

    private SqlRun() {}

    /** What the threads of one window did. */
    record Outcome(long operations, long errors, long elapsedNanos, LatencySamples samples) {
        BenchLine line(String workload, String engine, Map<String, String> extras) {
            Map<String, String> all = new LinkedHashMap<>(extras);
            if (errors > 0) {
                all.put("errors", Long.toString(errors));
            }
            long opsPerSecond = elapsedNanos == 0 ? 0
                    : Math.round(operations * 1e9 / elapsedNanos);
            return new BenchLine("sql", workload, engine, opsPerSecond,
                    samples.percentileMicros(50), samples.percentileMicros(99), all);
        }
    }

    /**
     * Runs {@code workload} on {@code connections} (one thread each) for {@code warmupNanos}
     * unmeasured and then {@code windowNanos} measured, at most {@code opsMax} operations
     * per thread.
     */
    static Outcome run(SqlWorkload workload, List<SqlWorkload.Statements> connections,
            int rows, long warmupNanos, long windowNanos, long opsMax, long seed)
            throws Exception {
        int threads = connections.size();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            List<LatencySamples> samples = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LatencySamples s = new LatencySamples(SAMPLES_MAX);
                samples.add(s);
                SqlWorkload.Statements st = connections.get(t);
                SplittableRandom random = new SplittableRandom(seed * 31 + t);
                futures.add(pool.submit(() -> loop(workload, st, rows, random, start,
                        warmupNanos, windowNanos, opsMax, s)));
            }
            long ops = 0;
            long errors = 0;
            long elapsed = 0;
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                ops += r[0];
                errors += r[1];
                elapsed = Math.max(elapsed, r[2]);
            }
            int total = 0;
            for (LatencySamples s : samples) {
                total += s.count();
            }
            LatencySamples all = new LatencySamples(total);
            for (LatencySamples s : samples) {
                for (int i = 0; i < s.count(); i++) {
                    all.record(s.sample(i));
                }
            }
            return new Outcome(ops, errors, elapsed, all);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread: {operations, errors, measured nanoseconds}. */
    private static long[] loop(SqlWorkload workload, SqlWorkload.Statements st, int rows,
            SplittableRandom random, CyclicBarrier start, long warmupNanos, long windowNanos,
            long opsMax, LatencySamples samples) throws Exception {
        start.await();
        long sink = 0;
        long warmupEnd = System.nanoTime() + warmupNanos;
        while (System.nanoTime() < warmupEnd) {
            sink += once(workload, st, rows, random);
        }
        long ops = 0;
        long errors = 0;
        long begin = System.nanoTime();
        long end = begin + windowNanos;
        long now = begin;
        while (now < end && ops < opsMax && samples.count() < samples.capacity()) {
            try {
                sink += workload.run(st, rows, random);
                long after = System.nanoTime();
                samples.record(after - now);
                ops++;
                now = after;
            } catch (SQLException e) {
                errors++;
                now = System.nanoTime();
            }
        }
        if (sink == Long.MIN_VALUE) {
            System.err.println("# sink " + sink);   // keeps the reads observable
        }
        return new long[] {ops, errors, now - begin};
    }

    private static long once(SqlWorkload workload, SqlWorkload.Statements st, int rows,
            SplittableRandom random) {
        try {
            return workload.run(st, rows, random);
        } catch (SQLException e) {
            return 0;
        }
    }
}
