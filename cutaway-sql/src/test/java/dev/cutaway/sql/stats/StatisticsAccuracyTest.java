package dev.cutaway.sql.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The estimators of {@link Analyzer} on generated skewed data, sampled (a tenth of the table)
 * and whole: null fraction, distinct counts (Duj1) and MCV frequencies within stated bounds
 * of the truth; histograms split the rest into equal-count buckets. Prints its seed; rerun
 * one with {@code -Dcutaway.seed=N}.
 */
class StatisticsAccuracyTest {
    private static final int ROWS = 60_000;
    private static final int SAMPLE = 6_000;

    private static long seed() {
        long seed = Long.getLong("cutaway.seed", new SplittableRandom().nextLong());
        System.out.println("StatisticsAccuracyTest seed " + seed);
        return seed;
    }

    /** Zipf-like over 1..distinct (value k with weight 1/k), nulls with {@code nulls}. */
    private static List<Object[]> skewed(SplittableRandom r, int distinct, double nulls) {
        double[] cumulative = new double[distinct];
        double sum = 0;
        for (int k = 1; k <= distinct; k++) {
            sum += 1.0 / k;
            cumulative[k - 1] = sum;
        }
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            Integer v = null;
            if (r.nextDouble() >= nulls) {
                double x = r.nextDouble() * sum;
                int lo = 0;
                int hi = distinct - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cumulative[mid] < x) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                v = lo + 1;
            }
            rows.add(new Object[] {i, v, i % 250});
        }
        return rows;
    }

    private static List<Object[]> sample(List<Object[]> rows, SplittableRandom r) {
        List<Object[]> copy = new ArrayList<>(rows);
        for (int i = 0; i < SAMPLE; i++) {
            int j = i + r.nextInt(copy.size() - i);
            Object[] t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return copy.subList(0, SAMPLE);
    }

    @Test
    void sampledEstimatesAreWithinBounds() {
        SplittableRandom r = new SplittableRandom(seed());
        List<Object[]> rows = skewed(r, 2000, 0.2);
        Map<Integer, Integer> truth = new HashMap<>();
        long nulls = 0;
        for (Object[] row : rows) {
            if (row[1] == null) {
                nulls++;
            } else {
                truth.merge((Integer) row[1], 1, Integer::sum);
            }
        }
        List<Object[]> sample = sample(rows, r);
        ColumnStats z = Analyzer.column("z", SqlType.INTEGER, sample, 1, ROWS);
        assertThat(z.nullFraction()).isCloseTo((double) nulls / ROWS, within(0.03));
        // Duj1 on a Zipf column: within a factor of 2 of the true distinct count
        double distinct = z.distinctCount(ROWS);
        assertThat(distinct).isBetween(truth.size() / 2.0, truth.size() * 2.0);
        // the true three most common values lead the list in order; the true top ten are
        // all in it, each frequency within 0.01 of the truth
        List<Integer> top = new ArrayList<>(truth.keySet());
        top.sort(Comparator.comparing((Integer k) -> -truth.get(k)));
        assertThat(z.mcvValues().subList(0, 3)).isEqualTo(List.copyOf(top.subList(0, 3)));
        for (int i = 0; i < 10; i++) {
            int at = Ranges.mcvIndex(z, top.get(i));
            assertThat(at).as("MCV " + top.get(i)).isNotNegative();
            assertThat(z.mcvFrequencies().get(at))
                    .isCloseTo((double) truth.get(top.get(i)) / ROWS, within(0.01));
        }
        // a unique column is recognised as unique (scales with the table)
        ColumnStats id = Analyzer.column("id", SqlType.INTEGER, sample, 0, ROWS);
        assertThat(id.distinct()).isEqualTo(-1.0);
        assertThat(id.mcvValues()).isEmpty();
        assertThat(id.histogramBounds()).hasSize(Analyzer.TARGET + 1);
        // 250 evenly spread values: about 250, all of them common
        ColumnStats m = Analyzer.column("m", SqlType.INTEGER, sample, 2, ROWS);
        assertThat(m.distinctCount(ROWS)).isCloseTo(250, within(25.0));
    }

    @Test
    void aSampleThatSawEveryValueKeepsThemAllAsCommonValues() {
        SplittableRandom r = new SplittableRandom(seed());
        // ten values: 0 in half the rows, 1 in 0.5%, 2..9 sharing the rest evenly
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            int v = i % 2 == 0 ? 0 : i % 200 == 1 ? 1 : 2 + (i / 2) % 8;
            rows.add(new Object[] {i, v});
        }
        ColumnStats c = Analyzer.column("c", SqlType.INTEGER, sample(rows, r), 1, ROWS);
        // Duj1 sees no value once, so the sample holds every value: all ten are MCVs (the
        // rare one is below 1.25 x the average and would otherwise get the rest's average)
        assertThat(c.distinctCount(ROWS)).isEqualTo(10.0);
        assertThat(c.mcvValues()).hasSize(10);
        assertThat(c.mcvFrequencies().get(Ranges.mcvIndex(c, 1)))
                .isCloseTo(0.005, within(0.003));
        assertThat(c.histogramBounds()).isEmpty();
    }

    @Test
    void wholeTableStatisticsAreExact() {
        SplittableRandom r = new SplittableRandom(seed());
        List<Object[]> rows = skewed(r, 50, 0.1).subList(0, 5000);
        ColumnStats z = Analyzer.column("z", SqlType.INTEGER, rows, 1, rows.size());
        long nulls = rows.stream().filter(x -> x[1] == null).count();
        long distinct = rows.stream().filter(x -> x[1] != null).map(x -> x[1]).distinct()
                .count();
        assertThat(z.nullFraction()).isEqualTo((double) nulls / rows.size());
        assertThat(z.distinctCount(rows.size())).isEqualTo((double) distinct);
        // every value fits the MCV list, so there is no histogram and the list sums up
        assertThat(z.mcvValues()).hasSize((int) distinct);
        assertThat(z.histogramBounds()).isEmpty();
        assertThat(z.mcvTotal() + z.nullFraction()).isCloseTo(1.0, within(1e-9));
        // the histogram of the id column splits it into equal-count buckets
        ColumnStats id = Analyzer.column("id", SqlType.INTEGER, rows, 0, rows.size());
        assertThat(id.histogramBounds().getFirst()).isEqualTo(0);
        assertThat(id.histogramBounds().getLast()).isEqualTo(4999);
        assertThat((Integer) id.histogramBounds().get(50)).isBetween(2490, 2510);
    }

    @Test
    void selectivityFollowsTheStatistics() {
        SplittableRandom r = new SplittableRandom(seed());
        List<Object[]> rows = skewed(r, 2000, 0.2);
        ColumnStats id = Analyzer.column("id", SqlType.INTEGER, rows, 0, ROWS);
        ColumnStats z = Analyzer.column("z", SqlType.INTEGER, rows, 1, ROWS);
        Selectivity sel = new Selectivity(c -> c == 0 ? id : z, c -> ROWS, null);
        var col = new dev.cutaway.sql.exec.BoundExpr.ColRef(0, 1, SqlType.INTEGER, "z");
        assertThat(sel.of(new dev.cutaway.sql.exec.BoundExpr.IsNull(col, false)))
                .isEqualTo(z.nullFraction());
        double one = sel.equality(1, new dev.cutaway.sql.exec.BoundExpr.Const(1,
                SqlType.INTEGER));
        assertThat(one).isEqualTo(z.mcvFrequencies().getFirst());
        // a value beyond the MCVs: the rest spread over the other distinct values
        double rare = sel.equality(1, new dev.cutaway.sql.exec.BoundExpr.Const(1999,
                SqlType.INTEGER));
        assertThat(rare).isLessThan(0.001).isGreaterThan(0);
        // position in the id histogram: a tenth of the ids are below ROWS / 10
        assertThat(Ranges.position(id.histogramBounds(), ROWS / 10))
                .isCloseTo(0.1, within(0.01));
    }

    @Test
    void aFractionalDistinctCountScalesWithTheTablesRows() {
        // half the rows distinct (n_distinct = -0.5), no MCVs: one value is 2 / rows
        ColumnStats half = new ColumnStats("h", 0, -0.5, 4, List.of(), List.of(), List.of());
        var value = new dev.cutaway.sql.exec.BoundExpr.Const(7, SqlType.INTEGER);
        for (double rows : new double[] {100, 10_000, 1_000_000}) {
            Selectivity sel = new Selectivity(c -> half, c -> rows, null);
            assertThat(sel.equality(0, value)).isCloseTo(2 / rows, within(1e-12));
        }
    }
}
