package dev.cutaway.bench.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.RatioLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole tiny run with an in-memory model engine posing as a Cutaway engine beside MVStore:
 * standard output holds only result lines, one per engine and workload in interleaved order,
 * each workload followed by its ratio lines, and the databases are gone afterwards.
 */
class KvRunTest {

    /** An ordered map in memory; named like a Cutaway engine so that ratios are printed. */
    static final class ModelEngine implements BenchEngine {
        private final TreeMap<byte[], byte[]> map = new TreeMap<>(Arrays::compareUnsigned);

        @Override
        public String name() {
            return "cutaway-model";
        }

        @Override
        public void open(Path dir, boolean sync) throws IOException {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) { // a fresh directory: an empty database
                    map.clear();
                }
            }
        }

        @Override
        public void put(byte[] key, byte[] value) {
            map.put(key, value);
        }

        @Override
        public byte[] get(byte[] key) {
            return map.get(key.clone());
        }

        @Override
        public ScanCursor scanAll() {
            Iterator<Map.Entry<byte[], byte[]>> it = map.entrySet().iterator();
            return new ScanCursor() {
                private Map.Entry<byte[], byte[]> current;

                @Override
                public boolean next() {
                    current = it.hasNext() ? it.next() : null;
                    return current != null;
                }

                @Override
                public byte[] key() {
                    return current.getKey();
                }

                @Override
                public byte[] value() {
                    return current.getValue();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {}
    }

    @Test
    void printsOneLinePerEngineAndWorkloadThenRatios(@TempDir Path root) throws Exception {
        KvSettings settings = new KvSettings(2000, 20, 16, 100, 1, 8, 100);
        List<EngineSlot> slots = List.of(
                new EngineSlot(new ModelEngine(), root.resolve("model")),
                new EngineSlot(new MvStoreBenchEngine(8), root.resolve("mvstore")));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8);

        new KvRun(settings, slots, root, out, log).run(
                KvWorkload.parseList("fillseq_sync,overwrite_nosync,readseq"));

        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(9);
        String[] expected = {"fillseq_sync", "overwrite_nosync", "readseq"};
        for (int w = 0; w < expected.length; w++) {
            BenchLine ours = BenchLine.parse(lines.get(3 * w));
            BenchLine peer = BenchLine.parse(lines.get(3 * w + 1));
            RatioLine ratio = RatioLine.parse(lines.get(3 * w + 2));
            assertThat(List.of(ours.workload(), peer.workload(), ratio.workload()))
                    .containsOnly(expected[w]);
            assertThat(ours.engine()).isEqualTo("cutaway-model");
            assertThat(peer.engine()).isEqualTo("mvstore");
            assertThat(ratio.left() + "/" + ratio.right()).isEqualTo("cutaway-model/mvstore");
        }
        assertThat(BenchLine.parse(lines.get(0)).extras())
                .containsEntry("n", "20").containsEntry("sync", "on");
        // overwrite needed all 2000 keys: loaded untimed after the 20-key sync fill.
        assertThat(BenchLine.parse(lines.get(6)).extras())
                .containsEntry("n", "2000").containsEntry("sync", "off");
        try (var left = Files.list(root)) {
            assertThat(left).isEmpty();
        }
    }
}
