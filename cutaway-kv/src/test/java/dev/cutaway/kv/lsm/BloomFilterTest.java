package dev.cutaway.kv.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BloomFilterTest {

    @Test
    void neverForgetsAKeyAndRarelyInventsOne() {
        int n = 20_000;
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = BloomFilter.hash(BlockTest.key(i));
        }
        byte[] filter = BloomFilter.build(hashes, n, 10);
        for (int i = 0; i < n; i++) {
            assertThat(BloomFilter.mayContain(filter, hashes[i])).isTrue();
        }
        int falsePositives = 0;
        for (int i = n; i < 2 * n; i++) {
            if (BloomFilter.mayContain(filter, BloomFilter.hash(BlockTest.key(i)))) {
                falsePositives++;
            }
        }
        // 10 bits per key: about 1% in theory; allow 2%.
        assertThat(falsePositives).isLessThan(n / 50);
        assertThat(BloomFilter.bitCount(filter)).isEqualTo(n * 10L);
        assertThat(BloomFilter.probes(filter)).isEqualTo(7);
    }

    @Test
    void hashSpreadsShortAndLongKeys() {
        assertThat(BloomFilter.hash(new byte[0])).isNotEqualTo(BloomFilter.hash(new byte[1]));
        assertThat(BloomFilter.hash(new byte[9])).isNotEqualTo(BloomFilter.hash(new byte[8]));
    }
}
