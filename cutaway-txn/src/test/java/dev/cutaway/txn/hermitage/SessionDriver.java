package dev.cutaway.txn.hermitage;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives one {@link Session} on a thread of its own, so that a statement blocked in a lock wait
 * does not stop the script, and keeps the session's accounts: its statement still running (at
 * most one), and whether its transactions committed cleanly.
 *
 * <p>Invariants: (1) at most one statement is in flight ({@link #pending}); a new one is
 * submitted only after it returned. (2) Outcomes are accounted in the order the session ran
 * the statements, which is the order they return in.
 */
final class SessionDriver {
    /** A statement submitted and not yet collected. */
    record Pending(int step, String sql, Future<Outcome> future, boolean blocked) {}

    /** A statement did not return in time. */
    static final class Stuck extends Exception {
        Stuck(String message) {
            super(message);
        }
    }

    final String name;
    private final ExecutorService thread;
    private final Session session;
    private Pending pending;
    private boolean inBlock;
    private boolean blockFailed;
    private int blocksEnded;
    private int blocksCommitted;
    private String error;

    SessionDriver(String name, SessionFactory factory, long openMillis) throws Exception {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hermitage-" + name);
            t.setDaemon(true);   // a session stuck for good must not keep the JVM alive
            return t;
        });
        Future<Session> opened = thread.submit(() -> factory.open(name));
        try {
            this.session = opened.get(openMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            thread.shutdownNow();
            throw e;
        }
    }

    boolean hasPending() {
        return pending != null;
    }

    Pending pending() {
        return pending;
    }

    /** Starts {@code sql}; the previous statement must have been collected. */
    void submit(int step, String sql) {
        if (pending != null) {
            throw new IllegalStateException(name + " still runs step " + pending.step());
        }
        pending = new Pending(step, sql, thread.submit(() -> session.execute(sql)), false);
    }

    /**
     * Waits up to {@code waitMillis} for the statement in flight. @return its outcome, or null
     * if it has not returned (it is then marked blocked and stays pending)
     * @throws ExecutionException if the session threw instead of answering
     */
    Outcome poll(long waitMillis) throws ExecutionException, InterruptedException {
        try {
            Outcome out = pending.future().get(waitMillis, TimeUnit.MILLISECONDS);
            if (out == null) {
                throw new ExecutionException(new NullPointerException("null outcome"));
            }
            account(pending.sql(), out);
            pending = null;
            return out;
        } catch (TimeoutException e) {
            pending = new Pending(pending.step(), pending.sql(), pending.future(), true);
            return null;
        } catch (ExecutionException e) {
            pending = null;
            throw e;
        }
    }

    /** Like {@link #poll} but a statement not returning within {@code stuckMillis} is stuck. */
    Outcome await(long stuckMillis) throws Stuck, ExecutionException, InterruptedException {
        Pending p = pending;
        Outcome out = poll(stuckMillis);
        if (out == null) {
            throw new Stuck(name + " step " + p.step() + " (" + p.sql()
                    + ") did not return within " + stuckMillis + " ms");
        }
        return out;
    }

    private void account(String sql, Outcome out) {
        String s = sql.trim().toLowerCase(Locale.ROOT);
        boolean healthy = !(inBlock && blockFailed);
        if (out instanceof Outcome.Failed f) {
            if (healthy && !f.sqlState().startsWith("40") && error == null) {
                error = name + ": \"" + sql + "\" failed with " + f.sqlState() + " ("
                        + f.message() + ") in a healthy transaction";
            }
            blockFailed |= inBlock;
        }
        if (s.equals("begin") || s.startsWith("begin ") || s.startsWith("start transaction")) {
            if (!inBlock && out.succeeded()) {
                inBlock = true;
                blockFailed = false;
            }
        } else if (Expectation.endsTransaction(s) && inBlock) {
            blocksEnded++;
            boolean commit = s.equals("commit") || s.equals("end");
            if (commit && out.succeeded() && !blockFailed) {
                blocksCommitted++;
            }
            inBlock = false;
        }
    }

    /** True if this session ran at least one transaction and every one committed cleanly. */
    boolean committedCleanly() {
        return !inBlock && blocksEnded > 0 && blocksCommitted == blocksEnded;
    }

    /** The first non-class-40 failure of a healthy transaction, or null. */
    String error() {
        return error;
    }

    /**
     * Closes the session on its thread (after the statement in flight), then the thread.
     * @return null, or what went wrong (a session that cannot close is abandoned with its
     *     daemon thread)
     */
    String close(long waitMillis) {
        Future<?> closed = thread.submit(() -> {
            session.close();
            return null;
        });
        try {
            closed.get(waitMillis, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return "closing " + name + " failed: " + e.getCause();
        } catch (TimeoutException e) {
            return "closing " + name + " did not finish within " + waitMillis + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while closing " + name;
        } finally {
            thread.shutdownNow();
        }
    }
}
