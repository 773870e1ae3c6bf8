package dev.cutaway.kv.btree;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A quick, opt-in throughput check ({@code -Dcutaway.bench=true}): 1M entries of 16-byte keys
 * and 100-byte values, on the real file system. The real comparison with MVStore and RocksDB
 * lives in cutaway-bench; this is for tuning hot paths.
 */
class BTreeMicroBench {
    private static final int N = Integer.getInteger("cutaway.bench.entries", 1_000_000);

    @Test
    void throughput() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("cutaway.bench"), "opt-in benchmark");
        Path dir = Files.createTempDirectory("btree-bench");
        byte[][] keys = new byte[N][];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < N; i++) {
            keys[i] = new byte[16];
            random.nextBytes(keys[i]);
        }
        byte[] value = new byte[100];
        for (int round = 0; round < 2; round++) {
            Path file = dir.resolve("random" + round + ".db");
            try (BTreeEngine e = BTreeEngine.open(new RealFileSystem(), file,
                    BTreeOptions.defaults())) {
                long t0 = System.nanoTime();
                for (int i = 0; i < N; i++) {
                    e.apply(new WriteBatch().put(keys[i], value), i + 1);
                }
                report("fillrandom", t0);
                t0 = System.nanoTime();
                for (int i = 0; i < N; i++) {
                    e.apply(new WriteBatch().put(keys[i], value), N + i + 1);
                }
                report("overwrite", t0);
                t0 = System.nanoTime();
                long found = 0;
                SplittableRandom r = new SplittableRandom(2);
                for (int i = 0; i < N; i++) {
                    found += e.get(keys[r.nextInt(N)]) != null ? 1 : 0;
                }
                report("readrandom", t0);
                t0 = System.nanoTime();
                long seen = 0;
                try (KvCursor c = e.cursor(null, null, true)) {
                    while (c.next()) {
                        seen++;
                    }
                }
                report("readseq", t0);
                t0 = System.nanoTime();
                e.checkpoint();
                report("checkpoint", t0);
                System.out.println("found " + found + " seen " + seen + " " + e.stats());
            }
            Path seq = dir.resolve("seq" + round + ".db");
            try (BTreeEngine e = BTreeEngine.open(new RealFileSystem(), seq,
                    BTreeOptions.defaults())) {
                long t0 = System.nanoTime();
                for (int i = 0; i < N; i++) {
                    byte[] k = new byte[16];
                    k[12] = (byte) (i >>> 24);
                    k[13] = (byte) (i >>> 16);
                    k[14] = (byte) (i >>> 8);
                    k[15] = (byte) i;
                    e.apply(new WriteBatch().put(k, value), i + 1);
                }
                report("fillseq", t0);
                System.out.println("pages " + e.stats().get("page_count"));
            }
        }
    }

    private static void report(String name, long t0) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-12s %8.0f ops/s (%.2f s)%n", name, N / seconds, seconds);
    }
}
