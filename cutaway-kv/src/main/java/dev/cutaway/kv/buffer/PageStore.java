package dev.cutaway.kv.buffer;

import java.io.IOException;

/**
 * Where a {@link BufferPool} reads pages from and writes them back to. The store checks what it
 * reads (checksum, page id) and seals what it writes; the pool only moves bytes.
 */
public interface PageStore {

    /** Fills {@code page} (one page long) with page {@code pageId}, verified. */
    void read(long pageId, byte[] page) throws IOException;

    /** Writes {@code page} as page {@code pageId}; may seal it (set its checksum) first. */
    void write(long pageId, byte[] page) throws IOException;
}
