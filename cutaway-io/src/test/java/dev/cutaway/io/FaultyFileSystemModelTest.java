package dev.cutaway.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem.CrashMode;
import dev.cutaway.io.FaultyFileSystem.DirectoryCrashMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Model-based: random operations run against {@link FaultyFileSystem} and against a plain model
 * (per file: its current and its last-synced bytes; a volatile and a durable name map). Reads
 * always agree with the current bytes; after {@code crash(LOSE_UNSYNCED)} exactly the durably
 * named files remain (or, if the directory's unsynced changes were kept, the names as they
 * were), each holding the bytes of its last sync. A crash point from
 * {@code crashAfterOperations} cuts the sequence short: the op it stops never happened.
 * jqwik prints the seed of a failing run; {@code @Property(seed = "...")} replays it.
 */
class FaultyFileSystemModelTest {
    private static final Path DIR = Path.of("/db");
    private static final int FILES = 4;

    sealed interface Op permits Write, Truncate, Sync, Create, Delete, Rename, SyncDirectory {}

    record Write(int file, int offset, int length, int salt) implements Op {}

    record Truncate(int file, int sizeBytes) implements Op {}

    record Sync(int file) implements Op {}

    record Create(int file) implements Op {}

    record Delete(int file) implements Op {}

    record Rename(int from, int to) implements Op {}

    record SyncDirectory() implements Op {}

    /** One file of the model; identity matters, as for an inode. */
    private static final class ModelFile {
        byte[] current = new byte[0];
        byte[] synced = new byte[0];
    }

    @Property(tries = 500)
    void crashKeepsExactlyTheLastSyncedState(@ForAll("operations") List<Op> ops,
            @ForAll @IntRange(min = 0, max = 80) int crashAfter,
            @ForAll DirectoryCrashMode directories) throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(7);
        fs.createDirectories(DIR);
        fs.syncDirectory(DIR.getParent());
        fs.crashAfterOperations(crashAfter);
        TreeMap<Integer, ModelFile> names = new TreeMap<>();
        TreeMap<Integer, ModelFile> durableNames = new TreeMap<>();
        for (Op op : ops) {
            try {
                apply(fs, op, names, durableNames);
            } catch (SimulatedCrashException e) {
                break;
            }
            fs.checkInvariants();
            for (var e : names.entrySet()) {
                assertThat(FaultyFileSystemTest.readBytes(fs, path(e.getKey())))
                        .as("after %s, file %d", op, e.getKey())
                        .isEqualTo(e.getValue().current);
            }
        }
        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED, directories);
        after.checkInvariants();
        List<Path> durablePaths = paths(durableNames);
        List<Path> kept = after.listAll();
        if (directories == DirectoryCrashMode.RANDOM_UNSYNCED && !kept.equals(durablePaths)) {
            // The one directory wrote back its unsynced changes: the names as they were.
            durableNames.clear();
            durableNames.putAll(names);
        }
        assertThat(kept).isEqualTo(paths(durableNames));
        for (var e : durableNames.entrySet()) {
            assertThat(FaultyFileSystemTest.readBytes(after, path(e.getKey())))
                    .as("file %d after crash", e.getKey()).isEqualTo(e.getValue().synced);
        }
    }

    /** Runs one op; each makes exactly one mutating call, last, so a crash skips it whole. */
    private static void apply(FaultyFileSystem fs, Op op, TreeMap<Integer, ModelFile> names,
            TreeMap<Integer, ModelFile> durableNames) throws IOException {
        switch (op) {
            case Write w when names.containsKey(w.file()) -> {
                byte[] bytes = new byte[w.length()];
                new SplittableRandom(w.salt()).nextBytes(bytes);
                try (FileHandle h = fs.open(path(w.file()), false)) {
                    h.write(ByteBuffer.wrap(bytes), w.offset());
                }
                ModelFile file = names.get(w.file());
                int end = w.offset() + w.length();
                if (end > file.current.length) {
                    file.current = Arrays.copyOf(file.current, end);
                }
                System.arraycopy(bytes, 0, file.current, w.offset(), w.length());
            }
            case Truncate t when names.containsKey(t.file()) -> {
                try (FileHandle h = fs.open(path(t.file()), false)) {
                    h.truncate(t.sizeBytes());
                }
                ModelFile file = names.get(t.file());
                if (t.sizeBytes() < file.current.length) {
                    file.current = Arrays.copyOf(file.current, t.sizeBytes());
                }
            }
            case Sync s when names.containsKey(s.file()) -> {
                try (FileHandle h = fs.open(path(s.file()), false)) {
                    h.sync();
                }
                ModelFile file = names.get(s.file());
                file.synced = file.current.clone();
            }
            case Create c -> {
                fs.open(path(c.file()), true).close();
                names.putIfAbsent(c.file(), new ModelFile());
            }
            case Delete d -> {
                fs.delete(path(d.file()));
                names.remove(d.file());
            }
            case Rename r when names.containsKey(r.from()) -> {
                fs.rename(path(r.from()), path(r.to()));
                names.put(r.to(), names.remove(r.from()));
            }
            case SyncDirectory sd -> {
                fs.syncDirectory(DIR);
                durableNames.clear();
                durableNames.putAll(names);
            }
            default -> { } // an op on a missing file: skipped by both sides
        }
    }

    private static List<Path> paths(TreeMap<Integer, ModelFile> files) {
        return files.keySet().stream().map(FaultyFileSystemModelTest::path)
                .collect(Collectors.toList());
    }

    private static Path path(int file) {
        return DIR.resolve("f" + file);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Integer> file = Arbitraries.integers().between(0, FILES - 1);
        Arbitrary<Op> write = Combinators.combine(file, Arbitraries.integers().between(0, 64),
                Arbitraries.integers().between(1, 32), Arbitraries.integers())
                .as(Write::new);
        Arbitrary<Op> truncate = Combinators.combine(file, Arbitraries.integers().between(0, 80))
                .as(Truncate::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(6, write),
                Tuple.of(2, truncate),
                Tuple.of(3, file.map(Sync::new)),
                Tuple.of(3, file.map(Create::new)),
                Tuple.of(1, file.map(Delete::new)),
                Tuple.of(1, Combinators.combine(file, file).as(Rename::new)),
                Tuple.of(2, Arbitraries.just(new SyncDirectory())));
        return op.list().ofMaxSize(60);
    }
}
