package dev.cutaway.kv.lsm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides what to compact next.
 *
 * <p>Leveled (LevelDB, RocksDB): level 0 scores {@code files / level0CompactionTrigger}; level
 * n >= 1 scores {@code bytes / levelBytesMax(n)}. The highest score >= 1 wins. Level 0 compacts
 * all its tables into level 1 (they overlap); level n compacts one table, chosen round-robin
 * through the key space, into level n + 1. A table with nothing overlapping below moves down
 * without a rewrite.
 *
 * <p>Tiered (size-tiered, as in Cassandra and RocksDB's universal style): every sorted run is
 * one table in level 0, newest first. Once there are {@code level0CompactionTrigger} runs, the
 * first window of at least {@code tieredMergeWidthMin} adjacent runs where each next run is at
 * most twice the size of the runs before it is merged into one run; adjacency keeps level 0's
 * sequence ranges disjoint. With {@code level0SlowdownTrigger} runs and no such window, all
 * runs are merged.
 */
final class CompactionPicker {
    private final LsmOptions options;
    /** Per level, the largest key of the last table compacted from it (round-robin). */
    private final byte[][] compactPointer;

    CompactionPicker(LsmOptions options) {
        this.options = options;
        this.compactPointer = new byte[options.levelsMax()][];
    }

    /** Score of each level; the maximum says how urgently compaction is needed. */
    double[] scores(Version v) {
        double[] scores = new double[v.levelCount()];
        scores[0] = (double) v.levels[0].length / options.level0CompactionTrigger();
        if (options.style() == LsmOptions.CompactionStyle.LEVELED) {
            for (int level = 1; level < v.levelCount() - 1; level++) {
                scores[level] = (double) v.levelBytes(level) / options.levelBytesMax(level);
            }
        }
        return scores;
    }

    /** True if {@link #pick} would return a plan (without moving the round-robin pointer). */
    boolean needsCompaction(Version v) {
        if (options.style() == LsmOptions.CompactionStyle.TIERED) {
            return pickTiered(v) != null;
        }
        for (double score : scores(v)) {
            if (score >= 1) {
                return true;
            }
        }
        return false;
    }

    /** The next compaction, or null if every score is below 1. */
    CompactionPlan pick(Version v) {
        return options.style() == LsmOptions.CompactionStyle.LEVELED
                ? pickLeveled(v) : pickTiered(v);
    }

    private CompactionPlan pickLeveled(Version v) {
        double[] scores = scores(v);
        int best = 0;
        for (int level = 1; level < scores.length; level++) {
            if (scores[level] > scores[best]) {
                best = level;
            }
        }
        if (scores[best] < 1) {
            return null;
        }
        List<Table> inputs;
        if (best == 0) {
            inputs = Arrays.asList(v.levels[0]);
        } else {
            inputs = List.of(nextRoundRobin(v, best));
        }
        byte[] low = CompactionPlan.smallest(inputs);
        byte[] high = CompactionPlan.largest(inputs);
        List<Table> overlapping = v.overlapping(best + 1, low, high);
        List<Table> all = new ArrayList<>(inputs);
        all.addAll(overlapping);
        low = CompactionPlan.smallest(all);
        high = CompactionPlan.largest(all);
        boolean trivial = inputs.size() == 1 && overlapping.isEmpty();
        return new CompactionPlan(best, inputs, best + 1, overlapping,
                bottomMost(v, best + 1, low, high), trivial, scores[best]);
    }

    private Table nextRoundRobin(Version v, int level) {
        Table[] tables = v.levels[level];
        byte[] pointer = compactPointer[level];
        Table chosen = tables[0];
        if (pointer != null) {
            for (Table t : tables) {
                if (Arrays.compareUnsigned(t.meta.smallestKey(), pointer) > 0) {
                    chosen = t;
                    break;
                }
            }
        }
        compactPointer[level] = chosen.meta.largestKey();
        return chosen;
    }

    private CompactionPlan pickTiered(Version v) {
        Table[] runs = v.levels[0];
        int n = runs.length;
        double score = (double) n / options.level0CompactionTrigger();
        if (score < 1) {
            return null;
        }
        for (int start = 0; start < n; start++) {
            long accumulated = runs[start].meta.sizeBytes();
            int end = start + 1;
            while (end < n && runs[end].meta.sizeBytes() <= 2 * accumulated) {
                accumulated += runs[end].meta.sizeBytes();
                end++;
            }
            if (end - start >= options.tieredMergeWidthMin()) {
                return tieredPlan(v, Arrays.asList(runs).subList(start, end), end == n, score);
            }
        }
        if (n >= options.level0SlowdownTrigger()) {
            return tieredPlan(v, Arrays.asList(runs), true, score);
        }
        return null;
    }

    private CompactionPlan tieredPlan(Version v, List<Table> window, boolean includesOldest,
            double score) {
        byte[] low = CompactionPlan.smallest(window);
        byte[] high = CompactionPlan.largest(window);
        boolean drop = includesOldest && bottomMost(v, 0, low, high);
        return new CompactionPlan(0, List.copyOf(window), 0, List.of(), drop, false, score);
    }

    /** True if no level below {@code level} holds a table overlapping [low, high]. */
    private static boolean bottomMost(Version v, int level, byte[] low, byte[] high) {
        for (int below = level + 1; below < v.levelCount(); below++) {
            if (!v.overlapping(below, low, high).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
