package dev.cutaway.server;

import dev.cutaway.sql.engine.Database;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A PostgreSQL protocol-3.0 server over one {@link Database}: an accept loop on a virtual
 * thread and one virtual thread per connection ({@link Connection}).
 *
 * <p>Invariants: at most {@code connectionsMax} connections get a session (the next one is
 * answered FATAL 53300 after its startup packet and closed); every accepted socket is closed
 * by its own thread; {@link #close()} stops accepting, closes every live socket (their
 * threads then roll back and close their sessions) and waits for the threads to end. Process
 * ids handed out in BackendKeyData are unique per server; secret keys come from a
 * {@link SecureRandom}, so a CancelRequest needs both.
 */
public final class PgServer implements AutoCloseable {
    private final Database db;
    private final ServerOptions options;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Map<Integer, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger nextPid = new AtomicInteger(1000);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong internalErrors = new AtomicLong();
    private final SecureRandom secrets = new SecureRandom();
    private final ScheduledExecutorService timers;
    private final Roles roles;
    private volatile boolean closing;

    private PgServer(Database db, ServerOptions options, ServerSocket listener) {
        this.db = db;
        this.options = options;
        this.listener = listener;
        this.roles = new Roles(db);
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("pgwire-timer").factory());
        this.acceptor = Thread.ofVirtual().name("pgwire-accept").unstarted(this::acceptLoop);
    }

    /** Binds the listening socket and starts accepting. */
    public static PgServer start(Database db, ServerOptions options) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(options.listenAddress(), options.port()), 128);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        PgServer server = new PgServer(db, options, socket);
        server.roles.bootstrap();
        PgCatalog.register(db.systemTables());
        server.acceptor.start();
        return server;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    /** Connections with a session right now. */
    public int activeConnections() {
        return active.get();
    }

    /** Connections accepted since start. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections ended by a bug of ours (an unexpected exception), since start. */
    public long internalErrors() {
        return internalErrors.get();
    }

    void internalError(RuntimeException e) {
        internalErrors.incrementAndGet();
        System.err.println("cutaway server: internal error on a connection: " + e);
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (closing) {
                    return;
                }
                continue;   // e.g. a client reset before accept; keep serving
            }
            accepted.incrementAndGet();
            int pid = nextPid.incrementAndGet();
            Connection c = new Connection(this, socket, pid, secrets.nextInt());
            connections.put(pid, c);
            Thread.ofVirtual().name("pgwire-" + pid).start(c);
        }
    }

    /** Claims a session slot; false when the server is full. */
    boolean admit() {
        if (active.incrementAndGet() > options.connectionsMax()) {
            active.decrementAndGet();
            return false;
        }
        return true;
    }

    void release(Connection c, boolean admitted) {
        connections.remove(c.pid());
        if (admitted) {
            active.decrementAndGet();
        }
    }

    /** A CancelRequest: cancels the statement running on {@code pid} if the key matches. */
    void cancel(int pid, int secret) {
        Connection c = connections.get(pid);
        if (c != null && c.secret() == secret) {
            c.cancelRunningStatement();
        }
    }

    Database database() {
        return db;
    }

    ServerOptions options() {
        return options;
    }

    Roles roles() {
        return roles;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** Stops accepting, closes every connection and waits (up to 10 s) for them to end. */
    @Override
    public void close() throws IOException {
        closing = true;
        listener.close();
        for (Connection c : connections.values()) {
            c.closeSocket();
        }
        try {
            acceptor.join(10_000);
            for (int i = 0; i < 100 && !connections.isEmpty(); i++) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timers.shutdownNow();
        }
    }
}
