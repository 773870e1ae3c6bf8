package dev.cutaway.bench.kv;

import dev.cutaway.log.WriteBatch;

/**
 * The sizes and seed of one {@code bench kv} run, validated once. Bounds: keys are numbered in
 * an int (the key orders are int arrays), so {@code num} stays at most {@link #NUM_MAX}.
 *
 * @param num operations of every sync=off workload, and keys loaded for reads
 * @param syncNum operations of every sync=on workload (fsync per operation is slow)
 * @param keyBytes key length; keys are zero-padded decimal numbers like db_bench's
 * @param valueBytes value length; values are seeded random bytes
 * @param seed the one source of randomness: key orders and values derive from it
 * @param cacheMb cache budget given to every engine
 * @param warmupNum operations of the untimed warm-up pass per engine (0: none)
 */
record KvSettings(int num, int syncNum, int keyBytes, int valueBytes, long seed, int cacheMb,
        int warmupNum) {
    static final int NUM_MAX = 100_000_000;
    static final int CACHE_MB_MAX = 64 * 1024;

    KvSettings {
        requireRange("num", num, 1, NUM_MAX);
        requireRange("sync-num", syncNum, 1, NUM_MAX);
        requireRange("key-size", keyBytes, KeyFormat.digitsFor(num - 1L),
                WriteBatch.KEY_BYTES_MAX);
        requireRange("key-size", keyBytes, KeyFormat.digitsFor(syncNum - 1L),
                WriteBatch.KEY_BYTES_MAX);
        requireRange("value-size", valueBytes, 1, 1024 * 1024);
        requireRange("cache-mb", cacheMb, 1, CACHE_MB_MAX);
        requireRange("warmup-num", warmupNum, 0, NUM_MAX);
    }

    /** Operations a workload runs: {@link #syncNum} for sync=on, else {@link #num}. */
    int operations(KvWorkload workload) {
        return workload.sync() ? syncNum : num;
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + option + "=" + value
                    + " must be in [" + min + ", " + max + "]");
        }
    }
}
