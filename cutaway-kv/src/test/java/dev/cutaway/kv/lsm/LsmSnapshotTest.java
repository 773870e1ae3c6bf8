package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.kv.KvCursor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Snapshots read the engine exactly as it was at their LSN while flushes and compactions
 * (which must keep the versions they need) run underneath. Seeded; -Dcutaway.seed=N replays.
 */
class LsmSnapshotTest {
    private static final Path DIR = Path.of("/db/lsm");

    private record Taken(LsmSnapshot snapshot, TreeMap<byte[], byte[]> model) {}

    @ParameterizedTest
    @EnumSource(LsmOptions.CompactionStyle.class)
    void snapshotsSurviveFlushesAndCompactions(LsmOptions.CompactionStyle style)
            throws Exception {
        long seed = LsmModel.seed(77 + style.ordinal());
        try {
            run(seed, style);
        } catch (AssertionError | Exception e) {
            throw new AssertionError("failed with -Dcutaway.seed=" + seed + ": " + e, e);
        }
    }

    private void run(long seed, LsmOptions.CompactionStyle style) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(DIR);
        LsmModel m = new LsmModel(150);
        List<Taken> open = new ArrayList<>();
        try (LsmEngine engine = LsmModel.open(fs, DIR, LsmOptions.tiny().withStyle(style))) {
            for (int step = 0; step < 3000; step++) {
                m.apply(engine, m.randomBatch(random));
                int op = random.nextInt(100);
                if (op < 3) {
                    TreeMap<byte[], byte[]> copy = new TreeMap<>(Arrays::compareUnsigned);
                    copy.putAll(m.model);
                    open.add(new Taken(engine.snapshot(), copy));
                } else if (op < 5 && !open.isEmpty()) {
                    Taken t = open.remove(random.nextInt(open.size()));
                    check(engine, t);
                    t.snapshot().close();
                } else if (op < 7) {
                    engine.checkpoint();
                }
            }
            assertThat(engine.stats().get("compactions")).isPositive();
            for (Taken t : open) {
                check(engine, t);
                t.snapshot().close();
            }
            engine.checkInvariants();
            LsmSnapshot closed = open.isEmpty() ? engine.snapshot() : open.getFirst().snapshot();
            closed.close();
            assertThatThrownBy(() -> engine.get(LsmModel.key(1), closed))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void check(LsmEngine engine, Taken t) throws Exception {
        for (int i = 0; i < 150; i++) {
            byte[] k = LsmModel.key(i);
            assertThat(engine.get(k, t.snapshot())).as("get %d at %s", i, t.snapshot())
                    .isEqualTo(t.model().get(k));
        }
        for (boolean asc : new boolean[] {true, false}) {
            List<String> seen = new ArrayList<>();
            try (KvCursor c = engine.cursor(null, null, asc, t.snapshot())) {
                while (c.next()) {
                    seen.add(new String(c.key()) + "=" + Arrays.hashCode(c.value()));
                }
            }
            assertThat(seen).as("scan at %s", t.snapshot())
                    .isEqualTo(LsmModel.expected(t.model(), null, null, asc));
        }
    }
}
