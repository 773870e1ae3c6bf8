package dev.cutaway.bench.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.RatioLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench sql} end to end on Cutaway only, every workload for a few dozen operations per
 * thread: the harness, the SQL of the workloads and the line format work (the peers and the
 * timed run are for {@code ./cutaway bench sql}, never the test run).
 */
@Timeout(120)
class SqlBenchSmokeTest {

    @Test
    void everyWorkloadRunsOnCutawayAndPrintsWellFormedLines(@TempDir Path root)
            throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> lines;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            lines = SqlCommand.runForTest(root, List.of(SqlPeer.CUTAWAY_BTREE),
                    List.of(SqlWorkload.values()), List.of(1, 2), 300, 40, out);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).strip().split("\n"))
                .containsExactlyElementsOf(lines);
        assertThat(lines).anyMatch(l -> l.startsWith("bench sql bulk_load cutaway-btree "));
        for (SqlWorkload w : SqlWorkload.values()) {
            for (int t : List.of(1, 2)) {
                String name = w.label() + "_" + t + "t";
                BenchLine line = lines.stream().filter(l -> l.startsWith("bench sql " + name
                        + " ")).map(BenchLine::parse).findFirst().orElseThrow();
                assertThat(line.opsPerSecond()).as(name).isPositive();
                assertThat(line.extras()).containsEntry("threads", Integer.toString(t))
                        .containsEntry("sync", "on").doesNotContainKey("errors");
            }
        }
        assertThat(lines).filteredOn(l -> l.startsWith("ratio "))
                .extracting(l -> RatioLine.parse(l).workload())
                .containsExactly("update_durable_scaling", "mixed_rw_scaling");
    }
}
