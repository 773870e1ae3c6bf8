package dev.cutaway.txn.hermitage;

/**
 * One connection in autocommit mode, as the Hermitage cases see it: {@code begin} …
 * {@code commit} in the script delimit a transaction. Each layer implements it over its own
 * interface (the transaction layer directly, the SQL layer over JDBC, the server over pgwire).
 *
 * <p>The runner calls a session from one thread only (its own), but that thread may be blocked
 * inside {@link #execute} while other sessions run: a blocked lock wait must block exactly
 * there, as a database connection would.
 */
public interface Session extends AutoCloseable {

    /**
     * Runs one statement. A SQL error (including a serialization failure or 25P02 in a failed
     * transaction) is a {@link Outcome.Failed}, never an exception; an exception means the
     * session itself broke, and the runner classifies the run as an error.
     */
    Outcome execute(String sql) throws Exception;

    /** Ends the session, rolling back an open transaction. */
    @Override
    void close() throws Exception;
}
