package dev.cutaway.kv;

import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.kv.lsm.LsmOptions;
import dev.cutaway.log.LogOptions;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Settings of a {@link Node}.
 *
 * @param synchronousCommit as PostgreSQL's {@code synchronous_commit}: {@code true} ("on")
 *     returns from {@link Node#write} only after the batch's log record is on disk; {@code false}
 *     ("off") returns before, so a crash may lose the last moments of acknowledged work, never
 *     consistency (the log keeps a gap-free prefix). With it off, the node still makes the log
 *     durable after every {@code log.bufferBytesMax()} bytes of batches, and the log's
 *     background flusher (if given) within its delay.
 * @param log settings of the write-ahead log
 * @param engine which engine a new data directory's default space uses; an existing directory
 *     keeps the engine it was created with
 * @param btree settings of the B+tree engine (page size, buffer pool frames)
 * @param lsm settings of the LSM engine (memtable, levels, bloom filters, compaction)
 * @param background executor for the LSM engine's flushes and compactions, or null to run them
 *     on the writing thread; the caller owns it (engine code starts no threads)
 * @param checkpointLogBytes once this many log bytes were appended since the last checkpoint,
 *     the next write takes a checkpoint (bounds recovery time and log size); 0 turns it off
 */
public record NodeOptions(boolean synchronousCommit, LogOptions log, EngineKind engine,
        BTreeOptions btree, LsmOptions lsm, ScheduledExecutorService background,
        long checkpointLogBytes) {

    /** The storage engines a key space can use. */
    public enum EngineKind { BTREE, LSM }

    public static NodeOptions defaults() {
        return new NodeOptions(true, LogOptions.defaults(), EngineKind.BTREE,
                BTreeOptions.defaults(), LsmOptions.defaults(), null, 256L * 1024 * 1024);
    }

    public NodeOptions withSynchronousCommit(boolean on) {
        return new NodeOptions(on, log, engine, btree, lsm, background, checkpointLogBytes);
    }

    public NodeOptions withLog(LogOptions options) {
        return new NodeOptions(synchronousCommit, options, engine, btree, lsm, background,
                checkpointLogBytes);
    }

    public NodeOptions withEngine(EngineKind kind) {
        return new NodeOptions(synchronousCommit, log, kind, btree, lsm, background,
                checkpointLogBytes);
    }

    public NodeOptions withBTree(BTreeOptions options) {
        return new NodeOptions(synchronousCommit, log, engine, options, lsm, background,
                checkpointLogBytes);
    }

    public NodeOptions withLsm(LsmOptions options) {
        return new NodeOptions(synchronousCommit, log, engine, btree, options, background,
                checkpointLogBytes);
    }

    public NodeOptions withBackground(ScheduledExecutorService executor) {
        return new NodeOptions(synchronousCommit, log, engine, btree, lsm, executor,
                checkpointLogBytes);
    }

    public NodeOptions withBufferPoolFrames(int frames) {
        return withBTree(btree.withBufferPoolFrames(frames));
    }

    public NodeOptions withCheckpointLogBytes(long bytes) {
        return new NodeOptions(synchronousCommit, log, engine, btree, lsm, background, bytes);
    }
}
