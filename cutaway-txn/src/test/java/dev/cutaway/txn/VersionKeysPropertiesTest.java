package dev.cutaway.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of {@link VersionKeys}. User keys come from a tiny alphabet (0x00, 0x01, 0xFF)
 * with at most 3 bytes, so keys that are prefixes of each other and embedded zeros are the
 * common case. jqwik prints the seed of a failing run.
 */
class VersionKeysPropertiesTest {

    @Property(tries = 2000)
    void versionsSortByUserKeyThenNewestFirst(@ForAll("userKeys") byte[] keyA,
            @ForAll("timestamps") Timestamp tsA, @ForAll("userKeys") byte[] keyB,
            @ForAll("timestamps") Timestamp tsB) {
        int byKey = Arrays.compareUnsigned(keyA, keyB);
        int expected = byKey != 0 ? byKey : tsB.compareTo(tsA);
        int actual = Arrays.compareUnsigned(VersionKeys.encode(keyA, tsA),
                VersionKeys.encode(keyB, tsB));
        assertThat(Integer.signum(actual)).isEqualTo(Integer.signum(expected));
    }

    @Property(tries = 2000)
    void versionsOfOneKeyStayInsideItsRangeAndOthersStayOut(@ForAll("userKeys") byte[] key,
            @ForAll("userKeys") byte[] other, @ForAll("timestamps") Timestamp ts) {
        byte[] low = VersionKeys.versionsLow(key);
        byte[] high = VersionKeys.versionsHigh(key);
        assertThat(inRange(VersionKeys.encode(key, ts), low, high)).isTrue();
        assertThat(inRange(VersionKeys.encode(key, Timestamp.ZERO), low, high)).isTrue();
        assertThat(inRange(VersionKeys.encode(key, Timestamp.MAX), low, high)).isTrue();
        if (!Arrays.equals(key, other)) {
            assertThat(inRange(VersionKeys.encode(other, ts), low, high)).isFalse();
            assertThat(inRange(VersionKeys.encode(other, Timestamp.ZERO), low, high)).isFalse();
            assertThat(inRange(VersionKeys.encode(other, Timestamp.MAX), low, high)).isFalse();
        }
    }

    @Property(tries = 1000)
    void encodingAfterTheLowBoundEqualsEncoding(@ForAll("userKeys") byte[] key,
            @ForAll("timestamps") Timestamp ts) {
        assertThat(VersionKeys.encodeAfterLow(VersionKeys.versionsLow(key), ts))
                .isEqualTo(VersionKeys.encode(key, ts));
        for (Timestamp edge : new Timestamp[] {Timestamp.ZERO, Timestamp.MAX}) {
            assertThat(VersionKeys.encodeAfterLow(VersionKeys.versionsLow(key), edge))
                    .isEqualTo(VersionKeys.encode(key, edge));
        }
    }

    @Property(tries = 1000)
    void decodeInvertsEncode(@ForAll("userKeys") byte[] key, @ForAll("timestamps") Timestamp ts) {
        byte[] encoded = VersionKeys.encode(key, ts);
        assertThat(VersionKeys.decode(encoded)).isEqualTo(new VersionKeys.Version(key, ts));
        assertThat(VersionKeys.timestampOf(encoded)).isEqualTo(ts);
        assertThat(VersionKeys.userKeyOf(encoded)).isEqualTo(key);
    }

    /** Against a sorted map: the seek finds the newest version at or below the read time. */
    @Property(tries = 1000)
    void seekFindsTheNewestVersionAtOrBelowTheReadTimestamp(
            @ForAll @Size(max = 12) List<@From("userKeys") byte[]> keys,
            @ForAll @Size(max = 12) List<@From("timestamps") Timestamp> commits,
            @ForAll("userKeys") byte[] readKey, @ForAll("timestamps") Timestamp readTs) {
        TreeMap<byte[], String> store = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < Math.min(keys.size(), commits.size()); i++) {
            store.put(VersionKeys.encode(keys.get(i), commits.get(i)), "v" + i);
        }
        Timestamp expected = null;
        for (byte[] versionKey : store.keySet()) {
            VersionKeys.Version v = VersionKeys.decode(versionKey);
            if (Arrays.equals(v.userKey(), readKey) && v.commitTimestamp().compareTo(readTs) <= 0
                    && (expected == null || v.commitTimestamp().isAfter(expected))) {
                expected = v.commitTimestamp();
            }
        }
        Map.Entry<byte[], String> found =
                store.ceilingEntry(VersionKeys.seekAtOrBelow(readKey, readTs));
        byte[] high = VersionKeys.versionsHigh(readKey);
        Timestamp actual = found == null || Arrays.compareUnsigned(found.getKey(), high) >= 0
                ? null : VersionKeys.timestampOf(found.getKey());
        assertThat(actual).isEqualTo(expected);
    }

    private static boolean inRange(byte[] key, byte[] low, byte[] high) {
        return Arrays.compareUnsigned(key, low) >= 0 && Arrays.compareUnsigned(key, high) < 0;
    }

    @Provide
    Arbitrary<byte[]> userKeys() {
        return Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0xFF).list().ofMaxSize(3)
                .map(list -> {
                    byte[] out = new byte[list.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = list.get(i);
                    }
                    return out;
                });
    }

    @Provide
    Arbitrary<Timestamp> timestamps() {
        Arbitrary<Long> physical = Arbitraries.oneOf(Arbitraries.longs().between(0, 3),
                Arbitraries.of(255L, 256L, Long.MAX_VALUE), Arbitraries.longs().greaterOrEqual(0));
        Arbitrary<Integer> logical = Arbitraries.oneOf(Arbitraries.integers().between(0, 3),
                Arbitraries.of(255, 256, Integer.MAX_VALUE));
        return Combinators.combine(physical, logical).as(Timestamp::new);
    }
}
