package dev.cutaway.txn.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Histories produced by executing random transactions: a serial executor never shows an
 * anomaly; snapshot isolation never shows what REPEATABLE READ forbids (but does show write
 * skew); reading latest committed values never shows what READ COMMITTED forbids (but does
 * show lost updates). The checker neither misses nor invents anomalies on real executions.
 * jqwik prints the failing seed; the seeded loops print theirs and take {@code -Dcutaway.seed}.
 */
class ExecutedHistoriesTest {
    private static final long SEED = Long.getLong("cutaway.seed", 20261127L);

    @Property(tries = 200)
    void serialExecutionsAreClean(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int txns,
            @ForAll @IntRange(min = 1, max = 6) int keys) {
        SplittableRandom random = new SplittableRandom(seed);
        History history = Workloads.serial(Workloads.scripts(random, txns, keys, 6), random, 15);
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.isClean()).as(history + "\n" + result.describe()).isTrue();
    }

    @Property(tries = 200)
    void snapshotIsolationNeverShowsWhatRepeatableReadForbids(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 40) int txns,
            @ForAll @IntRange(min = 1, max = 6) int keys,
            @ForAll @IntRange(min = 2, max = 6) int concurrency) {
        SplittableRandom random = new SplittableRandom(seed);
        History history = Workloads.interleaved(Workloads.scripts(random, txns, keys, 5),
                ToyStore.Mode.SNAPSHOT, concurrency, random);
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.violationsOf(IsolationLevel.REPEATABLE_READ))
                .as(history + "\n" + result.describe()).isEmpty();
    }

    @Property(tries = 200)
    void latestCommittedReadsNeverShowWhatReadCommittedForbids(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 40) int txns,
            @ForAll @IntRange(min = 1, max = 6) int keys,
            @ForAll @IntRange(min = 2, max = 6) int concurrency) {
        SplittableRandom random = new SplittableRandom(seed);
        History history = Workloads.interleaved(Workloads.scripts(random, txns, keys, 5),
                ToyStore.Mode.LATEST_COMMITTED, concurrency, random);
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.violationsOf(IsolationLevel.READ_COMMITTED))
                .as(history + "\n" + result.describe()).isEmpty();
    }

    @Test
    void interleavedExecutionsDoShowWhatTheirLevelAllows() {
        EnumSet<AnomalyKind> snapshotKinds = EnumSet.noneOf(AnomalyKind.class);
        EnumSet<AnomalyKind> latestKinds = EnumSet.noneOf(AnomalyKind.class);
        for (long run = 0; run < 100; run++) {
            long seed = SEED + run;
            SplittableRandom random = new SplittableRandom(seed);
            var scripts = Workloads.scripts(random, 30, 3, 4);
            snapshotKinds.addAll(HistoryChecker.check(Workloads.interleaved(scripts,
                    ToyStore.Mode.SNAPSHOT, 4, new SplittableRandom(seed))).kinds());
            latestKinds.addAll(HistoryChecker.check(Workloads.interleaved(scripts,
                    ToyStore.Mode.LATEST_COMMITTED, 4, new SplittableRandom(seed))).kinds());
        }
        assertThat(snapshotKinds).as("seeds from " + SEED).containsExactly(AnomalyKind.G2);
        assertThat(latestKinds).as("seeds from " + SEED)
                .containsExactlyInAnyOrder(AnomalyKind.G_SINGLE, AnomalyKind.G2);
    }

    @Test
    void aDeliberatelyInterleavedTransferLosesAnUpdateAndIsFlagged() {
        // Two deposits into one account, interleaved read-read-write-write, no locks.
        ToyStore store = new ToyStore(ToyStore.Mode.LATEST_COMMITTED);
        long setup = store.begin();
        store.write(setup, 1);
        store.commit(setup);
        long t1 = store.begin();
        long t2 = store.begin();
        store.read(t1, 1);
        store.read(t2, 1);
        store.write(t1, 1);
        store.write(t2, 1);
        assertThat(store.commit(t1)).isTrue();
        assertThat(store.commit(t2)).isTrue();
        History history = store.history();
        assertThat(HistoryChecker.violations(history, IsolationLevel.READ_COMMITTED)).isEmpty();
        List<Anomaly> found = HistoryChecker.violations(history, IsolationLevel.SERIALIZABLE);
        assertThat(found).extracting(Anomaly::kind).containsExactly(AnomalyKind.G_SINGLE);
        assertThat(HistoryChecker.violations(history, IsolationLevel.REPEATABLE_READ))
                .isEqualTo(found);
    }

    @Test
    void snapshotIsolationPreventsTheSameLostUpdate() {
        ToyStore store = new ToyStore(ToyStore.Mode.SNAPSHOT);
        long t1 = store.begin();
        long t2 = store.begin();
        store.read(t1, 1);
        store.read(t2, 1);
        store.write(t1, 1);
        store.write(t2, 1);
        assertThat(store.commit(t1)).isTrue();
        assertThat(store.commit(t2)).as("first committer wins").isFalse();
        assertThat(HistoryChecker.check(store.history()).isClean()).isTrue();
    }
}
