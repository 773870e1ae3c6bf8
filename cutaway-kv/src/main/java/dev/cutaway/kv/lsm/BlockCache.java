package dev.cutaway.kv.lsm;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded cache of verified SSTable blocks keyed by (file number, block offset), shared by
 * every table of an engine. Hits take no lock: a concurrent map lookup and, the first time, a
 * "referenced" mark. Insertions evict by CLOCK (second chance) under one lock: the oldest block
 * is dropped unless it was referenced since it last came round, in which case it gets another
 * round. A block larger than the whole budget is not cached.
 *
 * <p>Invariant: (1) resident bytes stay at or below the bound after every put (checked by
 * {@link #residentBytes()} callers in tests).
 */
final class BlockCache {
    private static final class Slot {
        final long key;
        final Block block;
        volatile boolean referenced;

        Slot(long key, Block block) {
            this.key = key;
            this.block = block;
        }
    }

    private final long bytesMax;
    private final ConcurrentHashMap<Long, Slot> slots = new ConcurrentHashMap<>();
    /** Insertion ring for CLOCK (guarded by this). */
    private final ArrayDeque<Slot> clock = new ArrayDeque<>();
    private long bytes;
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();

    BlockCache(long bytesMax) {
        this.bytesMax = bytesMax;
    }

    private static long key(long fileNumber, long offset) {
        return fileNumber << 40 ^ offset;
    }

    Block get(long fileNumber, long offset) {
        Slot s = slots.get(key(fileNumber, offset));
        if (s == null) {
            misses.increment();
            return null;
        }
        if (!s.referenced) {
            s.referenced = true;
        }
        hits.increment();
        return s.block;
    }

    synchronized void put(long fileNumber, long offset, Block block) {
        int size = block.memoryBytes();
        if (size > bytesMax) {
            return;
        }
        long k = key(fileNumber, offset);
        Slot slot = new Slot(k, block);
        if (slots.putIfAbsent(k, slot) != null) {
            return; // another reader cached it first
        }
        clock.addLast(slot);
        bytes += size;
        int secondChances = 2 * clock.size(); // a bound: readers may keep marking blocks
        while (bytes > bytesMax && !clock.isEmpty()) {
            Slot oldest = clock.pollFirst();
            if (oldest.referenced && secondChances-- > 0 && slots.get(oldest.key) == oldest) {
                oldest.referenced = false;
                clock.addLast(oldest);
                continue;
            }
            if (slots.remove(oldest.key, oldest)) {
                bytes -= oldest.block.memoryBytes();
            }
        }
    }

    /** Drops every block of a deleted file. */
    synchronized void evictFile(long fileNumber) {
        var it = clock.iterator();
        while (it.hasNext()) {
            Slot s = it.next();
            if (s.key >>> 40 == fileNumber) {
                it.remove();
                if (slots.remove(s.key, s)) {
                    bytes -= s.block.memoryBytes();
                }
            }
        }
    }

    synchronized long residentBytes() {
        return bytes;
    }
}
