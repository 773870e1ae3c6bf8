package dev.cutaway.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * A file system that passes every call to another one, for test wrappers that change one
 * behaviour (slow syncs, byte counting): subclass it and override {@link #wrap} or a single
 * operation. {@link Handle} does the same for open files.
 */
public abstract class ForwardingFileSystem implements FileSystem {
    protected final FileSystem inner;

    protected ForwardingFileSystem(FileSystem inner) {
        this.inner = inner;
    }

    /** Wraps every handle this file system opens; the identity by default. */
    protected FileHandle wrap(FileHandle handle) {
        return handle;
    }

    @Override
    public FileHandle open(Path path, boolean create) throws IOException {
        return wrap(inner.open(path, create));
    }

    @Override
    public FileHandle openReadOnly(Path path) throws IOException {
        return wrap(inner.openReadOnly(path));
    }

    @Override
    public boolean exists(Path path) {
        return inner.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return inner.size(path);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        inner.createDirectories(dir);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return inner.list(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        inner.delete(path);
    }

    @Override
    public void rename(Path from, Path to) throws IOException {
        inner.rename(from, to);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        inner.syncDirectory(dir);
    }

    @Override
    public Closeable lockExclusive(Path path) throws IOException {
        return inner.lockExclusive(path);
    }

    /** A handle that passes every call to another one; override what differs. */
    public static class Handle implements FileHandle {
        protected final FileHandle inner;

        public Handle(FileHandle inner) {
            this.inner = inner;
        }

        @Override
        public Path path() {
            return inner.path();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return inner.read(dst, position);
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            inner.write(src, position);
        }

        @Override
        public long size() throws IOException {
            return inner.size();
        }

        @Override
        public void truncate(long sizeBytes) throws IOException {
            inner.truncate(sizeBytes);
        }

        @Override
        public void sync() throws IOException {
            inner.sync();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
