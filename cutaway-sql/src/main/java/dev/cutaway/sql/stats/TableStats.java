package dev.cutaway.sql.stats;

import java.util.List;

/**
 * The statistics of one table as of its last ANALYZE.
 *
 * @param tableId the relation id (ids are never reused, so a dropped table's entry is inert)
 * @param rowCount live rows counted by the scan ANALYZE made
 * @param sampleRows rows the per-column figures were computed from ({@code == rowCount} when
 *     the whole table fit in the sample)
 * @param averageRowBytes average encoded row size (for pages and widths)
 * @param analyzedAtMillis the database clock at ANALYZE (epoch milliseconds)
 * @param columns one entry per column, in column order
 */
public record TableStats(long tableId, long rowCount, long sampleRows, int averageRowBytes,
        long analyzedAtMillis, List<ColumnStats> columns) {

    public TableStats {
        columns = List.copyOf(columns);
    }

    /** The statistics of column {@code ordinal}, or null when the table changed shape. */
    public ColumnStats column(int ordinal) {
        return ordinal >= 0 && ordinal < columns.size() ? columns.get(ordinal) : null;
    }
}
