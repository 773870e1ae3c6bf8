package dev.cutaway.jdbc;

import java.sql.*;

/**
 * Generated from {@code java.sql.Connection} (javap): every method of the interface throws
 * {@link SQLFeatureNotSupportedException} (SQLSTATE 0A000) until a subclass overrides it, so
 * what the driver does not support fails loudly and the supported part reads on its own.
 * Regenerate rather than edit by hand; overriding belongs in the subclass.
 */
abstract class RefusingConnection implements Connection {

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
                "Connection." + method + " is not supported by the Cutaway driver", "0A000");
    }

    @Override
    public Statement createStatement() throws SQLException {
        throw refused("createStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String p0) throws SQLException {
        throw refused("prepareStatement");
    }

    @Override
    public CallableStatement prepareCall(String p0) throws SQLException {
        throw refused("prepareCall");
    }

    @Override
    public String nativeSQL(String p0) throws SQLException {
        throw refused("nativeSQL");
    }

    @Override
    public void setAutoCommit(boolean p0) throws SQLException {
        throw refused("setAutoCommit");
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        throw refused("getAutoCommit");
    }

    @Override
    public void commit() throws SQLException {
        throw refused("commit");
    }

    @Override
    public void rollback() throws SQLException {
        throw refused("rollback");
    }

    @Override
    public void close() throws SQLException {
        throw refused("close");
    }

    @Override
    public boolean isClosed() throws SQLException {
        throw refused("isClosed");
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        throw refused("getMetaData");
    }

    @Override
    public void setReadOnly(boolean p0) throws SQLException {
        throw refused("setReadOnly");
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        throw refused("isReadOnly");
    }

    @Override
    public void setCatalog(String p0) throws SQLException {
        throw refused("setCatalog");
    }

    @Override
    public String getCatalog() throws SQLException {
        throw refused("getCatalog");
    }

    @Override
    public void setTransactionIsolation(int p0) throws SQLException {
        throw refused("setTransactionIsolation");
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        throw refused("getTransactionIsolation");
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
    public Statement createStatement(int p0, int p1) throws SQLException {
        throw refused("createStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, int p1, int p2) throws SQLException {
        throw refused("prepareStatement");
    }

    @Override
    public CallableStatement prepareCall(String p0, int p1, int p2) throws SQLException {
        throw refused("prepareCall");
    }

    @Override
    public java.util.Map<String, Class<?>> getTypeMap() throws SQLException {
        throw refused("getTypeMap");
    }

    @Override
    public void setTypeMap(java.util.Map<String, Class<?>> p0) throws SQLException {
        throw refused("setTypeMap");
    }

    @Override
    public void setHoldability(int p0) throws SQLException {
        throw refused("setHoldability");
    }

    @Override
    public int getHoldability() throws SQLException {
        throw refused("getHoldability");
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw refused("setSavepoint");
    }

    @Override
    public Savepoint setSavepoint(String p0) throws SQLException {
        throw refused("setSavepoint");
    }

    @Override
    public void rollback(Savepoint p0) throws SQLException {
        throw refused("rollback");
    }

    @Override
    public void releaseSavepoint(Savepoint p0) throws SQLException {
        throw refused("releaseSavepoint");
    }

    @Override
    public Statement createStatement(int p0, int p1, int p2) throws SQLException {
        throw refused("createStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, int p1, int p2, int p3)
            throws SQLException {
        throw refused("prepareStatement");
    }

    @Override
    public CallableStatement prepareCall(String p0, int p1, int p2, int p3) throws SQLException {
        throw refused("prepareCall");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, int p1) throws SQLException {
        throw refused("prepareStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, int[] p1) throws SQLException {
        throw refused("prepareStatement");
    }

    @Override
    public PreparedStatement prepareStatement(String p0, String[] p1) throws SQLException {
        throw refused("prepareStatement");
    }

    @Override
    public Clob createClob() throws SQLException {
        throw refused("createClob");
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw refused("createBlob");
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw refused("createNClob");
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw refused("createSQLXML");
    }

    @Override
    public boolean isValid(int p0) throws SQLException {
        throw refused("isValid");
    }

    @Override
    public void setClientInfo(String p0, String p1) throws SQLClientInfoException {
        throw new SQLClientInfoException("setClientInfo is not supported", null);
    }

    @Override
    public void setClientInfo(java.util.Properties p0) throws SQLClientInfoException {
        throw new SQLClientInfoException("setClientInfo is not supported", null);
    }

    @Override
    public String getClientInfo(String p0) throws SQLException {
        throw refused("getClientInfo");
    }

    @Override
    public java.util.Properties getClientInfo() throws SQLException {
        throw refused("getClientInfo");
    }

    @Override
    public Array createArrayOf(String p0, Object[] p1) throws SQLException {
        throw refused("createArrayOf");
    }

    @Override
    public Struct createStruct(String p0, Object[] p1) throws SQLException {
        throw refused("createStruct");
    }

    @Override
    public void setSchema(String p0) throws SQLException {
        throw refused("setSchema");
    }

    @Override
    public String getSchema() throws SQLException {
        throw refused("getSchema");
    }

    @Override
    public void abort(java.util.concurrent.Executor p0) throws SQLException {
        throw refused("abort");
    }

    @Override
    public void setNetworkTimeout(java.util.concurrent.Executor p0, int p1) throws SQLException {
        throw refused("setNetworkTimeout");
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        throw refused("getNetworkTimeout");
    }
}
