package dev.cutaway.server;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Cancellation of the statement a connection is running: by a CancelRequest from another
 * socket, or by the statement timeout. The SQL layer polls {@link #canceled()} (its cancel
 * signal) while it executes and fails the statement with 57014.
 *
 * <p>Invariant: the flag is only ever set while a statement runs ({@code running}); a cancel
 * arriving between statements is dropped, as PostgreSQL drops it, so it cannot hit the next
 * statement. {@link #reason} says which of the two messages 57014 carries.
 */
final class StatementGuard {
    private volatile boolean running;
    private volatile boolean canceled;
    private volatile boolean timedOut;

    boolean canceled() {
        return canceled;
    }

    boolean timedOut() {
        return timedOut;
    }

    void cancel() {
        synchronized (this) {
            if (running) {
                canceled = true;
            }
        }
    }

    private void timeout() {
        synchronized (this) {
            if (running) {
                timedOut = true;
                canceled = true;
            }
        }
    }

    /** Work that may fail on the connection's socket (a COPY reads the client's rows). */
    @FunctionalInterface
    interface SocketWork<T> {
        T run() throws IOException, ProtocolException;
    }

    /** Runs one statement under the server's statement timeout. */
    <T> T run(PgServer server, Supplier<T> statement) {
        try {
            return guarded(server, statement::get);
        } catch (IOException | ProtocolException e) {
            throw new IllegalStateException("a statement without socket I/O failed on it", e);
        }
    }

    /**
     * Runs {@code statement} — also a COPY, which reads and writes the socket while it runs —
     * under the statement timeout and cancellable: a COPY's batch INSERTs poll the flag
     * (PostgreSQL applies statement_timeout and CancelRequest to COPY too).
     */
    <T> T guarded(PgServer server, SocketWork<T> statement)
            throws IOException, ProtocolException {
        long timeoutMs = server.options().statementTimeoutMs();
        synchronized (this) {
            running = true;
            canceled = false;
            timedOut = false;
        }
        ScheduledFuture<?> timer = timeoutMs <= 0 ? null
                : server.timers().schedule(this::timeout, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            return statement.run();
        } catch (SqlException e) {
            if (e.sqlState().equals(SqlState.QUERY_CANCELED) && timedOut) {
                throw new SqlException(SqlState.QUERY_CANCELED, reason(), 0, null, null, e);
            }
            throw e;
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
            synchronized (this) {
                running = false;
                canceled = false;
            }
        }
    }

    /** The 57014 message for the current cancellation. */
    String reason() {
        return timedOut ? "canceling statement due to statement timeout"
                : "canceling statement due to user request";
    }
}
