package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Test support: a TreeMap model of an engine plus the "log" of every batch applied, so a test
 * can crash or reopen the engine and replay from checkpointLsn() + 1 the way the node does.
 */
final class LsmModel {
    final TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    final List<WriteBatch> log = new ArrayList<>();
    final int keySpace;

    LsmModel(int keySpace) {
        this.keySpace = keySpace;
    }

    static byte[] key(int i) {
        return String.format("k%06d", i).getBytes();
    }

    static Long seed(long fallback) {
        String s = System.getProperty("cutaway.seed");
        return s == null ? fallback : Long.parseLong(s);
    }

    /** A random batch of 1..5 puts (values 0..120 bytes) and deletes. */
    WriteBatch randomBatch(SplittableRandom random) {
        WriteBatch b = new WriteBatch();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            byte[] k = key(random.nextInt(keySpace));
            if (random.nextInt(4) == 0) {
                b.delete(k);
            } else {
                byte[] v = new byte[random.nextInt(121)];
                random.nextBytes(v);
                b.put(k, v);
            }
        }
        return b;
    }

    /** Applies to engine, model and log. @return the batch's LSN */
    long apply(KvEngine engine, WriteBatch b) throws IOException {
        log.add(b);
        applyToModel(model, b); // in the log: replay applies it even if apply() crashes
        long lsn = log.size();
        engine.apply(b, lsn);
        return lsn;
    }

    static void applyToModel(Map<byte[], byte[]> m, WriteBatch b) {
        for (WriteBatch.Mutation mu : b.mutations()) {
            if (mu.isDelete()) {
                m.remove(mu.key());
            } else {
                m.put(mu.key(), mu.value());
            }
        }
    }

    /** The model as of {@code lsn}: every batch up to it. */
    TreeMap<byte[], byte[]> modelAt(long lsn) {
        TreeMap<byte[], byte[]> m = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < lsn; i++) {
            applyToModel(m, log.get(i));
        }
        return m;
    }

    /** Replays the log after the engine's checkpoint, as the node does at open. */
    void replay(KvEngine engine) throws IOException {
        for (long lsn = engine.checkpointLsn() + 1; lsn <= log.size(); lsn++) {
            engine.apply(log.get((int) lsn - 1), lsn);
        }
    }

    static List<String> scan(KvEngine engine, byte[] low, byte[] high, boolean ascending)
            throws IOException {
        List<String> out = new ArrayList<>();
        try (KvCursor c = engine.cursor(low, high, ascending)) {
            while (c.next()) {
                out.add(new String(c.key()) + "=" + Arrays.hashCode(c.value()));
            }
        }
        return out;
    }

    static List<String> expected(NavigableMap<byte[], byte[]> m, byte[] low, byte[] high,
            boolean ascending) {
        NavigableMap<byte[], byte[]> sub = m;
        if (low != null && high != null && Arrays.compareUnsigned(low, high) >= 0) {
            return List.of();
        }
        if (low != null) {
            sub = sub.tailMap(low, true);
        }
        if (high != null) {
            sub = sub.headMap(high, false);
        }
        if (!ascending) {
            sub = sub.descendingMap();
        }
        List<String> out = new ArrayList<>();
        sub.forEach((k, v) -> out.add(new String(k) + "=" + Arrays.hashCode(v)));
        return out;
    }

    /** Full comparison: every key by get, plus a full scan in both directions. */
    void assertMatches(KvEngine engine, NavigableMap<byte[], byte[]> m, String context)
            throws IOException {
        for (int i = 0; i < keySpace; i++) {
            byte[] k = key(i);
            assertThat(engine.get(k)).as(context + " get " + new String(k)).isEqualTo(m.get(k));
        }
        assertThat(scan(engine, null, null, true)).as(context + " ascending scan")
                .isEqualTo(expected(m, null, null, true));
        assertThat(scan(engine, null, null, false)).as(context + " descending scan")
                .isEqualTo(expected(m, null, null, false));
    }

    static LsmEngine open(FileSystem fs, Path dir, LsmOptions options) throws IOException {
        return LsmEngine.open(fs, dir, options, null);
    }
}
