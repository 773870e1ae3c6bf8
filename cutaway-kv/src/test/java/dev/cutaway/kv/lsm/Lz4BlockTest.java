package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.CorruptionException;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Lz4BlockTest {
    private static final Path FILE = Path.of("z.sst");

    private static byte[] roundTrip(byte[] src) throws CorruptionException {
        byte[] compressed = new byte[Lz4Block.maxCompressedLength(src.length)];
        int n = Lz4Block.compress(src, src.length, compressed);
        byte[] out = new byte[src.length];
        Lz4Block.decompress(compressed, n, out, out.length, FILE, 0);
        return out;
    }

    @Property(tries = 300)
    void decompressInvertsCompress(@ForAll byte[] random,
            @ForAll @IntRange(min = 0, max = 5000) int repeats,
            @ForAll @IntRange(min = 1, max = 40) int period) throws Exception {
        byte[] src = new byte[random.length + repeats];
        System.arraycopy(random, 0, src, 0, random.length);
        for (int i = random.length; i < src.length; i++) {
            src[i] = (byte) (i % period == 0 ? i : src[i - 1] + period); // long repetitive runs
        }
        assertThat(roundTrip(src)).isEqualTo(src);
    }

    @Test
    void repetitiveDataShrinks() throws Exception {
        byte[] src = new byte[10_000];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) "key00001value".charAt(i % 13);
        }
        byte[] compressed = new byte[Lz4Block.maxCompressedLength(src.length)];
        assertThat(Lz4Block.compress(src, src.length, compressed)).isLessThan(200);
        assertThat(roundTrip(src)).isEqualTo(src);
    }

    @Test
    void garbageIsCorruptionNeverAnOverrun() {
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xF7);
        byte[] out = new byte[100];
        assertThatThrownBy(() -> Lz4Block.decompress(garbage, garbage.length, out, 100, FILE, 9))
                .isInstanceOf(CorruptionException.class).hasMessageContaining("bad lz4 block");
    }

    @Property(tries = 300)
    void anyInputIsDecodedOrRejected(@ForAll byte[] garbage) {
        byte[] out = new byte[256];
        try {
            Lz4Block.decompress(garbage, garbage.length, out, out.length, FILE, 0);
        } catch (CorruptionException expected) {
            assertThat(expected).hasMessageContaining("bad lz4 block");
        }
    }
}
