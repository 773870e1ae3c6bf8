package dev.cutaway.bench.kv;

import dev.cutaway.check.Invariants;

/**
 * Benchmark keys as db_bench writes them: the key number in decimal ASCII, zero-padded on the
 * left to the key length ({@code 0000000000000042}). Zero padding makes the byte order of keys
 * their numeric order, so fillseq really inserts in ascending key order.
 *
 * <p>Invariant: (1) every encoded number fits in the key length (checked by
 * {@link KvSettings} for the whole run and here per key).
 */
final class KeyFormat {
    private final int keyBytes;

    KeyFormat(int keyBytes) {
        if (keyBytes < 1) {
            throw new IllegalArgumentException("key length " + keyBytes + " < 1");
        }
        this.keyBytes = keyBytes;
    }

    /** A fresh key array for {@code index}. */
    byte[] key(long index) {
        byte[] key = new byte[keyBytes];
        encode(index, key);
        return key;
    }

    /** Writes the key of {@code index} into {@code out} (length {@code keyBytes}). */
    void encode(long index, byte[] out) {
        // Explicit ifs, not Invariants.check: its varargs would box in the timed loop.
        if (index < 0 || out.length != keyBytes) {
            throw Invariants.violation("KeyFormat.1 index and length", index, out.length,
                    keyBytes);
        }
        long rest = index;
        for (int i = keyBytes - 1; i >= 0; i--) {
            out[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        if (rest != 0) {
            throw Invariants.violation("KeyFormat.1 number fits in the key", index, keyBytes);
        }
    }

    /** Decimal digits needed to write {@code largest} (at least 1). */
    static int digitsFor(long largest) {
        int digits = 1;
        for (long rest = largest / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
