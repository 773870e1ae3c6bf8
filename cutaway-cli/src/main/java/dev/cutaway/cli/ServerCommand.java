package dev.cutaway.cli;

import dev.cutaway.server.PgServer;
import dev.cutaway.server.ServerOptions;
import dev.cutaway.sql.engine.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutaway server}: serves a data directory (or an in-memory database) to PostgreSQL
 * clients (psql, pgbench, pgjdbc) over protocol 3.0 until interrupted; Ctrl-C closes the
 * connections (rolling back their open transactions) and then the database.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Serve the database to PostgreSQL clients (psql, pgbench, JDBC).")
final class ServerCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true)
    DatabaseTarget target = new DatabaseTarget();

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Option(names = {"-p", "--port"}, paramLabel = "N", description = "TCP port (default: 5432)")
    int port = 5432;

    @Option(names = "--listen", paramLabel = "ADDR",
            description = "address to listen on (default: loopback only)")
    String listen;

    @Option(names = "--auth", paramLabel = "trust|scram",
            description = "client authentication (default: trust)")
    String auth = "trust";

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS#12 key store with the server certificate: enables TLS")
    Path tlsKeyStore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD",
            description = "the key store's password (default: empty)")
    String tlsKeyStorePassword = "";

    @Option(names = "--max-connections", paramLabel = "N", description = "default: 100")
    int connectionsMax = 100;

    @Option(names = "--statement-timeout-ms", paramLabel = "MS",
            description = "cancel statements running longer (default: 0, never)")
    long statementTimeoutMs;

    @Option(names = "--idle-timeout-ms", paramLabel = "MS",
            description = "close connections idle longer (default: 0, never)")
    long idleTimeoutMs;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ServerOptions.Auth method = switch (auth) {
            case "trust" -> ServerOptions.Auth.TRUST;
            case "scram", "scram-sha-256" -> ServerOptions.Auth.SCRAM;
            default -> throw new IllegalArgumentException("--auth must be trust or scram, not "
                    + auth);
        };
        ServerOptions options = ServerOptions.defaults().withPort(port).withAuth(method)
                .withConnectionsMax(connectionsMax).withStatementTimeoutMs(statementTimeoutMs)
                .withIdleTimeoutMs(idleTimeoutMs);
        if (tlsKeyStore != null) {
            options = options.withTls(ServerOptions.tlsFromKeyStore(tlsKeyStore,
                    tlsKeyStorePassword.toCharArray()));
        }
        if (listen != null) {
            options = options.withListenAddress(InetAddress.getByName(listen));
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (Database db = target.open(storage.databaseOptions());
             PgServer server = PgServer.start(db, options)) {
            // On Ctrl-C or SIGTERM: wake this thread, which closes the server then the
            // database, and let the JVM exit only once that is done.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stopped.countDown();
                try {
                    closed.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            out.println("cutaway: listening on " + options.listenAddress().getHostAddress()
                    + ":" + server.port() + " (auth " + auth + "; Ctrl-C stops)");
            out.flush();
            stopped.await();
        } finally {
            closed.countDown();
        }
        out.println("cutaway: server stopped");
        out.flush();
        return 0;
    }
}
