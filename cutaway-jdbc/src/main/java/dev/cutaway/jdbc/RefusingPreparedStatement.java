package dev.cutaway.jdbc;

import java.sql.*;

/**
 * Generated from {@code java.sql.PreparedStatement} (javap): every method of the interface throws
 * {@link SQLFeatureNotSupportedException} (SQLSTATE 0A000) until a subclass overrides it, so
 * what the driver does not support fails loudly and the supported part reads on its own.
 * Regenerate rather than edit by hand; overriding belongs in the subclass.
 */
abstract class RefusingPreparedStatement extends CutawayStatement implements PreparedStatement {

    RefusingPreparedStatement(CutawayConnection connection) {
        super(connection);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        throw refused("executeQuery");
    }

    @Override
    public int executeUpdate() throws SQLException {
        throw refused("executeUpdate");
    }

    @Override
    public void setNull(int p0, int p1) throws SQLException {
        throw refused("setNull");
    }

    @Override
    public void setBoolean(int p0, boolean p1) throws SQLException {
        throw refused("setBoolean");
    }

    @Override
    public void setByte(int p0, byte p1) throws SQLException {
        throw refused("setByte");
    }

    @Override
    public void setShort(int p0, short p1) throws SQLException {
        throw refused("setShort");
    }

    @Override
    public void setInt(int p0, int p1) throws SQLException {
        throw refused("setInt");
    }

    @Override
    public void setLong(int p0, long p1) throws SQLException {
        throw refused("setLong");
    }

    @Override
    public void setFloat(int p0, float p1) throws SQLException {
        throw refused("setFloat");
    }

    @Override
    public void setDouble(int p0, double p1) throws SQLException {
        throw refused("setDouble");
    }

    @Override
    public void setBigDecimal(int p0, java.math.BigDecimal p1) throws SQLException {
        throw refused("setBigDecimal");
    }

    @Override
    public void setString(int p0, String p1) throws SQLException {
        throw refused("setString");
    }

    @Override
    public void setBytes(int p0, byte[] p1) throws SQLException {
        throw refused("setBytes");
    }

    @Override
    public void setDate(int p0, Date p1) throws SQLException {
        throw refused("setDate");
    }

    @Override
    public void setTime(int p0, Time p1) throws SQLException {
        throw refused("setTime");
    }

    @Override
    public void setTimestamp(int p0, Timestamp p1) throws SQLException {
        throw refused("setTimestamp");
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, int p2) throws SQLException {
        throw refused("setAsciiStream");
    }

    @Override
    public void setUnicodeStream(int p0, java.io.InputStream p1, int p2) throws SQLException {
        throw refused("setUnicodeStream");
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, int p2) throws SQLException {
        throw refused("setBinaryStream");
    }

    @Override
    public void clearParameters() throws SQLException {
        throw refused("clearParameters");
    }

    @Override
    public void setObject(int p0, Object p1, int p2) throws SQLException {
        throw refused("setObject");
    }

    @Override
    public void setObject(int p0, Object p1) throws SQLException {
        throw refused("setObject");
    }

    @Override
    public boolean execute() throws SQLException {
        throw refused("execute");
    }

    @Override
    public void addBatch() throws SQLException {
        throw refused("addBatch");
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, int p2) throws SQLException {
        throw refused("setCharacterStream");
    }

    @Override
    public void setRef(int p0, Ref p1) throws SQLException {
        throw refused("setRef");
    }

    @Override
    public void setBlob(int p0, Blob p1) throws SQLException {
        throw refused("setBlob");
    }

    @Override
    public void setClob(int p0, Clob p1) throws SQLException {
        throw refused("setClob");
    }

    @Override
    public void setArray(int p0, Array p1) throws SQLException {
        throw refused("setArray");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        throw refused("getMetaData");
    }

    @Override
    public void setDate(int p0, Date p1, java.util.Calendar p2) throws SQLException {
        throw refused("setDate");
    }

    @Override
    public void setTime(int p0, Time p1, java.util.Calendar p2) throws SQLException {
        throw refused("setTime");
    }

    @Override
    public void setTimestamp(int p0, Timestamp p1, java.util.Calendar p2) throws SQLException {
        throw refused("setTimestamp");
    }

    @Override
    public void setNull(int p0, int p1, String p2) throws SQLException {
        throw refused("setNull");
    }

    @Override
    public void setURL(int p0, java.net.URL p1) throws SQLException {
        throw refused("setURL");
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        throw refused("getParameterMetaData");
    }

    @Override
    public void setRowId(int p0, RowId p1) throws SQLException {
        throw refused("setRowId");
    }

    @Override
    public void setNString(int p0, String p1) throws SQLException {
        throw refused("setNString");
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1, long p2) throws SQLException {
        throw refused("setNCharacterStream");
    }

    @Override
    public void setNClob(int p0, NClob p1) throws SQLException {
        throw refused("setNClob");
    }

    @Override
    public void setClob(int p0, java.io.Reader p1, long p2) throws SQLException {
        throw refused("setClob");
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1, long p2) throws SQLException {
        throw refused("setBlob");
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1, long p2) throws SQLException {
        throw refused("setNClob");
    }

    @Override
    public void setSQLXML(int p0, SQLXML p1) throws SQLException {
        throw refused("setSQLXML");
    }

    @Override
    public void setObject(int p0, Object p1, int p2, int p3) throws SQLException {
        throw refused("setObject");
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1, long p2) throws SQLException {
        throw refused("setAsciiStream");
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1, long p2) throws SQLException {
        throw refused("setBinaryStream");
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1, long p2) throws SQLException {
        throw refused("setCharacterStream");
    }

    @Override
    public void setAsciiStream(int p0, java.io.InputStream p1) throws SQLException {
        throw refused("setAsciiStream");
    }

    @Override
    public void setBinaryStream(int p0, java.io.InputStream p1) throws SQLException {
        throw refused("setBinaryStream");
    }

    @Override
    public void setCharacterStream(int p0, java.io.Reader p1) throws SQLException {
        throw refused("setCharacterStream");
    }

    @Override
    public void setNCharacterStream(int p0, java.io.Reader p1) throws SQLException {
        throw refused("setNCharacterStream");
    }

    @Override
    public void setClob(int p0, java.io.Reader p1) throws SQLException {
        throw refused("setClob");
    }

    @Override
    public void setBlob(int p0, java.io.InputStream p1) throws SQLException {
        throw refused("setBlob");
    }

    @Override
    public void setNClob(int p0, java.io.Reader p1) throws SQLException {
        throw refused("setNClob");
    }
}
