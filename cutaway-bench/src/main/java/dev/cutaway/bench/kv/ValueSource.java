package dev.cutaway.bench.kv;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Values for puts: slices of a 1 MiB pool of seeded random bytes (incompressible, so no
 * engine gains from compression), each copied into a fresh array because engines may keep the
 * array they are given. Two sources with the same seed yield the same values, so every engine
 * stores the same data.
 *
 * <p>Invariant: (1) {@code 0 <= position <= POOL_BYTES}, so a slice never leaves the pool.
 */
final class ValueSource {
    static final int POOL_BYTES = 1024 * 1024;

    private final byte[] pool;
    private final int valueBytes;
    private int position;

    ValueSource(long seed, int valueBytes) {
        this.valueBytes = valueBytes;
        this.pool = new byte[POOL_BYTES + valueBytes];
        new SplittableRandom(seed).nextBytes(pool);
    }

    byte[] next() {
        byte[] value = Arrays.copyOfRange(pool, position, position + valueBytes);
        // Step by one more than the value length so that values do not repeat in lockstep.
        position = (position + valueBytes + 1) % POOL_BYTES;
        return value;
    }
}
