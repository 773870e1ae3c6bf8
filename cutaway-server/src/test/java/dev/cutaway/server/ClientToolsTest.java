package dev.cutaway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.DatabaseOptions;
import dev.cutaway.txn.TxnOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real PostgreSQL client programs against the server: a scripted psql session compared
 * with a golden file (psql's own rendering of results, tags, errors with carets, COPY both
 * ways), and pgbench: {@code -i -s 1}, runs in {@code -M simple}, {@code extended},
 * {@code prepared} and {@code -S}, then TPC-B's consistency check (the balances of accounts,
 * tellers and branches and the history's deltas all sum to the same total; the runs use
 * {@code -n}, as pgbench's run setup would otherwise truncate the history). Run length per
 * mode: {@code -Dcutaway.pgbench.seconds=N} (default 2; the figure is 10).
 *
 * <p>psql and pgbench 15 must be installed (PATH or /usr/lib/postgresql/15/bin; .ci/run
 * installs them when missing). Regenerate the golden file with
 * {@code -Dcutaway.golden.update=true} after checking the difference is intended.
 */
class ClientToolsTest {

    @Test
    void psqlSessionMatchesTheGoldenFile(@TempDir Path work) throws Exception {
        Path script = work.resolve("session.sql");
        Files.write(script, resource("psql/session.sql"));
        String expected = new String(resource("psql/session.out"), StandardCharsets.UTF_8);
        try (Database db = Database.inMemory();
             PgServer server = PgServer.start(db, ServerOptions.defaults().withPort(0))) {
            String actual = run(work, tool("psql"), "-X", "-a", "-h", "127.0.0.1", "-p",
                    Integer.toString(server.port()), "-U", "postgres", "-d", "postgres",
                    "-f", "session.sql");
            if (Boolean.getBoolean("cutaway.golden.update")) {
                Files.writeString(Path.of("src/test/resources/psql/session.out"), actual);
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void pgbenchInitializesRunsEveryModeAndStaysConsistent(@TempDir Path dir)
            throws Exception {
        int seconds = Integer.getInteger("cutaway.pgbench.seconds", 2);
        // Small commit parts: pgbench's single COPY transaction commits as many log parts
        // (ADR 0029), as the 1,000,000 rows of -s 10 do with the default part size.
        try (Database db = Database.open(dir, DatabaseOptions.defaults()
                .withSynchronousCommit(false)
                .withTxn(TxnOptions.defaults().withCommitPartBytes(256 * 1024)));
             PgServer server = PgServer.start(db, ServerOptions.defaults().withPort(0))) {
            String port = Integer.toString(server.port());
            String init = run(dir, tool("pgbench"), "-h", "127.0.0.1", "-p", port, "-U",
                    "postgres", "-i", "-s", "1", "postgres");
            assertThat(init).contains("done in");
            assertThat(db.txnStore().stats().counters().get("commits.parted"))
                    .as("commits written in parts").isPositive();
            List<String[]> runs = List.of(new String[] {"-M", "simple"},
                    new String[] {"-M", "extended"}, new String[] {"-M", "prepared"},
                    new String[] {"-S", "-M", "prepared"});
            for (String[] mode : runs) {
                List<String> cmd = new ArrayList<>(List.of(tool("pgbench"), "-h", "127.0.0.1",
                        "-p", port, "-U", "postgres", "-n", "-c", "2", "-T",
                        Integer.toString(seconds)));
                cmd.addAll(List.of(mode));
                cmd.add("postgres");
                String out = run(dir, cmd.toArray(String[]::new));
                System.out.println("pgbench " + String.join(" ", mode) + ": "
                        + line(out, "tps = "));
                assertThat(number(out, "number of transactions actually processed: (\\d+)"))
                        .as(out).isPositive();
                assertThat(number(out, "number of failed transactions: (\\d+)")).as(out)
                        .isZero();
            }
            assertConsistent(server.port());
        }
    }

    /**
     * One COPY transaction of 72 MiB through psql: more than one log record held before
     * ADR 0029 (63 MiB), so it used to fail with 54000.
     */
    @Test
    void oneCopyLargerThanALogRecordCommits(@TempDir Path dir) throws Exception {
        int rows = 72;
        Path data = dir.resolve("rows.txt");
        String filler = "x".repeat(1 << 20);
        try (var w = Files.newBufferedWriter(data)) {
            for (int i = 1; i <= rows; i++) {
                w.write(i + "\t" + filler + "\n");
            }
        }
        try (Database db = Database.open(dir.resolve("db"), DatabaseOptions.defaults()
                .withSynchronousCommit(false));
             PgServer server = PgServer.start(db, ServerOptions.defaults().withPort(0))) {
            String port = Integer.toString(server.port());
            run(dir, tool("psql"), "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                    port, "-U", "postgres", "-d", "postgres", "-c",
                    "CREATE TABLE big (id int PRIMARY KEY, filler text)");
            run(dir, tool("psql"), "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                    port, "-U", "postgres", "-d", "postgres", "-c",
                    "\\copy big FROM 'rows.txt'");
            String out = run(dir, tool("psql"), "-X", "-A", "-t", "-h", "127.0.0.1", "-p",
                    port, "-U", "postgres", "-d", "postgres", "-c",
                    "SELECT count(*), sum(length(filler)) FROM big");
            assertThat(out.strip()).isEqualTo(rows + "|" + (long) rows * (1 << 20));
            assertThat(db.txnStore().stats().counters().get("commits.parted")).isEqualTo(1L);
        }
    }

    private static void assertConsistent(int port) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port
                + "/postgres", "postgres", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select (select sum(abalance) from pgbench_accounts),"
                     + " (select sum(tbalance) from pgbench_tellers),"
                     + " (select sum(bbalance) from pgbench_branches),"
                     + " (select coalesce(sum(delta), 0) from pgbench_history),"
                     + " (select count(*) from pgbench_accounts)")) {
            rs.next();
            long accounts = rs.getLong(1);
            assertThat(rs.getLong(2)).isEqualTo(accounts);
            assertThat(rs.getLong(3)).isEqualTo(accounts);
            assertThat(rs.getLong(4)).isEqualTo(accounts);
            assertThat(rs.getLong(5)).isEqualTo(100_000);
        }
    }

    private static long number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertThat(m.find()).as("'" + regex + "' in:\n" + out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String line(String out, String prefix) {
        for (String l : out.split("\n")) {
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        return "(no " + prefix + ")";
    }

    /** The client program: on the PATH, else PostgreSQL 15's Debian location. */
    private static String tool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        Path debian = Path.of("/usr/lib/postgresql/15/bin", name);
        if (Files.isExecutable(debian)) {
            return debian.toString();
        }
        throw new AssertionError(name + " (PostgreSQL 15 client) is not installed: .ci/run"
                + " installs it; locally: apt-get install postgresql-client-15 postgresql-15");
    }

    private static String run(Path workDir, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true);
        pb.environment().remove("PGOPTIONS");
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        Process p = pb.start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
        return text;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ClientToolsTest.class.getClassLoader()
                .getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
