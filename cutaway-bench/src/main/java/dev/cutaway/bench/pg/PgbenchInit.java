package dev.cutaway.bench.pg;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * pgbench's initialization ({@code pgbench -i -s N}) cut into transactions Cutaway can
 * commit: one commit is one log record of at most 64 MiB and about a million writes
 * (Transaction's write-set bounds), and pgbench loads all of {@code pgbench_accounts}
 * (100 000 rows per scale unit) in a single transaction, which at scale 10 exceeds both.
 *
 * <p>Both engines get the same steps, so the tables they run on are built alike:
 * {@code pgbench -i -I dt} (drop, create tables, as pgbench defines them); the primary keys
 * pgbench's step {@code p} adds, added while the tables are empty; the rows pgbench's
 * client-side step {@code g} generates (branches and tellers with balance 0, accounts with
 * balance 0 and an empty filler), sent with {@code COPY ... FROM STDIN} through psql in
 * chunks of {@link #CHUNK_ROWS} rows, one transaction each; then {@code pgbench -i -I v}
 * (VACUUM ANALYZE, so PostgreSQL plans with statistics as after a normal init).
 */
final class PgbenchInit {
    static final int CHUNK_ROWS = 100_000;
    static final int BRANCHES_PER_SCALE = 1;
    static final int TELLERS_PER_SCALE = 10;
    static final int ACCOUNTS_PER_SCALE = 100_000;

    private PgbenchInit() {}

    static void run(int port, int scale) throws IOException, InterruptedException {
        pgbenchSteps(port, scale, "dt");
        psqlCommand(port, "ALTER TABLE pgbench_branches ADD PRIMARY KEY (bid)");
        psqlCommand(port, "ALTER TABLE pgbench_tellers ADD PRIMARY KEY (tid)");
        psqlCommand(port, "ALTER TABLE pgbench_accounts ADD PRIMARY KEY (aid)");
        copyRows(port, "pgbench_branches (bid, bbalance)", BRANCHES_PER_SCALE * scale,
                (row, b) -> b.append(row).append("\t0\n"));
        copyRows(port, "pgbench_tellers (tid, bid, tbalance)", TELLERS_PER_SCALE * scale,
                (row, b) -> b.append(row).append('\t')
                        .append((row - 1) / TELLERS_PER_SCALE + 1).append("\t0\n"));
        copyRows(port, "pgbench_accounts (aid, bid, abalance, filler)",
                (long) ACCOUNTS_PER_SCALE * scale,
                (row, b) -> b.append(row).append('\t')
                        .append((row - 1) / ACCOUNTS_PER_SCALE + 1).append("\t0\t\n"));
        pgbenchSteps(port, scale, "v");
    }

    /** Writes row {@code row} (1-based) as one COPY text line. */
    @FunctionalInterface
    private interface RowText {
        void append(long row, StringBuilder line);
    }

    private static void pgbenchSteps(int port, int scale, String steps)
            throws IOException, InterruptedException {
        List<String> cmd = PgbenchRun.base(port);
        cmd.addAll(List.of("-i", "-s", Integer.toString(scale), "-I", steps, "postgres"));
        PrivatePostgres.run(cmd, 3600);
    }

    private static List<String> psql(int port) {
        return new ArrayList<>(List.of(PrivatePostgres.BIN.resolve("psql").toString(),
                "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", Integer.toString(port), "-U", PrivatePostgres.SUPERUSER,
                "-d", "postgres"));
    }

    private static void psqlCommand(int port, String sql)
            throws IOException, InterruptedException {
        List<String> cmd = psql(port);
        cmd.addAll(List.of("-c", sql));
        PrivatePostgres.run(cmd, 600);
    }

    private static void copyRows(int port, String target, long rows, RowText text)
            throws IOException, InterruptedException {
        for (long first = 1; first <= rows; first += CHUNK_ROWS) {
            long last = Math.min(rows, first + CHUNK_ROWS - 1);
            List<String> cmd = psql(port);
            cmd.addAll(List.of("-c", "COPY " + target + " FROM STDIN"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            StringBuilder line = new StringBuilder(64);
            try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                    p.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                for (long row = first; row <= last; row++) {
                    line.setLength(0);
                    text.append(row, line);
                    w.append(line);
                }
                w.append("\\.\n");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("COPY " + target + " rows " + first + ".." + last
                        + " failed:\n" + out);
            }
        }
    }
}
