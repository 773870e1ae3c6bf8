package dev.cutaway.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FaultyFileSystem.CrashMode;
import dev.cutaway.io.FaultyFileSystem.DirectoryCrashMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Crash semantics of {@link FaultyFileSystem}: what a simulated power loss keeps. */
class FaultyFileSystemTest {
    private static final Path DIR = Path.of("/db");
    private static final Path FILE = DIR.resolve("data");
    /** Seeds for the loops over random crash images; a failure message names the seed. */
    private static final int SEEDS = 200;

    /** {@link #SEEDS} seeds, or only the one {@code -Dcutaway.seed=N} names (a replay). */
    private static long[] seeds() {
        Long replay = Long.getLong("cutaway.seed");
        return replay != null ? new long[] {replay} : LongStream.range(0, SEEDS).toArray();
    }

    /** Whether every seed ran, so that claims about the spread of outcomes apply. */
    private static boolean allSeedsRan() {
        return System.getProperty("cutaway.seed") == null;
    }

    /** A file system with {@link #DIR} created and durable. */
    private static FaultyFileSystem newFileSystem(long seed) throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(DIR);
        fs.syncDirectory(DIR.getParent());
        return fs;
    }

    /** Creates {@code path} holding {@code content}, with data and name durable. */
    private static void writeDurably(FaultyFileSystem fs, Path path, String content)
            throws IOException {
        try (FileHandle h = fs.open(path, true)) {
            h.write(bytes(content), 0);
            h.sync();
        }
        fs.syncDirectory(path.getParent());
    }

    @Test
    void unsyncedWriteIsLostOnCrash() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        writeDurably(fs, FILE, "durable");
        try (FileHandle h = fs.open(FILE, false)) {
            h.write(bytes("DUR"), 0);
            h.write(bytes("+more"), 7);
        }
        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(readAll(after, FILE)).isEqualTo("durable");
    }

    @Test
    void syncedWriteSurvivesCrash() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        writeDurably(fs, FILE, "first");
        try (FileHandle h = fs.open(FILE, false)) {
            h.write(bytes("second"), 0);
            h.sync();
            h.truncate(3);
        }
        assertThat(readAll(fs.crash(CrashMode.LOSE_UNSYNCED), FILE)).isEqualTo("second");
    }

    @Test
    void unsyncedTruncateIsLostAndSyncedTruncateKept() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        writeDurably(fs, FILE, "abcdef");
        writeDurably(fs, DIR.resolve("other"), "123456");
        try (FileHandle h = fs.open(FILE, false)) {
            h.truncate(2);
        }
        try (FileHandle h = fs.open(DIR.resolve("other"), false)) {
            h.truncate(2);
            h.sync();
        }
        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(readAll(after, FILE)).isEqualTo("abcdef");
        assertThat(readAll(after, DIR.resolve("other"))).isEqualTo("12");
    }

    @Test
    void unsyncedCreateVanishes() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        try (FileHandle h = fs.open(FILE, true)) {
            h.write(bytes("data"), 0);
        }
        assertThat(fs.crash(CrashMode.RANDOM_UNSYNCED).exists(FILE)).isFalse();
    }

    @Test
    void syncedDataInUnsyncedDirectoryEntryVanishes() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        try (FileHandle h = fs.open(FILE, true)) {
            h.write(bytes("data"), 0);
            h.sync();
        }
        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(after.exists(FILE)).isFalse();
        assertThat(after.listAll()).isEmpty();
    }

    @Test
    void unsyncedDirectoryVanishesWithItsFiles() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(1);
        Path dir = Path.of("/never-synced/inner");
        fs.createDirectories(dir);
        writeDurably(fs, dir.resolve("f"), "x");
        fs.syncDirectory(dir.getParent());
        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(after.exists(Path.of("/never-synced"))).isFalse();
        assertThat(after.exists(dir.resolve("f"))).isFalse();
        assertThat(after.listAll()).isEmpty();
    }

    @Test
    void relativePathsLiveUnderAnAlwaysDurableRoot() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(1);
        fs.createDirectories(Path.of("rel"));
        fs.syncDirectory(Path.of(""));
        writeDurably(fs, Path.of("rel/./f"), "x");
        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(readAll(after, Path.of("rel/f"))).isEqualTo("x");
    }

    @Test
    void unsyncedDeleteComesBackWithDurableContent() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        writeDurably(fs, FILE, "durable");
        try (FileHandle h = fs.open(FILE, false)) {
            h.write(bytes("lost"), 0);
        }
        fs.delete(FILE);
        assertThat(fs.exists(FILE)).isFalse();
        assertThat(readAll(fs.crash(CrashMode.LOSE_UNSYNCED), FILE)).isEqualTo("durable");
    }

    @Test
    void syncedDeleteStaysDeleted() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        writeDurably(fs, FILE, "durable");
        fs.delete(FILE);
        fs.syncDirectory(DIR);
        assertThat(fs.crash(CrashMode.LOSE_UNSYNCED).exists(FILE)).isFalse();
    }

    @Test
    void renameIsAtomicAcrossCrash() throws IOException {
        Path temp = DIR.resolve("data.tmp");
        FaultyFileSystem before = newFileSystem(1);
        writeDurably(before, FILE, "old");
        try (FileHandle h = before.open(temp, true)) {
            h.write(bytes("new"), 0);
            h.sync();
        }
        before.rename(temp, FILE);
        assertThat(readAll(before, FILE)).isEqualTo("new");
        FaultyFileSystem undone = before.crash(CrashMode.RANDOM_UNSYNCED);
        assertThat(readAll(undone, FILE)).isEqualTo("old");
        assertThat(undone.exists(temp)).isFalse();

        undone.open(temp, true).close();
        writeDurably(undone, temp, "new");
        undone.rename(temp, FILE);
        undone.syncDirectory(DIR);
        FaultyFileSystem done = undone.crash(CrashMode.RANDOM_UNSYNCED);
        assertThat(readAll(done, FILE)).isEqualTo("new");
        assertThat(done.exists(temp)).isFalse();
    }

    @Test
    void crossDirectoryRenameNeverShowsTwoNamesOrNone() throws IOException {
        for (Path synced : List.of(Path.of("/a"), Path.of("/b"))) {
            FaultyFileSystem fs = new FaultyFileSystem(1);
            fs.createDirectories(Path.of("/a"));
            fs.createDirectories(Path.of("/b"));
            fs.syncDirectory(Path.of("/"));
            writeDurably(fs, Path.of("/a/f"), "x");
            fs.rename(Path.of("/a/f"), Path.of("/b/f"));
            fs.syncDirectory(synced);
            FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
            assertThat(after.listAll()).as("synced %s", synced).containsExactly(Path.of("/b/f"));
        }
    }

    @Test
    void randomDirectoryModeKeepsOrUndoesEachDirectoryWhole() throws IOException {
        Path otherDir = Path.of("/other");
        Set<String> outcomes = new HashSet<>();
        for (long seed : seeds()) {
            FaultyFileSystem fs = newFileSystem(seed);
            fs.createDirectories(otherDir);
            fs.syncDirectory(otherDir.getParent());
            writeDurably(fs, FILE, "old");
            try (FileHandle h = fs.open(DIR.resolve("tmp"), true)) {
                h.write(bytes("new"), 0);
                h.sync();
            }
            fs.rename(DIR.resolve("tmp"), FILE);
            fs.open(otherDir.resolve("stray"), true).close();
            FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED,
                    DirectoryCrashMode.RANDOM_UNSYNCED);
            String data = readAll(after, FILE);
            assertThat(data).as("seed %d: rename is atomic", seed).isIn("old", "new");
            assertThat(after.exists(DIR.resolve("tmp"))).as("seed %d", seed).isFalse();
            boolean stray = after.exists(otherDir.resolve("stray"));
            if (stray) {
                assertThat(after.size(otherDir.resolve("stray"))).isZero();
            }
            outcomes.add(data + "/" + stray);
        }
        if (allSeedsRan()) {
            assertThat(outcomes).as("each directory independently")
                    .containsExactlyInAnyOrder("old/false", "old/true", "new/false", "new/true");
        }
    }

    @Test
    void tornWriteKeepsOnlyAPrefix() throws IOException {
        byte[] last = pattern(2000, 7);
        Set<Integer> keptLengths = new HashSet<>();
        for (long seed : seeds()) {
            FaultyFileSystem fs = newFileSystem(seed);
            writeDurably(fs, FILE, "");
            try (FileHandle h = fs.open(FILE, false)) {
                h.write(ByteBuffer.wrap(pattern(100, 1)), 0);
                h.write(ByteBuffer.wrap(last), 100);
            }
            byte[] after = readBytes(fs.crash(CrashMode.TEAR_LAST_UNSYNCED), FILE);
            assertThat(after.length).as("seed %d", seed).isBetween(100, 100 + last.length - 1);
            assertThat(Arrays.copyOf(after, 100)).as("seed %d", seed).isEqualTo(pattern(100, 1));
            assertThat(Arrays.copyOfRange(after, 100, after.length)).as("seed %d", seed)
                    .isEqualTo(Arrays.copyOf(last, after.length - 100));
            keptLengths.add(after.length - 100);
        }
        if (allSeedsRan()) {
            assertThat(keptLengths).as("some tears are sector-aligned, some are not")
                    .contains(0, 412).anyMatch(n -> (n + 100) % Inode.SECTOR_SIZE_BYTES != 0);
        }
    }

    @Test
    void tearDamagesOnlyTheMostRecentlyWrittenFile() throws IOException {
        Path other = DIR.resolve("other");
        FaultyFileSystem fs = newFileSystem(3);
        writeDurably(fs, FILE, "");
        writeDurably(fs, other, "");
        try (FileHandle a = fs.open(FILE, false); FileHandle b = fs.open(other, false)) {
            a.write(bytes("a-first"), 0);
            b.write(bytes("b-only"), 0);
            a.write(bytes("a-last"), 7);
        }
        FaultyFileSystem after = fs.crash(CrashMode.TEAR_LAST_UNSYNCED);
        assertThat(readAll(after, other)).isEqualTo("b-only");
        assertThat(readAll(after, FILE)).startsWith("a-first").isNotEqualTo("a-firsta-last");
    }

    @Test
    void randomModeKeepsAnySubset() throws IOException {
        int writes = 3;
        int chunk = 8;
        Set<String> outcomes = new HashSet<>();
        for (long seed : seeds()) {
            FaultyFileSystem fs = newFileSystem(seed);
            writeDurably(fs, FILE, "-".repeat(writes * chunk));
            try (FileHandle h = fs.open(FILE, false)) {
                for (int i = 0; i < writes; i++) {
                    h.write(bytes(String.valueOf(i).repeat(chunk)), (long) i * chunk);
                }
            }
            String after = readAll(fs.crash(CrashMode.RANDOM_UNSYNCED), FILE);
            StringBuilder outcome = new StringBuilder();
            for (int i = 0; i < writes; i++) {
                String part = after.substring(i * chunk, (i + 1) * chunk);
                int kept = part.indexOf('-') < 0 ? chunk : part.indexOf('-');
                assertThat(part).as("seed %d write %d: a prefix is kept", seed, i)
                        .isEqualTo(String.valueOf(i).repeat(kept) + "-".repeat(chunk - kept));
                outcome.append(kept == 0 ? 'L' : kept == chunk ? 'K' : 'T');
            }
            outcomes.add(outcome.toString());
        }
        if (allSeedsRan()) {
            assertThat(outcomes).as("every write is lost, kept or torn independently")
                    .contains("LLL", "LLK", "LKL", "LKK", "KLL", "KLK", "KKL", "KKK")
                    .anyMatch(o -> o.contains("T"));
        }
    }

    @Test
    void lostExtendingWriteLeavesDurableSizeAndLaterKeptWriteLeavesZeroGap() throws IOException {
        Set<String> possible = new HashSet<>();
        for (int first = 0; first <= 3; first++) {
            for (int second = 0; second <= 3; second++) {
                byte[] image = Arrays.copyOf("abc".getBytes(UTF_8), second > 0 ? 6 + second
                        : 3 + first);
                System.arraycopy("DEF".getBytes(UTF_8), 0, image, 3, first);
                if (second > 0) {
                    System.arraycopy("GHI".getBytes(UTF_8), 0, image, 6, second);
                }
                possible.add(new String(image, UTF_8));
            }
        }
        Set<String> seen = new HashSet<>();
        for (long seed : seeds()) {
            FaultyFileSystem fs = newFileSystem(seed);
            writeDurably(fs, FILE, "abc");
            try (FileHandle h = fs.open(FILE, false)) {
                h.write(bytes("DEF"), 3);
                h.write(bytes("GHI"), 6);
            }
            String after = readAll(fs.crash(CrashMode.RANDOM_UNSYNCED), FILE);
            assertThat(possible).as("seed %d", seed).contains(after);
            seen.add(after);
        }
        if (allSeedsRan()) {
            assertThat(seen).as("a lost write keeps the durable size; a zero gap before a kept one")
                    .contains("abc", "abc\0\0\0GHI", "abcDEFGHI");
        }
    }

    @Test
    void flipBitsModeFlipsOneToThreeBitsInTheLastWrite() throws IOException {
        for (long seed : seeds()) {
            FaultyFileSystem fs = newFileSystem(seed);
            writeDurably(fs, FILE, "");
            byte[] first = pattern(64, 2);
            byte[] last = pattern(64, 3);
            try (FileHandle h = fs.open(FILE, false)) {
                h.write(ByteBuffer.wrap(first), 0);
                h.write(ByteBuffer.wrap(last), 64);
            }
            byte[] after = readBytes(fs.crash(CrashMode.FLIP_BITS_LAST_UNSYNCED), FILE);
            assertThat(Arrays.copyOf(after, 64)).as("seed %d", seed).isEqualTo(first);
            int flipped = 0;
            for (int i = 0; i < 64; i++) {
                flipped += Integer.bitCount((after[64 + i] ^ last[i]) & 0xff);
            }
            assertThat(flipped).as("seed %d", seed).isBetween(1, 3);
        }
    }

    @Test
    void flipBitsDamagesStoredContent() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        writeDurably(fs, FILE, "AAAA");
        fs.flipBits(FILE, 1, 2);
        assertThat(readAll(fs, FILE)).isEqualTo("A" + (char) ('A' ^ 3) + "AA");
        assertThat(readAll(fs.crash(CrashMode.LOSE_UNSYNCED), FILE))
                .isEqualTo("A" + (char) ('A' ^ 3) + "AA");
        FaultyFileSystem other = newFileSystem(1);
        writeDurably(other, FILE, "AAAA");
        assertThatThrownBy(() -> other.flipBits(FILE, 4, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crashAfterOperationsThrowsAtTheRightOperation() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        long before = fs.mutatingOperationCount();
        fs.crashAfterOperations(3);
        FileHandle h = fs.open(FILE, true);                  // 1
        h.write(bytes("abc"), 0);                            // 2
        assertThat(h.read(ByteBuffer.allocate(3), 0)).isEqualTo(3); // reads do not count
        h.sync();                                            // 3
        assertThatThrownBy(() -> fs.syncDirectory(DIR))      // 4: the crash
                .isInstanceOf(SimulatedCrashException.class);
        assertThat(fs.mutatingOperationCount()).isEqualTo(before + 3);
        assertThatThrownBy(() -> h.read(ByteBuffer.allocate(3), 0))
                .isInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(() -> fs.list(DIR)).isInstanceOf(SimulatedCrashException.class);
        FaultyFileSystem after = fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThat(after.exists(FILE)).as("directory sync never happened").isFalse();
    }

    @Test
    void crashedFileSystemAndItsHandlesThrow() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        FileHandle h = fs.open(FILE, true);
        fs.crash(CrashMode.LOSE_UNSYNCED);
        assertThatThrownBy(() -> h.write(bytes("x"), 0))
                .isInstanceOf(SimulatedCrashException.class).hasMessage("file system crashed");
        assertThatThrownBy(h::sync).isInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(h::close).isInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(() -> fs.open(FILE, true)).isInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(() -> fs.exists(FILE)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(SimulatedCrashException.class);
        assertThatThrownBy(() -> fs.crash(CrashMode.LOSE_UNSYNCED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void diskFullRejectsWriteAndChangesNothing() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        writeDurably(fs, FILE, "0123456789");
        fs.limitTotalBytes(15);
        try (FileHandle h = fs.open(DIR.resolve("second"), true)) {
            h.write(bytes("abcd"), 0);
            assertThatThrownBy(() -> h.write(bytes("efg"), 4))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("No space left on device");
            assertThat(h.size()).isEqualTo(4);
            h.write(bytes("ABCD"), 0);                       // overwriting needs no space
            h.write(bytes("e"), 4);                          // exactly at the limit
            assertThat(fs.totalBytes()).isEqualTo(15);
        }
        assertThat(readAll(fs, DIR.resolve("second"))).isEqualTo("ABCDe");
    }

    @Test
    void writePastTheInMemoryBoundFailsCleanly() throws IOException {
        FaultyFileSystem fs = newFileSystem(1);
        try (FileHandle h = fs.open(FILE, true)) {
            assertThatThrownBy(() -> h.write(bytes("x"), Long.MAX_VALUE - 1))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("File too large");
            assertThat(h.size()).isZero();
        }
    }

    @Test
    void sameSeedSameCrashImage() throws IOException {
        for (CrashMode mode : CrashMode.values()) {
            List<byte[]> images = new ArrayList<>();
            List<Long> derivedSeeds = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                FaultyFileSystem fs = newFileSystem(99);
                writeDurably(fs, FILE, "base");
                try (FileHandle h = fs.open(FILE, false)) {
                    for (int i = 0; i < 20; i++) {
                        h.write(ByteBuffer.wrap(pattern(700, i)), i * 300L);
                    }
                }
                FaultyFileSystem after = fs.crash(mode);
                images.add(readBytes(after, FILE));
                derivedSeeds.add(after.seed());
            }
            assertThat(images.get(0)).as("mode %s", mode).isEqualTo(images.get(1));
            assertThat(derivedSeeds.get(0)).as("derived seed").isEqualTo(derivedSeeds.get(1))
                    .isNotEqualTo(99L);
        }
    }

    /**
     * The pattern crash tests above this layer follow: count the mutating operations of a clean
     * run, then crash before each one in turn, in every mode, and check that whatever was
     * acknowledged (synced) survives. Here the workload is a tiny append-and-sync log.
     */
    @Test
    void everyCrashPointKeepsEveryAcknowledgedRecord() throws IOException {
        FaultyFileSystem clean = newFileSystem(0);
        long start = clean.mutatingOperationCount();
        assertThat(appendRecords(clean, 8)).isEqualTo(8);
        long operations = clean.mutatingOperationCount() - start;
        for (long crashPoint = 0; crashPoint <= operations; crashPoint++) {
            for (CrashMode mode : CrashMode.values()) {
                FaultyFileSystem fs = newFileSystem(crashPoint);
                fs.crashAfterOperations(crashPoint);
                int acknowledged = appendRecords(fs, 8);
                FaultyFileSystem after = fs.crash(mode);
                String context = "crash point " + crashPoint + ", mode " + mode;
                if (acknowledged == 0) {
                    continue; // not even the directory entry is known to be durable
                }
                byte[] log = readBytes(after, FILE);
                assertThat(log.length).as(context).isGreaterThanOrEqualTo(16 * acknowledged);
                for (int i = 0; i < acknowledged; i++) {
                    assertThat(Arrays.copyOfRange(log, 16 * i, 16 * (i + 1))).as(context)
                            .isEqualTo(pattern(16, i));
                }
            }
        }
    }

    /** Appends 16-byte records, syncing each; returns how many syncs returned. */
    private static int appendRecords(FaultyFileSystem fs, int records) throws IOException {
        int acknowledged = 0;
        try (FileHandle h = fs.open(FILE, true)) {
            fs.syncDirectory(DIR);
            for (int i = 0; i < records; i++) {
                h.write(ByteBuffer.wrap(pattern(16, i)), 16L * i);
                h.sync();
                acknowledged++;
            }
        } catch (SimulatedCrashException e) {
            return acknowledged;
        }
        return acknowledged;
    }

    @Test
    void crashAtRandomOperationIsDeterministicAndInRange() throws IOException {
        for (long seed : seeds()) {
            long first = new FaultyFileSystem(seed).crashAtRandomOperation(10);
            assertThat(new FaultyFileSystem(seed).crashAtRandomOperation(10)).isEqualTo(first);
            assertThat(first).as("seed %d", seed).isBetween(0L, 10L);
        }
    }

    @Test
    void postCrashFileSystemIsFullyUsableAndDurable() throws IOException {
        FaultyFileSystem fs = newFileSystem(4);
        writeDurably(fs, FILE, "kept");
        fs.limitTotalBytes(100);
        FaultyFileSystem after = fs.crash(CrashMode.RANDOM_UNSYNCED);
        try (FileHandle h = after.open(FILE, false)) {
            h.write(bytes("KEPT+more"), 0);
            assertThatThrownBy(() -> h.write(ByteBuffer.allocate(200), 0))
                    .hasMessageStartingWith("No space left on device");
        }
        assertThat(after.mutatingOperationCount()).isEqualTo(2);
        assertThat(readAll(after.crash(CrashMode.LOSE_UNSYNCED), FILE)).isEqualTo("kept");
    }

    @Test
    void concurrentWritersAndSyncsAreSafe() throws Exception {
        FaultyFileSystem fs = newFileSystem(5);
        writeDurably(fs, FILE, "");
        int writers = 4;
        int recordsPerWriter = 200;
        ExecutorService executor = Executors.newFixedThreadPool(writers);
        try (FileHandle h = fs.open(FILE, false)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(executor.submit(() -> {
                    for (int i = 0; i < recordsPerWriter; i++) {
                        h.write(ByteBuffer.wrap(pattern(8, writer)),
                                8L * (writer * recordsPerWriter + i));
                        h.sync();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            executor.shutdown();
        }
        fs.checkInvariants();
        byte[] after = readBytes(fs.crash(CrashMode.LOSE_UNSYNCED), FILE);
        assertThat(after).hasSize(8 * writers * recordsPerWriter);
        for (int w = 0; w < writers; w++) {
            int from = 8 * w * recordsPerWriter;
            assertThat(Arrays.copyOfRange(after, from, from + 8)).isEqualTo(pattern(8, w));
        }
    }

    static byte[] pattern(int length, int salt) {
        byte[] bytes = new byte[length];
        new SplittableRandom(salt).nextBytes(bytes);
        return bytes;
    }

    static String readAll(FileSystem fs, Path path) throws IOException {
        return new String(readBytes(fs, path), UTF_8);
    }

    static byte[] readBytes(FileSystem fs, Path path) throws IOException {
        try (FileHandle h = fs.openReadOnly(path)) {
            ByteBuffer all = ByteBuffer.allocate((int) h.size());
            h.readFully(all, 0);
            return all.array();
        }
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(UTF_8));
    }
}
