package dev.cutaway.log;

import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/** A file system whose file syncs take at least {@code syncMicros}, like a real disk. */
record SlowSyncFileSystem(FileSystem inner, long syncMicros) implements FileSystem {

    @Override
    public FileHandle open(Path path, boolean create) throws IOException {
        return new SlowHandle(inner.open(path, create), syncMicros);
    }

    @Override
    public FileHandle openReadOnly(Path path) throws IOException {
        return inner.openReadOnly(path);
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
    public java.io.Closeable lockExclusive(Path path) throws IOException {
        return inner.lockExclusive(path);
    }

    private record SlowHandle(FileHandle inner, long syncMicros) implements FileHandle {
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
            try {
                Thread.sleep(syncMicros / 1000, (int) (syncMicros % 1000) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted during a slow sync");
            }
            inner.sync();
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
