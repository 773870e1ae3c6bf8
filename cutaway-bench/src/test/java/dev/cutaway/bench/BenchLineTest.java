package dev.cutaway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The output lines are a contract (shared/BENCHMARKS.md): exact text, and parse(format(x)). */
class BenchLineTest {

    private static BenchLine sample() {
        Map<String, String> extras = new LinkedHashMap<>();
        extras.put("n", "10000");
        extras.put("sync", "on");
        extras.put("key_bytes", "16");
        extras.put("value_bytes", "100");
        return new BenchLine("kv", "fillseq_sync", "rocksdb", 6406, 131.434, 311.8, extras);
    }

    @Test
    void formatsTheDocumentedLineExactly() {
        assertThat(sample().format()).isEqualTo("bench kv fillseq_sync rocksdb ops_per_s=6406"
                + " p50_us=131.43 p99_us=311.80 n=10000 sync=on key_bytes=16 value_bytes=100");
    }

    @Test
    void parseReadsWhatFormatWrites() {
        BenchLine parsed = BenchLine.parse(sample().format());
        assertThat(parsed.format()).isEqualTo(sample().format());
        assertThat(parsed.extras()).containsExactly(Map.entry("n", "10000"),
                Map.entry("sync", "on"), Map.entry("key_bytes", "16"),
                Map.entry("value_bytes", "100"));
        assertThat(parsed.p50Micros()).isEqualTo(131.43);
    }

    @Test
    void parseRejectsLinesThatAreNotResults() {
        assertThatThrownBy(() -> BenchLine.parse("# nproc=2"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchLine.parse("bench kv readseq rocksdb p50_us=1 "
                + "ops_per_s=2 p99_us=3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BenchLine("kv", "read seq", "rocksdb", 1, 1, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratioIsLeftThroughputOverRightAndRoundTrips() {
        BenchLine right = sample();
        BenchLine left = new BenchLine("kv", "fillseq_sync", "cutaway-btree", 3203, 1, 2,
                Map.of());
        RatioLine ratio = RatioLine.of(left, right);
        assertThat(ratio.format()).isEqualTo("ratio kv fillseq_sync cutaway-btree/rocksdb=0.50");
        assertThat(RatioLine.parse(ratio.format())).isEqualTo(
                new RatioLine("kv", "fillseq_sync", "cutaway-btree", "rocksdb", 0.5));
    }

    @Test
    void ratioRefusesDifferentWorkloads() {
        BenchLine other = new BenchLine("kv", "readseq", "cutaway-btree", 1, 1, 1, Map.of());
        assertThatThrownBy(() -> RatioLine.of(other, sample()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
