package dev.cutaway.bench.sql;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.MachineFacts;
import dev.cutaway.bench.RatioLine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutaway bench sql}: sysbench-like workloads over JDBC on Cutaway and its peers in one
 * process run ({@link SqlPeer}, {@link SqlWorkload}). Every engine is loaded with the same rows
 * (the {@code bulk_load} line), then each workload runs at each thread count on every engine
 * in turn (engines interleaved, so drift of the machine hits all alike), each after its own
 * warm-up. Lines as {@code shared/BENCHMARKS.md}: {@code <workload>_<n>t} per thread count,
 * ratios of cutaway-btree to every other engine, and per engine the 8-to-1-thread ratio of the
 * durable workloads' commit rates (group commit at work).
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Sysbench-like SQL workloads over JDBC: Cutaway vs H2, SQLite, HSQLDB.")
public final class SqlCommand implements Callable<Integer> {

    @Option(names = "--engine", paramLabel = "LIST",
            description = "Engines (default cutaway-btree,cutaway-lsm,h2,sqlite,hsqldb; "
                    + "for joins cutaway-btree,h2,sqlite).")
    private String engines;

    @Option(names = "--workload", defaultValue = "all", paramLabel = "LIST",
            description = "all, or a list of point_select, range_select, index_select, "
                    + "update_durable, join_group_by, mixed_rw (the bulk load always runs), "
                    + "and joins (TPC-H-like queries on their own data, not part of all).")
    private String workloads;

    @Option(names = "--scale", defaultValue = "0.01",
            description = "joins: TPC-H scale factor (${DEFAULT-VALUE}: about 60k lineitems).")
    private double scale;

    @Option(names = "--runs", defaultValue = "5",
            description = "joins: timed runs per query after the warm-up (${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--threads", defaultValue = "1,2,8", paramLabel = "LIST",
            description = "Thread (connection) counts (${DEFAULT-VALUE}).")
    private String threads;

    @Option(names = "--rows", defaultValue = "100000", description = "Rows (${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--seconds", defaultValue = "2",
            description = "Measured seconds per line (${DEFAULT-VALUE}), after a warm-up of "
                    + "a quarter of that.")
    private double seconds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random choices.")
    private long seed;

    /** Runs with explicit settings (the smoke test); {@code opsMax} bounds each thread. */
    static List<String> runForTest(Path root, List<SqlPeer> peers, List<SqlWorkload> work,
            List<Integer> threadCounts, int rows, long opsMax, PrintStream out)
            throws Exception {
        SqlCommand c = new SqlCommand();
        c.rows = rows;
        c.seconds = 30;
        c.seed = 7;
        return c.runAll(root, peers, work, threadCounts, opsMax, out);
    }

    @Override
    public Integer call() throws Exception {
        List<String> named = List.of(workloads.split(","));
        boolean joins = named.contains("joins");
        List<SqlPeer> peers = new ArrayList<>();
        String engineList = engines != null ? engines
                : joins && named.size() == 1 ? "cutaway-btree,h2,sqlite"
                : "cutaway-btree,cutaway-lsm,h2,sqlite,hsqldb";
        for (String e : engineList.split(",")) {
            peers.add(SqlPeer.named(e));
        }
        List<SqlWorkload> work = new ArrayList<>();
        for (SqlWorkload w : SqlWorkload.values()) {
            if (workloads.equals("all") || named.contains(w.label())) {
                work.add(w);
            }
        }
        if (joins) {
            return runJoins(peers, work, engineList);
        }
        if (work.isEmpty() && !workloads.equals("none")) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "no workload named in " + workloads);
        }
        List<Integer> threadCounts = new ArrayList<>();
        for (String t : threads.split(",")) {
            threadCounts.add(Integer.parseInt(t.trim()));
        }
        Path root = tempRoot();
        MachineFacts.print(System.err, root);
        System.err.printf(Locale.ROOT, "# bench sql engines=%s workloads=%s threads=%s rows=%d"
                + " seconds=%.1f%n", engineList, workloads, threads, rows, seconds);
        try {
            runAll(root, peers, work, threadCounts, Long.MAX_VALUE, System.out);
        } finally {
            deleteTree(root);
        }
        return 0;
    }

    /** {@code --workload joins} (plus any sysbench workloads named beside it). */
    private int runJoins(List<SqlPeer> peers, List<SqlWorkload> work, String engineList)
            throws Exception {
        Path root = tempRoot();
        MachineFacts.print(System.err, root);
        System.err.printf(Locale.ROOT, "# bench sql engines=%s workload=joins scale=%s runs=%d"
                + " seed=%d%n", engineList, scale, runs, seed);
        try {
            JoinsBench.Result result = new JoinsBench(scale, seed, runs).run(root, peers,
                    List.of(JoinsQuery.values()), System.out);
            if (!work.isEmpty()) {
                runAll(root, peers, work, List.of(1), Long.MAX_VALUE, System.out);
            }
            if (!result.wrong().isEmpty()) {
                System.err.println("# wrong answers (not timed): " + result.wrong());
                return 1;
            }
            return 0;
        } finally {
            deleteTree(root);
        }
    }

    private static Path tempRoot() throws java.io.IOException {
        Path target = Path.of("target");
        return Files.createTempDirectory(Files.isDirectory(target) ? target
                : Path.of(System.getProperty("java.io.tmpdir")), "cutaway-bench-sql-");
    }

    /** One open engine: its connections (one per thread of the largest count). */
    private record Open(SqlPeer peer, List<SqlWorkload.Statements> statements) {}

    private List<String> runAll(Path root, List<SqlPeer> peers, List<SqlWorkload> work,
            List<Integer> threadCounts, long opsMax, PrintStream out) throws Exception {
        List<String> lines = new ArrayList<>();
        int connections = threadCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
        Map<SqlPeer, Open> open = new EnumMap<>(SqlPeer.class);
        if (opsMax == Long.MAX_VALUE) {
            warmUpLoads(root, peers);
        }
        try {
            for (SqlPeer peer : peers) {
                Path dir = root.resolve(peer.label());
                peer.create(dir);
                List<java.sql.Connection> cs = new ArrayList<>();
                for (int i = 0; i < connections; i++) {
                    cs.add(peer.connect(dir));
                }
                SqlWorkload.createSchema(cs.getFirst());
                List<SqlWorkload.Statements> st = new ArrayList<>();
                for (java.sql.Connection c : cs) {
                    st.add(new SqlWorkload.Statements(c));
                }
                open.put(peer, new Open(peer, st));
            }
            Map<SqlPeer, BenchLine> loads = new LinkedHashMap<>();
            for (Open o : open.values()) {
                loads.put(o.peer(), load(o));
            }
            emit(out, lines, "bulk_load", loads);
            for (SqlWorkload w : work) {
                Map<Integer, Map<SqlPeer, BenchLine>> byThreads = new LinkedHashMap<>();
                for (int t : threadCounts) {
                    Map<SqlPeer, BenchLine> results = new LinkedHashMap<>();
                    for (Open o : open.values()) {
                        results.put(o.peer(), measure(o, w, t, opsMax));
                    }
                    emit(out, lines, w.label() + "_" + t + "t", results);
                    byThreads.put(t, results);
                }
                if (w.writes()) {
                    scaling(out, lines, w, byThreads);
                }
            }
        } finally {
            for (Open o : open.values()) {
                close(o);
            }
        }
        return lines;
    }

    /**
     * Warms each engine's load path up (JIT, heap) on a scratch database of its own: a quarter
     * of the rows loaded as the measured load loads them, then closed and deleted. So the
     * measured load, like every other workload, starts warm (BENCHMARKS.md), and the engine
     * that happens to run first no longer pays for starting the JVM's compilers for all.
     */
    private void warmUpLoads(Path root, List<SqlPeer> peers) throws Exception {
        int warmRows = Math.max(SqlWorkload.LOAD_BATCH_ROWS, rows / 4);
        for (SqlPeer peer : peers) {
            Path dir = root.resolve(peer.label() + "-warmup");
            peer.create(dir);
            java.sql.Connection c = peer.connect(dir);
            try {
                SqlWorkload.createSchema(c);
                try (SqlWorkload.Statements st = new SqlWorkload.Statements(c)) {
                    SplittableRandom random = new SplittableRandom(seed + 1);
                    for (int from = 1; from <= warmRows; from += SqlWorkload.LOAD_BATCH_ROWS) {
                        SqlWorkload.load(st, from, Math.min(warmRows + 1,
                                from + SqlWorkload.LOAD_BATCH_ROWS), warmRows, random);
                    }
                }
                peer.shutdown(c);
            } finally {
                c.close();
            }
            deleteTree(dir);
        }
    }

    private BenchLine load(Open o) throws Exception {
        SqlWorkload.Statements st = o.statements().getFirst();
        SplittableRandom random = new SplittableRandom(seed);
        long begin = System.nanoTime();
        dev.cutaway.bench.LatencySamples samples = new dev.cutaway.bench.LatencySamples(
                rows / SqlWorkload.LOAD_BATCH_ROWS + 1);
        for (int from = 1; from <= rows; from += SqlWorkload.LOAD_BATCH_ROWS) {
            int to = Math.min(rows + 1, from + SqlWorkload.LOAD_BATCH_ROWS);
            long before = System.nanoTime();
            SqlWorkload.load(st, from, to, rows, random);
            samples.record((System.nanoTime() - before) / (to - from));
        }
        long elapsed = System.nanoTime() - begin;
        SqlRun.Outcome outcome = new SqlRun.Outcome(rows, 0, elapsed, samples);
        return outcome.line("bulk_load", o.peer().label(), extras(o.peer(), 1));
    }

    private BenchLine measure(Open o, SqlWorkload w, int threadCount, long opsMax)
            throws Exception {
        long windowNanos = (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        long warmupNanos = opsMax == Long.MAX_VALUE ? windowNanos / 4 : 0;
        SqlRun.Outcome outcome = SqlRun.run(w, o.statements().subList(0, threadCount), rows,
                warmupNanos, windowNanos, opsMax, seed + threadCount);
        return outcome.line(w.label() + "_" + threadCount + "t", o.peer().label(),
                extras(o.peer(), threadCount));
    }

    private Map<String, String> extras(SqlPeer peer, int threadCount) {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("threads", Integer.toString(threadCount));
        extras.put("rows", Integer.toString(rows));
        extras.put("sync", peer.sync());
        return extras;
    }

    /** Prints the lines of one workload and cutaway-btree's ratio to every other engine. */
    private static void emit(PrintStream out, List<String> lines, String workload,
            Map<SqlPeer, BenchLine> results) {
        for (BenchLine l : results.values()) {
            print(out, lines, l.format());
        }
        BenchLine base = results.get(SqlPeer.CUTAWAY_BTREE);
        if (base == null) {
            return;
        }
        for (Map.Entry<SqlPeer, BenchLine> e : results.entrySet()) {
            if (e.getKey() != SqlPeer.CUTAWAY_BTREE && e.getValue().opsPerSecond() > 0) {
                print(out, lines, RatioLine.of(base, e.getValue()).format());
            }
        }
    }

    /** Per engine: the largest thread count's commit rate over the single thread's. */
    private static void scaling(PrintStream out, List<String> lines, SqlWorkload w,
            Map<Integer, Map<SqlPeer, BenchLine>> byThreads) {
        if (!byThreads.containsKey(1) || byThreads.size() < 2) {
            return;
        }
        int most = byThreads.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (Map.Entry<SqlPeer, BenchLine> e : byThreads.get(most).entrySet()) {
            BenchLine one = byThreads.get(1).get(e.getKey());
            if (one.opsPerSecond() > 0) {
                String engine = e.getKey().label();
                print(out, lines, new RatioLine("sql", w.label() + "_scaling",
                        engine + "-" + most + "t", engine + "-1t",
                        (double) e.getValue().opsPerSecond() / one.opsPerSecond()).format());
            }
        }
    }

    private static void print(PrintStream out, List<String> lines, String line) {
        out.println(line);
        out.flush();
        lines.add(line);
    }

    /** Closes the extra connections first, then shuts the engine down through the first. */
    private static void close(Open o) {
        List<SqlWorkload.Statements> all = o.statements();
        for (int i = all.size() - 1; i >= 0; i--) {
            SqlWorkload.Statements st = all.get(i);
            try {
                st.close();
                if (i == 0) {
                    o.peer().shutdown(st.connection);
                }
                st.connection.close();
            } catch (Exception e) {
                System.err.println("# closing " + o.peer().label() + ": " + e);
            }
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
