package dev.cutaway.kv.lsm;

import java.io.IOException;

/**
 * An iterator over internal entries (user key, sequence number, value or tombstone) in internal
 * order ({@link Sequences}). One direction per positioning: after {@link #seekFirst} or
 * {@link #seekGE} only {@link #next} may be called; after {@link #seekLast} or {@link #seekLT}
 * only {@link #prev}. That is all a {@link dev.cutaway.kv.KvCursor} needs, and it keeps the
 * merging iterator free of direction switches.
 */
interface EntryIterator extends AutoCloseable {

    void seekFirst() throws IOException;

    /** Positions at the first entry at or after (key, seq) in internal order. */
    void seekGE(byte[] key, long seq) throws IOException;

    void seekLast() throws IOException;

    /** Positions at the last entry strictly before (key, seq) in internal order. */
    void seekLT(byte[] key, long seq) throws IOException;

    boolean valid();

    void next() throws IOException;

    void prev() throws IOException;

    byte[] key();

    long seq();

    /** The value, or null for a tombstone. */
    byte[] value();

    @Override
    default void close() {}
}
