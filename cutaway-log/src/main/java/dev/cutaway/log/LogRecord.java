package dev.cutaway.log;

/**
 * One logical record of the write-ahead log. Every record carries its LSN: the record's sequence
 * number in the log, starting at 1 and strictly consecutive (no gaps, no repeats).
 *
 * <p>On disk each record starts with a type byte ({@link RecordFormat}); the hierarchy is sealed
 * so that a switch over it is exhaustive, and new kinds (transaction status) get a new type byte.
 *
 * <p>A change too large for one record is a run of {@link Part} records closed by one
 * {@link PartsCommit} (ADR 0029): the parts occupy the consecutive LSNs
 * {@code [firstPartLsn, lsn)} right before it, and they take effect only if that closing record
 * is in the log. Parts with no closing record (a crash cut the run off) are ignored by replay.
 */
public sealed interface LogRecord
        permits LogRecord.Batch, LogRecord.Checkpoint, LogRecord.Part, LogRecord.PartsCommit {

    /** The record's log sequence number (1, 2, 3, ...). */
    long lsn();

    /** An atomic batch of KV mutations; engines apply it whole at {@code lsn}. */
    record Batch(long lsn, WriteBatch batch) implements LogRecord {
        public Batch {
            if (batch == null) {
                throw new IllegalArgumentException("batch is null");
            }
        }
    }

    /**
     * Engine/space {@code space} has a durable image complete up to {@code checkpointLsn}: replay
     * for that space may start at {@code checkpointLsn + 1}. Always {@code checkpointLsn < lsn}.
     */
    record Checkpoint(long lsn, int space, long checkpointLsn) implements LogRecord {}

    /**
     * One piece of a change too large for one record: applied, at its own LSN, only once the
     * {@link PartsCommit} that closes its run is in the log.
     */
    record Part(long lsn, WriteBatch batch) implements LogRecord {
        public Part {
            if (batch == null) {
                throw new IllegalArgumentException("batch is null");
            }
        }
    }

    /**
     * Closes the run of {@link Part} records at LSNs {@code [firstPartLsn, lsn)}: they and
     * {@code batch} (applied at {@code lsn}) are one atomic change. Always
     * {@code 1 <= firstPartLsn < lsn}.
     */
    record PartsCommit(long lsn, long firstPartLsn, WriteBatch batch) implements LogRecord {
        public PartsCommit {
            if (batch == null) {
                throw new IllegalArgumentException("batch is null");
            }
            if (firstPartLsn < 1 || firstPartLsn >= lsn) {
                throw new IllegalArgumentException("first part LSN " + firstPartLsn
                        + " not in [1, " + lsn + ")");
            }
        }
    }
}
