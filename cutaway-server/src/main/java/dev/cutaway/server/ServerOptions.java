package dev.cutaway.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

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
 * @param tls            answers SSLRequest with 'S' and a TLS handshake when set; null: 'N'
 */
public record ServerOptions(InetAddress listenAddress, int port, int connectionsMax,
        int messageBytesMax, Auth auth, Set<String> databases, long idleTimeoutMs,
        long statementTimeoutMs, SSLContext tls) {

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
                Auth.TRUST, Set.of("postgres"), 0, 0, null);
    }

    public ServerOptions withPort(int newPort) {
        return new ServerOptions(listenAddress, newPort, connectionsMax, messageBytesMax, auth,
                databases, idleTimeoutMs, statementTimeoutMs, tls);
    }

    public ServerOptions withListenAddress(InetAddress address) {
        return new ServerOptions(address, port, connectionsMax, messageBytesMax, auth,
                databases, idleTimeoutMs, statementTimeoutMs, tls);
    }

    public ServerOptions withConnectionsMax(int max) {
        return new ServerOptions(listenAddress, port, max, messageBytesMax, auth, databases,
                idleTimeoutMs, statementTimeoutMs, tls);
    }

    public ServerOptions withMessageBytesMax(int max) {
        return new ServerOptions(listenAddress, port, connectionsMax, max, auth, databases,
                idleTimeoutMs, statementTimeoutMs, tls);
    }

    public ServerOptions withAuth(Auth newAuth) {
        return new ServerOptions(listenAddress, port, connectionsMax, messageBytesMax, newAuth,
                databases, idleTimeoutMs, statementTimeoutMs, tls);
    }

    public ServerOptions withIdleTimeoutMs(long ms) {
        return new ServerOptions(listenAddress, port, connectionsMax, messageBytesMax, auth,
                databases, ms, statementTimeoutMs, tls);
    }

    public ServerOptions withStatementTimeoutMs(long ms) {
        return new ServerOptions(listenAddress, port, connectionsMax, messageBytesMax, auth,
                databases, idleTimeoutMs, ms, tls);
    }

    public ServerOptions withTls(SSLContext context) {
        return new ServerOptions(listenAddress, port, connectionsMax, messageBytesMax, auth,
                databases, idleTimeoutMs, statementTimeoutMs, context);
    }

    /** A server TLS context from a PKCS#12 key store holding the certificate and its key. */
    public static SSLContext tlsFromKeyStore(Path keyStore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(
                    KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use key store " + keyStore + ": " + e.getMessage(), e);
        }
    }
}
