package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.KeyPrefix;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Prefix bloom filters (ADR 0024) with a test extractor, "everything through the first '/'":
 * keys {@code uNNN/VVVV} have prefix {@code uNNN/}, keys without a '/' have none. Reads
 * confined to one prefix are compared with a TreeMap while flushes and compactions run, must
 * skip tables, and tables written without prefix filters (format 1, the old format) stay
 * readable and are never skipped. Seeded: {@code -Dcutaway.seed=N} replays a failure.
 */
class LsmPrefixBloomTest {
    private static final Path DIR = Path.of("/db/lsm");
    private static final KeyPrefix SLASH = new KeyPrefix("test.slash", LsmPrefixBloomTest::slash);
    private static final int USERS = 60;

    private static int slash(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '/') {
                return i + 1;
            }
        }
        return -1;
    }

    private final TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
    private long lsn;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] userLow(int user) {
        return bytes(String.format("u%03d/", user));
    }

    /** prefixEnd of "uNNN/" is "uNNN0". */
    private static byte[] userHigh(int user) {
        return bytes(String.format("u%03d0", user));
    }

    private void write(LsmEngine engine, SplittableRandom random, int batches) throws IOException {
        for (int i = 0; i < batches; i++) {
            WriteBatch b = new WriteBatch();
            for (int j = 0; j < 1 + random.nextInt(4); j++) {
                byte[] key = random.nextInt(8) == 0 ? bytes("raw" + random.nextInt(50))
                        : bytes(String.format("u%03d/%04d", random.nextInt(USERS),
                                random.nextInt(30)));
                if (random.nextInt(5) == 0) {
                    b.delete(key);
                    model.remove(key);
                } else {
                    byte[] value = new byte[random.nextInt(40)];
                    random.nextBytes(value);
                    b.put(key, value);
                    model.put(key, value);
                }
            }
            engine.apply(b, ++lsn);
        }
    }

    private static List<String> scan(LsmEngine engine, byte[] low, byte[] high, boolean asc)
            throws IOException {
        List<String> out = new ArrayList<>();
        try (KvCursor c = engine.cursor(low, high, asc)) {
            while (c.next()) {
                out.add(new String(c.key(), StandardCharsets.US_ASCII) + "="
                        + Arrays.hashCode(c.value()));
            }
        }
        return out;
    }

    private List<String> expected(byte[] low, byte[] high, boolean asc) {
        var sub = model.subMap(low, true, high, false);
        List<String> out = new ArrayList<>();
        (asc ? sub : sub.descendingMap()).forEach((k, v) -> out.add(
                new String(k, StandardCharsets.US_ASCII) + "=" + Arrays.hashCode(v)));
        return out;
    }

    /** Every user's versions (plus absent users), by prefix range, both directions. */
    private void assertPrefixReads(LsmEngine engine, SplittableRandom random, String context)
            throws IOException {
        for (int user = 0; user < USERS + 10; user++) {
            byte[] low = random.nextBoolean() ? userLow(user)
                    : bytes(String.format("u%03d/%04d", user, random.nextInt(30)));
            boolean asc = random.nextBoolean();
            assertThat(scan(engine, low, userHigh(user), asc)).as(context + " user " + user)
                    .isEqualTo(expected(low, userHigh(user), asc));
            var ceiling = engine.ceiling(low, userHigh(user));
            var first = model.subMap(low, true, userHigh(user), false).firstEntry();
            assertThat(ceiling == null ? null : ceiling.value()).as(context + " ceiling " + user)
                    .isEqualTo(first == null ? null : first.getValue());
        }
        for (int i = 0; i < 50; i++) {
            byte[] key = bytes("raw" + i);
            assertThat(engine.get(key)).as(context + " get raw" + i).isEqualTo(model.get(key));
        }
    }

    /** Bloom skips and SSTables probed (ReadEvidence) of reading every user's versions. */
    private static long[] evidenceOfPrefixReads(LsmEngine engine) throws IOException {
        ReadEvidence.start();
        try {
            for (int user = 0; user < USERS + 10; user++) {
                engine.ceiling(userLow(user), userHigh(user));
            }
            long[] e = ReadEvidence.snapshot();
            return new long[] {e[ReadEvidence.Counter.BLOOM_SKIPS.ordinal()],
                    e[ReadEvidence.Counter.SSTABLES_PROBED.ordinal()]};
        } finally {
            ReadEvidence.stop();
        }
    }

    @Test
    void prefixReadsMatchTheModelAndSkipTables() throws Exception {
        long seed = LsmModel.seed(24);
        System.out.println("LsmPrefixBloomTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.createDirectories(DIR);
        LsmOptions options = LsmOptions.tiny().withBloomPrefix(SLASH)
                .withStyle(seed % 2 == 0 ? LsmOptions.CompactionStyle.LEVELED
                        : LsmOptions.CompactionStyle.TIERED);
        LsmEngine engine = LsmEngine.open(fs, DIR, options, null);
        try {
            for (int round = 0; round < 12; round++) {
                write(engine, random, 150);
                if (round % 3 == 2) {
                    engine.checkpoint();
                    engine.close();
                    engine = LsmEngine.open(fs, DIR, options, null);
                }
                assertPrefixReads(engine, random, "seed " + seed + " round " + round);
            }
            engine.checkpoint();
            engine.checkInvariants();
            long[] evidence = evidenceOfPrefixReads(engine);
            assertThat(evidence[0]).as("bloom skips, seed " + seed).isGreaterThan(0);
            assertThat(engine.stats().get("bloom_useful")).isGreaterThan(0);
        } finally {
            engine.close();
        }
    }

    @Test
    void tablesOfTheOldFormatStayReadableAndAreNeverSkipped() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        FaultyFileSystem fs = new FaultyFileSystem(7);
        fs.createDirectories(DIR);
        // Large memtables, so that only checkpoints flush and nothing compacts.
        LsmOptions old = LsmOptions.tiny().withMemtableBytesMax(1 << 20);
        try (LsmEngine engine = LsmEngine.open(fs, DIR, old, null)) {
            for (int i = 0; i < 3; i++) {
                write(engine, random, 100);
                engine.checkpoint();   // one format-1 table each: no extractor, no prefixes
            }
        }
        Path oldTable = firstTable(fs);
        assertThat(dump(fs, oldTable)).contains("format 1").contains("bloom filter: whole keys,");
        LsmOptions withPrefix = old.withBloomPrefix(SLASH);
        try (LsmEngine engine = LsmEngine.open(fs, DIR, withPrefix, null)) {
            assertPrefixReads(engine, random, "old tables");
            long[] evidence = evidenceOfPrefixReads(engine);
            assertThat(evidence[0]).as("no skips on format-1 tables").isZero();
            assertThat(evidence[1]).as("every old table is opened").isGreaterThan(USERS);
            // A format-2 table beside the old ones, spanning every user but holding two.
            WriteBatch b = new WriteBatch();
            for (String key : List.of("u000/0001", String.format("u%03d/0001", USERS + 9))) {
                b.put(bytes(key), bytes("new"));
                model.put(bytes(key), bytes("new"));
            }
            engine.apply(b, ++lsn);
            engine.checkpoint();
            Path newTable = fs.list(DIR).stream().filter(p -> p.toString().endsWith(".sst"))
                    .max(Path::compareTo).orElseThrow();
            assertThat(dump(fs, newTable)).contains("format 2")
                    .contains("bloom filter: whole keys + prefixes (test.slash)");
            assertPrefixReads(engine, random, "old and new tables");
            assertThat(evidenceOfPrefixReads(engine)[0]).as("the new table is skipped")
                    .isGreaterThan(0);
            engine.checkInvariants();
        }
        // Another extractor's name: its prefixes mean nothing here, so nothing is skipped.
        KeyPrefix other = new KeyPrefix("test.other", LsmPrefixBloomTest::slash);
        try (LsmEngine engine = LsmEngine.open(fs, DIR, old.withBloomPrefix(other), null)) {
            assertPrefixReads(engine, random, "other extractor");
            assertThat(evidenceOfPrefixReads(engine)[0]).isZero();
        }
    }

    @Test
    void onlyRangesWithinOnePrefixAskThePrefixFilter() {
        assertThat(PrefixProbe.of(SLASH, bytes("u001/"), bytes("u0010"))).isNotNull();
        assertThat(PrefixProbe.of(SLASH, bytes("u001/0003"), bytes("u001/0007"))).isNotNull();
        assertThat(PrefixProbe.of(SLASH, bytes("u001/"), bytes("u0011"))).as("beyond").isNull();
        assertThat(PrefixProbe.of(SLASH, bytes("u001/"), null)).as("unbounded").isNull();
        assertThat(PrefixProbe.of(SLASH, bytes("raw1"), bytes("raw2"))).as("no prefix").isNull();
        assertThat(PrefixProbe.of(null, bytes("u001/"), bytes("u0010"))).isNull();
        assertThat(PrefixProbe.withinPrefix(new byte[] {1, (byte) 0xFF}, 2, new byte[] {2}))
                .as("prefixEnd of 01 FF is 02").isTrue();
        assertThat(PrefixProbe.withinPrefix(new byte[] {1, (byte) 0xFF}, 2, new byte[] {2, 0}))
                .isFalse();
        assertThat(PrefixProbe.withinPrefix(new byte[] {(byte) 0xFF}, 1, new byte[] {9, 9}))
                .as("no prefixEnd: every key above starts with FF").isTrue();
        byte[] ab = bytes("ab");
        assertThat(PrefixProbe.withinPrefix(ab, 2, bytes("ac"))).as("= prefixEnd").isTrue();
        assertThat(PrefixProbe.withinPrefix(ab, 2, new byte[] {'a', 'b', (byte) 0xFF})).isTrue();
        assertThat(PrefixProbe.withinPrefix(ab, 2, bytes("a"))).as("shorter").isTrue();
        assertThat(PrefixProbe.withinPrefix(ab, 2, new byte[] {'a', 'c', 0})).as("above").isFalse();
        assertThat(PrefixProbe.withinPrefix(ab, 2, bytes("b"))).isFalse();
        assertThat(PrefixProbe.withinPrefix(ab, 1, bytes("b"))).as("prefix a").isTrue();
    }

    private static Path firstTable(FileSystem fs) throws IOException {
        return fs.list(DIR).stream().filter(p -> p.toString().endsWith(".sst"))
                .min(Path::compareTo).orElseThrow();
    }

    private static String dump(FileSystem fs, Path table) throws IOException {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            LsmInspector.dumpSstable(fs, table, out);
        }
        return s.toString();
    }
}
