package dev.cutaway.bench.pg;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A throw-away PostgreSQL cluster for one benchmark run: {@code initdb} into a fresh temp
 * directory, {@code pg_ctl start} on a free loopback port (no Unix socket outside the temp
 * directory, trust authentication for the superuser {@code postgres}), {@code pg_ctl stop}
 * and removal of the directory on {@link #close()}.
 *
 * <p>PostgreSQL refuses to run as root. When this JVM runs as root the cluster's commands
 * run as the unprivileged system user {@code postgres} through {@code runuser}, and the temp
 * directory is handed to that user; otherwise they run as the current user.
 *
 * <p>Durability is pinned, not inherited from defaults: {@code fsync=on},
 * {@code synchronous_commit=on}, {@code full_page_writes=on}. Invariant: {@link #close()} is
 * idempotent and safe to call from a shutdown hook while another thread uses the server.
 */
final class PrivatePostgres implements AutoCloseable {
    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final String SUPERUSER = "postgres";

    private final Path root;
    private final Path data;
    private final int port;
    private final List<String> asUser;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PrivatePostgres(Path root, int port, List<String> asUser) {
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.asUser = asUser;
    }

    /** Creates and starts a cluster; on failure removes what it made and rethrows. */
    static PrivatePostgres start(int sharedBuffersMib) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
                "cutaway-bench-pg-");
        List<String> asUser = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            asUser = List.of("runuser", "-u", SUPERUSER, "--");
            run(List.of("chown", SUPERUSER + ":", root.toString()), 30);
        }
        PrivatePostgres pg = new PrivatePostgres(root, freeLoopbackPort(), asUser);
        try {
            pg.initdb();
            pg.startServer(sharedBuffersMib);
            return pg;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    Path directory() {
        return root;
    }

    private void initdb() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(asUser);
        cmd.addAll(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(),
                "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"));
        run(cmd, 120);
    }

    private void startServer(int sharedBuffersMib) throws IOException, InterruptedException {
        String settings = String.join(" ", "-c listen_addresses=127.0.0.1", "-c port=" + port,
                "-c unix_socket_directories=" + root, "-c fsync=on",
                "-c synchronous_commit=on", "-c full_page_writes=on",
                "-c max_connections=100", "-c shared_buffers=" + sharedBuffersMib + "MB");
        List<String> cmd = new ArrayList<>(asUser);
        cmd.addAll(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", root.resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", settings, "start"));
        run(cmd, 90);
    }

    /** Stops the server (fast shutdown) and removes the directory; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                List<String> cmd = new ArrayList<>(asUser);
                cmd.addAll(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
                        "-m", "fast", "-w", "-t", "60", "stop"));
                run(cmd, 90);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("# postgres: stop failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(root);
        }
    }

    /** A port nobody listens on right now (a race with other programs is possible). */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Runs a command to completion; a non-zero exit throws with the command's output. */
    static String run(List<String> cmd, long timeoutSeconds)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out after " + timeoutSeconds + " s: " + cmd);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + " from " + String.join(" ", cmd)
                    + ":\n" + text);
        }
        return text;
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("# could not remove " + dir + ": " + e);
        }
    }
}
