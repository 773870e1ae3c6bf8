package dev.cutaway.kv.lsm;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket limiting compaction (and flush) writes to {@code bytesPerSecondMax}, so that
 * background work leaves disk bandwidth to foreground reads and commits (RocksDB's rate
 * limiter). One second of burst. Time comes from an injected monotonic nanosecond source.
 *
 * <p>Invariant: (1) tokens never exceed one second's worth.
 */
final class CompactionThrottle {
    private final long bytesPerSecondMax;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefillNanos;
    private long throttledNanos;

    CompactionThrottle(long bytesPerSecondMax, LongSupplier nanoTime) {
        this.bytesPerSecondMax = bytesPerSecondMax;
        this.nanoTime = nanoTime;
        this.lastRefillNanos = nanoTime.getAsLong();
        this.tokens = bytesPerSecondMax;
    }

    /** Blocks until {@code bytes} may be written. */
    synchronized void acquire(long bytes) throws InterruptedIOException {
        if (bytesPerSecondMax <= 0) {
            return;
        }
        refill();
        tokens -= bytes;
        if (tokens < 0) {
            long waitNanos = (long) (-tokens * 1e9 / bytesPerSecondMax);
            try {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("compaction throttle interrupted");
            }
            throttledNanos += waitNanos;
            refill();
        }
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(bytesPerSecondMax,
                tokens + (now - lastRefillNanos) * (double) bytesPerSecondMax / 1e9);
        lastRefillNanos = now;
    }

    synchronized long throttledNanos() {
        return throttledNanos;
    }
}
