package dev.cutaway.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The read-path shortcuts: a cursor that walks to the next child of its copied parent while the
 * tree version is unchanged (and falls back to a descent when it changed), the append split that
 * fills sequential loads, and the per-page shared key prefix that slots skip.
 */
class BTreeScanPathTest {
    private static final Path FILE = Path.of("/db/btree.db");

    private static BTreeEngine open(long seed, int frames) throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(Path.of("/db"));
        return BTreeEngine.open(fs, FILE, BTreeOptions.defaults().withBufferPoolFrames(frames));
    }

    /** Keys like the benchmark's: a long shared run of zeros, then the digits that differ. */
    private static byte[] key(int i) {
        return String.format("%016d", i).getBytes();
    }

    @Test
    void boundedScansOfAStaticTreeMatchTheModel() throws IOException {
        long seed = Long.getLong("cutaway.seed", 7L);
        SplittableRandom random = new SplittableRandom(seed);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        try (BTreeEngine e = open(seed, 64)) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < 20_000; i += 1 + random.nextInt(3)) {
                byte[] v = new byte[random.nextInt(200)];
                random.nextBytes(v);
                batch.put(key(i), v);
                model.put(key(i), v);
            }
            e.apply(batch, 1);
            for (int round = 0; round < 40; round++) {
                int a = random.nextInt(21_000);
                int b = a + random.nextInt(8_000);
                byte[] low = round % 5 == 0 ? null : key(a);
                byte[] high = round % 7 == 0 ? null : key(b);
                List<byte[]> expected = new ArrayList<>(low == null && high == null
                        ? model.keySet() : slice(model, low, high).keySet());
                for (boolean ascending : new boolean[] {true, false}) {
                    List<byte[]> seen = new ArrayList<>();
                    try (KvCursor c = e.cursor(low, high, ascending)) {
                        while (c.next()) {
                            seen.add(c.key());
                            assertThat(c.value()).as("seed %d", seed)
                                    .isEqualTo(model.get(c.key()));
                        }
                    }
                    List<byte[]> want = new ArrayList<>(expected);
                    if (!ascending) {
                        java.util.Collections.reverse(want);
                    }
                    assertThat(seen).as("seed %d round %d", seed, round)
                            .usingElementComparator(Arrays::compareUnsigned)
                            .containsExactlyElementsOf(want);
                }
            }
        }
    }

    /**
     * ceiling without a cursor: from seeks between keys — the last key of a leaf included, so
     * the answer starts the next leaf and is found through the fence — and across a run of
     * deleted keys (leaves emptied), it returns what the model's ceiling does.
     */
    @Test
    void ceilingsAcrossLeafBoundariesAndEmptiedLeavesMatchTheModel() throws IOException {
        long seed = Long.getLong("cutaway.seed", 11L);
        SplittableRandom random = new SplittableRandom(seed);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        try (BTreeEngine e = open(seed, 64)) {
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < 20_000; i += 1 + random.nextInt(3)) {
                byte[] v = new byte[random.nextInt(120)];
                random.nextBytes(v);
                batch.put(key(i), v);
                model.put(key(i), v);
            }
            e.apply(batch, 1);
            WriteBatch deletes = new WriteBatch();
            for (byte[] k : new ArrayList<>(slice(model, key(5_000), key(9_000)).keySet())) {
                deletes.delete(k);
                model.remove(k);
            }
            e.apply(deletes, 2);
            for (int i = 0; i < 20_010; i++) {
                byte[] between = Arrays.copyOf(key(i), 17);
                between[16] = (byte) 0xFF;   // after key(i), before key(i + 1)
                byte[] high = i % 3 == 0 ? null : key(i + 1 + random.nextInt(5_000));
                for (byte[] low : new byte[][] {key(i), between}) {
                    var want = model.ceilingEntry(low);
                    if (want != null && high != null
                            && Arrays.compareUnsigned(want.getKey(), high) >= 0) {
                        want = null;
                    }
                    var got = e.ceiling(low, high);
                    String at = "seed " + seed + " seek " + new String(low, 0, 16);
                    if (want == null) {
                        assertThat(got).as(at).isNull();
                    } else {
                        assertThat(got).as(at).isNotNull();
                        assertThat(got.key()).as(at).isEqualTo(want.getKey());
                        assertThat(got.value()).as(at).isEqualTo(want.getValue());
                    }
                }
            }
        }
    }

    private static NavigableMap<byte[], byte[]> slice(NavigableMap<byte[], byte[]> m,
            byte[] low, byte[] high) {
        if (low == null) {
            return m.headMap(high, false);
        }
        if (high == null) {
            return m.tailMap(low, true);
        }
        return Arrays.compareUnsigned(low, high) >= 0 ? new TreeMap<>()
                : m.subMap(low, true, high, false);
    }

    @Test
    void scanInterleavedWithWritesSeesEveryStableKeyOnceInOrder() throws IOException {
        long seed = Long.getLong("cutaway.seed", 11L);
        SplittableRandom random = new SplittableRandom(seed);
        try (BTreeEngine e = open(seed, 64)) {
            long lsn = 1;
            WriteBatch batch = new WriteBatch();
            for (int i = 0; i < 30_000; i += 2) { // even keys stay; odd keys churn
                batch.put(key(i), new byte[60]);
            }
            e.apply(batch, lsn++);
            int expectedEven = 0;
            byte[] previous = null;
            try (KvCursor c = e.cursor(null, null, true)) {
                while (c.next()) {
                    byte[] k = c.key();
                    if (previous != null) {
                        assertThat(Arrays.compareUnsigned(previous, k)).as("seed %d", seed)
                                .isNegative();
                    }
                    previous = k;
                    int n = Integer.parseInt(new String(k));
                    if (n % 2 == 0) {
                        assertThat(n).as("seed %d", seed).isEqualTo(expectedEven);
                        expectedEven += 2;
                    }
                    if (random.nextInt(40) == 0) { // a change: the next leaf needs a descent
                        WriteBatch churn = new WriteBatch();
                        for (int j = 0; j < 200; j++) {
                            int odd = 2 * random.nextInt(15_000) + 1;
                            if (random.nextBoolean()) {
                                churn.put(key(odd), new byte[random.nextInt(900)]);
                            } else {
                                churn.delete(key(odd));
                            }
                        }
                        e.apply(churn, lsn++);
                        if (random.nextInt(4) == 0) {
                            e.checkpoint();
                        }
                    }
                }
            }
            assertThat(expectedEven).as("seed %d", seed).isEqualTo(30_000);
            e.checkInvariants();
        }
    }

    @Test
    void sequentialLoadFillsLeavesAndSlotsSkipTheSharedPrefix() throws IOException {
        try (BTreeEngine e = open(3, 256)) {
            for (int i = 0; i < 10_000; i++) {
                e.apply(new WriteBatch().put(key(i), new byte[100]), i + 1);
            }
            // 16 + 100 bytes a cell plus 6 header and 6 slot bytes: 63 entries fit a page.
            long leavesMin = (10_000 + 62) / 63;
            long pages = e.stats().get("page_count") - 2; // minus the meta pages
            assertThat(pages).as("leaves ~100%% full").isLessThanOrEqualTo(leavesMin + 4);
            e.checkInvariants();
            for (int i = 0; i < 10_000; i += 97) {
                assertThat(e.get(key(i))).hasSize(100);
            }
            assertThat(e.get("0000000000010000".getBytes())).isNull();
            assertThat(e.get("000".getBytes())).isNull();
            assertThat(e.get("1".getBytes())).isNull();
        }
    }
}
