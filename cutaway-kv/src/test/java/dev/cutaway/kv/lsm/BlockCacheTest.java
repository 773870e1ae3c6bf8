package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BlockCacheTest {

    private static Block block(int i) throws Exception {
        BlockBuilder b = new BlockBuilder(4, 256);
        b.add(BlockTest.key(i), 1, new byte[900]);
        return Block.parse(Path.of("t.sst"), i, b.finish());
    }

    @Test
    void staysWithinItsBoundAndKeepsReferencedBlocks() throws Exception {
        BlockCache cache = new BlockCache(10 * 1024);
        Block hot = block(0);
        cache.put(1, 0, hot);
        for (int i = 1; i < 200; i++) {
            assertThat(cache.get(1, 0)).isSameAs(hot); // referenced: gets a second chance
            cache.put(1, i * 1000L, block(i));
            assertThat(cache.residentBytes()).isLessThanOrEqualTo(10 * 1024);
        }
        assertThat(cache.get(1, 0)).isSameAs(hot);
        assertThat(cache.get(1, 1000)).as("a cold early block was evicted").isNull();
        assertThat(cache.hits.sum()).isEqualTo(200);
        cache.evictFile(1);
        assertThat(cache.residentBytes()).isZero();
        assertThat(cache.get(1, 0)).isNull();
    }
}
