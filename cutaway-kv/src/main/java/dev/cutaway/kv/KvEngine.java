package dev.cutaway.kv;

import dev.cutaway.log.WriteBatch;
import java.io.Closeable;
import java.io.IOException;

/**
 * An ordered map of byte[] keys to byte[] values, the one interface both storage engines (B+tree
 * and LSM) implement. Keys compare as unsigned bytes, lexicographically
 * ({@link java.util.Arrays#compareUnsigned(byte[], byte[])}).
 *
 * <p>An engine is a materialisation of the node's write-ahead log (DESIGN.md, "the log is the
 * database"): it keeps no log of its own. The node appends a batch to the log, then calls
 * {@link #apply} with the batch's LSN, in increasing LSN order. {@link #checkpoint()} makes the
 * engine's on-disk image complete as of {@link #appliedLsn()}; the node must have made the log
 * durable up to that LSN first. After a crash the engine opens at its last checkpoint and the
 * node replays the log from {@link #checkpointLsn()} + 1.
 *
 * <p>Concurrency: any number of threads may read while one thread applies. Cursors are weakly
 * consistent: they see, in order and without duplicates, every key present throughout the scan;
 * keys written during the scan may or may not be seen. Snapshots are the MVCC layer's job.
 */
public interface KvEngine extends Closeable {

    /** The value of {@code key}, or null if absent. */
    byte[] get(byte[] key) throws IOException;

    /**
     * A cursor over keys in [{@code lowInclusive}, {@code highExclusive}); a null bound is
     * unbounded. {@code ascending=false} walks the same range from the high end down.
     */
    KvCursor cursor(byte[] lowInclusive, byte[] highExclusive, boolean ascending)
            throws IOException;

    /** One key and its value. */
    record Entry(byte[] key, byte[] value) {}

    /**
     * The first entry in [{@code lowInclusive}, {@code highExclusive}) (null bounds unbounded),
     * or null if there is none: a cursor's first step, for point lookups by prefix (the newest
     * MVCC version of a key) that an engine can answer without setting up a whole cursor.
     */
    default Entry ceiling(byte[] lowInclusive, byte[] highExclusive) throws IOException {
        try (KvCursor c = cursor(lowInclusive, highExclusive, true)) {
            return c.next() ? new Entry(c.key(), c.value()) : null;
        }
    }

    /** Applies every mutation of {@code batch} (all for this engine) as of {@code lsn}. */
    void apply(WriteBatch batch, long lsn) throws IOException;

    /** LSN of the last batch applied (in memory), 0 if none. */
    long appliedLsn();

    /**
     * Makes the on-disk image consistent and complete as of {@link #appliedLsn()}, durably.
     * @return the LSN the image is now complete to
     */
    long checkpoint() throws IOException;

    /** LSN up to which the durable on-disk image is complete, 0 for a new engine. */
    long checkpointLsn();

    /** A snapshot of the engine's counters, for system views, inspect tools and benchmarks. */
    EngineStats stats();

    /**
     * Verifies every structural invariant, reading the whole structure. Throws
     * {@link dev.cutaway.check.InvariantViolation} for our bugs and
     * {@link dev.cutaway.io.CorruptionException} for bad data on disk.
     */
    void checkInvariants() throws IOException;

    @Override
    void close() throws IOException;
}
