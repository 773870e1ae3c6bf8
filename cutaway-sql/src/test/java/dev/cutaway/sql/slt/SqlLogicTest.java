package dev.cutaway.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sqllogictest dev set against Cutaway in the normal suite (about half a minute), with a
 * floor per directory: the pass rates measured when the floor was set, so any regression fails
 * the build. The report goes to {@code target/slt-cutaway-suite.txt}; {@link CutawaySltRun}
 * runs the same set on demand with its own deadline. Every script runs: select1–5 must stay at
 * 100 % (issue 5), other directories at least at their measured rates
 * (docs/sql-compatibility.md explains each difference).
 */
class SqlLogicTest {
    private static final List<String> LEFT_OUT = List.of();

    /** Directory → lowest acceptable pass rate in percent (measured 2026-11-27). */
    private static final Map<String, Double> FLOORS = Map.ofEntries(
            Map.entry(".", 100.0),
            Map.entry("evidence", 87.0),
            Map.entry("index/between/10", 100.0),
            Map.entry("index/commute/10", 100.0),
            Map.entry("index/delete/10", 100.0),
            Map.entry("index/in/10", 100.0),
            Map.entry("index/orderby/10", 100.0),
            Map.entry("index/orderby_nosort/10", 100.0),
            Map.entry("index/random/10", 96.8),
            Map.entry("index/view/10", 95.0),   // DROP VIEW refused as PostgreSQL (95.02 %)
            Map.entry("random/aggregates", 99.98),
            Map.entry("random/expr", 99.97),
            Map.entry("random/groupby", 99.99),
            Map.entry("random/select", 100.0));

    @Test
    void devSetStaysAboveItsFloors() throws IOException {
        SltRunner runner = new SltRunner(CutawayEngine.factory(),
                SltRunner.Options.postgresql(60_000));
        Path root = SltCorpus.devSet();
        SltReport report = new SltReport("postgresql");
        for (Path relative : SltCorpus.scripts(root)) {
            String name = SltCorpus.name(relative);
            if (!LEFT_OUT.contains(name)) {
                report.add(runner.run(name, root.resolve(relative)));
            }
        }
        Path out = Path.of("target", "slt-cutaway-suite.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.text(), StandardCharsets.UTF_8);
        report.summaryLines().forEach(System.out::println);
        assertThat(report.byDirectory()).containsOnlyKeys(FLOORS.keySet());
        report.byDirectory().forEach((dir, totals) ->
                assertThat(totals.passRatePercent()).as("pass rate of %s (see %s)", dir, out)
                        .isGreaterThanOrEqualTo(FLOORS.get(dir)));
        assertThat(report.total().passRatePercent()).isGreaterThanOrEqualTo(99.68);   // PG: 99.69
    }
}
