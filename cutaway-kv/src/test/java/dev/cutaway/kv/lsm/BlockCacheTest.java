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
        BlockCache.Slots table = new BlockCache.Slots(200);
        Block hot = block(0);
        cache.put(table, 0, hot);
        for (int i = 1; i < 200; i++) {
            assertThat(cache.get(table, 0)).isSameAs(hot); // referenced: gets a second chance
            cache.put(table, i, block(i));
            assertThat(cache.residentBytes()).isLessThanOrEqualTo(10 * 1024);
        }
        assertThat(cache.get(table, 0)).isSameAs(hot);
        assertThat(cache.get(table, 1)).as("a cold early block was evicted").isNull();
        assertThat(cache.get(table, 199)).isNotNull();
        assertThat(cache.hits.sum()).isEqualTo(201);
        cache.evict(table);
        assertThat(cache.residentBytes()).isZero();
        assertThat(cache.get(table, 0)).isNull();
    }
}
