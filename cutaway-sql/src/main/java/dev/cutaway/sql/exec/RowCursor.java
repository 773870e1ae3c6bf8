package dev.cutaway.sql.exec;

/**
 * A pull-based stream of rows (the Volcano model): {@link #next()} returns the next row, or
 * null at the end. A cursor owns the arrays it returns only until the next call; callers that
 * keep rows copy them (operators here always return fresh arrays, so keeping is safe).
 */
public interface RowCursor extends AutoCloseable {

    /** The next row, or null when there are no more. */
    Object[] next();

    /** Releases what the cursor holds (KV cursors); idempotent. */
    @Override
    default void close() {}
}
