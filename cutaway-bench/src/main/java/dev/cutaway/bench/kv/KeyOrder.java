package dev.cutaway.bench.kv;

import java.util.SplittableRandom;

/**
 * The key sequences of the random workloads, drawn once per workload from the run's seed and
 * shared by every engine, so that all engines see exactly the same operations.
 */
final class KeyOrder {
    private KeyOrder() {}

    /** Each of 0..n-1 exactly once, in a seeded random order (Fisher–Yates). */
    static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /** {@code count} keys drawn uniformly, with repetition, from 0..bound-1. */
    static int[] uniform(int count, int bound, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = random.nextInt(bound);
        }
        return order;
    }

    /** A seed for one workload, derived from the run's seed (golden-ratio mixing). */
    static long derive(long seed, int salt) {
        return seed ^ (0x9E3779B97F4A7C15L * (salt + 1L));
    }
}
