package dev.cutaway.kv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FileSystem;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every {@link KvEngine} passes (B+tree now, LSM later): subclass it and
 * implement {@link #open}. The central test is a model-based property against a TreeMap with
 * checkpoints, reopens and simulated power losses on a {@link FaultyFileSystem}.
 */
public abstract class KvEngineContract {
    /** Opens (creating if needed) the engine that lives in {@code dir} on {@code fs}. */
    protected abstract KvEngine open(FileSystem fs, Path dir) throws IOException;

    protected static final Path DIR = Path.of("/db");
    protected static final java.util.Comparator<byte[]> ORDER = Arrays::compareUnsigned;

    protected static FaultyFileSystem newFileSystem(long seed) throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(DIR);
        fs.syncDirectory(Path.of("/"));
        return fs;
    }

    // ---- model-based property ----------------------------------------------------------------

    /** One step of the model-based test. */
    public sealed interface Op {
        record Put(int key, int valueSize, int valueSeed) implements Op {}
        record Delete(int key) implements Op {}
        record Batch(List<Op> ops) implements Op {}
        record Get(int key) implements Op {}
        record Scan(int low, int high, boolean ascending) implements Op {}
        record Checkpoint() implements Op {}
        record Reopen() implements Op {}
        record Crash(FaultyFileSystem.CrashMode mode) implements Op {}
    }

    /** Keys 0..keysMax: 2 bytes big-endian plus 0-2 bytes of 0xFF; key -1 is the empty key. */
    protected static byte[] key(int k) {
        if (k < 0) {
            return new byte[0];
        }
        byte[] b = new byte[2 + k % 3];
        Arrays.fill(b, (byte) 0xFF);
        b[0] = (byte) (k >>> 8);
        b[1] = (byte) k;
        return b;
    }

    protected static byte[] value(int size, int seed) {
        byte[] v = new byte[size];
        for (int i = 0; i < size; i++) {
            v[i] = (byte) (seed + i * 31);
        }
        return v;
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> keys = Arbitraries.integers().between(-1, 400);
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(0, 120)),
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(500, 3000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(5000, 70_000)));
        Arbitrary<Op> put = Combinators.combine(keys, sizes, Arbitraries.integers())
                .as(Op.Put::new);
        Arbitrary<Op> delete = keys.map(Op.Delete::new);
        Arbitrary<Op> batch = Arbitraries.oneOf(put, delete).list().ofMaxSize(30)
                .map(Op.Batch::new);
        Arbitrary<Op> get = keys.map(Op.Get::new);
        Arbitrary<Op> scan = Combinators.combine(keys, keys, Arbitraries.of(true, false))
                .as(Op.Scan::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, put), net.jqwik.api.Tuple.of(12, delete),
                net.jqwik.api.Tuple.of(8, batch), net.jqwik.api.Tuple.of(8, get),
                net.jqwik.api.Tuple.of(6, scan),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Op.Checkpoint())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Op.Reopen())),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(FaultyFileSystem.CrashMode.class)
                        .map(Op.Crash::new)));
        return op.list().ofMinSize(30).ofMaxSize(250);
    }

    @Property(tries = 80)
    void engineBehavesLikeTreeMap(@ForAll("operations") List<Op> ops, @ForAll long seed)
            throws IOException {
        FaultyFileSystem fs = newFileSystem(seed);
        KvEngine engine = open(fs, DIR);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(ORDER);
        NavigableMap<byte[], byte[]> durable = new TreeMap<>(ORDER);
        long lsn = 0;
        try {
            for (Op op : ops) {
                switch (op) {
                    case Op.Put p -> engine.apply(toBatch(List.of(p), model), ++lsn);
                    case Op.Delete d -> engine.apply(toBatch(List.of(d), model), ++lsn);
                    case Op.Batch b -> engine.apply(toBatch(b.ops(), model), ++lsn);
                    case Op.Get g -> assertThat(engine.get(key(g.key())))
                            .isEqualTo(model.get(key(g.key())));
                    case Op.Scan s -> assertScan(engine, model, s);
                    case Op.Checkpoint c -> {
                        assertThat(engine.checkpoint()).isEqualTo(engine.appliedLsn());
                        durable = new TreeMap<>(model);
                    }
                    case Op.Reopen r -> {
                        engine.checkpoint();
                        durable = new TreeMap<>(model);
                        engine.close();
                        engine = open(fs, DIR);
                    }
                    case Op.Crash c -> {
                        fs = fs.crash(c.mode());
                        engine = open(fs, DIR);
                        model = new TreeMap<>(durable);
                        assertThat(engine.appliedLsn()).isEqualTo(engine.checkpointLsn());
                    }
                }
                engine.checkInvariants();
            }
            assertContents(engine, model);
        } finally {
            engine.close();
        }
    }

    private static WriteBatch toBatch(List<Op> ops, Map<byte[], byte[]> model) {
        WriteBatch batch = new WriteBatch();
        for (Op op : ops) {
            switch (op) {
                case Op.Put p -> {
                    byte[] v = value(p.valueSize(), p.valueSeed());
                    batch.put(key(p.key()), v);
                    model.put(key(p.key()), v);
                }
                case Op.Delete d -> {
                    batch.delete(key(d.key()));
                    model.remove(key(d.key()));
                }
                default -> throw new IllegalArgumentException("not a mutation: " + op);
            }
        }
        return batch;
    }

    private static void assertScan(KvEngine engine, NavigableMap<byte[], byte[]> model,
            Op.Scan s) throws IOException {
        byte[] low = s.low() % 7 == 0 ? null : key(s.low());
        byte[] high = s.high() % 11 == 0 ? null : key(s.high());
        List<String> expected = expected(model, low, high, s.ascending());
        assertThat(scan(engine, low, high, s.ascending())).containsExactlyElementsOf(expected);
        // ceiling is the first entry of the ascending scan of the same range
        List<String> ascending = s.ascending() ? expected : expected(model, low, high, true);
        KvEngine.Entry first = engine.ceiling(low, high);
        assertThat(first == null ? null : Arrays.toString(first.key()) + "="
                + Arrays.hashCode(first.value()) + "/" + first.value().length)
                .isEqualTo(ascending.isEmpty() ? null : ascending.getFirst());
    }

    protected static List<String> scan(KvEngine engine, byte[] low, byte[] high,
            boolean ascending) throws IOException {
        List<String> out = new ArrayList<>();
        try (KvCursor c = engine.cursor(low, high, ascending)) {
            while (c.next()) {
                byte[] keyView = Arrays.copyOfRange(c.keyBuffer(), c.keyOffset(),
                        c.keyOffset() + c.keyLength());
                byte[] valueView = Arrays.copyOfRange(c.valueBuffer(), c.valueOffset(),
                        c.valueOffset() + c.valueLength());
                // the views show what key() and value() copy out, before and after they do
                assertThat(keyView).isEqualTo(c.key());
                assertThat(valueView).isEqualTo(c.value());
                assertThat(Arrays.copyOfRange(c.valueBuffer(), c.valueOffset(),
                        c.valueOffset() + c.valueLength())).isEqualTo(valueView);
                out.add(Arrays.toString(c.key()) + "=" + Arrays.hashCode(c.value()) + "/"
                        + c.value().length);
            }
        }
        return out;
    }

    protected static List<String> expected(NavigableMap<byte[], byte[]> model, byte[] low,
            byte[] high, boolean ascending) {
        List<String> out = new ArrayList<>();
        if (low != null && high != null && Arrays.compareUnsigned(low, high) >= 0) {
            return out;
        }
        NavigableMap<byte[], byte[]> range = model;
        if (low != null) {
            range = range.tailMap(low, true);
        }
        if (high != null) {
            range = range.headMap(high, false);
        }
        if (!ascending) {
            range = range.descendingMap();
        }
        range.forEach((k, v) -> out.add(Arrays.toString(k) + "=" + Arrays.hashCode(v) + "/"
                + v.length));
        return out;
    }

    protected static void assertContents(KvEngine engine, NavigableMap<byte[], byte[]> model)
            throws IOException {
        assertThat(scan(engine, null, null, true))
                .containsExactlyElementsOf(expected(model, null, null, true));
        assertThat(scan(engine, null, null, false))
                .containsExactlyElementsOf(expected(model, null, null, false));
        for (var e : model.entrySet()) {
            assertThat(engine.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    // ---- examples ----------------------------------------------------------------------------

    @Test
    void newEngineIsEmpty() throws IOException {
        try (KvEngine engine = open(newFileSystem(1), DIR)) {
            assertThat(engine.get(key(1))).isNull();
            assertThat(engine.get(new byte[0])).isNull();
            assertThat(scan(engine, null, null, true)).isEmpty();
            assertThat(scan(engine, null, null, false)).isEmpty();
            assertThat(engine.appliedLsn()).isZero();
            assertThat(engine.checkpointLsn()).isZero();
            engine.checkInvariants();
        }
    }

    @Test
    void emptyAndInvertedRangesYieldNothing() throws IOException {
        try (KvEngine engine = open(newFileSystem(2), DIR)) {
            WriteBatch b = new WriteBatch();
            for (int k = 0; k < 200; k += 2) {
                b.put(key(k), value(50, k));
            }
            engine.apply(b, 1);
            for (boolean asc : new boolean[] {true, false}) {
                assertThat(scan(engine, key(10), key(10), asc)).isEmpty();
                assertThat(scan(engine, key(20), key(10), asc)).isEmpty();
                assertThat(scan(engine, key(11), key(12), asc)).isEmpty(); // no key inside
                assertThat(scan(engine, key(500), null, asc)).isEmpty();
                assertThat(scan(engine, null, new byte[0], asc)).isEmpty();
                assertThat(scan(engine, key(10), key(11), asc)).hasSize(1);
            }
        }
    }

    @Test
    void largeValuesRoundTripThroughCheckpointAndReopen() throws IOException {
        FaultyFileSystem fs = newFileSystem(3);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(ORDER);
        int[] sizes = {0, 1, 2047, 2048, 4096, 8192, 65_536, 300_000, 1 << 20};
        try (KvEngine engine = open(fs, DIR)) {
            long lsn = 0;
            for (int i = 0; i < sizes.length; i++) {
                byte[] v = value(sizes[i], i);
                engine.apply(new WriteBatch().put(key(i), v), ++lsn);
                model.put(key(i), v);
            }
            assertContents(engine, model);
            engine.checkpoint();
            byte[] replacement = value(70_000, 99);
            engine.apply(new WriteBatch().put(key(8), replacement).delete(key(7)), ++lsn);
            model.put(key(8), replacement);
            model.remove(key(7));
            engine.checkInvariants();
            engine.checkpoint();
            assertContents(engine, model);
        }
        try (KvEngine engine = open(fs, DIR)) {
            assertContents(engine, model);
            engine.checkInvariants();
        }
    }

    @Test
    void maximumSizeKeysWork() throws IOException {
        FaultyFileSystem fs = newFileSystem(4);
        NavigableMap<byte[], byte[]> model = new TreeMap<>(ORDER);
        try (KvEngine engine = open(fs, DIR)) {
            for (int i = 0; i < 120; i++) {
                byte[] k = new byte[WriteBatch.KEY_BYTES_MAX];
                Arrays.fill(k, (byte) (i * 7));
                k[k.length - 1] = (byte) i;
                byte[] v = value(i % 3 == 0 ? 3000 : 10, i);
                engine.apply(new WriteBatch().put(k, v), i + 1);
                model.put(k, v);
            }
            engine.checkInvariants();
            assertContents(engine, model);
            engine.checkpoint();
            long lsn = 1000;
            for (byte[] k : new ArrayList<>(model.keySet())) {
                engine.apply(new WriteBatch().delete(k), ++lsn);
                model.remove(k);
                engine.checkInvariants();
            }
            assertContents(engine, model);
        }
    }

    @Test
    void deletingEverythingLeavesAnEmptyEngine() throws IOException {
        FaultyFileSystem fs = newFileSystem(5);
        try (KvEngine engine = open(fs, DIR)) {
            long lsn = 0;
            for (int round = 0; round < 2; round++) {
                for (int k = 0; k < 3000; k++) {
                    engine.apply(new WriteBatch().put(key(k), value(100, k)), ++lsn);
                }
                engine.checkpoint();
                for (int k = 0; k < 3000; k++) {
                    engine.apply(new WriteBatch().delete(key(k)), ++lsn);
                }
                engine.checkInvariants();
                assertThat(scan(engine, null, null, true)).isEmpty();
                engine.checkpoint();
            }
        }
    }

    @Test
    void lsnsFollowAppliesAndCheckpoints() throws IOException {
        FaultyFileSystem fs = newFileSystem(6);
        try (KvEngine engine = open(fs, DIR)) {
            engine.apply(new WriteBatch().put(key(1), value(1, 1)), 5);
            assertThat(engine.appliedLsn()).isEqualTo(5);
            assertThat(engine.checkpointLsn()).isZero();
            assertThat(engine.checkpoint()).isEqualTo(5);
            engine.apply(new WriteBatch().put(key(2), value(1, 1)), 9);
            assertThat(engine.checkpointLsn()).isEqualTo(5);
        }
        try (KvEngine engine = open(fs, DIR)) {
            assertThat(engine.checkpointLsn()).isEqualTo(5);
            assertThat(engine.appliedLsn()).isEqualTo(5);
            assertThat(engine.get(key(1))).isNotNull();
            assertThat(engine.get(key(2))).isNull(); // applied after the checkpoint: replay's job
        }
    }

    @Test
    void crashWithoutCheckpointOpensAtLastCheckpoint() throws IOException {
        FaultyFileSystem fs = newFileSystem(7);
        NavigableMap<byte[], byte[]> durable = new TreeMap<>(ORDER);
        KvEngine engine = open(fs, DIR);
        for (int k = 0; k < 500; k++) {
            engine.apply(new WriteBatch().put(key(k), value(300, k)), k + 1);
            durable.put(key(k), value(300, k));
        }
        engine.checkpoint();
        for (int k = 0; k < 500; k++) {
            engine.apply(new WriteBatch().put(key(k), value(10, -k)).delete(key(k + 1)),
                    1000 + k);
        }
        for (FaultyFileSystem.CrashMode mode : FaultyFileSystem.CrashMode.values()) {
            FaultyFileSystem image = fs.crash(mode);
            try (KvEngine reopened = open(image, DIR)) {
                assertContents(reopened, durable);
                reopened.checkInvariants();
            }
            fs = image; // each crash consumes the instance; the next mode works on the image
        }
    }
}
