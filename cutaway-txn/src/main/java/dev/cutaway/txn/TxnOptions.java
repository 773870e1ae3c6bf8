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
 * @param writeSetBytesMax bound on one transaction's write set, in accounted bytes (key and
 *     value plus {@link Transaction#WRITE_OVERHEAD_BYTES} per row written); past it a write
 *     fails with 54000. The default is a quarter of the JVM's maximum heap (ADR 0029)
 * @param commitPartBytes a write set up to this many encoded bytes commits as one log record;
 *     a larger one as log parts of at most this size each, closed by one commit record
 */
public record TxnOptions(Clock clock, long maxClockOffsetMillis, long lockTimeoutMillis,
        long deadlockCheckMillis, long gcIntervalMillis, ScheduledExecutorService background,
        long writeSetBytesMax, int commitPartBytes) {
    /** Smallest part size (tests use it to make parts of small transactions). */
    public static final int COMMIT_PART_BYTES_MIN = 1024;
    /** Largest part size: one part is one log record with room for its framing. */
    public static final int COMMIT_PART_BYTES_MAX = 32 << 20;
    /** The default part size: large enough that ordinary commits stay one record. */
    public static final int COMMIT_PART_BYTES_DEFAULT = 16 << 20;

    public TxnOptions {
        Objects.requireNonNull(clock, "clock");
        if (maxClockOffsetMillis <= 0 || lockTimeoutMillis < 0 || deadlockCheckMillis <= 0
                || gcIntervalMillis < 0) {
            throw new IllegalArgumentException("bad transaction options");
        }
        if (writeSetBytesMax <= 0) {
            throw new IllegalArgumentException("write set bound must be positive: "
                    + writeSetBytesMax);
        }
        if (commitPartBytes < COMMIT_PART_BYTES_MIN || commitPartBytes > COMMIT_PART_BYTES_MAX) {
            throw new IllegalArgumentException("commit part bytes " + commitPartBytes
                    + " not in [" + COMMIT_PART_BYTES_MIN + ", " + COMMIT_PART_BYTES_MAX + "]");
        }
    }

    /**
     * The system clock, 500 ms offset, no lock timeout, 100 ms deadlock checks, no GC task,
     * write sets up to a quarter of the heap, 16 MiB commit parts.
     */
    public static TxnOptions defaults() {
        return new TxnOptions(Clock.systemUTC(), 500, 0, 100, 0, null,
                Runtime.getRuntime().maxMemory() / 4, COMMIT_PART_BYTES_DEFAULT);
    }

    public TxnOptions withClock(Clock c) {
        return new TxnOptions(c, maxClockOffsetMillis, lockTimeoutMillis, deadlockCheckMillis,
                gcIntervalMillis, background, writeSetBytesMax, commitPartBytes);
    }

    public TxnOptions withLockTimeoutMillis(long millis) {
        return new TxnOptions(clock, maxClockOffsetMillis, millis, deadlockCheckMillis,
                gcIntervalMillis, background, writeSetBytesMax, commitPartBytes);
    }

    public TxnOptions withDeadlockCheckMillis(long millis) {
        return new TxnOptions(clock, maxClockOffsetMillis, lockTimeoutMillis, millis,
                gcIntervalMillis, background, writeSetBytesMax, commitPartBytes);
    }

    /** Background garbage collection every {@code intervalMillis} on {@code executor}. */
    public TxnOptions withBackgroundGc(ScheduledExecutorService executor, long intervalMillis) {
        return new TxnOptions(clock, maxClockOffsetMillis, lockTimeoutMillis,
                deadlockCheckMillis, intervalMillis, executor, writeSetBytesMax,
                commitPartBytes);
    }

    /** Write sets bounded by {@code bytes} (accounted, see {@code writeSetBytesMax}). */
    public TxnOptions withWriteSetBytesMax(long bytes) {
        return new TxnOptions(clock, maxClockOffsetMillis, lockTimeoutMillis,
                deadlockCheckMillis, gcIntervalMillis, background, bytes, commitPartBytes);
    }

    /** Commits larger than {@code bytes} go to the log in parts of at most that size. */
    public TxnOptions withCommitPartBytes(int bytes) {
        return new TxnOptions(clock, maxClockOffsetMillis, lockTimeoutMillis,
                deadlockCheckMillis, gcIntervalMillis, background, writeSetBytesMax, bytes);
    }
}
