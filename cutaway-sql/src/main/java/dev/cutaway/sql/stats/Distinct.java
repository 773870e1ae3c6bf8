package dev.cutaway.sql.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The distinct-count estimator and the MCV / histogram split of {@link Analyzer}, on a
 * column's sorted sample summarised as distinct values with their counts.
 */
final class Distinct {
    private Distinct() {}

    /**
     * Haas and Stokes' Duj1 estimator (PostgreSQL's analyze.c): with {@code n} non-null sampled
     * values, {@code d} distinct among them and {@code f1} seen once, in a table of {@code N}
     * non-null values, {@code D = n·d / (n − f1 + f1·n/N)}, clamped to [d, N]. When every
     * sampled value is unique the column is taken as unique (−1: grows with the table); when
     * the sample is the table, D = d. Results above 10% of the rows are stored as a negative
     * fraction so they scale as the table grows.
     */
    static double estimate(int nonNull, List<Integer> counts, int sampleRows, long totalRows,
            double nullFraction) {
        int d = counts.size();
        int f1 = 0;
        for (int c : counts) {
            if (c == 1) {
                f1++;
            }
        }
        double totalNonNull = Math.max(nonNull, totalRows * (1 - nullFraction));
        double estimate;
        if (sampleRows >= totalRows) {
            estimate = d;
        } else if (f1 == d) {
            return -(1 - nullFraction);   // all unique in the sample: unique in the table
        } else {
            double n = nonNull;
            estimate = n * d / (n - f1 + f1 * n / totalNonNull);
            estimate = Math.max(d, Math.min(estimate, totalNonNull));
        }
        if (totalRows > 0 && estimate > 0.1 * totalRows) {
            return -estimate / totalRows;
        }
        return estimate;
    }

    /**
     * The column's statistics with its most-common values (sample frequency above 1.25 times
     * the average and seen at least twice, or every value when all of them fit in the target
     * and there are no others: the sample is the whole table, or the distinct estimate says
     * the sample saw every value — PostgreSQL's rule; without it a 0.1% value of a ten-value
     * column falls below 1.25 × the average and is estimated at the average of the rest) and
     * an equi-depth histogram over the other values.
     */
    static ColumnStats withMcvsAndHistogram(String name, double nullFraction, double distinct,
            int width, List<Object> values, List<Integer> counts, int sampleRows,
            boolean wholeTable) {
        int nonNull = 0;
        for (int c : counts) {
            nonNull += c;
        }
        List<Integer> byCount = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            byCount.add(i);
        }
        byCount.sort(Comparator.comparing((Integer i) -> -counts.get(i)).thenComparing(i -> i));
        boolean sawAll = wholeTable || distinct > 0 && distinct <= values.size();
        boolean allFit = values.size() <= Analyzer.TARGET && sawAll;
        double average = (double) nonNull / values.size();
        List<Object> mcv = new ArrayList<>();
        List<Double> freqs = new ArrayList<>();
        boolean[] isMcv = new boolean[values.size()];
        for (int i : byCount) {
            int c = counts.get(i);
            boolean common = allFit || c >= 2 && c > 1.25 * average;
            if (!common || mcv.size() >= Analyzer.TARGET) {
                break;
            }
            mcv.add(values.get(i));
            freqs.add((double) c / sampleRows);
            isMcv[i] = true;
        }
        return new ColumnStats(name, nullFraction, distinct, width, mcv, freqs,
                histogram(values, counts, isMcv));
    }

    /** Up to TARGET + 1 bounds splitting the non-MCV values into equal-count buckets. */
    private static List<Object> histogram(List<Object> values, List<Integer> counts,
            boolean[] isMcv) {
        List<Object> rest = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!isMcv[i]) {
                for (int k = 0; k < counts.get(i); k++) {
                    rest.add(values.get(i));
                }
            }
        }
        int distinctRest = 0;
        for (boolean m : isMcv) {
            distinctRest += m ? 0 : 1;
        }
        if (distinctRest < 2) {
            return List.of();
        }
        int bounds = Math.min(Analyzer.TARGET + 1, distinctRest);
        List<Object> out = new ArrayList<>();
        for (int b = 0; b < bounds; b++) {
            long at = (long) b * (rest.size() - 1) / (bounds - 1);
            out.add(rest.get((int) at));
        }
        return out;
    }
}
