/**
 * A bounded page cache: {@link dev.cutaway.kv.buffer.BufferPool} (frames, pin counts,
 * per-frame read/write latches, a primitive page table with lock-free hits, clock-sweep
 * eviction, dirty write-back) over a {@link dev.cutaway.kv.buffer.PageStore}.
 *
 * <p>Public API: those two types. The page table and the eviction policy are package-private.
 */
package dev.cutaway.kv.buffer;
