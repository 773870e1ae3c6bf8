package dev.cutaway.bench.sql;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.RatioLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench sql --workload joins}: loads the TPC-H-like data of {@link JoinsData} into every
 * engine through JDBC (same seed, same rows, same indexes, then ANALYZE), and runs each
 * {@link JoinsQuery} on every engine in turn: the first run is the warm-up and the answer
 * check (row count and checksum must equal the first engine's: a wrong answer is a failure,
 * not a data point), then {@code runs} timed runs.
 *
 * <p>Lines: {@code bench sql joins_q3 <engine> ops_per_s=<queries per second at the median>
 * p50_us=<median run> p99_us=<slowest run> scale= runs= result_rows=}, and
 * {@code joins_total} whose p50_us is the sum of the medians of the queries that agreed on
 * every engine (ops_per_s: those queries over that time). Ratios of cutaway-btree to every
 * other engine compare times (the other engine's median over Cutaway's), so above 1 means
 * Cutaway is faster, even where a query takes longer than a second. H2's reuse of a repeated
 * query's result ({@code OPTIMIZE_REUSE_RESULTS}) is switched off: every run computes.
 */
final class JoinsBench {
    private final double scale;
    private final long seed;
    private final int runs;

    JoinsBench(double scale, long seed, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1: " + runs);
        }
        this.scale = scale;
        this.seed = seed;
        this.runs = runs;
    }

    /** What one query did on one engine. */
    private record Timed(JoinsQuery.Answer answer, long[] nanos) {
        long medianNanos() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        long maxNanos() {
            return Arrays.stream(nanos).max().orElse(0);
        }
    }

    /** The outcome of a run: the printed lines and the queries whose answers disagreed. */
    record Result(List<String> lines, List<JoinsQuery> wrong) {}

    Result run(Path root, List<SqlPeer> peers, List<JoinsQuery> queries, PrintStream out)
            throws Exception {
        List<String> lines = new ArrayList<>();
        List<JoinsQuery> wrong = new ArrayList<>();
        Map<SqlPeer, Connection> open = new LinkedHashMap<>();
        try {
            for (SqlPeer peer : peers) {
                Path dir = root.resolve("joins-" + peer.label());
                peer.create(dir);
                Connection c = peer.connect(dir);
                open.put(peer, c);
                if (peer == SqlPeer.H2) {
                    // H2 returns a repeated query's previous result while no table changed:
                    // the timed runs would measure that cache, not the query.
                    try (java.sql.Statement s = c.createStatement()) {
                        s.execute("SET OPTIMIZE_REUSE_RESULTS 0");
                    }
                }
                long begin = System.nanoTime();
                long rows = JoinsData.createAndLoad(c, scale, seed, true);
                System.err.printf(Locale.ROOT, "# joins load %s: %d rows in %.1f s%n",
                        peer.label(), rows, (System.nanoTime() - begin) / 1e9);
            }
            Map<SqlPeer, Long> totalNanos = new LinkedHashMap<>();
            Map<SqlPeer, Long> totalMaxNanos = new LinkedHashMap<>();
            for (JoinsQuery q : queries) {
                Map<SqlPeer, Timed> timed = timeQuery(q, open);
                if (timed == null) {
                    wrong.add(q);
                    continue;
                }
                Map<SqlPeer, BenchLine> byPeer = new LinkedHashMap<>();
                timed.forEach((peer, t) -> {
                    byPeer.put(peer, line(q.label(), peer, t.medianNanos(), t.maxNanos(),
                            t.answer().rows(), 1));
                    totalNanos.merge(peer, t.medianNanos(), Long::sum);
                    totalMaxNanos.merge(peer, t.maxNanos(), Long::sum);
                });
                emit(out, lines, byPeer, medians(timed));
            }
            int agreed = queries.size() - wrong.size();
            if (agreed > 0) {
                Map<SqlPeer, BenchLine> totals = new LinkedHashMap<>();
                totalNanos.forEach((peer, nanos) -> totals.put(peer, line("joins_total", peer,
                        nanos, totalMaxNanos.get(peer), -1, agreed)));
                emit(out, lines, totals, totalNanos);
            }
        } finally {
            for (Connection c : open.values()) {
                c.close();
            }
        }
        return new Result(lines, wrong);
    }

    /** Warm-up and check on every engine, then the timed runs; null if answers disagree. */
    private Map<SqlPeer, Timed> timeQuery(JoinsQuery q, Map<SqlPeer, Connection> open)
            throws SQLException {
        Map<SqlPeer, Timed> timed = new LinkedHashMap<>();
        JoinsQuery.Answer expected = null;
        SqlPeer first = null;
        for (Map.Entry<SqlPeer, Connection> e : open.entrySet()) {
            JoinsQuery.Answer answer = q.run(e.getValue());
            if (expected == null) {
                expected = answer;
                first = e.getKey();
            } else if (!expected.equals(answer)) {
                System.err.printf(Locale.ROOT, "# WRONG ANSWER %s: %s %s but %s %s; not timed%n",
                        q.label(), first.label(), expected, e.getKey().label(), answer);
                return null;
            }
            timed.put(e.getKey(), new Timed(answer, new long[runs]));
        }
        for (Map.Entry<SqlPeer, Connection> e : open.entrySet()) {
            long[] nanos = timed.get(e.getKey()).nanos();
            for (int i = 0; i < runs; i++) {
                long before = System.nanoTime();
                JoinsQuery.Answer again = q.run(e.getValue());
                nanos[i] = System.nanoTime() - before;
                if (!again.equals(expected)) {
                    throw new IllegalStateException(q.label() + " on " + e.getKey().label()
                            + " changed its answer between runs: " + again + " vs " + expected);
                }
            }
        }
        return timed;
    }

    private static Map<SqlPeer, Long> medians(Map<SqlPeer, Timed> timed) {
        Map<SqlPeer, Long> m = new LinkedHashMap<>();
        timed.forEach((peer, t) -> m.put(peer, t.medianNanos()));
        return m;
    }

    private BenchLine line(String workload, SqlPeer peer, long nanos, long maxNanos,
            long resultRows, int queryCount) {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("scale", String.format(Locale.ROOT, "%s", scale));
        extras.put("runs", Integer.toString(runs));
        if (resultRows >= 0) {
            extras.put("result_rows", Long.toString(resultRows));
        } else {
            extras.put("queries", Integer.toString(queryCount));
        }
        long opsPerSecond = Math.round(queryCount * 1e9 / Math.max(1, nanos));
        return new BenchLine("sql", workload, peer.label(), opsPerSecond, nanos / 1e3,
                maxNanos / 1e3, extras);
    }

    /** Prints the lines of one query (or the total) and cutaway-btree's time ratios. */
    private static void emit(PrintStream out, List<String> lines, Map<SqlPeer, BenchLine> byPeer,
            Map<SqlPeer, Long> nanos) {
        for (BenchLine l : byPeer.values()) {
            print(out, lines, l.format());
        }
        Long base = nanos.get(SqlPeer.CUTAWAY_BTREE);
        if (base == null) {
            return;
        }
        BenchLine baseLine = byPeer.get(SqlPeer.CUTAWAY_BTREE);
        nanos.forEach((peer, n) -> {
            if (peer != SqlPeer.CUTAWAY_BTREE) {
                print(out, lines, new RatioLine("sql", baseLine.workload(), baseLine.engine(),
                        peer.label(), (double) n / Math.max(1, base)).format());
            }
        });
    }

    private static void print(PrintStream out, List<String> lines, String line) {
        out.println(line);
        out.flush();
        lines.add(line);
    }
}
