package dev.cutaway.log;

/**
 * The log's counters, updated under the log's lock and copied out as {@link LogStats}.
 * Invariant: (1) {@code recordsFlushed <= recordsAppended + records recovered}, and the max of
 * records per flush is at least their mean.
 */
final class LogCounters {
    private long recordsAppended;
    private long bytesAppended;
    private long fsyncs;
    private long flushes;
    private long recordsFlushed;
    private long recordsPerFlushMax;
    private long segmentsRemoved;
    private long segmentsRecycled;
    private long sparesPreparedAhead;

    void appended(int recordBytes) {
        recordsAppended++;
        bytesAppended += recordBytes;
    }

    /** One leader write of {@code records} records, followed by a sync if {@code synced}. */
    void wrote(long records, boolean synced) {
        if (synced) {
            fsyncs++;
        }
        if (records > 0) {
            flushes++;
            recordsFlushed += records;
            recordsPerFlushMax = Math.max(recordsPerFlushMax, records);
        }
    }

    void segmentRemoved(boolean recycled) {
        segmentsRemoved++;
        segmentsRecycled += recycled ? 1 : 0;
    }

    void sparePrepared() {
        sparesPreparedAhead++;
    }

    LogStats snapshot(int segments, long firstLsn, long lastLsn, long durableLsn) {
        double mean = flushes == 0 ? 0 : (double) recordsFlushed / flushes;
        return new LogStats(recordsAppended, bytesAppended, fsyncs, flushes, recordsPerFlushMax,
                mean, segments, firstLsn, lastLsn, durableLsn, segmentsRemoved,
                segmentsRecycled, sparesPreparedAhead);
    }
}
