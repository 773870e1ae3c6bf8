package dev.cutaway.kv.lsm;

import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A file system that passes everything to another one and counts the bytes written to and read
 * from files, per category ({@code categoryOf} maps a path to a name such as "log" or "engine").
 * It measures what an engine really sends to the disk, independently of the engine's own
 * counters, for {@link AmplificationReport}. Thread-safe.
 */
final class CountingFileSystem implements FileSystem {
    private final FileSystem inner;
    private final Function<Path, String> categoryOf;
    private final Map<String, LongAdder> written = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> read = new ConcurrentHashMap<>();

    CountingFileSystem(FileSystem inner, Function<Path, String> categoryOf) {
        this.inner = inner;
        this.categoryOf = categoryOf;
    }

    /** Bytes written so far, by category. */
    Map<String, Long> bytesWritten() {
        return snapshot(written);
    }

    /** Bytes read so far, by category. */
    Map<String, Long> bytesRead() {
        return snapshot(read);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private FileHandle counted(FileHandle handle) {
        String category = categoryOf.apply(handle.path());
        LongAdder w = written.computeIfAbsent(category, k -> new LongAdder());
        LongAdder r = read.computeIfAbsent(category, k -> new LongAdder());
        return new FileHandle() {
            @Override
            public Path path() {
                return handle.path();
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                int n = handle.read(dst, position);
                if (n > 0) {
                    r.add(n);
                }
                return n;
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                int n = src.remaining();
                handle.write(src, position);
                w.add(n);
            }

            @Override
            public long size() throws IOException {
                return handle.size();
            }

            @Override
            public void truncate(long sizeBytes) throws IOException {
                handle.truncate(sizeBytes);
            }

            @Override
            public void sync() throws IOException {
                handle.sync();
            }

            @Override
            public void close() throws IOException {
                handle.close();
            }
        };
    }

    @Override
    public FileHandle open(Path path, boolean create) throws IOException {
        return counted(inner.open(path, create));
    }

    @Override
    public FileHandle openReadOnly(Path path) throws IOException {
        return counted(inner.openReadOnly(path));
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
}
