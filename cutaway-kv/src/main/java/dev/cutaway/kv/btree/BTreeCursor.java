package dev.cutaway.kv.btree;

import dev.cutaway.kv.KvCursor;
import java.io.IOException;

/**
 * A range cursor over the B+tree. It holds no latch between calls: it copies the entries it
 * needs of one leaf (under that leaf's shared latch) into a buffer it reuses
 * ({@link LeafCopy}), then re-descends from the root by key for the next leaf (the fence:
 * first key after the leaf, or before it when descending). There are no sibling pointers,
 * which would fight copy-on-write. Keys and values are copied out of the buffer only when
 * asked for; the views read them in the buffer. Ascending cursors skip the descent while the
 * tree is unchanged: they go to the next child of a copy of the leaf's parent
 * ({@link LeafPath}).
 *
 * <p>Consistency (KvEngine's contract): every key present throughout the scan is returned once,
 * in order, because each leaf visit returns all of that leaf's keys in [seek, fence) and the next
 * visit starts at the fence.
 *
 * <p>Invariant: (1) while positioned, {@code index} is in [leaf.from, leaf.to); {@code key} and
 * {@code value} are null or the current entry's.
 */
final class BTreeCursor implements KvCursor {
    private final Tree tree;
    private final byte[] low;
    private final byte[] high;
    private final boolean ascending;
    private final Runnable onClose;
    private final LeafCopy leaf;
    /** Made at the second leaf of an ascending scan: short scans do not pay for it. */
    private LeafPath path;
    private boolean loaded;
    private int index;
    private boolean positioned;
    private byte[] key;
    private byte[] value;
    private byte[] nextSeek;
    private boolean exhausted;
    private boolean closed;

    BTreeCursor(Tree tree, byte[] low, byte[] high, boolean ascending, Runnable onClose) {
        this.tree = tree;
        this.low = low;
        this.high = high;
        this.ascending = ascending;
        this.onClose = onClose;
        this.leaf = new LeafCopy();
        this.nextSeek = ascending ? low : high;
    }

    @Override
    public boolean next() throws IOException {
        if (closed) {
            throw new IllegalStateException("cursor is closed");
        }
        key = null;
        value = null;
        while (true) {
            if (loaded) {
                int following = ascending ? index + 1 : index - 1;
                if (following >= leaf.from() && following < leaf.to()) {
                    index = following;
                    positioned = true;
                    return true;
                }
            }
            if (exhausted) {
                loaded = false;
                positioned = false;
                return false;
            }
            if (ascending && loaded && path == null) {
                path = new LeafPath(tree.pageSizeBytes);
            }
            if (path == null || !loaded || !path.readNextLeaf(tree, high, leaf)) {
                TreeReader.readLeaf(tree, nextSeek, low, high, ascending, leaf, path);
            }
            loaded = true;
            positioned = false;
            index = ascending ? leaf.from() - 1 : leaf.to();
            nextSeek = leaf.nextSeek();
            exhausted = nextSeek == null;
        }
    }

    @Override
    public byte[] key() {
        checkPositioned();
        if (key == null) {
            key = leaf.key(index);
        }
        return key;
    }

    @Override
    public byte[] value() {
        checkPositioned();
        if (value == null) {
            value = leaf.value(index);
        }
        return value;
    }

    @Override
    public byte[] keyBuffer() {
        checkPositioned();
        return leaf.data();
    }

    @Override
    public int keyOffset() {
        checkPositioned();
        return leaf.keyOffset(index);
    }

    @Override
    public int keyLength() {
        checkPositioned();
        return leaf.keyLength(index);
    }

    @Override
    public byte[] valueBuffer() {
        checkPositioned();
        return leaf.valueBuffer(index);
    }

    @Override
    public int valueOffset() {
        checkPositioned();
        return leaf.valueOffset(index);
    }

    @Override
    public int valueLength() {
        checkPositioned();
        return leaf.valueLength(index);
    }

    private void checkPositioned() {
        if (closed || !positioned) {
            throw new IllegalStateException("cursor is not on an entry (call next() first)");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            loaded = false;
            positioned = false;
            onClose.run();
        }
    }
}
