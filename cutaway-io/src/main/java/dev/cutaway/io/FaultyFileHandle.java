package dev.cutaway.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Path;

/**
 * An open file of a {@link FaultyFileSystem}. It refers to the file's {@link Inode}, not its
 * name: like a POSIX descriptor it keeps working after the file is renamed or deleted. Every
 * call goes through the file system, under its lock, so that crashes, operation counting and
 * the space limit apply to handles too.
 *
 * <p>Invariant H1: once closed, every call but {@link #close()} throws
 * {@link ClosedChannelException}; a read-only handle never changes its file
 * ({@link NonWritableChannelException}, as {@code FileChannel} does).
 */
final class FaultyFileHandle implements FileHandle {
    private final FaultyFileSystem fileSystem;
    private final Path path;
    private final Inode inode;
    private final boolean writable;
    private boolean closed;

    FaultyFileHandle(FaultyFileSystem fileSystem, Path path, Inode inode, boolean writable) {
        this.fileSystem = fileSystem;
        this.path = path;
        this.inode = inode;
        this.writable = writable;
    }

    @Override
    public Path path() {
        return path;
    }

    Inode inode() {
        return inode;
    }

    /** Called by the file system under its lock. */
    void requireOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    /** Called by the file system under its lock. */
    void requireWritable() {
        if (!writable) {
            throw new NonWritableChannelException();
        }
    }

    /** Called by the file system under its lock. */
    void markClosed() {
        closed = true;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return fileSystem.read(this, dst, position);
    }

    @Override
    public void write(ByteBuffer src, long position) throws IOException {
        fileSystem.write(this, src, position);
    }

    @Override
    public long size() throws IOException {
        return fileSystem.size(this);
    }

    @Override
    public void truncate(long sizeBytes) throws IOException {
        fileSystem.truncate(this, sizeBytes);
    }

    @Override
    public void sync() throws IOException {
        fileSystem.sync(this);
    }

    @Override
    public void close() throws IOException {
        fileSystem.close(this);
    }

    @Override
    public String toString() {
        return "FaultyFileHandle[" + path + (writable ? "" : ", read-only")
                + (closed ? ", closed" : "") + "]";
    }
}
