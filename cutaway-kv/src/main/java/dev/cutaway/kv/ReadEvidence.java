package dev.cutaway.kv;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-thread counters of what reads cost below the SQL layer — KV gets and scans, entries
 * read, buffer (page or block cache) hits and misses, pages read from disk, SSTables probed,
 * bloom-filter skips, lock waits — so EXPLAIN (ANALYZE, BUFFERS) can attribute them to the
 * operator whose cursor call caused them (ADR 0018).
 *
 * <p>Collection is opt-in: a thread calls {@link #start()} and later {@link #stop()}; while no
 * thread collects, every {@code count} call costs one read of a static counter and nothing
 * else (the engines' hot paths stay as measured in docs/btree-performance.md). While
 * collecting, counts go to the calling thread's own array without synchronisation. Work done
 * on other threads (background compaction, flushes) is not attributed to anyone.
 *
 * <p>Invariant: counters only grow between {@code start} and {@code stop}; a reader takes
 * {@link #snapshot()}s and subtracts them.
 */
public final class ReadEvidence {
    /** The counters, in the order EXPLAIN prints them. */
    public enum Counter {
        KV_GETS, KV_SCANS, KV_ENTRIES_READ, BUFFER_HITS, BUFFER_MISSES, PAGES_READ,
        SSTABLES_PROBED, BLOOM_SKIPS, LOCK_WAITS
    }

    private static final Counter[] COUNTERS = Counter.values();
    private static final AtomicInteger COLLECTING = new AtomicInteger();
    private static final ThreadLocal<long[]> CURRENT = new ThreadLocal<>();

    private ReadEvidence() {}

    /** Starts collecting on this thread (nested starts share one array). */
    public static void start() {
        if (CURRENT.get() == null) {
            CURRENT.set(new long[COUNTERS.length]);
            COLLECTING.incrementAndGet();
        }
    }

    /** Stops collecting on this thread; counts made afterwards are dropped. */
    public static void stop() {
        if (CURRENT.get() != null) {
            CURRENT.remove();
            COLLECTING.decrementAndGet();
        }
    }

    /** Whether this thread collects. */
    public static boolean collecting() {
        return COLLECTING.get() != 0 && CURRENT.get() != null;
    }

    /** Adds one to {@code counter} if this thread collects. */
    public static void count(Counter counter) {
        add(counter, 1);
    }

    /** Adds {@code n} to {@code counter} if this thread collects. */
    public static void add(Counter counter, long n) {
        if (COLLECTING.get() == 0) {
            return;
        }
        long[] c = CURRENT.get();
        if (c != null) {
            c[counter.ordinal()] += n;
        }
    }

    /** A copy of this thread's counters (zeros when it does not collect), by ordinal. */
    public static long[] snapshot() {
        long[] c = CURRENT.get();
        return c == null ? new long[COUNTERS.length] : c.clone();
    }

    public static int size() {
        return COUNTERS.length;
    }
}
