package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.log.WriteBatch;
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
 * An opt-in throughput probe of the engine alone (no log), db_bench style: fillrandom then
 * readrandom, 16-byte keys, 100-byte values. Run with {@code -Dcutaway.lsm.perf=true}
 * ({@code -Dcutaway.lsm.perf.num=N}); the real comparison with RocksDB is {@code bench kv}.
 */
@EnabledIfSystemProperty(named = "cutaway.lsm.perf", matches = "true")
class LsmPerfProbe {

    @Test
    void fillRandomThenReadRandom() throws Exception {
        int num = Integer.getInteger("cutaway.lsm.perf.num", 1_000_000);
        Path dir = Files.createTempDirectory("lsm-perf");
        ScheduledExecutorService background = Executors.newScheduledThreadPool(1);
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
        try (LsmEngine engine = LsmEngine.open(new RealFileSystem(), dir, LsmOptions.defaults(),
                background)) {
            long start = System.nanoTime();
            for (int i = 0; i < num; i++) {
                engine.apply(new WriteBatch().put(key(order[i]), value), i + 1);
            }
            engine.checkpoint();
            long fillNanos = System.nanoTime() - start;
            System.out.printf("fillrandom %d ops/s%n", num * 1_000_000_000L / fillNanos);
            start = System.nanoTime();
            for (int i = 0; i < num; i++) {
                assertThat(engine.get(key(random.nextInt(num)))).isNotNull();
            }
            long readNanos = System.nanoTime() - start;
            System.out.printf("readrandom %d ops/s%n", num * 1_000_000_000L / readNanos);
            System.out.println(engine.stats());
        } finally {
            background.shutdownNow();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static byte[] key(int i) {
        return String.format("%016d", i).getBytes();
    }
}
