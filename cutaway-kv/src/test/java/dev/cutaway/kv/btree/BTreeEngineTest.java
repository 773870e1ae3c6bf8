package dev.cutaway.kv.btree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FileHandle;
import dev.cutaway.kv.EngineStats;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** B+tree-specific behaviour: structure changes, the buffer pool under load, corruption. */
class BTreeEngineTest {
    private static final Path DIR = Path.of("/db");
    private static final Path FILE = DIR.resolve("btree.db");
    private static final int PAGE = 8192;

    private static FaultyFileSystem fileSystem(long seed) throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(DIR);
        fs.syncDirectory(Path.of("/"));
        return fs;
    }

    private static byte[] key(int i) {
        return String.format("k%07d", i).getBytes();
    }

    private static byte[] bigKey(int i) {
        byte[] k = new byte[WriteBatch.KEY_BYTES_MAX];
        Arrays.fill(k, (byte) 'x');
        byte[] suffix = key(i);
        System.arraycopy(suffix, 0, k, 0, suffix.length);
        return k;
    }

    private static void put(BTreeEngine e, byte[] k, byte[] v, long lsn) throws IOException {
        e.apply(new WriteBatch().put(k, v), lsn);
    }

    private static void delete(BTreeEngine e, byte[] k, long lsn) throws IOException {
        e.apply(new WriteBatch().delete(k), lsn);
    }

    @Test
    void leafSplitsWhenFullAndMergesBackWhenEmptied() throws IOException {
        try (BTreeEngine e = BTreeEngine.open(fileSystem(1), FILE, BTreeOptions.defaults())) {
            byte[] v = new byte[1000];
            int n = 0;
            while (e.stats().get("splits") == 0) {
                put(e, key(n), v, n + 1);
                n++;
                e.checkInvariants();
            }
            assertThat(n).isBetween(7, 9); // 8 cells of ~1016 bytes fill one 8 KiB leaf
            assertThat(e.stats().get("tree_height")).isEqualTo(2);
            long lsn = 100;
            for (int i = 0; i < n; i++) {
                delete(e, key(i), ++lsn);
                e.checkInvariants();
            }
            assertThat(e.stats().get("merges")).isPositive();
            assertThat(e.stats().get("tree_height")).isEqualTo(1);
            assertThat(e.stats().get("entries")).isZero();
        }
    }

    @Test
    void internalNodesSplitAndTheTreeShrinksBackWhenEverythingIsDeleted() throws IOException {
        try (BTreeEngine e = BTreeEngine.open(fileSystem(2), FILE, BTreeOptions.defaults())) {
            SplittableRandom random = new SplittableRandom(2);
            int n = 400; // 2 KiB keys: 3 per page, so internal pages split early and often
            int[] order = random.ints(0, 1_000_000).distinct().limit(n).toArray();
            long lsn = 0;
            for (int k : order) {
                put(e, bigKey(k), key(k), ++lsn);
            }
            e.checkInvariants();
            assertThat(e.stats().get("tree_height")).isGreaterThanOrEqualTo(4);
            e.checkpoint();
            for (int k : order) {
                delete(e, bigKey(k), ++lsn);
            }
            e.checkInvariants();
            EngineStats s = e.stats();
            assertThat(s.get("tree_height")).isEqualTo(1);
            assertThat(s.get("entries")).isZero();
            e.checkpoint();
            e.checkpoint(); // nothing changed: no new checkpoint
            s = e.stats();
            assertThat(s.get("checkpoints")).isEqualTo(2);
            // Everything but the root leaf and the free-list chain is free again.
            assertThat(s.get("free_pages") + s.get("pending_free_pages") + 3)
                    .isEqualTo(s.get("page_count"));
        }
    }

    @Test
    void sequentialInsertsFillLeavesWell() throws IOException {
        try (BTreeEngine e = BTreeEngine.open(fileSystem(3), FILE, BTreeOptions.defaults())) {
            WriteBatch b = new WriteBatch();
            for (int i = 0; i < 20_000; i++) {
                b.put(key(i), new byte[100]);
            }
            e.apply(b, 1);
            e.checkInvariants();
            // 20,000 cells of 118 bytes: ~290 pages at 100% fill; appends keep leaves >= 75%.
            assertThat(e.stats().get("page_count")).isLessThan(400);
        }
    }

    @Test
    void sortedBatchesWithDeletesAndCheckpointsAgreeWithAModel() throws IOException {
        java.util.TreeMap<String, byte[]> model = new java.util.TreeMap<>();
        SplittableRandom random = new SplittableRandom(11);
        BTreeOptions options = BTreeOptions.defaults().withBufferPoolFrames(64);
        try (BTreeEngine e = BTreeEngine.open(fileSystem(11), FILE, options)) {
            long lsn = 0;
            int next = 0;
            for (int batch = 0; batch < 300; batch++) {
                java.util.TreeMap<String, byte[]> writes = new java.util.TreeMap<>();
                for (int i = 0; i < 40; i++) {   // a sequential run, as a load's rows
                    writes.put(new String(key(next++)), new byte[20 + random.nextInt(300)]);
                }
                for (int i = 0; i < 20; i++) {   // scattered keys, old and new
                    writes.put(new String(key(random.nextInt(next + 1))),
                            new byte[random.nextInt(2000)]);
                }
                WriteBatch b = new WriteBatch();
                for (var w : writes.entrySet()) {
                    if (random.nextInt(10) == 0) {
                        b.delete(w.getKey().getBytes());
                        model.remove(w.getKey());
                    } else {
                        b.put(w.getKey().getBytes(), w.getValue());
                        model.put(w.getKey(), w.getValue());
                    }
                }
                e.apply(b, ++lsn);
                if (batch % 50 == 49) {
                    e.checkpoint();
                }
            }
            e.checkInvariants();
            assertThat(e.stats().get("entries")).isEqualTo(model.size());
            assertThat(e.stats().get("in_place_changes")).as("puts and deletes inside a leaf")
                    .isGreaterThan(1000);
            try (var c = e.cursor(null, null, true)) {
                for (var m : model.entrySet()) {
                    assertThat(c.next()).isTrue();
                    assertThat(new String(c.key())).isEqualTo(m.getKey());
                    assertThat(c.value()).isEqualTo(m.getValue());
                }
                assertThat(c.next()).isFalse();
            }
        }
    }

    @Test
    void tinyBufferPoolEvictsUnderABigWorkload() throws IOException {
        FaultyFileSystem fs = fileSystem(4);
        BTreeOptions options = BTreeOptions.defaults().withBufferPoolFrames(16);
        int n = 20_000;
        int[] order = new SplittableRandom(4).ints(0, n).distinct().limit(n).toArray();
        try (BTreeEngine e = BTreeEngine.open(fs, FILE, options)) {
            long lsn = 0;
            for (int k : order) {
                put(e, key(k), Arrays.copyOf(key(k), 200), ++lsn);
                if (lsn % 5000 == 0) {
                    e.checkpoint();
                }
            }
            for (int k = 0; k < n; k += 7) {
                assertThat(e.get(key(k))).isEqualTo(Arrays.copyOf(key(k), 200));
            }
            EngineStats s = e.stats();
            assertThat(s.get("evictions")).isPositive();
            assertThat(s.get("dirty_writes")).isPositive();
            assertThat(s.get("frames")).isEqualTo(16);
            assertThat(s.get("frames_pinned")).isZero();
            e.checkInvariants();
            e.checkpoint();
        }
        try (BTreeEngine e = BTreeEngine.open(fs, FILE, options)) {
            assertThat(e.stats().get("entries")).isEqualTo(n);
            assertThat(e.get(key(n - 1))).isEqualTo(Arrays.copyOf(key(n - 1), 200));
            assertThat(BTreeChecker.check(fs, FILE).problems()).isEmpty();
        }
    }

    @Test
    void flippedBitsInAPageAreACorruptionNamingThePage() throws IOException {
        FaultyFileSystem fs = fileSystem(5);
        long root;
        try (BTreeEngine e = BTreeEngine.open(fs, FILE, BTreeOptions.defaults())) {
            for (int i = 0; i < 2000; i++) {
                put(e, key(i), new byte[50], i + 1);
            }
            e.checkpoint();
            root = e.rootPageId();
        }
        fs.flipBits(FILE, root * PAGE + 3000, 3);
        try (BTreeEngine e = BTreeEngine.open(fs, FILE, BTreeOptions.defaults())) {
            assertThatThrownBy(() -> e.get(key(1))).isInstanceOf(CorruptionException.class)
                    .hasMessageContaining("page " + root + ": checksum mismatch")
                    .hasMessageContaining(FILE.toString());
            assertThatThrownBy(e::checkInvariants).isInstanceOf(CorruptionException.class);
        }
        BTreeChecker.Report report = BTreeChecker.check(fs, FILE);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.contains("page " + root));
        StringWriter out = new StringWriter();
        PageInspector.dump(fs, FILE, new PrintWriter(out));
        assertThat(out.toString()).contains("CORRUPT: page " + root + ": checksum mismatch");
    }

    @Test
    void tornNewestMetaFallsBackToThePreviousCheckpoint() throws IOException {
        FaultyFileSystem fs = fileSystem(6);
        try (BTreeEngine e = BTreeEngine.open(fs, FILE, BTreeOptions.defaults())) {
            put(e, key(1), new byte[10], 1);
            e.checkpoint();
            put(e, key(2), new byte[10], 2);
            e.checkpoint();
        }
        long newest = BTreeChecker.check(fs, FILE).checkpointSequence();
        fs.flipBits(FILE, (newest % 2) * PAGE + 60, 1);
        try (BTreeEngine e = BTreeEngine.open(fs, FILE, BTreeOptions.defaults())) {
            assertThat(e.checkpointLsn()).isEqualTo(1);
            assertThat(e.get(key(1))).isNotNull();
            assertThat(e.get(key(2))).isNull();
            e.checkInvariants();
        }
    }

    @Test
    void aForeignFileIsAClearError() throws IOException {
        FaultyFileSystem fs = fileSystem(7);
        try (FileHandle h = fs.open(FILE, true)) {
            h.write(ByteBuffer.wrap("this is not a b-tree\n".repeat(2000).getBytes()), 0);
            h.sync();
        }
        assertThatThrownBy(() -> BTreeEngine.open(fs, FILE, BTreeOptions.defaults()))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not a Cutaway B+tree file");
        assertThatThrownBy(() -> PageInspector.dump(fs, FILE, new PrintWriter(new StringWriter())))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not a Cutaway B+tree file");
    }

    @Test
    void inspectorPrintsMetasPagesLevelsAndFreePages() throws IOException {
        FaultyFileSystem fs = fileSystem(8);
        try (BTreeEngine e = BTreeEngine.open(fs, FILE, BTreeOptions.defaults())) {
            for (int i = 0; i < 3000; i++) {
                put(e, key(i), new byte[80], i + 1);
            }
            e.checkpoint();
            for (int i = 0; i < 3000; i += 2) {
                delete(e, key(i), 10_000 + i);
            }
            e.checkpoint();
            e.checkpoint();
        }
        StringWriter out = new StringWriter();
        PageInspector.dump(fs, FILE, new PrintWriter(out));
        String text = out.toString();
        assertThat(text).contains("meta 0: valid", "meta 1: valid", "(current)", "leaf",
                "internal", "level 0:", "level 1:", "free pages (");
        assertThat(text).doesNotContain("CORRUPT");
        BTreeChecker.Report report = BTreeChecker.check(fs, FILE);
        assertThat(report.problems()).isEmpty();
        assertThat(report.entries()).isEqualTo(1500);
    }

    @Test
    void statsNameEveryCounter() throws IOException {
        try (BTreeEngine e = BTreeEngine.open(fileSystem(9), FILE, BTreeOptions.defaults())) {
            put(e, key(1), new byte[20_000], 1);
            e.checkpoint();
            EngineStats s = e.stats();
            assertThat(s.counters().keySet()).contains("hits", "misses", "evictions",
                    "dirty_writes", "pages_read", "pages_written", "frames", "frames_pinned",
                    "frames_dirty", "tree_height", "page_count", "free_pages",
                    "pending_free_pages", "entries", "splits", "merges", "checkpoints",
                    "checkpoint_pages_written", "overflow_pages", "applied_lsn",
                    "checkpoint_lsn");
            assertThat(s.get("overflow_pages")).isEqualTo(3);
            assertThat(s.get("checkpoint_lsn")).isEqualTo(1);
        }
    }

    @Test
    void appliesOutOfLsnOrderAreRejected() throws IOException {
        try (BTreeEngine e = BTreeEngine.open(fileSystem(10), FILE, BTreeOptions.defaults())) {
            put(e, key(1), new byte[1], 5);
            assertThatThrownBy(() -> put(e, key(2), new byte[1], 5))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(e.get(key(2))).isNull();
        }
    }

    /**
     * Point reads of a cached three-level tree descend the inner pages optimistically: no
     * retries, one hit per level; with a pool of 16 frames (leaves evicted all the time) the
     * answers are the same. A tree whose root is a leaf is read by latch coupling alone.
     */
    @Test
    void pointReadsDescendOptimisticallyAndFallBackWhenAPageIsMissing() throws IOException {
        for (int frames : new int[] {4096, 16}) {
            try (BTreeEngine e = BTreeEngine.open(fileSystem(frames), FILE,
                    BTreeOptions.defaults().withBufferPoolFrames(frames))) {
                WriteBatch b = new WriteBatch();
                for (int i = 0; i < 40_000; i += 2) {
                    b.put(key(i), new byte[200]);
                }
                e.apply(b, 1);
                e.checkpoint();
                long height = e.stats().get("tree_height");
                assertThat(height).isGreaterThanOrEqualTo(3);
                long hits = e.stats().get("hits");
                for (int i = 0; i < 40_000; i += 2) {
                    assertThat(e.get(key(i))).hasSize(200);
                }
                long getHits = e.stats().get("hits") - hits;
                for (int i = 0; i + 2 < 40_000; i += 2) {
                    assertThat(e.ceiling(key(i + 1), null).key()).as("ceiling of %d", i + 1)
                            .isEqualTo(key(i + 2));
                }
                if (frames > 100) {
                    assertThat(e.stats().get("optimistic_retries")).isZero();
                    assertThat(getHits).isEqualTo(20_000 * height);
                }
            }
        }
        try (BTreeEngine e = BTreeEngine.open(fileSystem(5), FILE, BTreeOptions.defaults())) {
            put(e, key(1), new byte[3], 1);
            for (int i = 0; i < 10; i++) {
                assertThat(e.get(key(1))).hasSize(3);
            }
            assertThat(e.stats().get("optimistic_retries")).isEqualTo(10);
        }
    }
}
