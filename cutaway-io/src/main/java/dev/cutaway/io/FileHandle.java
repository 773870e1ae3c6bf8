package dev.cutaway.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** An open file: positional reads and writes, explicit sync. Not buffered. */
public interface FileHandle extends Closeable {

    Path path();

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position}.
     * @return bytes read; fewer than asked only at end of file, -1 if position is past the end
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Writes all of {@code src} at {@code position}, extending the file if needed. */
    void write(ByteBuffer src, long position) throws IOException;

    long size() throws IOException;

    /** Shrinks the file to {@code sizeBytes}; the change is durable after {@link #sync()}. */
    void truncate(long sizeBytes) throws IOException;

    /** Makes every write so far durable (fdatasync semantics plus size). */
    void sync() throws IOException;

    @Override
    void close() throws IOException;

    /** Reads exactly {@code dst.remaining()} bytes or throws {@link CorruptionException}. */
    default void readFully(ByteBuffer dst, long position) throws IOException {
        long at = position;
        while (dst.hasRemaining()) {
            int n = read(dst, at);
            if (n <= 0) {
                throw new CorruptionException(path(), at,
                        "unexpected end of file: wanted " + dst.remaining() + " more bytes");
            }
            at += n;
        }
    }
}
