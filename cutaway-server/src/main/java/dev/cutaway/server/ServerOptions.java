package dev.cutaway.server;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link PgServer} listens and what it allows.
 *
 * @param listenAddress  where to bind; loopback by default (remote clients are opt-in)
 * @param port           TCP port, 0 for any free one (tests)
 * @param connectionsMax connections served at once; one more is refused with 53300
 * @param messageBytesMax largest frontend message body accepted; a larger one ends its
 *                       connection with 08P01/54000 before it is read (bounds memory)
 * @param auth           how clients prove who they are
 * @param databases      the database names a client may connect to (one data directory
 *                       is one database; {@code postgres} as PostgreSQL's default)
 * @param idleTimeoutMs  a connection idle this long between messages is closed (0 = never)
 * @param statementTimeoutMs a statement running longer is canceled with 57014 (0 = never)
 */
public record ServerOptions(InetAddress listenAddress, int port, int connectionsMax,
        int messageBytesMax, Auth auth, Set<String> databases, long idleTimeoutMs,
        long statementTimeoutMs) {

    /** Authentication methods. */
    public enum Auth {
        /** Anyone naming an existing role gets in (local development). */
        TRUST,
        /** SCRAM-SHA-256 against the role's stored verifier. */
        SCRAM
    }

    public ServerOptions {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(auth, "auth");
        databases = Set.copyOf(databases);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (connectionsMax < 1) {
            throw new IllegalArgumentException("connectionsMax must be at least 1");
        }
        if (messageBytesMax < 1024) {
            throw new IllegalArgumentException("messageBytesMax must be at least 1024");
        }
        if (idleTimeoutMs < 0 || statementTimeoutMs < 0) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
    }

    /** Loopback, port 5432, 100 connections, 64 MiB messages, trust, no timeouts. */
    public static ServerOptions defaults() {
        return new ServerOptions(InetAddress.getLoopbackAddress(), 5432, 100, 64 << 20,
                Auth.TRUST, Set.of("postgres"), 0, 0);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(listenAddress, newPort, connectionsMax, messageBytesMax, auth,
                databases, idleTimeoutMs, statementTimeoutMs);
    }

    public ServerOptions withListenAddress(InetAddress address) {
        return new ServerOptions(address, port, connectionsMax, messageBytesMax, auth,
                databases, idleTimeoutMs, statementTimeoutMs);
    }

    public ServerOptions withConnectionsMax(int max) {
        return new ServerOptions(listenAddress, port, max, messageBytesMax, auth, databases,
                idleTimeoutMs, statementTimeoutMs);
    }

    public ServerOptions withMessageBytesMax(int max) {
        return new ServerOptions(listenAddress, port, connectionsMax, max, auth, databases,
                idleTimeoutMs, statementTimeoutMs);
    }

    public ServerOptions withAuth(Auth newAuth) {
        return new ServerOptions(listenAddress, port, connectionsMax, messageBytesMax, newAuth,
                databases, idleTimeoutMs, statementTimeoutMs);
    }

    public ServerOptions withIdleTimeoutMs(long ms) {
        return new ServerOptions(listenAddress, port, connectionsMax, messageBytesMax, auth,
                databases, ms, statementTimeoutMs);
    }

    public ServerOptions withStatementTimeoutMs(long ms) {
        return new ServerOptions(listenAddress, port, connectionsMax, messageBytesMax, auth,
                databases, idleTimeoutMs, ms);
    }
}
