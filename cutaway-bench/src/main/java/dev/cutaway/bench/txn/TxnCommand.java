package dev.cutaway.bench.txn;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.MachineFacts;
import dev.cutaway.bench.RatioLine;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.txn.Isolation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cutaway bench txn}: for each engine, contention level and thread count, runs the raw
 * KV read-modify-write and then the transactional one for the same time on the same node, and
 * prints both lines and their ratio ({@code shared/BENCHMARKS.md}). Low contention spreads the
 * operations over {@code --keys} keys; high contention over {@code --hot-keys}.
 */
@Command(name = "txn", mixinStandardHelpOptions = true,
        description = "Single-key read-modify-write transactions versus raw KV, at 1, 2 and 8 "
                + "threads, low and high contention.")
public final class TxnCommand implements Callable<Integer> {

    @Option(names = "--engine", defaultValue = "btree,lsm", paramLabel = "LIST",
            description = "btree, lsm or both (${DEFAULT-VALUE}).")
    private String engines;

    @Option(names = "--threads", defaultValue = "1,2,8", paramLabel = "LIST",
            description = "Thread counts (${DEFAULT-VALUE}).")
    private String threads;

    @Option(names = "--keys", defaultValue = "100000",
            description = "Keys of the low-contention workload (${DEFAULT-VALUE}).")
    private int keys;

    @Option(names = "--hot-keys", defaultValue = "8",
            description = "Keys of the high-contention workload (${DEFAULT-VALUE}).")
    private int hotKeys;

    @Option(names = "--seconds", defaultValue = "3",
            description = "Measured seconds per line (${DEFAULT-VALUE}), after 1 s of warm-up.")
    private double seconds;

    @Option(names = "--isolation", defaultValue = "repeatable read",
            description = "Isolation level of the transactions (${DEFAULT-VALUE}).")
    private String isolation;

    @Option(names = "--sync", defaultValue = "off", description = "Synchronous commit on|off.")
    private String sync;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the key choices.")
    private long seed;

    @Option(names = "--workloads", defaultValue = "rmw,point_read", paramLabel = "LIST",
            description = "rmw (read-modify-write, per engine), point_read (MVCC point reads "
                    + "over three level-0 tables: LSM with and without prefix bloom filters, "
                    + "B+tree; --keys keys) (${DEFAULT-VALUE}).")
    private String workloads;

    @Override
    public Integer call() throws Exception {
        List<EngineKind> kinds = new ArrayList<>();
        for (String e : engines.split(",")) {
            kinds.add(EngineKind.valueOf(e.trim().toUpperCase(Locale.ROOT)));
        }
        List<Integer> threadCounts = new ArrayList<>();
        for (String t : threads.split(",")) {
            threadCounts.add(Integer.parseInt(t.trim()));
        }
        Isolation level = Isolation.named(isolation);
        boolean syncOn = switch (sync) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--sync must be on or off");
        };
        Path target = Path.of("target");
        Path root = Files.createTempDirectory(Files.isDirectory(target) ? target
                : Path.of(System.getProperty("java.io.tmpdir")), "cutaway-bench-txn-");
        MachineFacts.print(System.err, root);
        System.err.printf("# bench txn engines=%s threads=%s keys=%d hot_keys=%d seconds=%.1f "
                + "isolation=%s sync=%s%n", engines, threads, keys, hotKeys, seconds, level,
                sync);
        List<String> chosen = List.of(workloads.split(","));
        try {
            for (EngineKind kind : chosen.contains("rmw") ? kinds : List.<EngineKind>of()) {
                runEngine(kind, root.resolve(kind.name().toLowerCase(Locale.ROOT)),
                        threadCounts, level, syncOn);
            }
            if (chosen.contains("point_read")) {
                PointReadBench.run(root.resolve("point-read"), keys, seconds, seed, System.out);
            }
        } finally {
            RmwBench.deleteTree(root);
        }
        return 0;
    }

    private void runEngine(EngineKind kind, Path dir, List<Integer> threadCounts,
            Isolation level, boolean syncOn) throws Exception {
        String base = kind == EngineKind.BTREE ? "cutaway-btree" : "cutaway-lsm";
        try (RmwBench bench = RmwBench.open(dir, kind, syncOn, Math.max(keys, hotKeys))) {
            for (String contention : List.of("low", "high")) {
                int keyCount = contention.equals("low") ? keys : hotKeys;
                for (int t : threadCounts) {
                    String workload = "rmw_" + contention + "_" + t + "t";
                    List<String> extras = List.of("threads=" + t, "keys=" + keyCount,
                            "sync=" + sync);
                    pair(bench, workload, base, level, t, keyCount, 0, extras);
                }
            }
            // The cost per write: one transaction of 100 blind writes vs one raw batch.
            pair(bench, "put_batch100_1t", base, level, 1, keys, 100,
                    List.of("threads=1", "keys=" + keys, "sync=" + sync, "batch=100"));
        }
    }

    private void pair(RmwBench bench, String workload, String base, Isolation level,
            int threadCount, int keyCount, int batch, List<String> extras) throws Exception {
        RmwBench.Result kv = bench.run(false, level, threadCount, keyCount, batch, seconds, seed);
        RmwBench.Result tx = bench.run(true, level, threadCount, keyCount, batch, seconds, seed);
        BenchLine kvLine = kv.line(workload, base + "-kv", extras);
        BenchLine txLine = tx.line(workload, base + "-txn", extras);
        System.out.println(kvLine.format());
        System.out.println(txLine.format());
        System.out.println(RatioLine.of(txLine, kvLine).format());
        System.out.flush();
    }
}
