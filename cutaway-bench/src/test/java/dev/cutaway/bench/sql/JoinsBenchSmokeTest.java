package dev.cutaway.bench.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.bench.BenchLine;
import dev.cutaway.bench.RatioLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench sql --workload joins} on Cutaway only at a tiny scale: the generator loads, the
 * eight queries run, and their answers are the ones H2 and SQLite also gave for the same data
 * (row count and checksum, recorded from a bench run in which all three engines agreed); the
 * lines are well formed. The timed comparison is for {@code ./cutaway bench}, never the tests.
 */
@Timeout(120)
class JoinsBenchSmokeTest {
    /** Scale 0.0005: 750 orders, 75 customers, 100 parts; seed 42 (the line format test). */
    private static final double SCALE = 0.0005;

    /**
     * The answers at scale 0.001, seed 42, as Cutaway, H2 2.3.232 and SQLite 3.50.3 all gave
     * them ({@link JoinsQuery.Answer}: row count, checksum). A change of the generator or of a
     * query changes them: record the new ones only from a run where all three agree.
     */
    private static final Map<JoinsQuery, String> AGREED = new EnumMap<>(Map.of(
            JoinsQuery.Q1, "rows=4 checksum=81494ac2cee4e38c",
            JoinsQuery.Q3, "rows=10 checksum=d5a9c30d430b014e",
            JoinsQuery.Q5, "rows=1 checksum=5ccd7fd13a4518f1",
            JoinsQuery.Q6, "rows=1 checksum=afcef6fdd148a7d6",
            JoinsQuery.Q10, "rows=20 checksum=c44de6bdc5661225",
            JoinsQuery.Q12, "rows=2 checksum=5dfb871bea2729fe",
            JoinsQuery.Q14, "rows=1 checksum=ab8df74d01142a41",
            JoinsQuery.Q19, "rows=1 checksum=97c390e24469967c"));

    @Test
    void queriesGiveTheAnswersAllEnginesAgreedOn(@TempDir Path root) throws Exception {
        SqlPeer.CUTAWAY_BTREE.create(root);
        try (Connection c = SqlPeer.CUTAWAY_BTREE.connect(root)) {
            long rows = JoinsData.createAndLoad(c, 0.001, 42, true);
            assertThat(rows).isEqualTo(count(c, "region") + count(c, "nation")
                    + count(c, "supplier") + count(c, "customer") + count(c, "part")
                    + count(c, "partsupp") + count(c, "orders") + count(c, "lineitem"));
            assertThat(count(c, "orders")).isEqualTo(1500);
            // Every lineitem's (part, supplier) is a partsupp row, as in TPC-H.
            assertThat(scalar(c, "SELECT COUNT(*) FROM lineitem, partsupp"
                    + " WHERE l_partkey = ps_partkey AND l_suppkey = ps_suppkey"))
                    .isEqualTo(count(c, "lineitem"));
            for (JoinsQuery q : JoinsQuery.values()) {
                assertThat(q.run(c).toString()).as(q.label()).isEqualTo(AGREED.get(q));
            }
        }
    }

    @Test
    void benchPrintsOneLinePerQueryAndTheTotal(@TempDir Path root) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JoinsBench.Result result;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            result = new JoinsBench(SCALE, 42, 1).run(root, List.of(SqlPeer.CUTAWAY_BTREE),
                    List.of(JoinsQuery.values()), out);
        }
        assertThat(result.wrong()).isEmpty();
        assertThat(bytes.toString(StandardCharsets.UTF_8).strip().split("\n"))
                .containsExactlyElementsOf(result.lines());
        assertThat(result.lines()).hasSize(JoinsQuery.values().length + 1)
                .noneMatch(l -> l.startsWith(RatioLine.PREFIX));
        for (JoinsQuery q : JoinsQuery.values()) {
            BenchLine line = result.lines().stream().map(BenchLine::parse)
                    .filter(l -> l.workload().equals(q.label())).findFirst().orElseThrow();
            assertThat(line.engine()).isEqualTo("cutaway-btree");
            assertThat(line.p50Micros()).as(q.label()).isPositive();
            assertThat(line.extras()).containsEntry("runs", "1").containsKey("result_rows");
        }
        BenchLine total = BenchLine.parse(result.lines().getLast());
        assertThat(total.workload()).isEqualTo("joins_total");
        assertThat(total.extras()).containsEntry("queries", "8");
    }

    @Test
    void numbersCompareByValueWhateverTheirType() {
        assertThat(JoinsQuery.normalized(new java.math.BigDecimal("1200.00")))
                .isEqualTo(JoinsQuery.normalized(1200L)).isEqualTo("1200");
        assertThat(JoinsQuery.normalized(0.0)).isEqualTo(JoinsQuery.normalized(0));
        assertThat(JoinsQuery.normalized(null)).isEqualTo("null");
    }

    private static long count(Connection c, String table) throws Exception {
        return scalar(c, "SELECT COUNT(*) FROM " + table);
    }

    private static long scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
