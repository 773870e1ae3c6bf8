package dev.cutaway.kv.btree;

import dev.cutaway.kv.KvCursor;
import java.io.IOException;

/**
 * A range cursor over the B+tree. It holds no latch between calls: it copies out the entries of
 * one leaf (under that leaf's shared latch), then re-descends from the root by key for the next
 * leaf (the fence: first key after the leaf, or before it when descending). There are no sibling
 * pointers, which would fight copy-on-write.
 *
 * <p>Consistency (KvEngine's contract): every key present throughout the scan is returned once,
 * in order, because each leaf visit returns all of that leaf's keys in [seek, fence) and the next
 * visit starts at the fence.
 */
final class BTreeCursor implements KvCursor {
    private final Tree tree;
    private final byte[] low;
    private final byte[] high;
    private final boolean ascending;
    private final Runnable onClose;
    private TreeReader.LeafBatch batch;
    private int position;
    private byte[] nextSeek;
    private boolean exhausted;
    private boolean closed;

    BTreeCursor(Tree tree, byte[] low, byte[] high, boolean ascending, Runnable onClose) {
        this.tree = tree;
        this.low = low;
        this.high = high;
        this.ascending = ascending;
        this.onClose = onClose;
        this.nextSeek = ascending ? low : high;
    }

    @Override
    public boolean next() throws IOException {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        while (true) {
            if (batch != null && position + 1 < batch.count()) {
                position++;
                return true;
            }
            if (exhausted) {
                batch = null;
                return false;
            }
            batch = TreeReader.readLeaf(tree, nextSeek, low, high, ascending);
            position = -1;
            nextSeek = batch.nextSeek();
            exhausted = nextSeek == null;
        }
    }

    @Override
    public byte[] key() {
        checkPositioned();
        return batch.keys()[position];
    }

    @Override
    public byte[] value() {
        checkPositioned();
        return batch.values()[position];
    }

    private void checkPositioned() {
        if (closed || batch == null || position < 0) {
            throw new IllegalStateException("cursor is not on an entry (call next() first)");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            batch = null;
            onClose.run();
        }
    }
}
