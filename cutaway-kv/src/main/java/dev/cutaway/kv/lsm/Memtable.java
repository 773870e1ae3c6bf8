package dev.cutaway.kv.lsm;

import dev.cutaway.check.Invariants;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The in-memory write buffer: a skiplist of internal keys (user key, sequence number) to a
 * value or a tombstone (null value), in internal order (see {@link Sequences}).
 *
 * <p>Concurrency: one writer ({@link #add}), any number of lock-free readers. A node is fully
 * built before it is linked; links are published with release stores and read with acquire
 * loads, bottom level first, so a reader that sees a node sees its contents.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Level 0 is sorted strictly in internal order (no duplicate internal key).</li>
 *   <li>Every node linked at level h is linked at every level below h.</li>
 *   <li>{@code approximateBytes} grows with every add; {@code lsnLast} never decreases.</li>
 * </ol>
 * Once sealed the memtable is immutable and is flushed to one SSTable covering LSNs
 * ({@code previous lsnLast}, {@link #lsnLast()}].
 */
final class Memtable {
    static final int HEIGHT_MAX = 12;
    private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(Node[].class);
    /** Per-entry overhead counted in the size bound: node, arrays, headers. */
    private static final int NODE_OVERHEAD_BYTES = 64;

    static final class Node {
        final byte[] key;
        final long seq;
        final byte[] value;
        final Node[] next;

        Node(byte[] key, long seq, byte[] value, int height) {
            this.key = key;
            this.seq = seq;
            this.value = value;
            this.next = new Node[height];
        }

        Node next(int level) {
            return (Node) NEXT.getAcquire(next, level);
        }

        void setNext(int level, Node node) {
            NEXT.setRelease(next, level, node);
        }
    }

    private final Node head = new Node(new byte[0], Sequences.MAX, null, HEIGHT_MAX);
    private final Node[] preds = new Node[HEIGHT_MAX];
    private volatile int height = 1;
    private volatile long approximateBytes;
    private volatile long lsnLast;
    private volatile long entryCount;
    private long randomState;

    Memtable(long lsnFirstExclusive, long seed) {
        this.lsnLast = lsnFirstExclusive;
        this.randomState = seed | 1;
    }

    /** Adds one version. Writer thread only. */
    void add(byte[] key, long seq, byte[] value) {
        Node x = findGreaterOrEqual(key, seq, preds);
        if (x != null && x.seq == seq && Arrays.equals(x.key, key)) {
            throw Invariants.violation("Memtable.1 duplicate internal key", seq);
        }
        int h = randomHeight();
        if (h > height) {
            for (int i = height; i < h; i++) {
                preds[i] = head;
            }
            height = h;
        }
        Node node = new Node(key, seq, value, h);
        for (int i = 0; i < h; i++) {
            node.next[i] = preds[i].next(i);
        }
        for (int i = 0; i < h; i++) {
            preds[i].setNext(i, node);
        }
        approximateBytes += key.length + (value == null ? 0 : value.length) + NODE_OVERHEAD_BYTES;
        entryCount++;
    }

    /** Records that every batch up to {@code lsn} is in this memtable. Writer thread only. */
    void advanceLsn(long lsn) {
        if (lsn < lsnLast) {
            throw Invariants.violation("Memtable.3 lsnLast never decreases", lsn, lsnLast);
        }
        lsnLast = lsn;
    }

    long lsnLast() {
        return lsnLast;
    }

    long approximateBytes() {
        return approximateBytes;
    }

    long entryCount() {
        return entryCount;
    }

    boolean isEmpty() {
        return head.next(0) == null;
    }

    /**
     * The newest version of {@code key} with sequence number at most {@code snapshotSeq}, or
     * null if this memtable has none. A tombstone is returned as a node with a null value.
     */
    Node get(byte[] key, long snapshotSeq) {
        Node x = findGreaterOrEqual(key, snapshotSeq, null);
        if (x != null && Arrays.equals(x.key, key)) {
            return x;
        }
        return null;
    }

    /** First node at or after (key, seq) in internal order; fills preds if given. */
    Node findGreaterOrEqual(byte[] key, long seq, Node[] predsOut) {
        Node x = head;
        for (int level = height - 1; level >= 0; level--) {
            Node next = x.next(level);
            while (next != null && Sequences.compare(next.key, next.seq, key, seq) < 0) {
                x = next;
                next = x.next(level);
            }
            if (predsOut != null) {
                predsOut[level] = x;
            }
        }
        return x.next(0);
    }

    /** Last node before (key, seq) in internal order, or null if none. */
    Node findLessThan(byte[] key, long seq) {
        Node x = head;
        for (int level = height - 1; level >= 0; level--) {
            Node next = x.next(level);
            while (next != null && Sequences.compare(next.key, next.seq, key, seq) < 0) {
                x = next;
                next = x.next(level);
            }
        }
        return x == head ? null : x;
    }

    Node first() {
        return head.next(0);
    }

    Node last() {
        Node x = head;
        for (int level = height - 1; level >= 0; level--) {
            Node next = x.next(level);
            while (next != null) {
                x = next;
                next = x.next(level);
            }
        }
        return x == head ? null : x;
    }

    private int randomHeight() {
        // xorshift64: deterministic shapes for a given seed; branching factor 4.
        long s = randomState;
        s ^= s << 13;
        s ^= s >>> 7;
        s ^= s << 17;
        randomState = s;
        int h = 1;
        while (h < HEIGHT_MAX && (s & 3) == 0) {
            h++;
            s >>>= 2;
        }
        return h;
    }

    /** Walks every level: invariants 1 and 2. */
    void checkInvariants() {
        Node prev = null;
        for (Node x = head.next(0); x != null; x = x.next(0)) {
            if (prev != null) {
                Invariants.check(Sequences.compare(prev.key, prev.seq, x.key, x.seq) < 0,
                        "Memtable.1 level 0 sorted", prev.seq, x.seq);
            }
            prev = x;
        }
        for (int level = 1; level < height; level++) {
            Node below = head.next(0);
            for (Node x = head.next(level); x != null; x = x.next(level)) {
                while (below != null && below != x) {
                    below = below.next(0);
                }
                Invariants.check(below == x, "Memtable.2 node at level " + level
                        + " is linked at level 0");
            }
        }
    }

    /** A forward or backward iterator over this memtable. */
    EntryIterator iterator() {
        return new MemtableIterator(this);
    }
}
