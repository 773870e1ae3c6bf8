package dev.cutaway.jdbc;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Prepared;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import dev.cutaway.sql.types.SqlType;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * A JDBC connection: one engine {@link Session} over a (possibly shared) {@link Database}.
 *
 * <p>Transactions are SQL statements sent to the session, as pgjdbc sends them to PostgreSQL:
 * <ul>
 *   <li>autocommit on (the default): each statement is its own transaction; when the
 *       connection's isolation is not read committed or it is read-only, the statement is
 *       wrapped in {@code BEGIN ISOLATION LEVEL ... [READ ONLY]} ... {@code COMMIT} (the engine
 *       has no session-level transaction characteristics yet);</li>
 *   <li>autocommit off: the first statement after a commit or rollback is preceded by
 *       {@code BEGIN} with the connection's modes (a transaction begins lazily), and
 *       {@link #commit()}/{@link #rollback()} send COMMIT/ROLLBACK.</li>
 * </ul>
 * Invariants: (1) with autocommit on, no transaction block is open between calls; (2) once
 * closed, the session is closed and the database reference given back exactly once. Calls
 * are serialized on the connection (the session is single-threaded); use one connection per
 * thread for concurrency.
 */
final class CutawayConnection extends RefusingConnection {
    /** Gives the database back to the driver's registry. */
    interface Release {
        void run() throws SQLException;
    }

    private final String url;
    private final Database database;
    private final Session session;
    private final Release release;
    private boolean closed;
    private boolean autoCommit = true;
    private boolean readOnly;
    private int isolation = TRANSACTION_READ_COMMITTED;
    private long savepointsMade;

    CutawayConnection(String url, Database database, Release release) {
        this.url = url;
        this.database = database;
        this.session = database.newSession();
        this.release = release;
    }

    String url() {
        return url;
    }

    Database database() {
        return database;
    }

    /** The session's time zone, for rendering timestamptz values as text. */
    ZoneId zone() {
        String name = session.setting("timezone");
        ZoneSetting last = zoneSetting;
        if (last != null && name != null && name.equals(last.name())) {
            return last.zone();   // the common case: the setting did not change since
        }
        ZoneId z;
        try {
            z = name == null ? ZoneOffset.UTC : ZoneId.of(name);
        } catch (DateTimeException e) {
            z = ZoneOffset.UTC;
        }
        zoneSetting = new ZoneSetting(name, z);
        return z;
    }

    /** A time zone setting and the zone {@link #zone()} parsed from it (one immutable pair). */
    private record ZoneSetting(String name, ZoneId zone) {}

    private volatile ZoneSetting zoneSetting;

    /**
     * Runs the statements of {@code sql} (usually one; a script of several is allowed, as
     * pgjdbc allows it) under the connection's transaction rules (class comment), one result
     * per statement. The first error stops the script.
     */
    synchronized List<Result> run(String sql) throws SQLException {
        return underRules(() -> session.execute(sql));
    }

    /**
     * Prepares {@code sql} (one statement, {@code $n} parameters) in the engine: parsed and
     * bound once, executed by {@link #execute(Prepared, List)}; {@code declared} types the
     * first parameters (UNKNOWN: inferred from the use).
     */
    synchronized Prepared prepare(String sql, List<SqlType> declared) throws SQLException {
        checkOpen();
        try {
            return session.prepare(sql, declared);
        } catch (SqlException e) {
            throw CutawaySqlException.of(e);
        }
    }

    /** One execution of a statement {@link #prepare}d here, under the transaction rules. */
    synchronized Result execute(Prepared prepared, List<Object> values) throws SQLException {
        return underRules(() -> prepared.execute(values));
    }

    private <T> T underRules(Supplier<T> work) throws SQLException {
        checkOpen();
        try {
            if (!autoCommit) {
                if (!session.inTransaction()) {
                    session.executeOne(beginSql());
                }
                return work.get();
            }
            if (isolation == TRANSACTION_READ_COMMITTED && !readOnly
                    || session.inTransaction()) {
                return work.get();
            }
            return runWrapped(work);
        } catch (SqlException e) {
            throw CutawaySqlException.of(e);
        }
    }

    private <T> T runWrapped(Supplier<T> work) {
        session.executeOne(beginSql());
        T results;
        try {
            results = work.get();
        } catch (SqlException e) {
            if (session.inTransaction()) {
                session.executeOne("ROLLBACK");
            }
            throw e;
        }
        if (session.inTransaction()) {   // the script itself may have ended the block
            session.executeOne("COMMIT");
        }
        return results;
    }

    private String beginSql() {
        return "BEGIN ISOLATION LEVEL " + isolationSql(isolation)
                + (readOnly ? " READ ONLY" : " READ WRITE");
    }

    static String isolationSql(int level) {
        return switch (level) {
            case TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            case TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> throw new IllegalArgumentException("isolation level " + level);
        };
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("This connection has been closed.", "08003");
        }
    }

    private void checkNotInTransaction(String what) throws SQLException {
        if (session.inTransaction()) {
            throw new SQLException("Cannot change " + what + " in the middle of a transaction.",
                    "25001");
        }
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return new CutawayStatement(this);
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        checkCursor(type, concurrency);
        return createStatement();
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability)
            throws SQLException {
        checkCursor(type, concurrency);
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        return new CutawayPreparedStatement(this, sql, null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency)
            throws SQLException {
        checkCursor(type, concurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency,
            int holdability) throws SQLException {
        checkCursor(type, concurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys)
            throws SQLException {
        checkOpen();
        return new CutawayPreparedStatement(this, sql,
                autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS ? "*" : null);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames)
            throws SQLException {
        checkOpen();
        return new CutawayPreparedStatement(this, sql, GeneratedKeys.returningList(columnNames));
    }

    private void checkCursor(int type, int concurrency) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw refused("scrollable or updatable result sets");
        }
    }

    @Override
    public String nativeSQL(String sql) {
        return sql;
    }

    @Override
    public synchronized void setAutoCommit(boolean on) throws SQLException {
        checkOpen();
        if (on && !autoCommit && session.inTransaction()) {
            commit();   // JDBC: switching autocommit on commits the open transaction
        }
        autoCommit = on;
    }

    @Override
    public synchronized boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public synchronized void commit() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot commit when autoCommit is enabled.", "25000");
        }
        if (!session.inTransaction()) {
            return;
        }
        boolean failed = session.inFailedTransaction();
        Result result = send("COMMIT");
        if (failed || !result.commandTag().equals("COMMIT")) {
            throw new SQLException("The transaction had failed and was rolled back, not"
                    + " committed.", "40000");
        }
    }

    @Override
    public synchronized void rollback() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot rollback when autoCommit is enabled.", "25000");
        }
        if (session.inTransaction()) {
            send("ROLLBACK");
        }
    }

    private Result send(String sql) throws SQLException {
        try {
            return session.executeOne(sql);
        } catch (SqlException e) {
            throw CutawaySqlException.of(e);
        }
    }

    @Override
    public synchronized void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        isolationSql(checkLevel(level));
        checkNotInTransaction("transaction isolation level");
        isolation = level;
    }

    private static int checkLevel(int level) throws SQLException {
        return switch (level) {
            case TRANSACTION_READ_UNCOMMITTED, TRANSACTION_READ_COMMITTED,
                 TRANSACTION_REPEATABLE_READ, TRANSACTION_SERIALIZABLE -> level;
            default -> throw new SQLException("Transaction isolation level " + level
                    + " not supported.", "0A000");
        };
    }

    @Override
    public synchronized int getTransactionIsolation() throws SQLException {
        checkOpen();
        return isolation;
    }

    @Override
    public synchronized void setReadOnly(boolean on) throws SQLException {
        checkOpen();
        checkNotInTransaction("read-only mode");
        readOnly = on;
    }

    @Override
    public synchronized boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return makeSavepoint(null);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null) {
            throw new SQLException("a savepoint name must not be null", "3B001");
        }
        return makeSavepoint(name);
    }

    private synchronized Savepoint makeSavepoint(String name) throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot establish a savepoint in auto-commit mode.", "25000");
        }
        CutawaySavepoint savepoint = new CutawaySavepoint(++savepointsMade, name);
        run("SAVEPOINT " + savepoint.sqlName());
        return savepoint;
    }

    @Override
    public synchronized void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        send("ROLLBACK TO SAVEPOINT " + CutawaySavepoint.of(savepoint).sqlName());
    }

    @Override
    public synchronized void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        send("RELEASE SAVEPOINT " + CutawaySavepoint.of(savepoint).sqlName());
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new CutawayDatabaseMetaData(this);
    }

    @Override
    public synchronized boolean isValid(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds < 0) {
            throw new SQLException("timeout must not be negative", "22023");
        }
        return !closed;
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();   // rolls back an open transaction
        } finally {
            release.run();
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();   // JDBC: a driver without catalogs ignores this
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return "public";
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.HOLD_CURSORS_OVER_COMMIT;   // result sets are fully materialized
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
            throw refused("setHoldability(CLOSE_CURSORS_AT_COMMIT)");
        }
    }
}
