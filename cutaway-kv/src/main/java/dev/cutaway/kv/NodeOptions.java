package dev.cutaway.kv;

import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.log.LogOptions;

/**
 * Settings of a {@link Node}.
 *
 * @param synchronousCommit as PostgreSQL's {@code synchronous_commit}: {@code true} ("on")
 *     returns from {@link Node#write} only after the batch's log record is on disk; {@code false}
 *     ("off") returns before, so a crash may lose the last moments of acknowledged work, never
 *     consistency (the log keeps a gap-free prefix)
 * @param log settings of the write-ahead log
 * @param btree settings of the B+tree engine (page size, buffer pool frames)
 * @param checkpointLogBytes once this many log bytes were appended since the last checkpoint,
 *     the next write takes a checkpoint (bounds recovery time and log size); 0 turns it off
 */
public record NodeOptions(boolean synchronousCommit, LogOptions log, BTreeOptions btree,
        long checkpointLogBytes) {

    public static NodeOptions defaults() {
        return new NodeOptions(true, LogOptions.defaults(), BTreeOptions.defaults(),
                256L * 1024 * 1024);
    }

    public NodeOptions withSynchronousCommit(boolean on) {
        return new NodeOptions(on, log, btree, checkpointLogBytes);
    }

    public NodeOptions withLog(LogOptions options) {
        return new NodeOptions(synchronousCommit, options, btree, checkpointLogBytes);
    }

    public NodeOptions withBTree(BTreeOptions options) {
        return new NodeOptions(synchronousCommit, log, options, checkpointLogBytes);
    }

    public NodeOptions withBufferPoolFrames(int frames) {
        return withBTree(btree.withBufferPoolFrames(frames));
    }

    public NodeOptions withCheckpointLogBytes(long bytes) {
        return new NodeOptions(synchronousCommit, log, btree, bytes);
    }
}
