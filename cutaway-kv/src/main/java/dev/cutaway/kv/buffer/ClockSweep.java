package dev.cutaway.kv.buffer;

import java.util.function.IntPredicate;

/**
 * The eviction policy: clock-sweep (second chance), as in PostgreSQL. Each frame has a reference
 * bit set on every hit; the hand sweeps the frames, clearing set bits and choosing the first
 * frame whose bit is already clear and that can be claimed (is not pinned).
 *
 * <p>Why clock: a hit costs one byte store (no list to relink, no lock), and a page must go
 * unreferenced for a whole sweep before it is evicted, which protects the hot upper levels of the
 * B+tree from a one-off scan better than FIFO while costing far less than LRU.
 *
 * <p>Invariants: (1) the hand stays in [0, frames); (2) a sweep gives up after two full turns
 * (the first clears every bit, the second must find any unpinned frame), so a pool whose frames
 * are all pinned is reported, never spun on forever.
 *
 * <p>Not thread-safe: the pool calls {@link #pickVictim} under its lock; {@link #touch} is a racy
 * byte store by design (a lost reference bit only costs a little precision).
 */
final class ClockSweep {
    private final byte[] referenced;
    private int hand;

    ClockSweep(int frames) {
        referenced = new byte[frames];
    }

    /** Marks a frame as recently used. */
    void touch(int frame) {
        if (referenced[frame] == 0) {
            referenced[frame] = 1;
        }
    }

    /** Clears the reference bit, so the frame is the next choice (an emptied frame). */
    void forget(int frame) {
        referenced[frame] = 0;
    }

    /**
     * Sweeps for a victim: a frame whose reference bit is clear and for which {@code tryClaim}
     * succeeds (the pool claims it atomically against concurrent pins).
     * @return the frame, or -1 if two full turns found none
     */
    int pickVictim(IntPredicate tryClaim) {
        int frames = referenced.length;
        for (int step = 0; step < 2 * frames + 1; step++) {
            int f = hand;
            hand = f + 1 == frames ? 0 : f + 1;
            if (referenced[f] != 0) {
                referenced[f] = 0;
                continue;
            }
            if (tryClaim.test(f)) {
                return f;
            }
        }
        return -1;
    }

    int hand() {
        return hand;
    }
}
