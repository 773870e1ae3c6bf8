package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.FileHandle;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SstTableTest {
    private static final Path FILE = Path.of("/t/000007.sst");
    private FaultyFileSystem fs;
    private SstMeta meta;

    @BeforeEach
    void writeTable() throws Exception {
        fs = new FaultyFileSystem(7);
        fs.createDirectories(FILE.getParent());
        LsmOptions options = LsmOptions.tiny();
        try (SstWriter w = new SstWriter(fs, FILE, options, null)) {
            for (int i = 0; i < 500; i++) {
                w.add(BlockTest.key(i * 2), Sequences.of(10 + i, 0),
                        i % 10 == 0 ? null : ("value-" + i).getBytes());
            }
            meta = w.finish(7);
        }
    }

    @Test
    void getFindsEveryKeyAndNoOther() throws Exception {
        BlockCache cache = new BlockCache(1 << 20);
        try (SstReader r = SstReader.open(fs, FILE, 7, cache)) {
            BlockCursor index = new BlockCursor();
            BlockCursor data = new BlockCursor();
            for (int i = 0; i < 1000; i++) {
                boolean found = r.get(BlockTest.key(i), Sequences.MAX, index, data);
                assertThat(found).as("key %d", i).isEqualTo(i % 2 == 0);
                if (found) {
                    int n = i / 2;
                    assertThat(data.isTombstone()).isEqualTo(n % 10 == 0);
                    if (n % 10 != 0) {
                        assertThat(new String(data.valueCopy())).isEqualTo("value-" + n);
                    }
                }
            }
            assertThat(r.get(BlockTest.key(4), Sequences.of(11, 0), index, data))
                    .as("a snapshot before the version sees nothing").isFalse();
            assertThat(cache.hits.sum()).isGreaterThan(0);
            assertThat(r.entryCount).isEqualTo(500);
            assertThat(meta.entryCount()).isEqualTo(500);
            assertThat(meta.tombstoneCount()).isEqualTo(50);
            SstVerifier.verifyAgainst(r, meta);
        }
    }

    @Test
    void iteratesBothWaysAndSeeks() throws Exception {
        try (SstReader r = SstReader.open(fs, FILE, 7, null)) {
            EntryIterator it = r.iterator();
            List<String> forward = new ArrayList<>();
            for (it.seekFirst(); it.valid(); it.next()) {
                forward.add(new String(it.key()));
            }
            List<String> backward = new ArrayList<>();
            for (it.seekLast(); it.valid(); it.prev()) {
                backward.addFirst(new String(it.key()));
            }
            assertThat(forward).hasSize(500).isEqualTo(backward);
            it.seekGE(BlockTest.key(301), Sequences.MAX);
            assertThat(it.key()).isEqualTo(BlockTest.key(302));
            it.seekLT(BlockTest.key(301), Sequences.MAX);
            assertThat(it.key()).isEqualTo(BlockTest.key(300));
            it.seekLT(BlockTest.key(0), Sequences.MAX);
            assertThat(it.valid()).isFalse();
            it.seekGE(BlockTest.key(999), Sequences.MAX);
            assertThat(it.valid()).isFalse();
        }
    }

    @Test
    void aFlippedBitInADataBlockNamesFileAndBlockOffset() throws Exception {
        long blockOffset;
        try (SstReader r = SstReader.open(fs, FILE, 7, null)) {
            blockOffset = SstVerifier.verify(r).blocks().get(3).offset();
        }
        fs.flipBits(FILE, blockOffset + 5, 1);
        try (SstReader r = SstReader.open(fs, FILE, 7, null)) {
            assertThatThrownBy(() -> SstVerifier.verify(r))
                    .isInstanceOf(CorruptionException.class)
                    .hasMessageContaining(FILE + " at offset " + blockOffset)
                    .hasMessageContaining("checksum mismatch");
        }
    }

    @Test
    void aFlippedBitInTheFooterOrIndexIsCaughtAtOpen() throws Exception {
        long size = fs.size(FILE);
        fs.flipBits(FILE, size - 30, 1);
        assertThatThrownBy(() -> SstReader.open(fs, FILE, 7, null))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("footer checksum mismatch");
    }

    @Test
    void aForeignFileIsNotAnSstable() throws Exception {
        Path foreign = Path.of("/t/000008.sst");
        try (FileHandle h = fs.open(foreign, true)) {
            h.write(ByteBuffer.wrap(new byte[100]), 0);
        }
        assertThatThrownBy(() -> SstReader.open(fs, foreign, 8, null))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("not an SSTable: bad magic");
        Path tiny = Path.of("/t/000009.sst");
        try (FileHandle h = fs.open(tiny, true)) {
            h.write(ByteBuffer.wrap(new byte[10]), 0);
        }
        assertThatThrownBy(() -> SstReader.open(fs, tiny, 9, null))
                .isInstanceOf(CorruptionException.class)
                .hasMessageContaining("shorter than the footer");
    }

    @Test
    void lz4BlocksAreSmallerAndReadTheSame() throws Exception {
        Path file = Path.of("/t/000010.sst");
        LsmOptions options = LsmOptions.tiny().withCompression(LsmOptions.Compression.LZ4);
        SstMeta compressed;
        try (SstWriter w = new SstWriter(fs, file, options, null)) {
            for (int i = 0; i < 500; i++) {
                w.add(BlockTest.key(i * 2), Sequences.of(10 + i, 0),
                        ("value-" + i + "-" + "x".repeat(60)).getBytes());
            }
            compressed = w.finish(10);
        }
        try (SstReader r = SstReader.open(fs, file, 10, null)) {
            SstVerifier.Summary s = SstVerifier.verify(r);
            assertThat(s.blocks()).anyMatch(SstVerifier.BlockSummary::lz4);
            BlockCursor index = new BlockCursor();
            BlockCursor data = new BlockCursor();
            for (int i = 0; i < 500; i++) {
                assertThat(r.get(BlockTest.key(i * 2), Sequences.MAX, index, data)).isTrue();
                assertThat(new String(data.valueCopy())).startsWith("value-" + i + "-x");
            }
        }
        assertThat(compressed.sizeBytes()).isLessThan(meta.sizeBytes() * 3);
    }
}
