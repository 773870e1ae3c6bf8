package dev.cutaway.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The sqllogictest dev set against real PostgreSQL, to validate the runner: the README's
 * independent runner measured PostgreSQL 15 at 324,039 passed and 1,005 failed (99.69 %), and
 * ours must agree. Not part of the normal suite: surefire collects only {@code *Test} classes,
 * so this runs when named, with a JDBC URL:
 *
 * <pre>
 * mvn -o -q -pl cutaway-sql -am test -Dtest=PostgresReferenceRun \
 *     -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dcutaway.slt.postgres='jdbc:postgresql://127.0.0.1:55437/slt?user=slt'
 * </pre>
 *
 * Optional: {@code -Dcutaway.slt.only=random/expr} (a sub-directory),
 * {@code -Dcutaway.slt.timeoutSeconds=600} (deadline per script). The report goes to
 * {@code target/slt-postgresql.txt}, the summary lines to standard output.
 */
class PostgresReferenceRun {
    static final String URL_PROPERTY = "cutaway.slt.postgres";
    static final long REFERENCE_JUDGED = 324_039 + 1_005;

    @Test
    void devSetRunsAsThePostgresqlReferenceSays() throws IOException {
        String url = System.getProperty(URL_PROPERTY);
        assertThat(url).as("-D" + URL_PROPERTY + "=jdbc:postgresql://... must name a server")
                .isNotBlank();
        SltReport report = run(url, System.getProperty("cutaway.slt.only", ""),
                Long.getLong("cutaway.slt.timeoutSeconds", 600));
        Path out = Path.of("target", "slt-postgresql.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.text() + String.join("\n", report.summaryLines()) + "\n",
                StandardCharsets.UTF_8);
        report.summaryLines().forEach(System.out::println);
        SltReport.Totals total = report.total();
        assertThat(total.errors()).as("records the runner could not judge").isZero();
        if (System.getProperty("cutaway.slt.only", "").isEmpty()) {
            // Which records count does not depend on the engine, only on the label: the
            // README's runner judged 324,039 + 1,005 records under "postgresql".
            assertThat(total.passed() + total.failed()).isEqualTo(REFERENCE_JUDGED);
            assertThat(total.passRatePercent()).as("PostgreSQL's pass rate").isGreaterThan(99.5);
        }
    }

    @Test
    void aScriptPastItsDeadlineIsCancelledOnTheServer() {
        String url = System.getProperty(URL_PROPERTY);
        assertThat(url).isNotBlank();
        SltRunner runner = new SltRunner(JdbcEngine.factory(url, "slt_deadline"),
                SltRunner.Options.postgresql(1_000));
        long startNanos = System.nanoTime();
        SltResults.FileResult r = runner.run("sleep.test", SltRunner.Source.of(
                "statement ok\nSELECT 1\n\nquery I\nSELECT 1 FROM pg_sleep(60)\n----\n1\n"));
        long tookMillis = (System.nanoTime() - startNanos) / 1_000_000;

        assertThat(r.passed()).isEqualTo(1);
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.firstFailures().getFirst().kind()).isEqualTo(SltResults.Kind.TIMEOUT);
        assertThat(r.firstFailures().getFirst().actual()).doesNotContain("abandoned");
        assertThat(tookMillis).isLessThan(5_000);
    }

    static SltReport run(String url, String only, long timeoutSeconds) throws IOException {
        SltRunner runner = new SltRunner(JdbcEngine.factory(url, "slt_run"),
                SltRunner.Options.postgresql(timeoutSeconds * 1000));
        return SltCorpus.run(SltCorpus.devSet(), only, runner, "postgresql",
                r -> System.out.printf("%s: %d passed, %d failed, %d skipped, %d errors, %d ms%n",
                        r.name(), r.passed(), r.failed(), r.skipped(), r.errors(),
                        r.elapsedMillis()));
    }

    /** {@code java ... PostgresReferenceRun <jdbc-url> [sub-directory]}: prints the report. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: PostgresReferenceRun <jdbc-url> [sub-directory]");
            System.exit(2);
        }
        SltReport report = run(args[0], args.length > 1 ? args[1] : "", 600);
        System.out.println(report.text());
        report.summaryLines().forEach(System.out::println);
    }
}
