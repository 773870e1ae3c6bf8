package dev.cutaway.kv.lsm;

import dev.cutaway.check.Invariants;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The in-memory write buffer: a skiplist of internal keys (user key, sequence number) to a
 * value or a tombstone (null value), in internal order (see {@link Sequences}).
 *
 * <p>Concurrency: one writer ({@link #add}), any number of lock-free readers. A node is fully
 * built before it is linked; links are published with release stores and read with acquire
 * loads, bottom level first, so a reader that sees a node sees its contents.
 *
 * <p>A blocked bloom filter over the user keys ({@link #mayContain}) lets a get skip the
 * skiplist search when the key was never added: a random get mostly misses the memtable, and
 * that search (a cache miss or more per step) was most of a get's time. Each key sets
 * {@link #FILTER_PROBES} bits inside one 512-bit block (one cache line), chosen by its hash.
 * The bits are set before the node is linked and before the engine publishes the batch's
 * {@code visibleSeq} (a volatile write), so a reader whose snapshot covers the key (read from
 * {@code visibleSeq}, or from a safely published {@link LsmSnapshot}) sees its bits.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Level 0 is sorted strictly in internal order (no duplicate internal key).</li>
 *   <li>Every node linked at level h is linked at every level below h.</li>
 *   <li>{@code approximateBytes} grows with every add; {@code lsnLast} never decreases.</li>
 *   <li>Every added key's filter bits are set before its node is linked (no false
 *       negatives).</li>
 *   <li>A node's prefix words are its key's first 16 bytes, zero-padded
 *       ({@link #prefixWord}).</li>
 * </ol>
 * Once sealed the memtable is immutable and is flushed to one SSTable covering LSNs
 * ({@code previous lsnLast}, {@link #lsnLast()}].
 */
final class Memtable {
    static final int HEIGHT_MAX = 12;
    private static final VarHandle NEXT = MethodHandles.arrayElementVarHandle(Node[].class);
    private static final VarHandle BIG_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle NEXT0;
    private static final VarHandle NEXT1;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT0 = lookup.findVarHandle(Node.class, "next0", Node.class);
            NEXT1 = lookup.findVarHandle(Node.class, "next1", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** Per-entry overhead counted in the size bound: node, arrays, headers. */
    private static final int NODE_OVERHEAD_BYTES = 64;
    /** Filter bits per memtable byte bound: at least 8 bits per entry, about 22 typically. */
    private static final int FILTER_BYTES_PER_BIT = 8;
    static final int FILTER_PROBES = 6;
    private static final int FILTER_BLOCK_LONGS = 8;

    static final class Node {
        final byte[] key;
        /** Key bytes [0, 8) and [8, 16), big-endian, zero-padded (see {@link #compareTo}). */
        final long prefix0;
        final long prefix1;
        final long seq;
        final byte[] value;
        /**
         * Links at levels 0 and 1 are fields of the node (15 of 16 nodes are no taller), so a
         * search step at the busy bottom levels touches one object, not a node and an array.
         */
        private Node next0;
        private Node next1;
        /** Links at levels 2 and up, or null for a node of height 2 or less. */
        private final Node[] upper;

        Node(byte[] key, long prefix0, long prefix1, long seq, byte[] value, int height) {
            this.key = key;
            this.prefix0 = prefix0;
            this.prefix1 = prefix1;
            this.seq = seq;
            this.value = value;
            this.upper = height > 2 ? new Node[height - 2] : null;
        }

        /**
         * Internal-order comparison of this node with (k, s), where p0 and p1 are k's
         * {@link #prefixWord}s. The zero-padded 16-byte prefixes are compared first, in
         * registers: where they differ, the first difference is a real byte of the longer
         * key against a real byte or the end of the other, which is also where unsigned
         * lexicographic order decides. Only equal prefixes need the arrays (a search step then
         * touches this node, not its key array: most of a random insert was cache misses).
         */
        int compareTo(byte[] k, long p0, long p1, long s) {
            int c = Long.compareUnsigned(prefix0, p0);
            if (c == 0) {
                c = Long.compareUnsigned(prefix1, p1);
                if (c == 0) {
                    c = Arrays.compareUnsigned(key, k);
                }
            }
            return c != 0 ? c : Long.compare(s, seq);
        }

        Node next(int level) {
            return switch (level) {
                case 0 -> (Node) NEXT0.getAcquire(this);
                case 1 -> (Node) NEXT1.getAcquire(this);
                default -> (Node) NEXT.getAcquire(upper, level - 2);
            };
        }

        void setNext(int level, Node node) {
            switch (level) {
                case 0 -> NEXT0.setRelease(this, node);
                case 1 -> NEXT1.setRelease(this, node);
                default -> NEXT.setRelease(upper, level - 2, node);
            }
        }

        /** A plain store, for a node that is not linked yet (its links publish it). */
        private void initNext(int level, Node node) {
            switch (level) {
                case 0 -> next0 = node;
                case 1 -> next1 = node;
                default -> upper[level - 2] = node;
            }
        }
    }

    private final Node head = new Node(new byte[0], 0, 0, Sequences.MAX, null, HEIGHT_MAX);
    private final Node[] preds = new Node[HEIGHT_MAX];
    private volatile int height = 1;
    private volatile long approximateBytes;
    private volatile long lsnLast;
    private volatile long entryCount;
    private long randomState;
    /** The key filter: blocks of {@link #FILTER_BLOCK_LONGS} longs (invariant 4). */
    private final long[] filter;
    private final int filterBlocks;

    Memtable(long lsnFirstExclusive, long seed) {
        this(lsnFirstExclusive, seed, 1 << 20);
    }

    /** A memtable sized for {@code bytesMax} (its filter; the bound itself is the engine's). */
    Memtable(long lsnFirstExclusive, long seed, long bytesMax) {
        this.lsnLast = lsnFirstExclusive;
        this.randomState = seed | 1;
        long bits = Math.min(bytesMax / FILTER_BYTES_PER_BIT, 1L << 30);
        this.filterBlocks = (int) Math.max(1, bits / (64 * FILTER_BLOCK_LONGS));
        this.filter = new long[filterBlocks * FILTER_BLOCK_LONGS];
    }

    /** Adds one version. Writer thread only. */
    void add(byte[] key, long seq, byte[] value) {
        Node x = findGreaterOrEqual(key, seq, preds);
        if (x != null && x.seq == seq && Arrays.equals(x.key, key)) {
            throw Invariants.violation("Memtable.1 duplicate internal key", seq);
        }
        addToFilter(BloomFilter.hash(key));
        int h = randomHeight();
        if (h > height) {
            for (int i = height; i < h; i++) {
                preds[i] = head;
            }
            height = h;
        }
        Node node = new Node(key, prefixWord(key, 0), prefixWord(key, 8), seq, value, h);
        for (int i = 0; i < h; i++) {
            node.initNext(i, preds[i].next(i));
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

    private void addToFilter(long keyHash) {
        int base = filterBlock(keyHash);
        long h = keyHash * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < FILTER_PROBES; i++, h >>>= 9) {
            int bit = (int) h & 511;
            filter[base + (bit >>> 6)] |= 1L << bit;
        }
    }

    private int filterBlock(long keyHash) {
        return (int) (((keyHash >>> 32) * filterBlocks) >>> 32) * FILTER_BLOCK_LONGS;
    }

    /**
     * False only if no version of the key with this {@link BloomFilter#hash} was ever added.
     */
    boolean mayContain(long keyHash) {
        int base = filterBlock(keyHash);
        long h = keyHash * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < FILTER_PROBES; i++, h >>>= 9) {
            int bit = (int) h & 511;
            if ((filter[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The newest version of {@code key} with sequence number at most {@code snapshotSeq}, or
     * null if this memtable has none. A tombstone is returned as a node with a null value.
     */
    Node get(byte[] key, long snapshotSeq) {
        return get(key, BloomFilter.hash(key), snapshotSeq);
    }

    /** {@link #get(byte[], long)} with the key's {@link BloomFilter#hash} already computed. */
    Node get(byte[] key, long keyHash, long snapshotSeq) {
        if (!mayContain(keyHash)) {
            return null;
        }
        Node x = findGreaterOrEqual(key, snapshotSeq, null);
        if (x != null && Arrays.equals(x.key, key)) {
            return x;
        }
        return null;
    }

    /** First node at or after (key, seq) in internal order; fills preds if given. */
    Node findGreaterOrEqual(byte[] key, long seq, Node[] predsOut) {
        long p0 = prefixWord(key, 0);
        long p1 = prefixWord(key, 8);
        Node x = head;
        for (int level = height - 1; level >= 0; level--) {
            Node next = x.next(level);
            while (next != null && next.compareTo(key, p0, p1, seq) < 0) {
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
        long p0 = prefixWord(key, 0);
        long p1 = prefixWord(key, 8);
        Node x = head;
        for (int level = height - 1; level >= 0; level--) {
            Node next = x.next(level);
            while (next != null && next.compareTo(key, p0, p1, seq) < 0) {
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

    /** Bytes [from, from + 8) of {@code key} as a big-endian long, zero past its end. */
    static long prefixWord(byte[] key, int from) {
        if (key.length - from >= 8) {
            return (long) BIG_ENDIAN_LONGS.get(key, from);
        }
        long word = 0;
        for (int i = 0; i < 8; i++) {
            int at = from + i;
            word = word << 8 | (at < key.length ? key[at] & 0xFF : 0);
        }
        return word;
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

    /** Walks every level: invariants 1, 2, 4 and 5. */
    void checkInvariants() {
        Node prev = null;
        for (Node x = head.next(0); x != null; x = x.next(0)) {
            Invariants.check(mayContain(BloomFilter.hash(x.key)),
                    "Memtable.4 every added key passes the filter", x.seq);
            Invariants.check(x.prefix0 == prefixWord(x.key, 0)
                    && x.prefix1 == prefixWord(x.key, 8), "Memtable.5 prefixes match the key",
                    x.seq);
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
