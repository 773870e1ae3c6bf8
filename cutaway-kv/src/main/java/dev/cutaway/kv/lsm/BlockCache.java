package dev.cutaway.kv.lsm;

import dev.cutaway.kv.ReadEvidence;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded cache of verified SSTable data blocks, shared by every table of an engine. Each
 * open table owns a {@link Slots} array with one entry per data block (its ordinal in the index
 * block), so a hit is an array read and a "referenced" mark: no lock, no hashing, no boxing.
 * Insertions evict by CLOCK (second chance) under one lock: the oldest block is dropped unless
 * it was referenced since it last came round, in which case it gets another round. A block
 * larger than the whole budget is not cached.
 *
 * <p>Invariants: (1) resident bytes stay at or below the bound after every put; (2) a slot
 * array entry and the clock ring agree: a block is in both or in neither.
 */
final class BlockCache {
    /** One cached block and where it is referenced from. */
    static final class Slot {
        final Slots owner;
        final int ordinal;
        final Block block;
        volatile boolean referenced;

        Slot(Slots owner, int ordinal, Block block) {
            this.owner = owner;
            this.ordinal = ordinal;
            this.block = block;
        }
    }

    /** A table's cached blocks by ordinal. */
    static final class Slots {
        final AtomicReferenceArray<Slot> array;

        Slots(int blockCount) {
            array = new AtomicReferenceArray<>(blockCount);
        }
    }

    private final long bytesMax;
    /** Insertion ring for CLOCK (guarded by this). */
    private final ArrayDeque<Slot> clock = new ArrayDeque<>();
    private long bytes;
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();

    BlockCache(long bytesMax) {
        this.bytesMax = bytesMax;
    }

    Block get(Slots slots, int ordinal) {
        Slot s = slots.array.get(ordinal);
        if (s == null) {
            misses.increment();
            ReadEvidence.count(ReadEvidence.Counter.BUFFER_MISSES);
            ReadEvidence.count(ReadEvidence.Counter.PAGES_READ);
            return null;
        }
        if (!s.referenced) {
            s.referenced = true;
        }
        hits.increment();
        ReadEvidence.count(ReadEvidence.Counter.BUFFER_HITS);
        return s.block;
    }

    synchronized void put(Slots slots, int ordinal, Block block) {
        int size = block.memoryBytes();
        if (size > bytesMax) {
            return;
        }
        Slot slot = new Slot(slots, ordinal, block);
        if (!slots.array.compareAndSet(ordinal, null, slot)) {
            return; // another reader cached it first
        }
        clock.addLast(slot);
        bytes += size;
        int secondChances = 2 * clock.size(); // a bound: readers may keep marking blocks
        while (bytes > bytesMax && !clock.isEmpty()) {
            Slot oldest = clock.pollFirst();
            if (oldest.referenced && secondChances-- > 0) {
                oldest.referenced = false;
                clock.addLast(oldest);
                continue;
            }
            oldest.owner.array.compareAndSet(oldest.ordinal, oldest, null);
            bytes -= oldest.block.memoryBytes();
        }
    }

    /** Drops every block of a closed table. */
    synchronized void evict(Slots slots) {
        var it = clock.iterator();
        while (it.hasNext()) {
            Slot s = it.next();
            if (s.owner == slots) {
                it.remove();
                slots.array.compareAndSet(s.ordinal, s, null);
                bytes -= s.block.memoryBytes();
            }
        }
    }

    synchronized long residentBytes() {
        return bytes;
    }
}
