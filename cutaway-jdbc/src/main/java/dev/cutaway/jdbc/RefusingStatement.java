package dev.cutaway.jdbc;

import java.sql.*;

/**
 * Generated from {@code java.sql.Statement} (javap): every method of the interface throws
 * {@link SQLFeatureNotSupportedException} (SQLSTATE 0A000) until a subclass overrides it, so
 * what the driver does not support fails loudly and the supported part reads on its own.
 * Regenerate rather than edit by hand; overriding belongs in the subclass.
 */
abstract class RefusingStatement implements Statement {

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** The exception every method this driver does not support throws. */
    static SQLFeatureNotSupportedException refused(String method) {
        return new SQLFeatureNotSupportedException(
                "Statement." + method + " is not supported by the Cutaway driver", "0A000");
    }

    @Override
    public ResultSet executeQuery(String p0) throws SQLException {
        throw refused("executeQuery");
    }

    @Override
    public int executeUpdate(String p0) throws SQLException {
        throw refused("executeUpdate");
    }

    @Override
    public void close() throws SQLException {
        throw refused("close");
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        throw refused("getMaxFieldSize");
    }

    @Override
    public void setMaxFieldSize(int p0) throws SQLException {
        throw refused("setMaxFieldSize");
    }

    @Override
    public int getMaxRows() throws SQLException {
        throw refused("getMaxRows");
    }

    @Override
    public void setMaxRows(int p0) throws SQLException {
        throw refused("setMaxRows");
    }

    @Override
    public void setEscapeProcessing(boolean p0) throws SQLException {
        throw refused("setEscapeProcessing");
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        throw refused("getQueryTimeout");
    }

    @Override
    public void setQueryTimeout(int p0) throws SQLException {
        throw refused("setQueryTimeout");
    }

    @Override
    public void cancel() throws SQLException {
        throw refused("cancel");
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        throw refused("getWarnings");
    }

    @Override
    public void clearWarnings() throws SQLException {
        throw refused("clearWarnings");
    }

    @Override
    public void setCursorName(String p0) throws SQLException {
        throw refused("setCursorName");
    }

    @Override
    public boolean execute(String p0) throws SQLException {
        throw refused("execute");
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        throw refused("getResultSet");
    }

    @Override
    public int getUpdateCount() throws SQLException {
        throw refused("getUpdateCount");
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        throw refused("getMoreResults");
    }

    @Override
    public void setFetchDirection(int p0) throws SQLException {
        throw refused("setFetchDirection");
    }

    @Override
    public int getFetchDirection() throws SQLException {
        throw refused("getFetchDirection");
    }

    @Override
    public void setFetchSize(int p0) throws SQLException {
        throw refused("setFetchSize");
    }

    @Override
    public int getFetchSize() throws SQLException {
        throw refused("getFetchSize");
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        throw refused("getResultSetConcurrency");
    }

    @Override
    public int getResultSetType() throws SQLException {
        throw refused("getResultSetType");
    }

    @Override
    public void addBatch(String p0) throws SQLException {
        throw refused("addBatch");
    }

    @Override
    public void clearBatch() throws SQLException {
        throw refused("clearBatch");
    }

    @Override
    public int[] executeBatch() throws SQLException {
        throw refused("executeBatch");
    }

    @Override
    public Connection getConnection() throws SQLException {
        throw refused("getConnection");
    }

    @Override
    public boolean getMoreResults(int p0) throws SQLException {
        throw refused("getMoreResults");
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        throw refused("getGeneratedKeys");
    }

    @Override
    public int executeUpdate(String p0, int p1) throws SQLException {
        throw refused("executeUpdate");
    }

    @Override
    public int executeUpdate(String p0, int[] p1) throws SQLException {
        throw refused("executeUpdate");
    }

    @Override
    public int executeUpdate(String p0, String[] p1) throws SQLException {
        throw refused("executeUpdate");
    }

    @Override
    public boolean execute(String p0, int p1) throws SQLException {
        throw refused("execute");
    }

    @Override
    public boolean execute(String p0, int[] p1) throws SQLException {
        throw refused("execute");
    }

    @Override
    public boolean execute(String p0, String[] p1) throws SQLException {
        throw refused("execute");
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        throw refused("getResultSetHoldability");
    }

    @Override
    public boolean isClosed() throws SQLException {
        throw refused("isClosed");
    }

    @Override
    public void setPoolable(boolean p0) throws SQLException {
        throw refused("setPoolable");
    }

    @Override
    public boolean isPoolable() throws SQLException {
        throw refused("isPoolable");
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        throw refused("closeOnCompletion");
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        throw refused("isCloseOnCompletion");
    }
}
