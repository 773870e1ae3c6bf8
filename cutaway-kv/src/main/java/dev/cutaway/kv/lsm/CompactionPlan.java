package dev.cutaway.kv.lsm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One compaction chosen by {@link CompactionPicker}: merge {@code inputs} (from
 * {@code inputLevel}) with the {@code overlapping} tables of {@code outputLevel} into new tables
 * at {@code outputLevel}. A trivial move re-files a single table one level down without
 * rewriting it. Tombstones are dropped only if {@code dropTombstones}: no level below the output
 * holds a table overlapping the compaction's key range, so no older version can resurface.
 */
record CompactionPlan(int inputLevel, List<Table> inputs, int outputLevel,
                      List<Table> overlapping, boolean dropTombstones, boolean trivialMove,
                      double score) {

    List<Table> allInputs() {
        List<Table> all = new ArrayList<>(inputs);
        all.addAll(overlapping);
        return all;
    }

    long inputBytes() {
        long bytes = 0;
        for (Table t : allInputs()) {
            bytes += t.meta.sizeBytes();
        }
        return bytes;
    }

    static byte[] smallest(List<Table> tables) {
        byte[] s = null;
        for (Table t : tables) {
            if (s == null || Arrays.compareUnsigned(t.meta.smallestKey(), s) < 0) {
                s = t.meta.smallestKey();
            }
        }
        return s;
    }

    static byte[] largest(List<Table> tables) {
        byte[] l = null;
        for (Table t : tables) {
            if (l == null || Arrays.compareUnsigned(t.meta.largestKey(), l) > 0) {
                l = t.meta.largestKey();
            }
        }
        return l;
    }

    @Override
    public String toString() {
        return (trivialMove ? "move " : "compact ") + "L" + inputLevel + inputs + " + L"
                + outputLevel + overlapping + (dropTombstones ? " (bottom)" : "")
                + String.format(" score %.2f", score);
    }
}
