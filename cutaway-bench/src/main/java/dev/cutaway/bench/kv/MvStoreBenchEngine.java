package dev.cutaway.bench.kv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2's MVStore: one {@code MVMap<byte[], byte[]>} ordered by {@link UnsignedBytesType}, with a
 * page cache of the shared budget ({@code --cache-mb}) and auto-commit (the background writer
 * thread) off, so that the benchmark decides when data reaches the file:
 * <ul>
 *   <li>sync=on: every put is followed by {@code commit()} (writes a new chunk) and
 *       {@code sync()} (fsync of the file), so it is durable on return like the others.</li>
 *   <li>sync=off: {@code commit()} once {@link #COMMIT_PAYLOAD_BYTES} of key and value bytes
 *       have been put since the last one, which is what MVStore's background writer does with
 *       its default {@code autoCommitBufferSize} of 1 MiB, without ever calling
 *       {@code sync()}. Uncommitted puts live only in memory: a process crash loses them.</li>
 * </ul>
 *
 * <p>Invariant: (1) {@code store} and {@code map} are both open or both null.
 */
final class MvStoreBenchEngine implements BenchEngine {
    static final long COMMIT_PAYLOAD_BYTES = 1024 * 1024;
    static final String FILE_NAME = "mvstore.db";

    private final int cacheMb;
    private MVStore store;
    private MVMap<byte[], byte[]> map;
    private boolean sync;
    private long uncommittedPayloadBytes;

    MvStoreBenchEngine(int cacheMb) {
        this.cacheMb = cacheMb;
    }

    @Override
    public String name() {
        return "mvstore";
    }

    @Override
    public void open(Path dir, boolean syncOn) {
        if (store != null) {
            throw new IllegalStateException("mvstore already open");
        }
        store = new MVStore.Builder()
                .fileName(dir.resolve(FILE_NAME).toString())
                .cacheSize(cacheMb)
                .autoCommitDisabled()
                .open();
        map = store.openMap("kv", new MVMap.Builder<byte[], byte[]>()
                .keyType(UnsignedBytesType.INSTANCE)
                .valueType(UnsignedBytesType.INSTANCE));
        this.sync = syncOn;
        this.uncommittedPayloadBytes = 0;
    }

    @Override
    public void put(byte[] key, byte[] value) {
        map.put(key, value);
        if (sync) {
            store.commit();
            store.sync();
            return;
        }
        uncommittedPayloadBytes += key.length + value.length;
        if (uncommittedPayloadBytes >= COMMIT_PAYLOAD_BYTES) {
            store.commit();
            uncommittedPayloadBytes = 0;
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return map.get(key);
    }

    @Override
    public ScanCursor scanAll() {
        Cursor<byte[], byte[]> cursor = map.cursor(null);
        return new ScanCursor() {
            @Override
            public boolean next() {
                if (!cursor.hasNext()) {
                    return false;
                }
                cursor.next();
                return true;
            }

            @Override
            public byte[] key() {
                return cursor.getKey();
            }

            @Override
            public byte[] value() {
                return cursor.getValue();
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public Map<String, Number> counters() {
        Map<String, Number> counters = new LinkedHashMap<>();
        if (store != null) {
            counters.put("entries", map.sizeAsLong());
            counters.put("cache_used_mib", (long) store.getCacheSizeUsed());
            counters.put("cache_mib", (long) store.getCacheSize());
        }
        return counters;
    }

    @Override
    public void close() throws IOException {
        if (store == null) {
            return;
        }
        try {
            store.commit();
            store.sync();
            store.close();
        } catch (RuntimeException e) {
            throw new IOException("mvstore close: " + e.getMessage(), e);
        } finally {
            store = null;
            map = null;
        }
    }
}
