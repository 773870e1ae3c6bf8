package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.log.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Compaction properties: nothing lost, nothing resurrected, tombstones dropped only safely. */
class LsmCompactionTest {
    private static final Path DIR = Path.of("/db/lsm");

    /** One mutation: key index, delete or put, value length. */
    record Op(int key, boolean delete, int valueBytes) {}

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(0, 3).map(x -> x == 0),
                Arbitraries.integers().between(0, 200)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(600);
    }

    @Property(tries = 40)
    void compactionsNeitherLoseNorResurrectKeys(@ForAll("operations") List<Op> ops,
            @ForAll boolean tiered, @ForAll boolean lz4) throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(ops.size());
        fs.createDirectories(DIR);
        LsmOptions options = LsmOptions.tiny().withMemtableBytesMax(1024)
                .withStyle(tiered ? LsmOptions.CompactionStyle.TIERED
                        : LsmOptions.CompactionStyle.LEVELED)
                .withCompression(lz4 ? LsmOptions.Compression.LZ4 : LsmOptions.Compression.NONE);
        LsmModel m = new LsmModel(61);
        try (LsmEngine engine = LsmModel.open(fs, DIR, options)) {
            for (int i = 0; i < ops.size(); i += 3) {
                WriteBatch b = new WriteBatch();
                for (Op op : ops.subList(i, Math.min(ops.size(), i + 3))) {
                    if (op.delete()) {
                        b.delete(LsmModel.key(op.key()));
                    } else {
                        b.put(LsmModel.key(op.key()), new byte[op.valueBytes()]);
                    }
                }
                m.apply(engine, b);
            }
            m.assertMatches(engine, m.model, "before checkpoint");
            engine.checkpoint();
            engine.checkInvariants();
        }
        try (LsmEngine engine = LsmModel.open(fs, DIR, options)) {
            m.assertMatches(engine, m.model, "after reopen");
        }
    }

    @Test
    void aTombstoneAboveAnOlderVersionSurvivesUntilItReachesTheBottom() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(5);
        fs.createDirectories(DIR);
        LsmOptions options = LsmOptions.tiny();
        byte[] victim = LsmModel.key(7);
        long lsn = 0;
        try (LsmEngine engine = LsmModel.open(fs, DIR, options)) {
            engine.apply(new WriteBatch().put(victim, "old".getBytes()), ++lsn);
            for (int round = 0; round < 40; round++) {  // push the old version down
                for (int i = 0; i < 40; i++) {
                    engine.apply(new WriteBatch().put(LsmModel.key(100 + i), new byte[80]),
                            ++lsn);
                }
                engine.checkpoint();
            }
            engine.apply(new WriteBatch().delete(victim), ++lsn);
            engine.checkpoint();
            for (int round = 0; round < 60; round++) {
                for (int i = 0; i < 40; i++) {
                    engine.apply(new WriteBatch().put(LsmModel.key(200 + i), new byte[80]),
                            ++lsn);
                }
                engine.checkpoint();
                assertThat(engine.get(victim)).as("round %d", round).isNull();
                engine.checkInvariants();
            }
            assertThat(engine.stats().get("tombstones_dropped")).isPositive();
            assertThat(engine.stats().get("versions_dropped")).isPositive();
        }
    }

    @Test
    void anOpenCursorKeepsItsFilesUntilItCloses() throws Exception {
        FaultyFileSystem fs = new FaultyFileSystem(9);
        fs.createDirectories(DIR);
        LsmModel m = new LsmModel(300);
        SplittableRandom random = new SplittableRandom(9);
        try (LsmEngine engine = LsmModel.open(fs, DIR, LsmOptions.tiny())) {
            for (int i = 0; i < 300; i++) {
                m.apply(engine, m.randomBatch(random));
            }
            engine.checkpoint();
            TreeMap<byte[], byte[]> then = new TreeMap<>(
                    Arrays::compareUnsigned);
            then.putAll(m.model);
            List<Path> pinned = fs.list(DIR).stream()
                    .filter(p -> p.toString().endsWith(".sst")).toList();
            List<String> seen = new ArrayList<>();
            try (KvCursor c = engine.cursor(null, null, true)) {
                for (int i = 0; i < 1500; i++) { // compactions replace every pinned file
                    m.apply(engine, m.randomBatch(random));
                }
                engine.checkpoint();
                assertThat(pinned).allMatch(fs::exists);
                while (c.next()) {
                    seen.add(new String(c.key()) + "=" + Arrays.hashCode(c.value()));
                }
            }
            assertThat(seen).isEqualTo(LsmModel.expected(then, null, null, true));
            assertThat(pinned).as("obsolete once the cursor closed").anyMatch(p -> !fs.exists(p));
            engine.checkInvariants();
        }
    }
}
