package dev.cutaway.txn.history;

import static dev.cutaway.txn.history.Histories.X;
import static dev.cutaway.txn.history.Histories.Y;
import static dev.cutaway.txn.history.Histories.absent;
import static dev.cutaway.txn.history.Histories.r;
import static dev.cutaway.txn.history.Histories.setup;
import static dev.cutaway.txn.history.Histories.w;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The canonical anomalies (Adya's thesis, Hermitage, Fekete et al.) written by hand and
 * classified exactly: each shows its one phenomenon, with the expected witness, and each level
 * forbids exactly what PostgreSQL forbids.
 */
class CanonicalAnomaliesTest {

    @Test
    void dirtyWriteIsG0WithTheEnginesVersionOrder() {
        // Adya's H_wcycle: w1(x1) w2(x2) w2(y2) c2 w1(y1) c1 with x1 << x2 and y2 << y1.
        History history = History.of(setup(),
                Txn.committed(1, 2, w(X, 11), w(Y, 21)),
                Txn.committed(2, 1, w(X, 12), w(Y, 22)));
        VersionOrder order = Histories.order(new long[] {10, 11, 12}, new long[] {20, 22, 21});
        CheckResult result = HistoryChecker.check(history, order);
        assertThat(result.kinds()).containsExactly(AnomalyKind.G0);
        assertThat(result.anomalies().get(0).toString())
                .isEqualTo("G0 write cycle: T1 -ww(key 1)-> T2 -ww(key 2)-> T1");
        for (IsolationLevel level : IsolationLevel.values()) {
            assertThat(result.violationsOf(level)).hasSize(1);
        }
    }

    @Test
    void commitOrderVersionsCannotShowAWriteCycle() {
        // The documented limit of the commit-order assumption: ww edges follow commit order.
        History history = History.of(setup(),
                Txn.committed(1, 2, w(X, 11), w(Y, 21)),
                Txn.committed(2, 1, w(X, 12), w(Y, 22)));
        assertThat(HistoryChecker.check(history).isClean()).isTrue();
    }

    @Test
    void abortedReadIsG1a() {
        History history = History.of(setup(),
                Txn.aborted(1, w(X, 11)),
                Txn.committed(2, 1, r(X, 11)));
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.kinds()).containsExactly(AnomalyKind.G1A);
        assertThat(result.anomalies().get(0).detail())
                .isEqualTo("T2 read 1=11 written by T1, which aborted");
        assertThat(HistoryChecker.violations(history, IsolationLevel.READ_COMMITTED)).hasSize(1);
    }

    @Test
    void anAbortedReaderOfAbortedDataShowsNothing() {
        History history = History.of(setup(),
                Txn.aborted(1, w(X, 11)),
                Txn.aborted(2, r(X, 11)));
        assertThat(HistoryChecker.check(history).isClean()).isTrue();
    }

    @Test
    void intermediateReadIsG1b() {
        History history = History.of(setup(),
                Txn.committed(1, 2, w(X, 11), w(X, 12)),
                Txn.committed(2, 1, r(X, 11)));
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.kinds()).containsExactly(AnomalyKind.G1B);
        assertThat(result.anomalies().get(0).detail())
                .isEqualTo("T2 read 1=11, which its writer T1 overwrote before committing");
    }

    @Test
    void circularInformationFlowIsG1c() {
        // Each of T1 and T2 reads the other's uncommitted write, then both commit.
        History history = History.of(setup(),
                Txn.committed(1, 1, w(X, 11), r(Y, 21)),
                Txn.committed(2, 2, w(Y, 21), r(X, 11)));
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.kinds()).containsExactly(AnomalyKind.G1C);
        assertThat(result.anomalies().get(0).toString())
                .isEqualTo("G1c circular information flow: T1 -wr(key 1)-> T2 -wr(key 2)-> T1");
        assertThat(result.violationsOf(IsolationLevel.READ_UNCOMMITTED)).hasSize(1);
    }

    @Test
    void lostUpdateIsGSingle() {
        // Hermitage P4: both read x=10, both write x, both commit.
        History history = History.of(setup(),
                Txn.committed(1, 1, r(X, 10), w(X, 11)),
                Txn.committed(2, 2, r(X, 10), w(X, 12)));
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.kinds()).containsExactly(AnomalyKind.G_SINGLE);
        assertThat(result.anomalies().get(0).toString()).isEqualTo(
                "G-single anti-dependency cycle: T2 -rw(key 1)-> T1 -ww(key 1)-> T2");
        assertAllowedOnlyAt(result, IsolationLevel.READ_UNCOMMITTED,
                IsolationLevel.READ_COMMITTED);
    }

    @Test
    void readSkewIsGSingle() {
        // T1 reads x before T2's commit and y after it.
        History history = History.of(setup(),
                Txn.committed(2, 1, r(X, 10), w(X, 11), r(Y, 20), w(Y, 21)),
                Txn.committed(1, 2, r(X, 10), r(Y, 21)));
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.kinds()).containsExactly(AnomalyKind.G_SINGLE);
        assertThat(result.anomalies().get(0).cycleTxns()).containsExactlyInAnyOrder(1L, 2L);
        assertAllowedOnlyAt(result, IsolationLevel.READ_UNCOMMITTED,
                IsolationLevel.READ_COMMITTED);
    }

    @Test
    void whenTheGSingleBoundIsHitTheCycleIsStillReportedAndSaysSo() {
        // Read skew needs the bounded search (T1 and T2 share no ww/wr component); with no
        // budget it must not come out clean: G2, a superset of G-single, with a note.
        History history = History.of(setup(),
                Txn.committed(2, 1, r(X, 10), w(X, 11), r(Y, 20), w(Y, 21)),
                Txn.committed(1, 2, r(X, 10), r(Y, 21)));
        DependencyGraph graph = new DependencyGraph(history, VersionOrder.fromCommitOrder(history));
        var found = new CycleSearch(graph, 0).findCycles();
        assertThat(found).extracting(Anomaly::kind).containsExactly(AnomalyKind.G2);
        assertThat(found.get(0).detail()).contains("G-single search bound reached");
    }

    @Test
    void writeSkewIsG2() {
        // Hermitage G2-item: both read x and y, each updates a different one, both commit.
        History history = History.of(setup(),
                Txn.committed(1, 1, r(X, 10), r(Y, 20), w(X, 11)),
                Txn.committed(2, 2, r(X, 10), r(Y, 20), w(Y, 21)));
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.kinds()).containsExactly(AnomalyKind.G2);
        assertThat(result.anomalies().get(0).toString())
                .isEqualTo("G2 anti-dependency cycle: T1 -rw(key 2)-> T2 -rw(key 1)-> T1");
        assertAllowedOnlyAt(result, IsolationLevel.READ_UNCOMMITTED,
                IsolationLevel.READ_COMMITTED, IsolationLevel.REPEATABLE_READ);
    }

    @Test
    void readOnlyAnomalyIsG2ThroughTheReader() {
        // Fekete, O'Neil, O'Neil (2004): x = checking, y = savings. T2 withdraws from checking
        // having read both; T1 deposits into savings and commits; read-only T3 then sees T1's
        // deposit but not T2's withdrawal. Without T3 the history is serializable.
        Txn t1 = Txn.committed(1, 1, r(Y, 20), w(Y, 21));
        Txn t2 = Txn.committed(2, 3, r(X, 10), r(Y, 20), w(X, 11));
        Txn t3 = Txn.committed(3, 2, r(X, 10), r(Y, 21));
        assertThat(HistoryChecker.check(History.of(setup(), t1, t2)).isClean()).isTrue();
        CheckResult result = HistoryChecker.check(History.of(setup(), t1, t2, t3));
        assertThat(result.kinds()).containsExactly(AnomalyKind.G2);
        assertThat(result.anomalies().get(0).cycleTxns()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(result.anomalies().get(0).cycle()).extracting(Edge::kind)
                .containsExactlyInAnyOrder(Edge.Kind.RW, Edge.Kind.RW, Edge.Kind.WR);
        assertAllowedOnlyAt(result, IsolationLevel.READ_UNCOMMITTED,
                IsolationLevel.READ_COMMITTED, IsolationLevel.REPEATABLE_READ);
    }

    @Test
    void readingAValueNobodyWroteIsAGarbageRead() {
        History history = History.of(setup(), Txn.committed(1, 1, r(X, 999)));
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.kinds()).containsExactly(AnomalyKind.GARBAGE_READ);
        assertThat(result.anomalies().get(0).toString()).isEqualTo("garbage read: T1 read 1=999,"
                + " a value no transaction wrote to that key");
    }

    @Test
    void readingAbsentBeforeAnInsertIsAnAntiDependency() {
        // Both see x absent and insert it: a lost insert, one rw edge and one ww edge.
        History history = History.of(
                Txn.committed(1, 0, absent(X), w(X, 1)),
                Txn.committed(2, 1, absent(X), w(X, 2)));
        assertThat(HistoryChecker.check(history).kinds()).containsExactly(AnomalyKind.G_SINGLE);
    }

    @Test
    void aSerialHistoryIsClean() {
        History history = History.of(setup(),
                Txn.committed(1, 1, r(X, 10), w(X, 11), r(X, 11)),
                Txn.committed(2, 2, r(X, 11), r(Y, 20), w(Y, 21)),
                Txn.aborted(3, r(Y, 21), w(Y, 22)),
                Txn.committed(4, 3, r(Y, 21), absent(7), w(7, 1)));
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.isClean()).isTrue();
        assertThat(result.describe()).startsWith("4 committed transactions,");
    }

    private static void assertAllowedOnlyAt(CheckResult result, IsolationLevel... allowing) {
        EnumSet<IsolationLevel> allow = EnumSet.noneOf(IsolationLevel.class);
        allow.addAll(java.util.List.of(allowing));
        for (IsolationLevel level : IsolationLevel.values()) {
            assertThat(result.violationsOf(level)).as(level.name())
                    .hasSize(allow.contains(level) ? 0 : result.anomalies().size());
        }
    }
}
