package dev.cutaway.kv.lsm;

import java.io.IOException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One kind of background work of an {@link LsmEngine} (flushes, or compactions) on the injected
 * executor: a loop that runs {@code step} until it reports no work, then reschedules itself if
 * {@code moreWork} (at once) or {@code pollLater} (in a millisecond) says so. Flushes and
 * compactions are separate jobs so that a long, rate-limited compaction never holds up a flush.
 *
 * <p>Invariants (all state guarded by the engine's mutex): (1) at most one instance of a job is
 * scheduled or running; (2) {@code running} implies {@code scheduled}; (3) a failure is handed
 * to {@code onFailure}, never dropped.
 */
final class BackgroundJob {
    /** One unit of work. @return false when there was nothing to do */
    interface Step {
        boolean run() throws IOException;
    }

    private final ScheduledExecutorService executor;
    private final ReentrantLock mutex;
    private final Condition changed;
    private final Step step;
    private final BooleanSupplier stopped;
    private final Consumer<Throwable> onFailure;
    private final BooleanSupplier moreWork;
    private final BooleanSupplier pollLater;
    private boolean scheduled;
    private boolean running;
    private Future<?> future;

    BackgroundJob(ScheduledExecutorService executor, ReentrantLock mutex, Condition changed,
            Step step, BooleanSupplier stopped, Consumer<Throwable> onFailure,
            BooleanSupplier moreWork, BooleanSupplier pollLater) {
        this.executor = executor;
        this.mutex = mutex;
        this.changed = changed;
        this.step = step;
        this.stopped = stopped;
        this.onFailure = onFailure;
        this.moreWork = moreWork;
        this.pollLater = pollLater;
    }

    /** Schedules the job unless it is already scheduled; caller holds the mutex. */
    void scheduleLocked(long delayMillis) {
        if (scheduled || stopped.getAsBoolean()) {
            return;
        }
        scheduled = true;
        try {
            future = executor.schedule(this::run, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled = false;
            onFailure.accept(e);
            throw e;
        }
    }

    private void run() {
        mutex.lock();
        try {
            if (stopped.getAsBoolean()) {
                scheduled = false;
                changed.signalAll();
                return;
            }
            running = true;
        } finally {
            mutex.unlock();
        }
        try {
            while (!stopped.getAsBoolean() && step.run()) {
                // until this kind of work runs out
            }
        } catch (IOException | RuntimeException | Error e) {
            onFailure.accept(e);
        } finally {
            mutex.lock();
            try {
                running = false;
                scheduled = false;
                changed.signalAll();
                if (moreWork.getAsBoolean()) {
                    scheduleLocked(0);
                } else if (pollLater.getAsBoolean()) {
                    scheduleLocked(1);
                }
            } finally {
                mutex.unlock();
            }
        }
    }

    /**
     * Cancels the job if it is scheduled but has not started (or its executor dropped it);
     * caller holds the mutex. @return true if the job is now neither scheduled nor running
     */
    boolean cancelIfNotStartedLocked() {
        if (scheduled && !running && future.cancel(false)) {
            scheduled = false;
        }
        return !scheduled;
    }
}
