package dev.cutaway.kv.buffer;

import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.check.Invariants;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;
import java.util.function.IntPredicate;

/**
 * A bounded cache of pages in {@code framesMax} frames of one page each ({@code byte[]}), with
 * pin counts, a per-frame read/write latch, a primitive page table and clock-sweep eviction.
 *
 * <p>Protocol: {@link #pin} returns a frame holding the page and keeps it there until
 * {@link #unpin}; the content is read under {@link #latchShared} and changed under
 * {@link #latchExclusive}. A pinned frame is never evicted. Dirty frames are written back to the
 * {@link PageStore} when evicted or by {@link #flushDirty}. A reader may also read a frame
 * optimistically, without pin or latch, and validate a stamp afterwards
 * ({@link #optimisticStamp}); the B+tree reads its inner pages so (ADR 0035).
 *
 * <p>Invariants: (1) a frame's pin count is -1 while one thread owns it for eviction or loading,
 * otherwise the number of pins; (2) a page is mapped to at most one frame, and a mapped frame's
 * page id equals its key in the table; (3) only a pinned frame is latched, except that loading a
 * page into a claimed frame holds its exclusive latch; (4) a frame is
 * dirty only while it holds a page (the owner of the store decides which pages may be dirtied,
 * see {@code BTreeEngine}: only fresh ones); (5) a dirty page is written back before its frame is
 * reused, and its mapping stays visible until then, so nobody reads a stale copy from disk.
 *
 * <p>Concurrency: a hit is lock-free (a racy table probe, a CAS on the pin count, then a check
 * that the frame still holds the page). Misses, eviction and mapping changes take the pool lock
 * only briefly; disk reads and write-backs run outside it on a claimed frame (pin count -1).
 */
public final class BufferPool {
    private static final int CLAIMED = -1;

    private final PageStore store;
    private final int pageSizeBytes;
    private final int framesMax;
    private final byte[][] frames;
    /** Per frame f: [2f] page id (-1 = empty), [2f+1] pin count; side by side in memory. */
    private final AtomicLongArray state;
    private final boolean[] dirty;
    private final StampedLock[] latches;
    private final PageTable table;
    private final ClockSweep clock;
    private final Object lock = new Object();
    /** Claims an unpinned frame for eviction (made once: a miss allocates nothing for it). */
    private final IntPredicate claimUnpinned;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder dirtyWrites = new LongAdder();
    private final LongAdder pagesRead = new LongAdder();
    private final LongAdder pagesWritten = new LongAdder();

    public BufferPool(PageStore store, int pageSizeBytes, int framesMax) {
        if (framesMax < 4 || framesMax >= PIN_MISSED) {
            throw new IllegalArgumentException("buffer pool needs 4 to 2^30 - 1 frames: "
                    + framesMax);
        }
        this.store = store;
        this.pageSizeBytes = pageSizeBytes;
        this.framesMax = framesMax;
        frames = new byte[framesMax][];
        state = new AtomicLongArray(2 * framesMax);
        dirty = new boolean[framesMax];
        latches = new StampedLock[framesMax];
        for (int f = 0; f < framesMax; f++) {
            state.set(2 * f, -1);
            latches[f] = new StampedLock();
        }
        table = new PageTable(framesMax);
        clock = new ClockSweep(framesMax);
        claimUnpinned = c -> state.compareAndSet(2 * c + 1, 0, CLAIMED);
    }

    public int framesMax() {
        return framesMax;
    }

    /** The bytes of a pinned frame. */
    public byte[] page(int frame) {
        return frames[frame];
    }

    public long pageId(int frame) {
        return state.get(2 * frame);
    }

    /** Pins page {@code pageId}, reading it from the store on a miss. */
    public int pin(long pageId) throws IOException {
        while (true) {
            int f = table.get(pageId);
            if (f >= 0 && tryPin(f, pageId)) {
                hits.increment();
                ReadEvidence.count(ReadEvidence.Counter.BUFFER_HITS);
                return f;
            }
            f = pinSlow(pageId, true);
            if (f >= 0) {
                return f;
            }
            Thread.onSpinWait();
        }
    }

    /** Set in what {@link #pinUncounted} returns when the page was not in the pool. */
    public static final int PIN_MISSED = 1 << 30;

    /**
     * Pins like {@link #pin}, but leaves a hit uncounted: a reader that pins several pages in
     * one descent counts their hits once with {@link #countHits} (one update of the shared
     * counter and of {@link ReadEvidence} per descent instead of per page). A miss is counted
     * here, as {@link #pin} counts it. @return the frame, with {@link #PIN_MISSED} or'ed in
     * when the pin was not a hit (the caller masks it off and does not count that pin)
     */
    public int pinUncounted(long pageId) throws IOException {
        while (true) {
            int f = table.get(pageId);
            if (f >= 0 && tryPin(f, pageId)) {
                return f;
            }
            f = pinSlow(pageId, true);
            if (f >= 0) {
                return f | PIN_MISSED;
            }
            Thread.onSpinWait();
        }
    }

    /** Counts {@code n} hits of pins made with {@link #pinUncounted}. */
    public void countHits(int n) {
        if (n > 0) {
            hits.add(n);
            ReadEvidence.add(ReadEvidence.Counter.BUFFER_HITS, n);
        }
    }

    /**
     * Pins a frame for a page that is being created (newly allocated): no read; the caller
     * formats the whole page under an exclusive latch and marks it dirty.
     */
    public int pinNew(long pageId) throws IOException {
        while (true) {
            int f = table.get(pageId);
            if (f >= 0 && tryPin(f, pageId)) {
                return f;
            }
            f = pinSlow(pageId, false);
            if (f >= 0) {
                return f;
            }
            Thread.onSpinWait();
        }
    }

    private boolean tryPin(int f, long pageId) {
        while (true) {
            long c = state.get(2 * f + 1);
            if (c < 0) {
                return false;
            }
            if (state.compareAndSet(2 * f + 1, c, c + 1)) {
                break;
            }
        }
        if (state.get(2 * f) != pageId) {
            unpin(f);
            return false;
        }
        clock.touch(f);
        return true;
    }

    public void unpin(int frame) {
        long after = state.decrementAndGet(2 * frame + 1);
        if (!(after >= 0)) {
            throw Invariants.violation("BufferPool.1 unpin of an unpinned frame", frame, after);
        }
    }

    /** Miss path; returns -1 when the caller should retry (the page is in transition). */
    private int pinSlow(long pageId, boolean read) throws IOException {
        int victim;
        long oldPage;
        boolean writeBack;
        synchronized (lock) {
            int f = table.get(pageId);
            if (f >= 0) {
                return tryPin(f, pageId) ? f : -1;
            }
            victim = clock.pickVictim(claimUnpinned);
            if (victim < 0) {
                throw new IllegalStateException("buffer pool exhausted: all " + framesMax
                        + " frames are pinned (raise bufferPoolFrames)");
            }
            oldPage = state.get(2 * victim);
            writeBack = dirty[victim];
            Invariants.check(!writeBack || oldPage >= 0, "BufferPool.4 dirty frame has a page");
            if (oldPage >= 0 && !writeBack) {
                table.remove(oldPage);
                state.set(2 * victim, -1);
            }
            if (oldPage >= 0) {
                evictions.increment();
            }
        }
        if (read) {
            misses.increment();
            ReadEvidence.count(ReadEvidence.Counter.BUFFER_MISSES);
            ReadEvidence.count(ReadEvidence.Counter.PAGES_READ);
        }
        return loadInto(victim, oldPage, writeBack, pageId, read);
    }

    private int loadInto(int victim, long oldPage, boolean writeBack, long pageId, boolean read)
            throws IOException {
        frames(victim); // frames get their bytes on first use
        if (writeBack) {
            try {
                store.write(oldPage, frames(victim));
            } catch (IOException | RuntimeException e) {
                state.set(2 * victim + 1, 0); // still mapped and dirty: nothing lost
                throw e;
            }
            dirtyWrites.increment();
            pagesWritten.increment();
            synchronized (lock) {
                dirty[victim] = false;
                table.remove(oldPage);
                state.set(2 * victim, -1);
            }
        }
        if (read) {
            // The exclusive latch is free (the frame is unpinned, so unlatched) and taking it
            // invalidates the stamp of an optimistic reader still looking at the old page.
            long w = latches[victim].writeLock();
            try {
                store.read(pageId, frames(victim));
            } catch (IOException | RuntimeException e) {
                clock.forget(victim);
                state.set(2 * victim + 1, 0);
                throw e;
            } finally {
                latches[victim].unlockWrite(w);
            }
            pagesRead.increment();
        }
        synchronized (lock) {
            int other = table.get(pageId);
            if (other >= 0) { // loaded concurrently by another thread: give ours back
                state.set(2 * victim + 1, 0);
                return tryPin(other, pageId) ? other : -1;
            }
            table.put(pageId, victim);
            state.set(2 * victim, pageId);
            clock.touch(victim);
            state.set(2 * victim + 1, 1);
            return victim;
        }
    }

    private byte[] frames(int f) {
        byte[] bytes = frames[f];
        if (bytes == null) {
            bytes = new byte[pageSizeBytes];
            frames[f] = bytes;
        }
        return bytes;
    }

    /**
     * True if page {@code pageId} is (or was a moment ago) mapped to a frame, possibly dirty or
     * being written back; false only if the store's copy is the only one. A lock-free probe
     * answers "mapped" (a stale yes is harmless: the caller pins, which loads); "not mapped" is
     * confirmed under the pool lock, because a lock-free probe may miss an entry that a
     * concurrent deletion is shifting.
     */
    public boolean holds(long pageId) {
        if (table.get(pageId) >= 0) {
            return true;
        }
        synchronized (lock) {
            return table.get(pageId) >= 0;
        }
    }

    /**
     * The frame page {@code pageId} is mapped to, or -1: a racy probe for an optimistic read
     * ({@link #optimisticStamp}), which pins nothing. The caller takes the stamp, then checks
     * {@link #pageId} of the frame, reads, and {@link #validateStamp validates}.
     */
    public int mappedFrame(long pageId) {
        return table.get(pageId);
    }

    /**
     * A stamp for reading {@code frame} without a pin or latch, 0 while it is exclusively
     * latched. Every change to a frame's bytes happens under its exclusive latch — a writer's
     * change (see {@link #markDirty}) or a page loaded into an evicted frame — so a read that
     * validates its stamp afterwards saw one unchanged page. Counts as a use for eviction.
     */
    public long optimisticStamp(int frame) {
        long stamp = latches[frame].tryOptimisticRead();
        if (stamp != 0) {
            clock.touch(frame);
        }
        return stamp;
    }

    /** Whether {@code frame} was not exclusively latched since {@code stamp} was taken. */
    public boolean validateStamp(int frame, long stamp) {
        return latches[frame].validate(stamp);
    }

    public void latchShared(int frame) {
        checkPinned(frame);
        latches[frame].readLock();
    }

    public void unlatchShared(int frame) {
        if (!(latches[frame].tryUnlockRead())) {
            throw Invariants.violation("BufferPool.3 shared latch held", frame);
        }
    }

    public void latchExclusive(int frame) {
        checkPinned(frame);
        latches[frame].writeLock();
    }

    public void unlatchExclusive(int frame) {
        if (!(latches[frame].tryUnlockWrite())) {
            throw Invariants.violation("BufferPool.3 exclusive latch held", frame);
        }
    }

    private void checkPinned(int frame) {
        if (!(state.get(2 * frame + 1) > 0)) {
            throw Invariants.violation("BufferPool.3 latch needs a pin", frame);
        }
    }

    /** Marks a pinned, exclusively latched frame dirty. */
    public void markDirty(int frame) {
        if (!(latches[frame].isWriteLocked())) {
            throw Invariants.violation("BufferPool.3 dirtied under latch", frame);
        }
        dirty[frame] = true;
    }

    /** Forgets changes to a pinned frame whose page was freed (never write it back). */
    public void discard(int frame) {
        dirty[frame] = false;
    }

    public boolean isDirty(int frame) {
        return dirty[frame];
    }

    /**
     * Writes every dirty frame back (a checkpoint's first step). The caller excludes writers;
     * readers and concurrent evictions may continue.
     * @return frames written
     */
    public long flushDirty() throws IOException {
        long written = 0;
        for (int f = 0; f < framesMax; f++) {
            if (!dirty[f]) {
                continue;
            }
            long pageId = state.get(2 * f);
            if (pageId < 0 || !tryPin(f, pageId)) {
                // Being evicted: the evictor writes it back before releasing the claim.
                while (state.get(2 * f + 1) == CLAIMED) {
                    Thread.onSpinWait();
                }
                if (dirty[f] && state.get(2 * f) >= 0) {
                    f--; // look at it again
                }
                continue;
            }
            try {
                if (dirty[f]) {
                    latchShared(f);
                    try {
                        store.write(pageId, frames[f]);
                    } finally {
                        unlatchShared(f);
                    }
                    dirty[f] = false;
                    pagesWritten.increment();
                    written++;
                }
            } finally {
                unpin(f);
            }
        }
        return written;
    }

    /** Counters with units last, in a stable order. */
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("hits", hits.sum());
        c.put("misses", misses.sum());
        c.put("evictions", evictions.sum());
        c.put("dirty_writes", dirtyWrites.sum());
        c.put("pages_read", pagesRead.sum());
        c.put("pages_written", pagesWritten.sum());
        long pinned = 0;
        long dirtyFrames = 0;
        for (int f = 0; f < framesMax; f++) {
            pinned += state.get(2 * f + 1) != 0 ? 1 : 0;
            dirtyFrames += dirty[f] ? 1 : 0;
        }
        c.put("frames", (long) framesMax);
        c.put("frames_pinned", pinned);
        c.put("frames_dirty", dirtyFrames);
        return c;
    }

    /** Pins currently held on all frames (0 when the pool is idle). */
    public long pinsHeld() {
        long held = 0;
        for (int f = 0; f < framesMax; f++) {
            held += Math.max(0, state.get(2 * f + 1));
        }
        return held;
    }

    /** Checks invariants 1, 2 and 4 while the pool is idle (no concurrent callers). */
    public void checkInvariants() {
        synchronized (lock) {
            int mapped = 0;
            for (int f = 0; f < framesMax; f++) {
                long pageId = state.get(2 * f);
                if (!(state.get(2 * f + 1) >= 0)) {
                    throw Invariants.violation("BufferPool.1 no claim left behind", f);
                }
                if (pageId >= 0) {
                    mapped++;
                    if (!(table.get(pageId) == f)) {
                        throw Invariants.violation("BufferPool.2 table maps frame", pageId, f);
                    }
                } else {
                    if (!(!dirty[f])) {
                        throw Invariants.violation("BufferPool.4 empty frame is clean", f);
                    }
                }
            }
            if (!(mapped == table.size())) {
                throw Invariants.violation("BufferPool.2 table size", mapped, table.size());
            }
        }
    }
}
