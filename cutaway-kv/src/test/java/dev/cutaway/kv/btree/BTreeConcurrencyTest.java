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
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Readers alongside the writer: the writer churns odd keys (inserts, deletes, values of very
 * different sizes, so leaves split and merge and pages are copied on write), rewrites even keys
 * and checkpoints; readers look up and scan in both directions. Even keys stay present
 * throughout, so every read must see each of them, in order, exactly once. Point reads and
 * ceilings descend optimistically (ADR 0035) and must never answer from a page that changed.
 */
class BTreeConcurrencyTest {
    private static final int KEYS = 4000;

    private static byte[] key(int i) {
        return String.format("key%06d", i).getBytes();
    }

    @Test
    void readersSeeEveryKeyThatStaysWhileTheWriterChurns() throws Exception {
        long seed = Long.getLong("cutaway.seed", 42L);
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(Path.of("/db"));
        BTreeOptions options = BTreeOptions.defaults().withBufferPoolFrames(48);
        try (BTreeEngine engine = BTreeEngine.open(fs, Path.of("/db/btree.db"), options)) {
            WriteBatch initial = new WriteBatch();
            for (int k = 0; k < KEYS; k += 2) {
                initial.put(key(k), new byte[40]);
            }
            engine.apply(initial, 1);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong reads = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> readers = new ArrayList<>();
                for (int r = 0; r < 3; r++) {
                    long readerSeed = seed + r;
                    readers.add(pool.submit(() -> read(engine, stop, reads, readerSeed)));
                }
                Future<?> writer = pool.submit(() -> write(engine, seed));
                writer.get(60, TimeUnit.SECONDS);
                stop.set(true);
                for (Future<?> r : readers) {
                    r.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(reads.get()).isPositive();
            assertThat(engine.stats().get("evictions")).as("small pool evicts").isPositive();
            engine.checkInvariants();
        }
    }

    private static Void write(BTreeEngine engine, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        long lsn = 1;
        for (int step = 0; step < 10_000; step++) {
            WriteBatch b = new WriteBatch();
            for (int i = 0; i < 5; i++) {
                int k = random.nextInt(KEYS);
                if (k % 2 == 0) {
                    b.put(key(k), new byte[random.nextInt(300)]);
                } else if (random.nextBoolean()) {
                    b.delete(key(k));
                } else {
                    b.put(key(k), new byte[random.nextInt(10) == 0 ? 3000 : 20]);
                }
            }
            engine.apply(b, ++lsn);
            if (step % 1000 == 999) {
                engine.checkpoint();
            }
        }
        return null;
    }

    private static Void read(BTreeEngine engine, AtomicBoolean stop, AtomicLong reads,
            long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        while (!stop.get()) {
            int k = 2 * random.nextInt(KEYS / 2);
            assertThat(engine.get(key(k))).as("stable key %d", k).isNotNull();
            if (k > 0 && random.nextInt(4) == 0) {
                // from the odd key below (present or not), the ceiling is it or the even key
                assertThat(engine.ceiling(key(k - 1), null)).as("ceiling of %d", k - 1)
                        .extracting(e -> new String(e.key()))
                        .isIn(new String(key(k - 1)), new String(key(k)));
            }
            if (random.nextInt(50) == 0) {
                boolean ascending = random.nextBoolean();
                checkScan(engine, ascending);
            }
            reads.incrementAndGet();
        }
        return null;
    }

    private static void checkScan(BTreeEngine engine, boolean ascending) throws IOException {
        int expectedEven = ascending ? 0 : KEYS - 2;
        byte[] previous = null;
        try (KvCursor c = engine.cursor(null, null, ascending)) {
            while (c.next()) {
                byte[] k = c.key();
                if (previous != null) {
                    int order = Arrays.compareUnsigned(previous, k);
                    assertThat(ascending ? order < 0 : order > 0).as("order").isTrue();
                }
                previous = k;
                int n = Integer.parseInt(new String(k).substring(3));
                if (n % 2 == 0) {
                    assertThat(n).as("stable keys in sequence").isEqualTo(expectedEven);
                    expectedEven += ascending ? 2 : -2;
                }
            }
        }
        assertThat(expectedEven).isEqualTo(ascending ? KEYS : -2);
    }
}
