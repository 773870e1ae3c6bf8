package dev.cutaway.kv.lsm;

import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import dev.cutaway.io.ForwardingFileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
final class CountingFileSystem extends ForwardingFileSystem {
    private final Function<Path, String> categoryOf;
    private final Map<String, LongAdder> written = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> read = new ConcurrentHashMap<>();

    CountingFileSystem(FileSystem inner, Function<Path, String> categoryOf) {
        super(inner);
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

    @Override
    protected FileHandle wrap(FileHandle handle) {
        String category = categoryOf.apply(handle.path());
        LongAdder w = written.computeIfAbsent(category, k -> new LongAdder());
        LongAdder r = read.computeIfAbsent(category, k -> new LongAdder());
        return new Handle(handle) {
            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                int n = super.read(dst, position);
                if (n > 0) {
                    r.add(n);
                }
                return n;
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                int n = src.remaining();
                super.write(src, position);
                w.add(n);
            }
        };
    }
}
