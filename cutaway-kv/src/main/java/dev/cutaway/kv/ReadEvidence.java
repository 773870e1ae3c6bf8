package dev.cutaway.kv;

/**
 * Per-thread counters of what reads cost below the SQL layer — KV gets and scans, entries
 * read, buffer (page or block cache) hits and misses, pages read from disk, SSTables probed,
 * bloom-filter skips, lock waits — so EXPLAIN (ANALYZE, BUFFERS) can attribute them to the
 * operator whose cursor call caused them (ADR 0018).
 *
 * <p>Collection is opt-in: a thread calls {@link #start()} and later {@link #stop()}; until
 * some thread has collected once, every {@code count} call costs one read of a static flag and
 * nothing else (the engines' hot paths stay as measured in docs/btree-performance.md). After
 * that a count costs one thread-local lookup. While collecting, counts go to the calling
 * thread's own array without synchronisation. Work done on other threads (background
 * compaction, flushes) is not attributed to anyone.
 *
 * <p>Each thread keeps one slot (its counter array and an on/off flag) for its lifetime, so a
 * statement's start and stop write no shared state: the SQL layer collects around every
 * statement, on every connection thread at once, and a shared counter of collecting threads
 * (what this class kept before) bounced one cache line between the cores on every statement.
 *
 * <p>Invariant: counters only grow between {@code start} and {@code stop}; a reader takes
 * {@link #snapshot()}s (or reads {@link #live()}) and subtracts them.
 */
public final class ReadEvidence {
    /** The counters, in the order EXPLAIN prints them. */
    public enum Counter {
        KV_GETS, KV_SCANS, KV_ENTRIES_READ, BUFFER_HITS, BUFFER_MISSES, PAGES_READ,
        SSTABLES_PROBED, BLOOM_SKIPS, LOCK_WAITS
    }

    private static final Counter[] COUNTERS = Counter.values();

    /** One thread's counters; {@code on} while it collects. Only its thread touches it. */
    private static final class Slot {
        final long[] counts = new long[COUNTERS.length];
        boolean on;
    }

    /** Set (once, never cleared) when a thread first starts collecting. */
    private static volatile boolean anyCollected;
    private static final ThreadLocal<Slot> CURRENT = ThreadLocal.withInitial(Slot::new);

    private ReadEvidence() {}

    /**
     * Starts collecting on this thread from zero; nested starts share one array, and a start
     * while collecting changes nothing. @return true if this call started the collection (the
     * caller then owes the {@link #stop()})
     */
    public static boolean start() {
        Slot s = CURRENT.get();
        if (s.on) {
            return false;
        }
        java.util.Arrays.fill(s.counts, 0);
        s.on = true;
        if (!anyCollected) {
            anyCollected = true;
        }
        return true;
    }

    /** Stops collecting on this thread; counts made afterwards are dropped. */
    public static void stop() {
        CURRENT.get().on = false;
    }

    /** Whether this thread collects. */
    public static boolean collecting() {
        return anyCollected && CURRENT.get().on;
    }

    /**
     * The array this thread's counts go to while it collects (indexed by ordinal), to read
     * without copying; null when it does not collect. Its values change with every count.
     */
    public static long[] live() {
        Slot s = CURRENT.get();
        return s.on ? s.counts : null;
    }

    /** Adds one to {@code counter} if this thread collects. */
    public static void count(Counter counter) {
        add(counter, 1);
    }

    /** Adds {@code n} to {@code counter} if this thread collects. */
    public static void add(Counter counter, long n) {
        if (!anyCollected) {
            return;
        }
        Slot s = CURRENT.get();
        if (s.on) {
            s.counts[counter.ordinal()] += n;
        }
    }

    /** A copy of this thread's counters (zeros when it does not collect), by ordinal. */
    public static long[] snapshot() {
        Slot s = CURRENT.get();
        return s.on ? s.counts.clone() : new long[COUNTERS.length];
    }

    public static int size() {
        return COUNTERS.length;
    }
}
