package dev.cutaway.kv.lsm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded cache of verified SSTable blocks keyed by (file number, block offset), shared by
 * every table of an engine. Sixteen shards, each an LRU list under its own lock.
 *
 * <p>Invariant: (1) each shard's resident bytes stay at or below its share of the bound (a
 * block larger than a shard is not cached).
 */
final class BlockCache {
    private static final int SHARDS = 16;

    private final Shard[] shards = new Shard[SHARDS];
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();

    BlockCache(long bytesMax) {
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(bytesMax / SHARDS);
        }
    }

    private static long key(long fileNumber, long offset) {
        return fileNumber << 40 ^ offset;
    }

    private Shard shard(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return shards[(int) (h >>> 60)];
    }

    Block get(long fileNumber, long offset) {
        long k = key(fileNumber, offset);
        Block b = shard(k).get(k);
        if (b == null) {
            misses.increment();
        } else {
            hits.increment();
        }
        return b;
    }

    void put(long fileNumber, long offset, Block block) {
        long k = key(fileNumber, offset);
        shard(k).put(k, block);
    }

    /** Drops every block of a deleted file. */
    void evictFile(long fileNumber) {
        for (Shard s : shards) {
            s.evictFile(fileNumber);
        }
    }

    long residentBytes() {
        long total = 0;
        for (Shard s : shards) {
            total += s.residentBytes();
        }
        return total;
    }

    private static final class Shard {
        private final long bytesMax;
        private long bytes;
        private final LinkedHashMap<Long, Block> blocks = new LinkedHashMap<>(64, 0.75f, true);

        Shard(long bytesMax) {
            this.bytesMax = bytesMax;
        }

        synchronized Block get(long key) {
            return blocks.get(key);
        }

        synchronized void put(long key, Block block) {
            int size = block.memoryBytes();
            if (size > bytesMax) {
                return;
            }
            Block old = blocks.put(key, block);
            bytes += size - (old == null ? 0 : old.memoryBytes());
            var it = blocks.entrySet().iterator();
            while (bytes > bytesMax && it.hasNext()) {
                Map.Entry<Long, Block> eldest = it.next();
                bytes -= eldest.getValue().memoryBytes();
                it.remove();
            }
        }

        synchronized void evictFile(long fileNumber) {
            var it = blocks.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, Block> e = it.next();
                if (e.getKey() >>> 40 == fileNumber) {
                    bytes -= e.getValue().memoryBytes();
                    it.remove();
                }
            }
        }

        synchronized long residentBytes() {
            return bytes;
        }
    }
}
