package dev.cutaway.kv;

import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A deterministic stream of write batches for crash tests: batch {@code i} is a pure function of
 * (seed, i), so a test (or a parent process) can rebuild the exact state after any prefix of
 * batches. Keys come from a small space so that overwrites and deletes are common; a few values
 * are large enough to need overflow pages. Every batch also writes the key {@code "#count"}
 * holding its own number, so the state says how many batches it contains.
 */
final class Workload {
    static final byte[] COUNT_KEY = "#count".getBytes(StandardCharsets.UTF_8);
    private final long seed;
    private final int keySpace;

    Workload(long seed, int keySpace) {
        this.seed = seed;
        this.keySpace = keySpace;
    }

    /** Batch number {@code i} (1-based). */
    WriteBatch batch(long i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        WriteBatch b = new WriteBatch();
        int mutations = 1 + r.nextInt(6);
        for (int m = 0; m < mutations; m++) {
            byte[] key = ("k" + r.nextInt(keySpace)).getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(5) == 0) {
                b.delete(key);
            } else {
                int size = r.nextInt(50) == 0 ? 9_000 + r.nextInt(30_000) : 1 + r.nextInt(200);
                byte[] value = new byte[size];
                r.nextBytes(value);
                value[0] = (byte) m;
                b.put(key, value);
            }
        }
        b.put(COUNT_KEY, Long.toString(i).getBytes(StandardCharsets.UTF_8));
        return b;
    }

    /** Applies batch {@code i} to a model (later mutations of a batch win, as in the engine). */
    void applyTo(TreeMap<byte[], byte[]> model, long i) {
        for (WriteBatch.Mutation m : batch(i).mutations()) {
            if (m.isDelete()) {
                model.remove(m.key());
            } else {
                model.put(m.key(), m.value());
            }
        }
    }

    TreeMap<byte[], byte[]> stateAfter(long batches) {
        TreeMap<byte[], byte[]> model = newModel();
        for (long i = 1; i <= batches; i++) {
            applyTo(model, i);
        }
        return model;
    }

    static TreeMap<byte[], byte[]> newModel() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    /** The number of batches the engine holds, from the count key (0 if none). */
    static long countIn(KvEngine engine) throws IOException {
        byte[] v = engine.get(COUNT_KEY);
        return v == null ? 0 : Long.parseLong(new String(v, StandardCharsets.UTF_8));
    }

    /** Every pair of the engine, by a full ascending scan. */
    static TreeMap<byte[], byte[]> contents(KvEngine engine) throws IOException {
        TreeMap<byte[], byte[]> all = newModel();
        try (KvCursor c = engine.cursor(null, null, true)) {
            while (c.next()) {
                all.put(c.key(), c.value());
            }
        }
        return all;
    }

    /** A readable difference between two states, or null if equal. */
    static String difference(Map<byte[], byte[]> expected, Map<byte[], byte[]> actual) {
        if (expected.size() != actual.size()) {
            return "size " + actual.size() + " but expected " + expected.size();
        }
        for (var e : expected.entrySet()) {
            byte[] v = actual.get(e.getKey());
            if (v == null || !Arrays.equals(v, e.getValue())) {
                return "key " + new String(e.getKey(), StandardCharsets.UTF_8)
                        + (v == null ? " missing" : " has a different value");
            }
        }
        return null;
    }
}
