package dev.cutaway.sql.engine;

import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileLockedException;
import dev.cutaway.io.FileSystem;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plain in-memory {@link FileSystem} for {@link Database#inMemory()} ({@code --mem}): files
 * are growable byte arrays, sync does nothing and nothing survives the process. Unlike the
 * fault-injecting file system of the io module it models no crash, so it is cheap.
 *
 * <p>Invariants: (1) every file's parent directory exists; (2) a file's length is its size.
 * Bound: a file holds at most {@link #FILE_BYTES_MAX} bytes (an int-indexed array).
 */
final class MemoryFileSystem implements FileSystem {
    static final long FILE_BYTES_MAX = Integer.MAX_VALUE - 16;

    /** One file's bytes; guarded by the file system's monitor. */
    private static final class Content {
        byte[] bytes = new byte[0];
        int size;
    }

    private final Map<Path, Content> files = new TreeMap<>();
    private final Set<Path> directories = new HashSet<>();
    private final Set<Path> locks = new HashSet<>();

    private static Path norm(Path p) {
        return p.toAbsolutePath().normalize();
    }

    @Override
    public synchronized FileHandle open(Path path, boolean create) throws IOException {
        Path p = norm(path);
        Content c = files.get(p);
        if (c == null) {
            if (!create) {
                throw new NoSuchFileException(p.toString());
            }
            if (p.getParent() != null && !directories.contains(p.getParent())) {
                throw new NoSuchFileException(p.getParent().toString());
            }
            c = new Content();
            files.put(p, c);
        }
        return new Handle(p, c, false);
    }

    @Override
    public synchronized FileHandle openReadOnly(Path path) throws IOException {
        Path p = norm(path);
        Content c = files.get(p);
        if (c == null) {
            throw new NoSuchFileException(p.toString());
        }
        return new Handle(p, c, true);
    }

    @Override
    public synchronized boolean exists(Path path) {
        Path p = norm(path);
        return files.containsKey(p) || directories.contains(p);
    }

    @Override
    public synchronized long size(Path path) throws IOException {
        Content c = files.get(norm(path));
        if (c == null) {
            throw new NoSuchFileException(path.toString());
        }
        return c.size;
    }

    @Override
    public synchronized void createDirectories(Path dir) {
        for (Path p = norm(dir); p != null; p = p.getParent()) {
            directories.add(p);
        }
    }

    @Override
    public synchronized List<Path> list(Path dir) {
        Path d = norm(dir);
        List<Path> out = new ArrayList<>();
        for (Path p : files.keySet()) {
            if (d.equals(p.getParent())) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public synchronized void delete(Path path) {
        files.remove(norm(path));
    }

    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        Content c = files.remove(norm(from));
        if (c == null) {
            throw new NoSuchFileException(from.toString());
        }
        files.put(norm(to), c);
    }

    @Override
    public void syncDirectory(Path dir) {
        // nothing is durable in memory
    }

    @Override
    public synchronized Closeable lockExclusive(Path path) throws IOException {
        Path p = norm(path);
        if (!locks.add(p)) {
            throw new FileLockedException(p);
        }
        return () -> {
            synchronized (MemoryFileSystem.this) {
                locks.remove(p);
            }
        };
    }

    private final class Handle implements FileHandle {
        private final Path path;
        private final Content content;
        private final boolean readOnly;

        Handle(Path path, Content content, boolean readOnly) {
            this.path = path;
            this.content = content;
            this.readOnly = readOnly;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            synchronized (MemoryFileSystem.this) {
                if (position >= content.size) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), content.size - position);
                dst.put(content.bytes, (int) position, n);
                return n;
            }
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            if (readOnly) {
                throw new IOException(path + " is open read-only");
            }
            synchronized (MemoryFileSystem.this) {
                long end = position + src.remaining();
                if (end > FILE_BYTES_MAX) {
                    throw new IOException(path + ": in-memory file larger than "
                            + FILE_BYTES_MAX + " bytes");
                }
                ensureCapacity((int) end);
                int n = src.remaining();
                src.get(content.bytes, (int) position, n);
                content.size = Math.max(content.size, (int) end);
            }
        }

        private void ensureCapacity(int needed) {
            if (needed > content.bytes.length) {
                long grown = Math.max(needed, Math.min(FILE_BYTES_MAX,
                        content.bytes.length * 2L + 4096));
                content.bytes = java.util.Arrays.copyOf(content.bytes, (int) grown);
            }
        }

        @Override
        public long size() {
            synchronized (MemoryFileSystem.this) {
                return content.size;
            }
        }

        @Override
        public void truncate(long sizeBytes) {
            synchronized (MemoryFileSystem.this) {
                if (sizeBytes < content.size) {
                    java.util.Arrays.fill(content.bytes, (int) sizeBytes, content.size,
                            (byte) 0);
                    content.size = (int) sizeBytes;
                }
            }
        }

        @Override
        public void sync() {
            // nothing is durable in memory
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
