package dev.cutaway.bench.kv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * RocksDB through rocksdbjni, configured like db_bench's defaults where they matter for
 * fairness: a block cache of the shared budget ({@code --cache-mb}), bloom filters of 10 bits
 * per key, the WAL always on, {@code WriteOptions.sync} = the workload's sync flag (sync=off:
 * the WAL write reaches the OS page cache, not the disk). Compression is off because no Cutaway
 * engine compresses and the values are random bytes. Everything else is RocksDB's default
 * (64 MiB memtable, two background jobs).
 *
 * <p>Invariant: (1) the native handles are either all open or all null.
 */
final class RocksDbBenchEngine implements BenchEngine {
    private final long cacheBytes;
    private LRUCache cache;
    private BloomFilter filter;
    private Options options;
    private WriteOptions writeOptions;
    private ReadOptions readOptions;
    private RocksDB db;

    RocksDbBenchEngine(int cacheMb) {
        this.cacheBytes = cacheMb * 1024L * 1024L;
        RocksDB.loadLibrary();
    }

    @Override
    public String name() {
        return "rocksdb";
    }

    @Override
    public void open(Path dir, boolean sync) throws IOException {
        if (db != null) {
            throw new IllegalStateException("rocksdb already open");
        }
        cache = new LRUCache(cacheBytes);
        filter = new BloomFilter(10, false);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(filter);
        options = new Options()
                .setCreateIfMissing(true)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setTableFormatConfig(table);
        writeOptions = new WriteOptions().setSync(sync).setDisableWAL(false);
        readOptions = new ReadOptions();
        try {
            db = RocksDB.open(options, dir.toString());
        } catch (RocksDBException e) {
            closeHandles();
            throw new IOException("rocksdb open " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(byte[] key, byte[] value) throws IOException {
        try {
            db.put(writeOptions, key, value);
        } catch (RocksDBException e) {
            throw new IOException("rocksdb put: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] get(byte[] key) throws IOException {
        try {
            return db.get(readOptions, key);
        } catch (RocksDBException e) {
            throw new IOException("rocksdb get: " + e.getMessage(), e);
        }
    }

    @Override
    public ScanCursor scanAll() {
        RocksIterator iterator = db.newIterator(readOptions);
        return new ScanCursor() {
            private boolean started;

            @Override
            public boolean next() throws IOException {
                if (started) {
                    iterator.next();
                } else {
                    iterator.seekToFirst();
                    started = true;
                }
                if (iterator.isValid()) {
                    return true;
                }
                try {
                    iterator.status();
                } catch (RocksDBException e) {
                    throw new IOException("rocksdb scan: " + e.getMessage(), e);
                }
                return false;
            }

            @Override
            public byte[] key() {
                return iterator.key();
            }

            @Override
            public byte[] value() {
                return iterator.value();
            }

            @Override
            public void close() {
                iterator.close();
            }
        };
    }

    private static final List<String> LONG_PROPERTIES = List.of("estimate-num-keys",
            "block-cache-usage", "cur-size-all-mem-tables", "total-sst-files-size");
    private static final int LEVELS_SHOWN = 3;

    @Override
    public Map<String, Number> counters() throws IOException {
        Map<String, Number> counters = new LinkedHashMap<>();
        if (db == null) {
            return counters;
        }
        try {
            for (String property : LONG_PROPERTIES) {
                counters.put(property, db.getLongProperty("rocksdb." + property));
            }
            for (int level = 0; level < LEVELS_SHOWN; level++) {
                String files = db.getProperty("rocksdb.num-files-at-level" + level);
                counters.put("files-at-level" + level, Long.parseLong(files.strip()));
            }
        } catch (RocksDBException e) {
            throw new IOException("rocksdb properties: " + e.getMessage(), e);
        }
        return counters;
    }

    @Override
    public void close() throws IOException {
        if (db == null) {
            return;
        }
        try {
            db.syncWal();
            db.closeE();
        } catch (RocksDBException e) {
            throw new IOException("rocksdb close: " + e.getMessage(), e);
        } finally {
            db = null;
            closeHandles();
        }
    }

    private void closeHandles() {
        readOptions.close();
        writeOptions.close();
        options.close();
        filter.close();
        cache.close();
        readOptions = null;
        writeOptions = null;
        options = null;
        filter = null;
        cache = null;
    }
}
