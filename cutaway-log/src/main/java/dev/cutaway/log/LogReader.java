package dev.cutaway.log;

import java.io.IOException;

/**
 * Reads log records in LSN order, from the LSN given to {@link WriteAheadLog#read(long)} up to
 * the log's durable LSN at the time the reader was created. Not thread-safe: one reader, one
 * thread. Close it to release its file handles.
 */
public interface LogReader extends AutoCloseable {

    /**
     * The next record, or null at the end.
     *
     * @throws dev.cutaway.io.CorruptionException if a durable record cannot be read back intact
     */
    LogRecord next() throws IOException;

    @Override
    void close() throws IOException;
}
