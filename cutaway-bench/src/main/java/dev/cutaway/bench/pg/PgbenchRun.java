package dev.cutaway.bench.pg;

import dev.cutaway.bench.LatencySamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One timed pgbench run against a server on loopback, and what it reports.
 *
 * <p>Throughput is pgbench's own {@code tps = ... (without initial connection time)}.
 * Latencies come from pgbench's per-transaction log ({@code --log}): one line per
 * transaction, {@code client_id transaction_no time_us script_no epoch_s epoch_us}, where
 * {@code time_us} is the whole transaction as the client saw it (for TPC-B-like: BEGIN, five
 * statements, COMMIT, so a durable commit is inside it). p50 and p99 are nearest-rank over
 * every logged transaction of the run.
 *
 * @param tps          pgbench's throughput, transactions per second
 * @param transactions transactions processed
 * @param failed       failed transactions (serialization or deadlock failures)
 * @param p50Micros    median transaction latency
 * @param p99Micros    99th percentile transaction latency
 */
record PgbenchRun(double tps, long transactions, long failed, double p50Micros,
        double p99Micros) {

    static final Pattern TPS = Pattern.compile(
            "tps = ([0-9.]+) \\(without initial connection time\\)");
    static final Pattern PROCESSED = Pattern.compile(
            "number of transactions actually processed: (\\d+)");
    static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    /** The fixed part of every pgbench command line aimed at {@code port}. */
    static List<String> base(int port) {
        return new ArrayList<>(List.of(PrivatePostgres.BIN.resolve("pgbench").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
                PrivatePostgres.SUPERUSER));
    }

    /**
     * Runs {@code pgbench -n -M prepared -c clients -j jobs -T seconds [-S]} and reads its
     * report and log. {@code -n}: no vacuum or history truncation before the run, on either
     * engine (Cutaway has no VACUUM; the same start state for both keeps it fair).
     */
    static PgbenchRun run(int port, boolean selectOnly, int clients, int jobs, int seconds,
            Path logDir) throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        List<String> cmd = base(port);
        cmd.addAll(List.of("-n", "-M", "prepared", "-c", Integer.toString(clients),
                "-j", Integer.toString(jobs), "-T", Integer.toString(seconds), "--log",
                "--log-prefix=" + logDir.resolve("tx")));
        if (selectOnly) {
            cmd.add("-S");
        }
        cmd.add("postgres");
        String out = PrivatePostgres.run(cmd, seconds + 120L);
        LatencySamples samples = readLog(logDir);
        PgbenchRun result = new PgbenchRun(Double.parseDouble(group(TPS, out)),
                Long.parseLong(group(PROCESSED, out)), failedCount(out),
                samples.percentileMicros(50), samples.percentileMicros(99));
        PrivatePostgres.deleteTree(logDir);
        return result;
    }

    static String group(Pattern pattern, String out) throws IOException {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IOException("pgbench output lacks /" + pattern + "/:\n" + out);
        }
        return m.group(1);
    }

    private static long failedCount(String out) {
        Matcher m = FAILED.matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** Every transaction's latency from every log file pgbench wrote (one per thread). */
    static LatencySamples readLog(Path logDir) throws IOException {
        long[] micros = new long[1 << 16];
        int n = 0;
        List<Path> files;
        try (var list = Files.list(logDir)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("tx.")).toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                String[] fields = line.split(" ");
                if (fields.length < 3) {
                    continue;
                }
                if (n == micros.length) {
                    micros = Arrays.copyOf(micros, n * 2);
                }
                micros[n++] = Long.parseLong(fields[2]);
            }
        }
        LatencySamples samples = new LatencySamples(n);
        for (int i = 0; i < n; i++) {
            samples.record(micros[i] * 1000);
        }
        return samples;
    }
}
