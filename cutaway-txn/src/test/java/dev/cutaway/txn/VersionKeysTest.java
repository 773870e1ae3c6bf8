package dev.cutaway.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.btree.BTreeEngine;
import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VersionKeys}: the layout, malformed keys, and reads "as of T" on a real B+tree. */
class VersionKeysTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Timestamp ts(long physicalMillis, int logical) {
        return new Timestamp(physicalMillis, logical);
    }

    @Test
    void layoutMatchesTheHeader() {
        byte[] key = VersionKeys.encode(new byte[] {'a', 0}, ts(1, 2));
        assertThat(HexFormat.of().withUpperCase().formatHex(key)).isEqualTo(
                "606100FF0001" + "CF7FFFFFFFFFFFFFFE" + "CF7FFFFFFFFFFFFFFD");
        assertThat(key).hasSize(6 + VersionKeys.TIMESTAMP_SUFFIX_BYTES);
    }

    @Test
    void malformedVersionKeysAreRejectedClearly() {
        assertThatThrownBy(() -> VersionKeys.decode(TupleEncoding.encode("a", 1L, 2L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a version key");
        assertThatThrownBy(() -> VersionKeys.timestampOf(new byte[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
        byte[] ascendingTimestamp = TupleEncoding.encode(new byte[] {1}, 1L, 2L);
        assertThatThrownBy(() -> VersionKeys.timestampOf(ascendingTimestamp))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected descending long tag 0xCF at offset 4");
        byte[] negative = TupleEncoding.encode(new byte[] {1},
                TupleEncoding.descending(-1L), TupleEncoding.descending(0L));
        assertThatThrownBy(() -> VersionKeys.timestampOf(negative))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
        byte[] truncated = VersionKeys.encode(bytes("k"), ts(5, 0));
        assertThatThrownBy(() -> VersionKeys.decode(
                        java.util.Arrays.copyOf(truncated, truncated.length - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
    }

    @Test
    void readsAsOfATimestampOnABTree() throws IOException {
        byte[] a = bytes("a");
        byte[] aPrefixed = new byte[] {'a', 0};   // "a" is a prefix of it
        byte[] ab = bytes("ab");
        try (KvEngine engine = BTreeEngine.open(new FaultyFileSystem(1), Path.of("/t.btree"),
                BTreeOptions.defaults())) {
            WriteBatch batch = new WriteBatch();
            batch.put(VersionKeys.encode(a, ts(10, 0)), bytes("a@10"));
            batch.put(VersionKeys.encode(a, ts(20, 0)), bytes("a@20"));
            batch.put(VersionKeys.encode(a, ts(20, 1)), bytes("a@20.1"));
            batch.put(VersionKeys.encode(aPrefixed, ts(15, 0)), bytes("a0@15"));
            batch.put(VersionKeys.encode(ab, ts(5, 0)), bytes("ab@5"));
            batch.put(VersionKeys.encode(ab, ts(30, 0)), bytes("ab@30"));
            engine.apply(batch, 1);

            assertThat(readAsOf(engine, a, ts(9, 0))).isNull();
            assertThat(readAsOf(engine, a, ts(10, 0))).isEqualTo("a@10");
            assertThat(readAsOf(engine, a, ts(19, 99))).isEqualTo("a@10");
            assertThat(readAsOf(engine, a, ts(20, 0))).isEqualTo("a@20");
            assertThat(readAsOf(engine, a, Timestamp.MAX)).isEqualTo("a@20.1");
            assertThat(readAsOf(engine, aPrefixed, ts(14, 0))).isNull();
            assertThat(readAsOf(engine, aPrefixed, ts(100, 0))).isEqualTo("a0@15");
            assertThat(readAsOf(engine, ab, ts(29, 0))).isEqualTo("ab@5");
            assertThat(readAsOf(engine, bytes("b"), Timestamp.MAX)).isNull();
            assertThat(readAsOf(engine, new byte[0], Timestamp.MAX)).isNull();

            assertThat(allVersions(engine, a)).containsExactly(ts(20, 1), ts(20, 0), ts(10, 0));
            assertThat(allVersions(engine, aPrefixed)).containsExactly(ts(15, 0));
            engine.checkInvariants();
        }
    }

    /** The newest version of {@code userKey} committed at or below {@code readTs}, or null. */
    private static String readAsOf(KvEngine engine, byte[] userKey, Timestamp readTs)
            throws IOException {
        try (KvCursor cursor = engine.cursor(VersionKeys.seekAtOrBelow(userKey, readTs),
                VersionKeys.versionsHigh(userKey), true)) {
            if (!cursor.next()) {
                return null;
            }
            assertThat(VersionKeys.decode(cursor.key()).userKey()).isEqualTo(userKey);
            assertThat(VersionKeys.timestampOf(cursor.key())).isLessThanOrEqualTo(readTs);
            return new String(cursor.value(), StandardCharsets.UTF_8);
        }
    }

    private static List<Timestamp> allVersions(KvEngine engine, byte[] userKey)
            throws IOException {
        List<Timestamp> out = new ArrayList<>();
        try (KvCursor cursor = engine.cursor(VersionKeys.versionsLow(userKey),
                VersionKeys.versionsHigh(userKey), true)) {
            while (cursor.next()) {
                out.add(VersionKeys.timestampOf(cursor.key()));
            }
        }
        return out;
    }
}
