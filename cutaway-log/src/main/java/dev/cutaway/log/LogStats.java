package dev.cutaway.log;

/**
 * A snapshot of the log's counters, the rows of the {@code cutaway.log} system view.
 *
 * @param recordsAppended records appended since open
 * @param bytesAppended encoded bytes of those records
 * @param fsyncs file syncs of segment data (group commits, rollovers, close)
 * @param flushes writes of buffered records to the file (each a group of records)
 * @param recordsPerFlushMax most records one flush wrote
 * @param recordsPerFlushMean mean records per flush (0 when there was none)
 * @param segments segment files the log has now
 * @param firstLsn first LSN still in the log
 * @param lastLsn last LSN appended (0 in an empty log)
 * @param durableLsn every record up to here is on disk
 * @param segmentsRemoved segments removed by {@link WriteAheadLog#removeSegmentsBefore(long)}
 * @param segmentsRecycled of those, how many became the spare (renamed, not deleted)
 * @param sparesPreparedAhead spares preallocated on the background executor, off the commit
 *     path
 */
public record LogStats(long recordsAppended, long bytesAppended, long fsyncs, long flushes,
                       long recordsPerFlushMax, double recordsPerFlushMean, int segments,
                       long firstLsn, long lastLsn, long durableLsn, long segmentsRemoved,
                       long segmentsRecycled, long sparesPreparedAhead) {

    /** The counters as name/value rows, names with units last, in a stable order. */
    public java.util.Map<String, Number> counters() {
        var rows = new java.util.LinkedHashMap<String, Number>();
        rows.put("records_appended", recordsAppended);
        rows.put("bytes_appended", bytesAppended);
        rows.put("fsyncs", fsyncs);
        rows.put("flushes", flushes);
        rows.put("records_per_flush_max", recordsPerFlushMax);
        rows.put("records_per_flush_mean", recordsPerFlushMean);
        rows.put("segments", segments);
        rows.put("first_lsn", firstLsn);
        rows.put("last_lsn", lastLsn);
        rows.put("durable_lsn", durableLsn);
        rows.put("segments_removed", segmentsRemoved);
        rows.put("segments_recycled", segmentsRecycled);
        rows.put("spares_prepared_ahead", sparesPreparedAhead);
        return rows;
    }
}
