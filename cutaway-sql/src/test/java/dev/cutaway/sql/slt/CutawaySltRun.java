package dev.cutaway.sql.slt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole sqllogictest dev set against Cutaway, with the per-directory report written to
 * {@code target/slt-cutaway.txt}. Minutes long, so not part of the normal suite (surefire
 * collects only {@code *Test} classes; {@link SqlLogicTest} runs a fast sample there):
 *
 * <pre>
 * mvn -o -q -pl cutaway-sql -am test -Dtest=CutawaySltRun -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Optional: {@code -Dcutaway.slt.only=select1.test} or a sub-directory,
 * {@code -Dcutaway.slt.timeoutSeconds=600} (deadline per script).
 */
class CutawaySltRun {

    @Test
    void devSet() throws IOException {
        SltRunner runner = new SltRunner(CutawayEngine.factory(),
                SltRunner.Options.postgresql(
                        1000 * Long.getLong("cutaway.slt.timeoutSeconds", 600)));
        SltReport report = SltCorpus.run(SltCorpus.devSet(),
                System.getProperty("cutaway.slt.only", ""), runner, "postgresql",
                f -> System.out.println(f.name() + ": " + f.passed() + " passed, " + f.failed()
                        + " failed, " + f.errors() + " errors"));
        Path out = Path.of("target", "slt-cutaway.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.text() + String.join("\n", report.summaryLines()) + "\n",
                StandardCharsets.UTF_8);
        report.summaryLines().forEach(System.out::println);
    }
}
