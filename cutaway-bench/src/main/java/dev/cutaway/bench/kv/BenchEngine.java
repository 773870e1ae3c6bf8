package dev.cutaway.bench.kv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The few operations the KV benchmark needs from an engine, so that Cutaway and its peers run
 * exactly the same loop. One instance is one engine configuration (its cache budget is fixed at
 * construction); it is opened and closed any number of times over one database directory.
 *
 * <p>Contract: (1) {@link #put}, {@link #get} and {@link #scanAll} only between
 * {@link #open} and {@link #close}; (2) with {@code sync=true} a put is durable (fsync'd) when
 * it returns; with {@code sync=false} it may be lost in a power failure (each adapter documents
 * when it reaches the disk); (3) {@link #get} does not keep the key array, so the caller may
 * reuse it; {@link #put} may keep both arrays, so the caller passes fresh ones.
 */
interface BenchEngine {

    /** The engine's name in result lines: {@code cutaway-btree}, {@code rocksdb}, ... */
    String name();

    /** Opens (creating if absent) the database in {@code dir}. */
    void open(Path dir, boolean sync) throws IOException;

    void put(byte[] key, byte[] value) throws IOException;

    /** The value of {@code key}, or null if absent. */
    byte[] get(byte[] key) throws IOException;

    /** A cursor over every entry in ascending unsigned-byte key order. */
    ScanCursor scanAll() throws IOException;

    /**
     * A few of the engine's own counters (cache use, files, ...), printed to stderr after each
     * workload so that a number can be explained; empty when the engine is closed.
     */
    default Map<String, Number> counters() throws IOException {
        return Map.of();
    }

    /** Closes the database, leaving it reopenable; a no-op when not open. */
    void close() throws IOException;

    /** Ascending iteration; starts before the first entry. */
    interface ScanCursor extends AutoCloseable {
        /** Moves to the next entry; false when there is none. */
        boolean next() throws IOException;

        byte[] key();

        byte[] value();

        @Override
        void close() throws IOException;
    }
}
