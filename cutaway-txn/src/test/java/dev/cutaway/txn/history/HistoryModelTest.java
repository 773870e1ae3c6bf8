package dev.cutaway.txn.history;

import static dev.cutaway.txn.history.Histories.X;
import static dev.cutaway.txn.history.Histories.Y;
import static dev.cutaway.txn.history.Histories.r;
import static dev.cutaway.txn.history.Histories.setup;
import static dev.cutaway.txn.history.Histories.w;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The history model refuses what would make the checker's answers meaningless, clearly. */
class HistoryModelTest {

    @Test
    void aValueWrittenTwiceToOneKeyIsRefused() {
        assertThatThrownBy(() -> History.of(Txn.committed(1, 0, w(X, 5)),
                Txn.aborted(2, w(X, 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value 5 is written to key 1 by T1 and again by T2")
                .hasMessageContaining("unique per key");
    }

    @Test
    void theSameValueOnDifferentKeysIsFine() {
        assertThat(History.of(Txn.committed(1, 0, w(X, 5), w(Y, 5))).size()).isEqualTo(1);
    }

    @Test
    void duplicateIdsAndCommitSequencesAreRefused() {
        assertThatThrownBy(() -> History.of(Txn.aborted(1), Txn.aborted(1)))
                .hasMessageContaining("T1 appears twice");
        assertThatThrownBy(() -> History.of(Txn.committed(1, 3), Txn.committed(2, 3)))
                .hasMessageContaining("commit sequence 3 is used twice");
        assertThatThrownBy(() -> new Txn(1, Txn.Status.COMMITTED, java.util.List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anExplicitOrderMustListExactlyTheInstalledVersions() {
        History history = History.of(setup(),
                Txn.committed(1, 1, w(X, 11), w(X, 12)),
                Txn.aborted(2, w(Y, 21)));
        VersionOrder missing = Histories.order(new long[] {10}, new long[] {20});
        assertThatThrownBy(() -> HistoryChecker.check(history, missing))
                .hasMessageContaining("misses value 12 written by T1");
        VersionOrder intermediate = Histories.order(new long[] {10, 11, 12}, new long[] {20});
        assertThatThrownBy(() -> HistoryChecker.check(history, intermediate))
                .hasMessageContaining("lists value 11 written by T1");
        VersionOrder invented = VersionOrder.explicit(Map.of(X, new long[] {10, 12},
                Y, new long[] {20}, 9L, new long[] {1}));
        assertThatThrownBy(() -> HistoryChecker.check(history, invented))
                .hasMessageContaining("key 9 lists values nobody installed");
        VersionOrder right = Histories.order(new long[] {10, 12}, new long[] {20});
        assertThat(HistoryChecker.check(history, right).isClean()).isTrue();
    }

    @Test
    void theRecorderBuildsTheHistoryInCommitOrder() {
        HistoryRecorder recorder = new HistoryRecorder();
        long t1 = recorder.begin();
        long t2 = recorder.begin();
        long v = recorder.freshValue();
        recorder.write(t2, X, v);
        recorder.read(t1, X, null);
        recorder.commit(t2);
        recorder.read(t1, X, v);
        long t3 = recorder.begin();
        recorder.commit(t1);
        History history = recorder.history();
        assertThat(history.txns()).extracting(Txn::id).containsExactly(t2, t1, t3);
        assertThat(history.txns().get(0).commitSequence()).isZero();
        assertThat(history.txns().get(1).commitSequence()).isEqualTo(1);
        assertThat(history.txns().get(2).status()).isEqualTo(Txn.Status.ABORTED);
        // T1 read x absent, then T2's value: a non-repeatable read, G-single (T1 rw-> T2 wr-> T1).
        assertThat(HistoryChecker.check(history).kinds()).containsExactly(AnomalyKind.G_SINGLE);
    }

    @Test
    void theRecorderRefusesMisuse() {
        HistoryRecorder recorder = new HistoryRecorder();
        long t1 = recorder.begin();
        recorder.write(t1, X, 7);
        assertThatThrownBy(() -> recorder.write(t1, X, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value 7 was already written to key 1");
        recorder.abort(t1);
        assertThatThrownBy(() -> recorder.read(t1, X, null))
                .hasMessageContaining("T1 has already ended");
        assertThatThrownBy(() -> recorder.commit(42)).hasMessageContaining("T42 was never begun");
    }

    @Test
    void levelsAreNamedAsInSql() {
        assertThat(IsolationLevel.named("read committed")).isEqualTo(IsolationLevel.READ_COMMITTED);
        assertThat(IsolationLevel.named("REPEATABLE  READ"))
                .isEqualTo(IsolationLevel.REPEATABLE_READ);
        assertThat(IsolationLevel.named("snapshot isolation"))
                .isEqualTo(IsolationLevel.REPEATABLE_READ);
        assertThat(IsolationLevel.named("SERIALIZABLE")).isEqualTo(IsolationLevel.SERIALIZABLE);
        assertThat(IsolationLevel.named("read_uncommitted"))
                .isEqualTo(IsolationLevel.READ_UNCOMMITTED);
        assertThatThrownBy(() -> IsolationLevel.named("chaos"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void levelsAllowWhatPostgresAllows() {
        assertThat(IsolationLevel.READ_COMMITTED.allowed())
                .containsExactlyInAnyOrder(AnomalyKind.G_SINGLE, AnomalyKind.G2);
        assertThat(IsolationLevel.READ_UNCOMMITTED.allowed())
                .isEqualTo(IsolationLevel.READ_COMMITTED.allowed());
        assertThat(IsolationLevel.REPEATABLE_READ.allowed()).containsExactly(AnomalyKind.G2);
        assertThat(IsolationLevel.SERIALIZABLE.allowed()).isEmpty();
        for (IsolationLevel level : IsolationLevel.values()) {
            for (AnomalyKind kind : new AnomalyKind[] {AnomalyKind.G0, AnomalyKind.G1A,
                    AnomalyKind.G1B, AnomalyKind.G1C, AnomalyKind.GARBAGE_READ}) {
                assertThat(level.allows(kind)).as(level + " " + kind).isFalse();
            }
        }
    }

    @Test
    void unusedHelpersStayHonest() {
        assertThat(r(X, 1)).hasToString("r(1=1)");
        assertThat(w(X, 1)).hasToString("w(1=1)");
        assertThat(Histories.absent(X)).hasToString("r(1=absent)");
    }
}
