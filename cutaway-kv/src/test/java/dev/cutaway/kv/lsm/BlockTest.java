package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.CorruptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BlockTest {
    private static final Path FILE = Path.of("test.sst");

    static byte[] key(int i) {
        return String.format("key%05d", i).getBytes(StandardCharsets.UTF_8);
    }

    private static Block build(int n, int restartInterval) throws CorruptionException {
        BlockBuilder b = new BlockBuilder(restartInterval, 256);
        for (int i = 0; i < n; i++) {
            b.add(key(i * 2), 100 - i, i % 3 == 0 ? null : ("v" + i).getBytes());
        }
        return Block.parse(FILE, 4096, b.finish());
    }

    @Property(tries = 50)
    void seeksAndStepsAgreeWithTheEntryList(@ForAll @IntRange(min = 1, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 20) int restartInterval) throws Exception {
        Block block = build(n, restartInterval);
        BlockCursor c = new BlockCursor();
        c.reset(block);
        List<String> forward = new ArrayList<>();
        for (c.seekFirst(); c.valid(); c.next()) {
            forward.add(new String(c.keyCopy()));
        }
        List<String> backward = new ArrayList<>();
        for (c.seekLast(); c.valid(); c.prev()) {
            backward.add(0, new String(c.keyCopy()));
        }
        assertThat(forward).hasSize(n).isEqualTo(backward);
        for (int i = 0; i < 2 * n + 1; i++) {
            c.seekGE(key(i), Sequences.MAX);
            int expected = (i + 1) / 2;
            if (expected < n) {
                assertThat(c.keyCopy()).isEqualTo(key(expected * 2));
                assertThat(c.isTombstone()).isEqualTo(expected % 3 == 0);
            } else {
                assertThat(c.valid()).isFalse();
            }
            c.seekLT(key(i), Sequences.MAX);
            int before = (i - 1) / 2;
            if (i > 0) {
                assertThat(c.keyCopy()).isEqualTo(key(before * 2));
            } else {
                assertThat(c.valid()).isFalse();
            }
        }
    }

    @Test
    void aFlippedBitIsACorruptionNamingFileAndOffset() {
        BlockBuilder b = new BlockBuilder(4, 64);
        b.add(key(1), 1, "x".getBytes());
        byte[] raw = b.finish();
        raw[2] ^= 0x10;
        assertThatThrownBy(() -> Block.parse(FILE, 777, raw))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("test.sst at offset 777")
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void prefixCompressionSharesLeadingBytes() {
        BlockBuilder b = new BlockBuilder(16, 64);
        for (int i = 0; i < 16; i++) {
            b.add(key(i), 1, new byte[0]);
        }
        // 16 keys of 8 bytes; after the restart only the differing suffix is stored.
        assertThat(b.estimatedBytes()).isLessThan(16 * (8 + 4));
    }
}
