package dev.cutaway.bench.pg;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.MachineFacts;
import dev.cutaway.bench.RatioLine;
import dev.cutaway.server.PgServer;
import dev.cutaway.server.ServerOptions;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.DatabaseOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutaway bench pgbench}: PostgreSQL's pgbench against Cutaway's wire-protocol server
 * (in this process, on a free loopback port, durable commits) and a private PostgreSQL 15
 * cluster ({@link PrivatePostgres}: fsync and synchronous_commit on), in one run.
 *
 * <p>Both are initialized alike with pgbench's tables and rows ({@link PgbenchInit}; an
 * {@code init} line gives accounts rows per second of the whole initialization), warmed up
 * with one TPC-B-like run; then for select-only ({@code -S}) and TPC-B-like, at every
 * client count, each engine runs {@code pgbench -n -M prepared -T <seconds>} in turn
 * (engines interleaved, so drift of the machine hits both alike). Lines:
 * {@code bench pgbench <workload>_<n>c <engine>} with pgbench's tps and the p50/p99 of its
 * per-transaction log ({@link PgbenchRun}), then
 * {@code ratio pgbench <workload>_<n>c cutaway/postgres=}.
 *
 * <p>Invariant: both servers are stopped and every temp directory removed when the command
 * ends, also on an exception or Ctrl-C (a shutdown hook closes whatever is still open).
 */
@Command(name = "pgbench", mixinStandardHelpOptions = true,
        description = "pgbench against Cutaway's server and a private PostgreSQL.")
public final class PgbenchCommand implements Callable<Integer> {
    static final String SUITE = "pgbench";

    @Option(names = "--scale", defaultValue = "10", description = "pgbench -s (${DEFAULT-VALUE}).")
    private int scale;

    @Option(names = "--seconds", defaultValue = "10",
            description = "Measured seconds per run (${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "TPC-B-like warm-up per engine before measuring (${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--clients", defaultValue = "1,8", paramLabel = "LIST",
            description = "Client counts (${DEFAULT-VALUE}).")
    private String clients;

    @Option(names = "--workload", defaultValue = "select_only,tpcb", paramLabel = "LIST",
            description = "select_only (-S) and/or tpcb (TPC-B-like) (${DEFAULT-VALUE}).")
    private String workloads;

    @Option(names = "--engine", defaultValue = "cutaway,postgres", paramLabel = "LIST",
            description = "cutaway and/or postgres (${DEFAULT-VALUE}).")
    private String engines;

    @Option(names = "--pg-shared-buffers-mib", defaultValue = "128",
            description = "PostgreSQL shared_buffers in MiB (${DEFAULT-VALUE}, its default).")
    private int sharedBuffersMib;

    /** A server under test: its name in the lines and its port. */
    private record Engine(String name, int port) {}

    @Override
    public Integer call() throws Exception {
        List<AutoCloseable> open = Collections.synchronizedList(new ArrayList<>());
        Thread hook = new Thread(() -> closeAll(open), "bench-pgbench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Path cutawayDir = Files.createTempDirectory(
                Path.of(System.getProperty("java.io.tmpdir")), "cutaway-bench-pgbench-");
        open.add(() -> PrivatePostgres.deleteTree(cutawayDir));
        try {
            MachineFacts.print(System.err, cutawayDir);
            System.err.printf(Locale.ROOT, "# bench pgbench scale=%d seconds=%d clients=%s"
                    + " mode=prepared sync=on%n", scale, seconds, clients);
            List<Engine> started = startEngines(cutawayDir, open);
            runAll(started, cutawayDir.resolve("logs"), System.out);
        } finally {
            closeAll(open);
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return 0;
    }

    private List<Engine> startEngines(Path cutawayDir, List<AutoCloseable> open)
            throws Exception {
        List<Engine> started = new ArrayList<>();
        for (String name : engines.split(",")) {
            switch (name.strip()) {
                case "cutaway" -> {
                    Database db = Database.open(cutawayDir.resolve("data"),
                            DatabaseOptions.defaults().withSynchronousCommit(true));
                    open.addFirst(db);
                    PgServer server = PgServer.start(db, ServerOptions.defaults().withPort(0));
                    open.addFirst(server);
                    started.add(new Engine("cutaway", server.port()));
                }
                case "postgres" -> {
                    PrivatePostgres pg = PrivatePostgres.start(sharedBuffersMib);
                    open.addFirst(pg);
                    System.err.println("# postgres: " + pg.directory() + " port " + pg.port());
                    started.add(new Engine("postgres", pg.port()));
                }
                default -> throw new IllegalArgumentException("--engine: unknown " + name);
            }
        }
        return started;
    }

    private void runAll(List<Engine> started, Path logs, PrintStream out) throws Exception {
        Map<Engine, BenchLine> inits = new LinkedHashMap<>();
        for (Engine e : started) {
            inits.put(e, init(e));
        }
        emit(out, inits);
        for (Engine e : started) {
            int c = maxClients();
            PgbenchRun w = PgbenchRun.run(e.port(), false, c, jobs(c), warmupSeconds,
                    logs.resolve("warmup"));
            System.err.printf(Locale.ROOT, "# warm-up %s: tps=%.1f%n", e.name(), w.tps());
        }
        for (String workload : workloads.split(",")) {
            boolean selectOnly = switch (workload.strip()) {
                case "select_only" -> true;
                case "tpcb" -> false;
                default -> throw new IllegalArgumentException("--workload: unknown " + workload);
            };
            for (String count : clients.split(",")) {
                int c = Integer.parseInt(count.strip());
                String label = workload.strip() + "_" + c + "c";
                Map<Engine, BenchLine> results = new LinkedHashMap<>();
                for (Engine e : started) {
                    PgbenchRun r = PgbenchRun.run(e.port(), selectOnly, c, jobs(c), seconds,
                            logs.resolve(e.name() + "-" + label));
                    results.put(e, line(label, e, r, c));
                }
                emit(out, results);
            }
        }
    }

    /** pgbench's initialization ({@link PgbenchInit}), timed: accounts rows per second. */
    private BenchLine init(Engine e) throws Exception {
        long startNanos = System.nanoTime();
        PgbenchInit.run(e.port(), scale);
        double elapsedS = (System.nanoTime() - startNanos) / 1e9;
        System.err.printf(Locale.ROOT, "# init %s: %.1f s%n", e.name(), elapsedS);
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("scale", Integer.toString(scale));
        extras.put("seconds", String.format(Locale.ROOT, "%.1f", elapsedS));
        extras.put("sync", "on");
        return new BenchLine(SUITE, "init", e.name(), Math.round(100_000L * scale / elapsedS),
                0, 0, extras);
    }

    private BenchLine line(String label, Engine e, PgbenchRun r, int c) {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("clients", Integer.toString(c));
        extras.put("scale", Integer.toString(scale));
        extras.put("seconds", Integer.toString(seconds));
        extras.put("mode", "prepared");
        extras.put("sync", "on");
        extras.put("txns", Long.toString(r.transactions()));
        extras.put("failed", Long.toString(r.failed()));
        return new BenchLine(SUITE, label, e.name(), Math.round(r.tps()), r.p50Micros(),
                r.p99Micros(), extras);
    }

    private static void emit(PrintStream out, Map<Engine, BenchLine> results) {
        BenchLine cutaway = null;
        for (var entry : results.entrySet()) {
            out.println(entry.getValue().format());
            if (entry.getKey().name().equals("cutaway")) {
                cutaway = entry.getValue();
            }
        }
        for (var entry : results.entrySet()) {
            if (cutaway != null && entry.getValue() != cutaway
                    && entry.getValue().opsPerSecond() > 0) {
                out.println(RatioLine.of(cutaway, entry.getValue()).format());
            }
        }
        out.flush();
    }

    private int maxClients() {
        int max = 1;
        for (String count : clients.split(",")) {
            max = Math.max(max, Integer.parseInt(count.strip()));
        }
        return max;
    }

    /** pgbench client threads: one per client, at most one per processor. */
    private static int jobs(int clientCount) {
        return Math.min(clientCount, Runtime.getRuntime().availableProcessors());
    }

    /** Closes in list order (servers before their databases and directories); idempotent. */
    private static synchronized void closeAll(List<AutoCloseable> open) {
        while (!open.isEmpty()) {
            AutoCloseable c = open.removeFirst();
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("# cleanup: " + e);
            }
        }
    }
}
