package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of the inspect output: a deterministic workload, then {@code dumpLsm} and
 * {@code dumpSstable}, compared with {@code src/test/resources/testdata/lsm/}. Run with
 * {@code -Dcutaway.rewrite=true} to regenerate the files after an intended change, and review
 * the diff.
 */
class LsmInspectorTest {
    private static final Path DIR = Path.of("/db/lsm");
    private static final Path GOLDEN = Path.of("src/test/resources/testdata/lsm");

    private static FaultyFileSystem deterministicEngine() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(3);
        fs.createDirectories(DIR);
        LsmModel m = new LsmModel(300);
        SplittableRandom random = new SplittableRandom(3);
        try (LsmEngine engine = LsmModel.open(fs, DIR, LsmOptions.tiny())) {
            for (int i = 0; i < 700; i++) {
                m.apply(engine, m.randomBatch(random));
            }
            engine.checkpoint();
        }
        return fs;
    }

    private static String dump(Dumper d) throws IOException {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            d.dump(out);
        }
        return s.toString();
    }

    private interface Dumper {
        void dump(PrintWriter out) throws IOException;
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("cutaway.rewrite") || !Files.exists(file)) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void lsmDumpShowsLevelsFilesAndScores() throws IOException {
        FileSystem fs = deterministicEngine();
        String out = dump(o -> LsmInspector.dumpLsm(fs, DIR, LsmOptions.tiny(), o));
        assertThat(out).contains("checkpoint LSN 700").contains("L0:").contains("L1:")
                .contains("pending compaction");
        assertGolden("inspect-lsm.txt", out);
    }

    @Test
    void sstableDumpShowsBlocksBloomAndKeyRange() throws IOException {
        FileSystem fs = deterministicEngine();
        Path first = fs.list(DIR).stream().filter(p -> p.toString().endsWith(".sst"))
                .findFirst().orElseThrow();
        String out = dump(o -> LsmInspector.dumpSstable(fs, first, o));
        assertThat(out).contains("bloom filter: whole keys, offset").contains("data blocks:")
                .contains("key range [k");
        assertGolden("inspect-sstable.txt", out);
    }
}
