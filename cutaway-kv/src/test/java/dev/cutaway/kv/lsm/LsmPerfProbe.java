package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.btree.BTreeEngine;
import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * An opt-in throughput probe of the engines alone (no log), db_bench style, LSM and B+tree side
 * by side in one run: fillrandom then readrandom, 16-byte keys, 100-byte values. Run with
 * {@code -Dcutaway.lsm.perf=true} ({@code -Dcutaway.lsm.perf.num=N}, {@code ...cacheMb=M}: the
 * same memory budget for the block cache and the buffer pool; {@code ...memtableMb=M}); the
 * comparison with RocksDB through the node and its log is {@code bench kv}.
 */
@EnabledIfSystemProperty(named = "cutaway.lsm.perf", matches = "true")
class LsmPerfProbe {

    @Test
    void fillRandomThenReadRandom() throws Exception {
        int num = Integer.getInteger("cutaway.lsm.perf.num", 1_000_000);
        int cacheMb = Integer.getInteger("cutaway.lsm.perf.cacheMb", 64);
        long memtableBytes = Long.getLong("cutaway.lsm.perf.memtableMb",
                LsmOptions.defaults().memtableBytesMax() >> 20) << 20;
        Path dir = Files.createTempDirectory("lsm-perf");
        ScheduledExecutorService background = Executors.newScheduledThreadPool(1);
        try {
            long[] lsm;
            try (LsmEngine engine = LsmEngine.open(new RealFileSystem(), dir.resolve("lsm"),
                    LsmOptions.defaults().withBlockCacheBytes(cacheMb << 20)
                            .withMemtableBytesMax(memtableBytes), background)) {
                lsm = run(engine, num);
                System.out.println(engine.stats());
            }
            long[] btree;
            try (KvEngine engine = BTreeEngine.open(new RealFileSystem(),
                    dir.resolve("btree.db"), BTreeOptions.defaults()
                            .withBufferPoolFrames(cacheMb * (1 << 20) / 8192))) {
                btree = run(engine, num);
            }
            System.out.printf("fillrandom lsm %d ops/s, btree %d ops/s, ratio %.2f%n", lsm[0],
                    btree[0], (double) lsm[0] / btree[0]);
            System.out.printf("readrandom lsm %d ops/s, btree %d ops/s, ratio %.2f%n", lsm[1],
                    btree[1], (double) lsm[1] / btree[1]);
        } finally {
            background.shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** @return {fill ops/s, read ops/s} */
    private static long[] run(KvEngine engine, int num) throws IOException {
        int[] order = new int[num];
        for (int i = 0; i < num; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(1);
        for (int i = num - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        byte[] value = new byte[100];
        random.nextBytes(value);
        long start = System.nanoTime();
        for (int i = 0; i < num; i++) {
            engine.apply(new WriteBatch().put(key(order[i]), value), i + 1);
        }
        engine.checkpoint();
        long fill = num * 1_000_000_000L / (System.nanoTime() - start);
        start = System.nanoTime();
        for (int i = 0; i < num; i++) {
            assertThat(engine.get(key(random.nextInt(num)))).isNotNull();
        }
        long read = num * 1_000_000_000L / (System.nanoTime() - start);
        return new long[] {fill, read};
    }

    private static byte[] key(int i) {
        return String.format("%016d", i).getBytes();
    }
}
