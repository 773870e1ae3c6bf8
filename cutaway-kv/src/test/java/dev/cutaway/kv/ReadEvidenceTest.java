package dev.cutaway.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Per-thread read evidence: counts go only to a collecting thread, a start inside a collection
 * neither resets nor ends it, the live array is the one counts go to, and other threads'
 * counts never mix in.
 */
class ReadEvidenceTest {
    @AfterEach
    void stop() {
        ReadEvidence.stop();
    }

    @Test
    void countsGoToTheCollectingThreadOnlyWhileItCollects() throws Exception {
        ReadEvidence.count(ReadEvidence.Counter.KV_GETS);   // not collecting: dropped
        assertThat(ReadEvidence.collecting()).isFalse();
        assertThat(ReadEvidence.live()).isNull();
        assertThat(ReadEvidence.start()).isTrue();
        ReadEvidence.count(ReadEvidence.Counter.KV_GETS);
        ReadEvidence.add(ReadEvidence.Counter.BUFFER_HITS, 3);
        AtomicReference<long[]> seenElsewhere = new AtomicReference<>();
        Thread t = new Thread(() -> {
            ReadEvidence.count(ReadEvidence.Counter.KV_GETS);
            seenElsewhere.set(ReadEvidence.snapshot());
        });
        t.start();
        t.join();
        assertThat(seenElsewhere.get()).containsOnly(0L);
        long[] mine = ReadEvidence.snapshot();
        assertThat(mine[ReadEvidence.Counter.KV_GETS.ordinal()]).isEqualTo(1);
        assertThat(mine[ReadEvidence.Counter.BUFFER_HITS.ordinal()]).isEqualTo(3);
        ReadEvidence.stop();
        ReadEvidence.count(ReadEvidence.Counter.KV_GETS);
        assertThat(ReadEvidence.snapshot()).containsOnly(0L);
    }

    @Test
    void aNestedStartKeepsTheCountsAndTheLiveArrayFollowsThem() {
        assertThat(ReadEvidence.start()).isTrue();
        ReadEvidence.count(ReadEvidence.Counter.KV_SCANS);
        long[] live = ReadEvidence.live();
        assertThat(ReadEvidence.start()).isFalse();   // nested: shares, does not reset
        ReadEvidence.count(ReadEvidence.Counter.KV_SCANS);
        assertThat(live[ReadEvidence.Counter.KV_SCANS.ordinal()]).isEqualTo(2);
        ReadEvidence.stop();
        assertThat(ReadEvidence.start()).isTrue();    // a new collection starts from zero
        assertThat(ReadEvidence.snapshot()).containsOnly(0L);
    }
}
