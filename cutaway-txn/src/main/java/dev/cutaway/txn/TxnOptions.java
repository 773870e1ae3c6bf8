package dev.cutaway.txn;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Settings of a {@link TxnStore}.
 *
 * @param clock the wall clock under the hybrid logical clock
 * @param maxClockOffsetMillis how far a timestamp may run ahead of the wall clock (HLC)
 * @param lockTimeoutMillis default lock timeout of new transactions, 0 = wait forever
 *     (PostgreSQL's {@code lock_timeout})
 * @param deadlockCheckMillis how long a waiter waits before it searches the wait-for graph,
 *     and how often after (PostgreSQL's {@code deadlock_timeout}, 1 s there; ours is shorter so
 *     a deadlock ends well under a second)
 * @param gcIntervalMillis delay between background garbage-collection passes, 0 = none
 * @param background executor for garbage collection, or null (then only explicit
 *     {@link TxnStore#collectGarbage()} collects)
 */
public record TxnOptions(Clock clock, long maxClockOffsetMillis, long lockTimeoutMillis,
        long deadlockCheckMillis, long gcIntervalMillis, ScheduledExecutorService background) {

    public TxnOptions {
        Objects.requireNonNull(clock, "clock");
        if (maxClockOffsetMillis <= 0 || lockTimeoutMillis < 0 || deadlockCheckMillis <= 0
                || gcIntervalMillis < 0) {
            throw new IllegalArgumentException("bad transaction options");
        }
    }

    /** The system clock, 500 ms offset, no lock timeout, 100 ms deadlock checks, no GC task. */
    public static TxnOptions defaults() {
        return new TxnOptions(Clock.systemUTC(), 500, 0, 100, 0, null);
    }

    public TxnOptions withClock(Clock c) {
        return new TxnOptions(c, maxClockOffsetMillis, lockTimeoutMillis, deadlockCheckMillis,
                gcIntervalMillis, background);
    }

    public TxnOptions withLockTimeoutMillis(long millis) {
        return new TxnOptions(clock, maxClockOffsetMillis, millis, deadlockCheckMillis,
                gcIntervalMillis, background);
    }

    public TxnOptions withDeadlockCheckMillis(long millis) {
        return new TxnOptions(clock, maxClockOffsetMillis, lockTimeoutMillis, millis,
                gcIntervalMillis, background);
    }

    /** Background garbage collection every {@code intervalMillis} on {@code executor}. */
    public TxnOptions withBackgroundGc(ScheduledExecutorService executor, long intervalMillis) {
        return new TxnOptions(clock, maxClockOffsetMillis, lockTimeoutMillis,
                deadlockCheckMillis, intervalMillis, executor);
    }
}
