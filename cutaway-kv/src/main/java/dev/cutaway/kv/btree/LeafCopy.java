package dev.cutaway.kv.btree;

import static dev.cutaway.kv.btree.PageFormat.LEAF_CELL_HEADER_BYTES;

import dev.cutaway.check.Invariants;
import java.io.IOException;
import java.util.Arrays;

/**
 * A cursor's private copy of the entries it reads from one leaf, taken under the leaf's shared
 * latch. Only the entries in the cursor's range are copied, packed one after the other into a
 * buffer the cursor reuses for every leaf (key bytes, then the inline value's bytes, per
 * entry), so an equality lookup that reads one entry copies that entry and not the page, and a
 * scan allocates nothing per entry: {@link #key} and {@link #value} copy out on demand, and the
 * views ({@link #data}, {@link #keyOffset}, ...) let a reader decode in place. Values kept in
 * overflow pages are read while the latch is held (a later writer may free the chain), and
 * only those.
 *
 * <p>Layout after {@link #fill}: entry {@code j} in [0, {@link #to}) has its key at
 * {@code data[starts[j] .. starts[j] + keyLengths[j])}; an inline value follows at once for
 * {@code valueLengths[j]} bytes; an overflow value is {@code overflowValues[j]}.
 *
 * <p>Invariants: (1) the filled range [fromIndex, toIndex) lies inside the leaf; (2)
 * {@code overflowValues[j]} is set exactly for entries whose value lives in overflow pages;
 * (3) the buffers never grow past what one page's entries need (page size bytes of data, one
 * slot per entry), so they are bounded by the page size.
 */
final class LeafCopy {
    private static final int ENTRIES_INITIAL = 4;
    private static final int DATA_INITIAL_BYTES = 128;

    private byte[] data = new byte[0];
    private int[] starts = new int[0];
    private int[] keyLengths = new int[0];
    private int[] valueLengths = new int[0];
    private byte[][] overflowValues;
    private boolean anyOverflow;
    private int count;
    private byte[] nextSeek;

    /**
     * Copies entries [from, to) of the latched leaf {@code p}; {@code nextSeek} is where the
     * cursor goes after this leaf (null: the range ends here).
     */
    void fill(Tree t, byte[] p, int fromIndex, int toIndex, byte[] nextSeekKey)
            throws IOException {
        int n = NodePage.count(p);
        if (!(0 <= fromIndex && fromIndex <= toIndex && toIndex <= n)) {
            throw Invariants.violation("LeafCopy.1 range inside the leaf", fromIndex, toIndex, n);
        }
        count = toIndex - fromIndex;
        nextSeek = nextSeekKey;
        if (anyOverflow) {
            Arrays.fill(overflowValues, null);
            anyOverflow = false;
        }
        if (starts.length < count) {
            int size = Math.max(count, Math.max(ENTRIES_INITIAL, 2 * starts.length));
            starts = new int[size];
            keyLengths = new int[size];
            valueLengths = new int[size];
        }
        int bytes = 0;
        for (int i = fromIndex; i < toIndex; i++) {
            int cell = NodePage.slot(p, i);
            int word = NodePage.valueWord(p, cell);
            bytes += NodePage.keyLength(p, cell)
                    + (NodePage.isOverflow(word) ? 0 : NodePage.valueLength(word));
        }
        if (data.length < bytes) {
            data = new byte[Math.max(bytes, Math.max(DATA_INITIAL_BYTES, 2 * data.length))];
        }
        int at = 0;
        for (int j = 0; j < count; j++) {
            int cell = NodePage.slot(p, fromIndex + j);
            int keyLen = NodePage.keyLength(p, cell);
            int word = NodePage.valueWord(p, cell);
            boolean overflow = NodePage.isOverflow(word);
            int inline = overflow ? 0 : NodePage.valueLength(word);
            System.arraycopy(p, cell + LEAF_CELL_HEADER_BYTES, data, at, keyLen + inline);
            starts[j] = at;
            keyLengths[j] = keyLen;
            valueLengths[j] = overflow ? -1 : inline;
            at += keyLen + inline;
            if (overflow) {
                if (overflowValues == null || overflowValues.length < count) {
                    overflowValues = new byte[Math.max(count, ENTRIES_INITIAL)][];
                }
                overflowValues[j] = TreeReader.valueAt(t, p, cell);
                anyOverflow = true;
            }
        }
    }

    /** The first entry of the copy (always 0: the copy holds only the cursor's entries). */
    int from() {
        return 0;
    }

    /** One past the last entry of the copy. */
    int to() {
        return count;
    }

    byte[] nextSeek() {
        return nextSeek;
    }

    /** A fresh copy of the key of entry {@code j} in [from, to). */
    byte[] key(int j) {
        return Arrays.copyOfRange(data, starts[j], starts[j] + keyLengths[j]);
    }

    /** The value of entry {@code j} in [from, to) (a fresh copy for inline values). */
    byte[] value(int j) {
        if (valueLengths[j] < 0) {
            return overflowValues[j];
        }
        int at = starts[j] + keyLengths[j];
        return Arrays.copyOfRange(data, at, at + valueLengths[j]);
    }

    /** The buffer the keys (and inline values) of the copy live in; see the layout. */
    byte[] data() {
        return data;
    }

    int keyOffset(int j) {
        return starts[j];
    }

    int keyLength(int j) {
        return keyLengths[j];
    }

    /** The buffer holding entry {@code j}'s value: {@link #data} or its overflow copy. */
    byte[] valueBuffer(int j) {
        return valueLengths[j] < 0 ? overflowValues[j] : data;
    }

    int valueOffset(int j) {
        return valueLengths[j] < 0 ? 0 : starts[j] + keyLengths[j];
    }

    int valueLength(int j) {
        return valueLengths[j] < 0 ? overflowValues[j].length : valueLengths[j];
    }
}
