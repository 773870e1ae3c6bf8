package dev.cutaway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.check.InvariantViolation;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

    @Test
    void percentilesAreNearestRank() {
        LatencySamples samples = new LatencySamples(100);
        for (int i = 100; i >= 1; i--) {
            samples.record(i * 1000L);
        }
        assertThat(samples.percentileNanos(50)).isEqualTo(50_000);
        assertThat(samples.percentileNanos(99)).isEqualTo(99_000);
        assertThat(samples.percentileNanos(100)).isEqualTo(100_000);
        assertThat(samples.percentileMicros(1)).isEqualTo(1.0);
    }

    @Test
    void capacityIsABound() {
        LatencySamples samples = new LatencySamples(1);
        samples.record(5);
        assertThatThrownBy(() -> samples.record(6)).isInstanceOf(InvariantViolation.class);
    }

    @Test
    void noSamplesMeansZero() {
        assertThat(new LatencySamples(0).percentileNanos(99)).isZero();
    }
}
