package dev.cutaway.log;

/**
 * One logical record of the write-ahead log. Every record carries its LSN: the record's sequence
 * number in the log, starting at 1 and strictly consecutive (no gaps, no repeats).
 *
 * <p>On disk each record starts with a type byte ({@link RecordFormat}); the hierarchy is sealed
 * so that a switch over it is exhaustive, and new kinds (transaction status) get a new type byte.
 */
public sealed interface LogRecord permits LogRecord.Batch, LogRecord.Checkpoint {

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
}
