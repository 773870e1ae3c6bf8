package dev.cutaway.kv.lsm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A per-table bloom filter over user keys (and, with a prefix extractor, their prefixes too:
 * {@link SstWriter} describes the filter block around this payload). Layout of the payload:
 * {@code bit array (bitCount / 8 bytes) · probe count byte}. A key sets or tests the bits
 * {@code (h1 + i * h2) mod bitCount} for i in [0, probes), where h1 and h2 are the two halves
 * of a 64-bit hash (Kirsch-Mitzenmacher double hashing). Probes = round(bitsPerKey * ln 2).
 *
 * <p>Invariants: (1) a key added is always reported as possibly present (no false negatives);
 * (2) bitCount is a positive multiple of 8.
 */
final class BloomFilter {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long C1 = 0x9E3779B97F4A7C15L;
    private static final long C2 = 0xC2B2AE3D27D4EB4FL;

    private BloomFilter() {}

    static int probesFor(int bitsPerKey) {
        return Math.max(1, Math.min(30, (int) Math.round(bitsPerKey * 0.69)));
    }

    /** Builds the filter payload for the given key hashes. */
    static byte[] build(long[] hashes, int count, int bitsPerKey) {
        long bits = Math.max(64, (long) count * bitsPerKey);
        bits = (bits + 7) / 8 * 8;
        if (bits > Integer.MAX_VALUE - 8L) {
            bits = (Integer.MAX_VALUE - 8L) / 8 * 8;
        }
        int bitCount = (int) bits;
        int probes = probesFor(bitsPerKey);
        byte[] filter = new byte[bitCount / 8 + 1];
        for (int k = 0; k < count; k++) {
            long h = hashes[k];
            int h1 = (int) h;
            int h2 = (int) (h >>> 32);
            for (int i = 0; i < probes; i++) {
                int bit = Integer.remainderUnsigned(h1 + i * h2, bitCount);
                filter[bit >>> 3] |= (byte) (1 << (bit & 7));
            }
        }
        filter[filter.length - 1] = (byte) probes;
        return filter;
    }

    /** False only if the key was certainly never added. */
    static boolean mayContain(byte[] filter, long hash) {
        int bitCount = (filter.length - 1) * 8;
        int probes = filter[filter.length - 1];
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32);
        for (int i = 0; i < probes; i++) {
            int bit = Integer.remainderUnsigned(h1 + i * h2, bitCount);
            if ((filter[bit >>> 3] & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    /** A 64-bit hash of a user key: 8 bytes at a time, then a murmur3 finaliser. */
    static long hash(byte[] key) {
        return hash(key, key.length);
    }

    /**
     * The hash of {@code key[0, length)}: a key prefix hashes as the key equal to it would, so
     * prefixes and whole keys share one filter (a prefix equal to a stored key only adds a
     * false positive, never a false negative).
     */
    static long hash(byte[] key, int length) {
        long h = length * C1;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long k = (long) LONGS.get(key, i);
            h ^= Long.rotateLeft(k * C2, 31) * C1;
            h = Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (key[i] & 0xFFL) << shift;
        }
        h ^= Long.rotateLeft(tail * C2, 31) * C1;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /** Bits in the filter payload (for stats and the inspector). */
    static long bitCount(byte[] filter) {
        return (filter.length - 1) * 8L;
    }

    static int probes(byte[] filter) {
        return filter[filter.length - 1];
    }
}
