package dev.cutaway.kv;

import java.io.IOException;

/**
 * A position in a key range of a {@link KvEngine}. Starts before the first entry; each
 * {@link #next()} moves to the next entry in the cursor's direction.
 */
public interface KvCursor extends AutoCloseable {

    /** Moves to the next entry. @return false when the range is exhausted */
    boolean next() throws IOException;

    /** Key of the current entry; valid after {@link #next()} returned true. */
    byte[] key();

    /** Value of the current entry; valid after {@link #next()} returned true. */
    byte[] value();

    @Override
    void close();
}
