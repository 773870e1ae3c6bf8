package dev.cutaway.txn.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The checker keeps up with histories of thousands of transactions: a clean serial one, a
 * snapshot-isolation one full of write-skew cycles, and a dense latest-committed one where
 * most transactions sit in one big strongly connected component. Times are printed; the
 * bound asserted is generous (the 2-core CI machine is shared).
 */
class CheckerPerformanceTest {
    private static final int TXNS = 5_000;
    private static final long TIME_MILLIS_MAX = 5_000;

    @Test
    void aSerialHistoryOfFiveThousandTransactions() {
        SplittableRandom random = new SplittableRandom(1);
        History history = Workloads.serial(Workloads.scripts(random, TXNS, 500, 8), random, 5);
        CheckResult result = timed("serial, 500 keys", history);
        assertThat(result.isClean()).isTrue();
    }

    @Test
    void aSnapshotHistoryOfFiveThousandTransactions() {
        SplittableRandom random = new SplittableRandom(2);
        History history = Workloads.interleaved(Workloads.scripts(random, TXNS, 50, 8),
                ToyStore.Mode.SNAPSHOT, 8, random);
        CheckResult result = timed("snapshot isolation, 50 keys, 8 open", history);
        assertThat(result.violationsOf(IsolationLevel.REPEATABLE_READ)).isEmpty();
    }

    @Test
    void aDenseLatestCommittedHistoryOfFiveThousandTransactions() {
        SplittableRandom random = new SplittableRandom(3);
        History history = Workloads.interleaved(Workloads.scripts(random, TXNS, 20, 8),
                ToyStore.Mode.LATEST_COMMITTED, 8, random);
        CheckResult result = timed("latest committed, 20 keys, 8 open", history);
        assertThat(result.violationsOf(IsolationLevel.READ_COMMITTED)).isEmpty();
        assertThat(result.kinds()).contains(AnomalyKind.G_SINGLE);
    }

    private static CheckResult timed(String what, History history) {
        HistoryChecker.check(history); // warm up
        long start = System.nanoTime();
        CheckResult result = HistoryChecker.check(history);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("history check, %s: %d txns, %d edges, %d anomalies, %d ms%n", what,
                history.size(), result.edges(), result.anomalies().size(), elapsedMillis);
        assertThat(elapsedMillis).as(what).isLessThan(TIME_MILLIS_MAX);
        return result;
    }
}
