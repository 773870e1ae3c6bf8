package dev.cutaway.bench.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class KvWorkloadTest {

    @Test
    void bareWriteNameMeansBothVariantsAndCanonicalOrderWins() {
        assertThat(KvWorkload.parseList("readseq,fillseq").stream().map(KvWorkload::label))
                .containsExactly("fillseq_sync", "fillseq_nosync", "readseq");
        assertThat(KvWorkload.parseList("all")).hasSize(KvWorkload.values().length);
    }

    @Test
    void unknownWorkloadIsRejected() {
        assertThatThrownBy(() -> KvWorkload.parseList("fill"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fill");
    }

    @Property(tries = 200)
    void keyByteOrderIsNumericOrder(@ForAll @LongRange(max = 9_999_999_999_999_999L) long a,
            @ForAll @LongRange(max = 9_999_999_999_999_999L) long b) {
        KeyFormat keys = new KeyFormat(16);
        assertThat(Integer.signum(Arrays.compareUnsigned(keys.key(a), keys.key(b))))
                .isEqualTo(Long.signum(Long.compare(a, b)));
    }

    @Test
    void permutationHoldsEveryKeyOnce() {
        int[] order = KeyOrder.permutation(1000, 7);
        assertThat(Arrays.stream(order).sorted().toArray())
                .isEqualTo(java.util.stream.IntStream.range(0, 1000).toArray());
        assertThat(order).isEqualTo(KeyOrder.permutation(1000, 7));
    }
}
