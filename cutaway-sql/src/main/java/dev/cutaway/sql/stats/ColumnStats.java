package dev.cutaway.sql.stats;

import java.util.List;

/**
 * What ANALYZE learned about one column, in PostgreSQL's pg_stats terms.
 *
 * <p>Invariants: {@code 0 <= nullFraction <= 1}; {@code mcvValues} and {@code mcvFrequencies}
 * have one entry per value, most common first, each frequency a fraction of ALL rows (nulls
 * included) and their sum plus {@code nullFraction} at most 1; {@code histogramBounds} are
 * sorted ascending, describe only the non-null values that are not MCVs, and split them into
 * {@code bounds - 1} buckets of (about) equal row counts; values are Java values of the
 * column's SQL type.
 *
 * @param nullFraction fraction of rows where the column is null
 * @param distinct distinct non-null values: {@code > 0} an absolute count, {@code < 0} minus
 *     a fraction of the row count (the count grows with the table, as for a unique column),
 *     0 unknown (PostgreSQL's n_distinct convention)
 * @param averageWidthBytes average width of non-null values in the row encoding
 */
public record ColumnStats(String name, double nullFraction, double distinct,
        int averageWidthBytes, List<Object> mcvValues, List<Double> mcvFrequencies,
        List<Object> histogramBounds) {

    public ColumnStats {
        mcvValues = List.copyOf(mcvValues);
        mcvFrequencies = List.copyOf(mcvFrequencies);
        histogramBounds = List.copyOf(histogramBounds);
        if (mcvValues.size() != mcvFrequencies.size() || nullFraction < 0 || nullFraction > 1) {
            throw new IllegalArgumentException("inconsistent column statistics for " + name);
        }
    }

    /** Distinct non-null values in a table of {@code rows} rows (at least 1). */
    public double distinctCount(double rows) {
        double d = distinct >= 0 ? distinct : -distinct * rows;
        return Math.max(1, Math.min(d, Math.max(1, rows * (1 - nullFraction))));
    }

    /** Sum of the MCV frequencies. */
    public double mcvTotal() {
        double sum = 0;
        for (double f : mcvFrequencies) {
            sum += f;
        }
        return sum;
    }
}
