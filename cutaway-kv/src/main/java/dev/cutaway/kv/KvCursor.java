package dev.cutaway.kv;

import java.io.IOException;

/**
 * A position in a key range of a {@link KvEngine}. Starts before the first entry; each
 * {@link #next()} moves to the next entry in the cursor's direction.
 *
 * <p>Two ways to read the current entry: {@link #key()} and {@link #value()} hand out arrays
 * the caller may keep; the views ({@link #keyBuffer()} with {@link #keyOffset()} and
 * {@link #keyLength()}, the same for the value) show the bytes where the cursor holds them,
 * without a copy, valid only until the next call of {@link #next()} or {@link #close()}, and
 * never to be modified. A scan that reads each entry once and keeps nothing (the rows of a
 * range select) uses the views; the defaults fall back to {@code key()} and {@code value()}.
 */
public interface KvCursor extends AutoCloseable {

    /** Moves to the next entry. @return false when the range is exhausted */
    boolean next() throws IOException;

    /** Key of the current entry; valid after {@link #next()} returned true. */
    byte[] key();

    /** Value of the current entry; valid after {@link #next()} returned true. */
    byte[] value();

    /** The array holding the current key at {@link #keyOffset()} (a view; see above). */
    default byte[] keyBuffer() {
        return key();
    }

    /** Where the current key starts in {@link #keyBuffer()}. */
    default int keyOffset() {
        return 0;
    }

    /** The current key's length in bytes. */
    default int keyLength() {
        return key().length;
    }

    /** The array holding the current value at {@link #valueOffset()} (a view; see above). */
    default byte[] valueBuffer() {
        return value();
    }

    /** Where the current value starts in {@link #valueBuffer()}. */
    default int valueOffset() {
        return 0;
    }

    /** The current value's length in bytes. */
    default int valueLength() {
        return value().length;
    }

    @Override
    void close();
}
