package dev.cutaway.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.check.InvariantViolation;
import dev.cutaway.sql.slt.SltEngine.SltRows;
import dev.cutaway.sql.slt.SltResults.Failure;
import dev.cutaway.sql.slt.SltResults.FileResult;
import dev.cutaway.sql.slt.SltResults.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runner against fake engines: one right, one wrong, one buggy, one that hangs. */
class SltRunnerTest {
    private static final SltRunner.Options OPTIONS =
            new SltRunner.Options("postgresql", 10_000, 1_000, 5);
    private static final Path GOLDEN =
            Path.of("src/test/resources/testdata/slt/toy-wrong.report.txt");

    private static SltRunner.Source toyScript() {
        return () -> new BufferedReader(new InputStreamReader(
                SltRunnerTest.class.getResourceAsStream("/testdata/slt/toy.test"),
                StandardCharsets.UTF_8));
    }

    private static SltRunner runner(SltEngine.Factory factory) {
        return new SltRunner(factory, OPTIONS, () -> 0L,
                Thread.ofPlatform().daemon(true).factory());
    }

    @Test
    void aCorrectEngineRunsTheToyScriptUpToItsHalt() {
        List<ToyEngine> opened = new ArrayList<>();
        FileResult r = runner(() -> {
            ToyEngine e = new ToyEngine();
            opened.add(e);
            return e;
        }).run("toy.test", toyScript());

        assertThat(r.firstFailures()).isEmpty();
        assertThat(r.passed()).isEqualTo(9);
        assertThat(r.failed()).isZero();
        assertThat(r.errors()).isZero();
        assertThat(r.skipped()).as("skipif postgresql and onlyif mysql").isEqualTo(2);
        assertThat(r.halted()).isTrue();
        assertThat(opened).hasSize(1);
        ToyEngine engine = opened.getFirst();
        assertThat(engine.closed).isTrue();
        assertThat(engine.executed).as("both statements of the multi-statement record ran")
                .contains("INSERT INTO t1 VALUES(2, 'two')", "INSERT INTO t1 VALUES(10, '')")
                .doesNotContain("THIS WOULD FAIL")
                .noneMatch(sql -> sql.contains("something") || sql.contains("mysql_only"));
    }

    @Test
    void aWrongEngineFailsExactlyTheRecordsItAnswersWrongly() {
        FileResult r = runner(ToyEngine::wrong).run("toy.test", toyScript());

        assertThat(r.passed()).isEqualTo(5);
        assertThat(r.failed()).isEqualTo(4);
        assertThat(r.firstFailures()).extracting(Failure::line).containsExactly(18, 28, 35, 64);
        assertThat(r.firstFailures()).extracting(Failure::kind).containsOnly(Kind.WRONG_RESULT);
        Failure orderBy = r.firstFailures().get(2);
        assertThat(orderBy.sql()).isEqualTo("SELECT a\nFROM t1 ORDER BY a");
        assertThat(orderBy.expected()).isEqualTo("NULL\n2\n10");
        assertThat(orderBy.actual()).isEqualTo("NULL\n2");
        assertThat(r.firstFailures().get(3).actual()).matches("4 values hashing to [0-9a-f]{32}");
    }

    @Test
    void theReportOfAWrongEngineMatchesItsGoldenFile() throws IOException {
        SltReport report = new SltReport("postgresql");
        report.add(runner(ToyEngine::wrong).run("toy/toy.test", toyScript()));
        report.add(runner(ToyEngine::new).run("toy/toy-again.test", toyScript()));
        String text = report.text() + String.join("\n", report.summaryLines()) + "\n";
        if (Boolean.getBoolean("cutaway.rewrite")) {
            Files.writeString(GOLDEN, text, StandardCharsets.UTF_8);
        }
        assertThat(text).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void theLabelDecidesWhichRecordsRunAndWhichHaltStops() {
        var mysql = new SltRunner(ToyEngine::new, new SltRunner.Options("mysql", 10_000, 0, 5))
                .run("toy.test", toyScript());
        assertThat(mysql.passed()).isEqualTo(9);
        assertThat(mysql.skipped()).isZero();
        assertThat(mysql.firstFailures()).extracting(Failure::line).containsExactly(45, 51);

        var mssql = new SltRunner(ToyEngine::new, new SltRunner.Options("MSSQL", 10_000, 0, 5))
                .run("toy.test", toyScript());
        assertThat(mssql.passed()).as("halted at line 55, before the count(*) query")
                .isEqualTo(7);
        assertThat(mssql.skipped()).isEqualTo(1);
        assertThat(mssql.halted()).isTrue();
        assertThat(mssql.firstFailures()).extracting(Failure::line).containsExactly(45);
    }

    @Test
    void aStatementErrorIsNotSatisfiedByAnEngineBug() {
        SltEngine buggy = new ScriptedEngine() {
            @Override
            public void execute(String sql) {
                throw new InvariantViolation("page 3 lost a slot");
            }
        };
        FileResult r = runner(() -> buggy).run("bug.test", SltRunner.Source.of(
                "statement error\nINSERT INTO nosuch VALUES(1)\n\nstatement ok\nSELECT 1\n"));

        assertThat(r.passed()).isZero();
        assertThat(r.failed()).isEqualTo(2);
        assertThat(r.firstFailures()).extracting(Failure::kind)
                .containsExactly(Kind.ENGINE_BUG, Kind.ENGINE_BUG);
        assertThat(r.firstFailures().getFirst().actual()).contains("BUG", "page 3 lost a slot");
    }

    @Test
    void aWrongColumnCountFailsEvenWithoutRows() {
        SltEngine engine = new ScriptedEngine() {
            @Override
            public SltRows query(String sql) {
                return new SltRows(2, List.of());
            }
        };
        FileResult r = runner(() -> engine).run("cols.test", SltRunner.Source.of(
                "query I nosort\nSELECT a FROM t\n----\n"));

        assertThat(r.failed()).isEqualTo(1);
        Failure f = r.firstFailures().getFirst();
        assertThat(f.kind()).isEqualTo(Kind.COLUMN_COUNT);
        assertThat(f.expected()).isEqualTo("1 columns (I)");
        assertThat(f.actual()).isEqualTo("2 columns");
    }

    @Test
    void everyFailureIsCountedButOnlyTheFirstFewAreKept() {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            script.append("statement ok\nBROKEN ").append(i).append("\n\n");
        }
        script.append("this is no record\n\nstatement ok\nCREATE TABLE t(a INTEGER)\n");
        FileResult r = runner(ToyEngine::new).run("many.test",
                SltRunner.Source.of(script.toString()));

        assertThat(r.failed()).isEqualTo(12);
        assertThat(r.errors()).as("the malformed record").isEqualTo(1);
        assertThat(r.passed()).as("parsing went on after the malformed record").isEqualTo(1);
        assertThat(r.firstFailures()).hasSize(OPTIONS.failuresShownMax());
        assertThat(r.firstFailures().getFirst().line()).isEqualTo(1);
    }

    @Test
    void anEngineThatWillNotOpenIsAnError() {
        FileResult r = runner(() -> {
            throw new IOException("connection refused");
        }).run("closed.test", SltRunner.Source.of("statement ok\nSELECT 1\n"));

        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.firstFailures().getFirst().kind()).isEqualTo(Kind.ENGINE_ERROR);
        assertThat(r.firstFailures().getFirst().actual()).contains("connection refused");
    }

    @Test
    void aScriptPastItsDeadlineIsCancelledAndReported() throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        SltEngine hanging = new ScriptedEngine() {
            @Override
            public SltRows query(String sql) throws InterruptedException {
                new CountDownLatch(1).await(); // until interrupted
                throw new AssertionError("unreachable");
            }

            @Override
            public void cancel() {
                cancelled.countDown();
            }
        };
        var options = new SltRunner.Options("postgresql", 200, 1_000, 5);
        long startNanos = System.nanoTime();
        FileResult r = new SltRunner(() -> hanging, options).run("slow.test",
                SltRunner.Source.of("statement ok\nSELECT 1\n\nquery I\nSELECT 2\n----\n2\n"));
        long tookMillis = (System.nanoTime() - startNanos) / 1_000_000;

        assertThat(cancelled.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(r.passed()).isEqualTo(1);
        assertThat(r.errors()).isEqualTo(1);
        Failure f = r.firstFailures().getFirst();
        assertThat(f.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(f.line()).isEqualTo(4);
        assertThat(tookMillis).isLessThan(5_000);
    }

    /** An engine whose statements succeed and whose queries return nothing, to override. */
    private static class ScriptedEngine implements SltEngine {
        @Override
        public void execute(String sql) throws Exception {}

        @Override
        public SltRows query(String sql) throws Exception {
            return new SltRows(1, List.of());
        }

        @Override
        public void close() {}
    }
}
