package dev.cutaway.txn.hermitage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.txn.hermitage.ReplayFactory.Twist;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner judged against sessions that replay PostgreSQL ({@link ReplayFactory}): replaying
 * the spec classifies every case as PostgreSQL with every step agreeing, and each way an
 * engine can depart (not waiting, waiting where it should not, never returning, failing with
 * a foreign SQLSTATE or with 40001 instead) is classified and reported as README says.
 */
class HermitageRunnerTest {
    private static final long BLOCK_MILLIS = 100;
    private static final long RETURN_MILLIS = 500;
    private static final long STUCK_MILLIS = 1_000;

    private final HermitageSpec spec = load();
    private final HermitageRunner runner =
            new HermitageRunner(spec.setup(), BLOCK_MILLIS, RETURN_MILLIS, STUCK_MILLIS);

    private static HermitageSpec load() {
        try {
            return HermitageSpec.loadShared();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void replayingPostgresClassifiesAsPostgresWithEveryStepAgreeing() throws Exception {
        List<String> wrong = new ArrayList<>();
        int runs = 0;
        for (HermitageCase c : spec.cases()) {
            for (String level : spec.levels()) {
                RunResult r = runner.run(c, level, new ReplayFactory(c, level));
                runs++;
                if (!r.passed() || !r.stepsAgree()) {
                    wrong.add(r.report() + r.trace());
                }
            }
        }
        assertThat(runs).isEqualTo(56);
        assertThat(wrong).isEmpty();
    }

    @Test
    void writerThatDoesNotWaitCommitsADirtyWrite() throws Exception {
        HermitageCase g0 = spec.byId("G0");
        RunResult r = runner.run(g0, "read committed", new ReplayFactory(g0, "read committed")
                .twist(6, new Twist.Answer(new Outcome.Count(1))));
        assertThat(r.classification()).isEqualTo(Classification.ANOMALY);
        assertThat(r.passed()).isFalse();
        assertThat(r.differences()).singleElement().asString()
                .startsWith("step 6 (T2: update test set value = 12 where id = 1): "
                        + "expected blocks, got count 1");
        assertThat(r.observations().get(5).blocked()).isFalse();
    }

    @Test
    void waitingWherePostgresDoesNotIsCollectedWhenTheSessionIsNextNeeded() throws Exception {
        HermitageCase g1a = spec.byId("G1a");
        List<List<Object>> before = List.of(List.of(1L, 10L), List.of(2L, 20L));
        RunResult r = runner.run(g1a, "read committed", new ReplayFactory(g1a, "read committed")
                .twist(6, new Twist.BlockThen(new Outcome.Rows(before))));
        assertThat(r.classification()).isEqualTo(Classification.PREVENTED);
        Observation six = r.observations().get(5);
        assertThat(six.blocked()).isTrue();
        assertThat(six.outcome()).isEqualTo(new Outcome.Rows(before));
        assertThat(r.differences()).singleElement().asString()
                .contains("step 6").contains("got blocked, then rows");
    }

    @Test
    void slowStatementIsNotTakenForAWaitAndKeepsTheScriptOrder() throws Exception {
        HermitageCase pmp = spec.byId("PMP");
        RunResult r = runner.run(pmp, "read committed", new ReplayFactory(pmp, "read committed")
                .twist(7, new Twist.Slow(2 * BLOCK_MILLIS)));
        assertThat(r.passed()).isTrue();
        assertThat(r.stepsAgree()).isTrue();
        assertThat(r.observations()).noneMatch(Observation::blocked);
    }

    @Test
    void statementThatNeverReturnsMakesTheCaseStuck() throws Exception {
        HermitageCase g0 = spec.byId("G0");
        long started = System.nanoTime();
        RunResult r = runner.run(g0, "repeatable read", new ReplayFactory(g0, "repeatable read")
                .twist(6, new Twist.Hang()));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.classification()).isEqualTo(Classification.ERROR);
        assertThat(r.errorReason()).startsWith("stuck: T2 step 6");
        assertThat(r.observations()).extracting(Observation::n).containsExactly(
                1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(tookMillis).isLessThan(4 * STUCK_MILLIS);
    }

    @Test
    void foreignErrorInAHealthyTransactionIsAnError() throws Exception {
        HermitageCase p4 = spec.byId("P4");
        RunResult r = runner.run(p4, "read committed", new ReplayFactory(p4, "read committed")
                .twist(7, new Twist.Answer(new Outcome.Failed("42601", "syntax error"))));
        assertThat(r.classification()).isEqualTo(Classification.ERROR);
        assertThat(r.errorReason()).contains("T1").contains("42601");
    }

    @Test
    void abortedTransactionMayAnswerLaterStatementsWith25P02() throws Exception {
        HermitageCase g0 = spec.byId("G0");
        RunResult r = runner.run(g0, "serializable", new ReplayFactory(g0, "serializable"));
        assertThat(r.classification()).isEqualTo(Classification.PREVENTED);
        assertThat(r.observations().get(10).outcome())
                .isEqualTo(new Outcome.Failed("25P02", "current transaction is aborted"));
    }

    @Test
    void serializationFailureAtCommitPreventsWithAStepDifference() throws Exception {
        HermitageCase skew = spec.byId("G2-item");
        RunResult r = runner.run(skew, "repeatable read", new ReplayFactory(skew,
                "repeatable read").twist(10, new Twist.Answer(
                        new Outcome.Failed("40001", "could not serialize access"))));
        assertThat(r.classification()).isEqualTo(Classification.PREVENTED);
        assertThat(r.errorReason()).isNull();
        assertThat(r.differences()).singleElement().asString()
                .startsWith("step 10 (T2: commit): expected ok, got error 40001");
    }

    @Test
    void setupFailureIsAnError() throws Exception {
        HermitageCase g1b = spec.byId("G1b");
        RunResult r = runner.run(g1b, "serializable",
                new ReplayFactory(g1b, "serializable").failingSetup());
        assertThat(r.classification()).isEqualTo(Classification.ERROR);
        assertThat(r.errorReason()).startsWith("setup failed");
        assertThat(r.observations()).isEmpty();
    }
}
