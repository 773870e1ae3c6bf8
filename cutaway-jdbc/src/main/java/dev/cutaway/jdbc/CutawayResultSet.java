package dev.cutaway.jdbc;

import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.types.SqlType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;

/**
 * A forward-only, read-only result set over the rows of one engine {@link Result} (already
 * materialized by the engine). The cursor starts before the first row; {@code row} is the
 * 0-based index of the current row, -1 before the first and {@code rows.size()} after the
 * last. Getters convert with {@link ValueConversions}; {@link #wasNull()} tells whether the
 * last getter read SQL NULL. Labels match case-insensitively, first column wins (JDBC).
 */
final class CutawayResultSet extends RefusingResultSet {
    private final Statement statement;
    private final Result result;
    private final List<Object[]> rows;
    private final ZoneId zone;
    private int row = -1;
    private boolean closed;
    private boolean lastWasNull;
    private int fetchSize;

    /** {@code maxRows} 0 shows every row. {@code statement} may be null (metadata results). */
    CutawayResultSet(Statement statement, Result result, int maxRows, ZoneId zone) {
        this.statement = statement;
        this.result = result;
        this.rows = maxRows > 0 && result.rows().size() > maxRows
                ? result.rows().subList(0, maxRows) : result.rows();
        this.zone = zone;
    }

    static CutawayResultSet empty(Statement statement) {
        return new CutawayResultSet(statement, new Result("SELECT 0", List.of(), List.of(),
                List.of(), 0), 0, ZoneOffset.UTC);
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("This ResultSet is closed.", "24000");
        }
    }

    /** The value in column {@code column} (1-based) of the current row; sets wasNull. */
    private Object value(int column) throws SQLException {
        checkOpen();
        if (row < 0 || row >= rows.size()) {
            throw new SQLException("ResultSet not positioned properly, perhaps you need to call"
                    + " next.", "24000");
        }
        if (column < 1 || column > result.columnNames().size()) {
            throw new SQLException("The column index is out of range: " + column
                    + ", number of columns: " + result.columnNames().size() + ".", "22023");
        }
        Object v = rows.get(row)[column - 1];
        lastWasNull = v == null;
        return v;
    }

    private SqlType type(int column) {
        return result.columnTypes().get(column - 1);
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (row < rows.size()) {
            row++;
        }
        return row < rows.size();
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            if (statement instanceof CutawayStatement s) {
                s.resultSetClosed();
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return lastWasNull;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        List<String> names = result.columnNames();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(label)) {
                return i + 1;
            }
        }
        throw new SQLException("The column name " + label + " was not found in this ResultSet.",
                "42703");
    }

    @Override
    public String getString(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.text(v, type(column), zone);
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        Object v = value(column);
        return v != null && ValueConversions.bool(v);
    }

    @Override
    public byte getByte(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : (byte) ValueConversions.integral(v, Byte.MIN_VALUE,
                Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : (short) ValueConversions.integral(v, Short.MIN_VALUE,
                Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : (int) ValueConversions.integral(v, Integer.MIN_VALUE,
                Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : ValueConversions.integral(v, Long.MIN_VALUE, Long.MAX_VALUE,
                "long");
    }

    @Override
    public float getFloat(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : (float) ValueConversions.floating(v);
    }

    @Override
    public double getDouble(int column) throws SQLException {
        Object v = value(column);
        return v == null ? 0 : ValueConversions.floating(v);
    }

    @Override
    public BigDecimal getBigDecimal(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.decimal(v, "BigDecimal");
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.bytes(v);
    }

    @Override
    public Date getDate(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.date(v, zone);
    }

    @Override
    public Time getTime(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.time(v, zone);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.timestamp(v);
    }

    /** A timestamp without time zone read as local time in {@code cal}'s zone (pgjdbc). */
    @Override
    public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
        Object v = value(column);
        if (v instanceof LocalDateTime t && cal != null) {
            return Timestamp.from(t.atZone(cal.getTimeZone().toZoneId()).toInstant());
        }
        return v == null ? null : ValueConversions.timestamp(v);
    }

    /** The date's midnight in {@code cal}'s zone. */
    @Override
    public Date getDate(int column, Calendar cal) throws SQLException {
        Object v = value(column);
        if (v instanceof LocalDate d && cal != null) {
            return new Date(d.atStartOfDay(cal.getTimeZone().toZoneId()).toInstant()
                    .toEpochMilli());
        }
        return v == null ? null : ValueConversions.date(v, zone);
    }

    /** The time of day on 1970-01-01 in {@code cal}'s zone. */
    @Override
    public Time getTime(int column, Calendar cal) throws SQLException {
        Object v = value(column);
        if (v instanceof LocalTime t && cal != null) {
            return new Time(t.atDate(LocalDate.EPOCH).atZone(cal.getTimeZone().toZoneId())
                    .toInstant().toEpochMilli());
        }
        return v == null ? null : ValueConversions.time(v, zone);
    }

    @Override
    public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(label), cal);
    }

    @Override
    public Date getDate(String label, Calendar cal) throws SQLException {
        return getDate(findColumn(label), cal);
    }

    @Override
    public Time getTime(String label, Calendar cal) throws SQLException {
        return getTime(findColumn(label), cal);
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getCharacterStream(String label) throws SQLException {
        return getCharacterStream(findColumn(label));
    }

    @Override
    public InputStream getBinaryStream(int column) throws SQLException {
        byte[] b = getBytes(column);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public InputStream getBinaryStream(String label) throws SQLException {
        return getBinaryStream(findColumn(label));
    }

    @Override
    public String getNString(int column) throws SQLException {
        return getString(column);
    }

    @Override
    public String getNString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public Object getObject(int column) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.standard(v, type(column));
    }

    @Override
    public java.sql.Array getArray(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (!(v instanceof dev.cutaway.sql.types.SqlArray a)) {
            throw new SQLException("column " + column + " is not an array", "42804");
        }
        return new CutawayArray(a, type(column));
    }

    @Override
    public java.sql.Array getArray(String label) throws SQLException {
        return getArray(findColumn(label));
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        Object v = value(column);
        return v == null ? null : ValueConversions.as(v, type, type(column), zone);
    }

    @Override
    public String getString(String label) throws SQLException {
        return getString(findColumn(label));
    }

    @Override
    public boolean getBoolean(String label) throws SQLException {
        return getBoolean(findColumn(label));
    }

    @Override
    public byte getByte(String label) throws SQLException {
        return getByte(findColumn(label));
    }

    @Override
    public short getShort(String label) throws SQLException {
        return getShort(findColumn(label));
    }

    @Override
    public int getInt(String label) throws SQLException {
        return getInt(findColumn(label));
    }

    @Override
    public long getLong(String label) throws SQLException {
        return getLong(findColumn(label));
    }

    @Override
    public float getFloat(String label) throws SQLException {
        return getFloat(findColumn(label));
    }

    @Override
    public double getDouble(String label) throws SQLException {
        return getDouble(findColumn(label));
    }

    @Override
    public BigDecimal getBigDecimal(String label) throws SQLException {
        return getBigDecimal(findColumn(label));
    }

    @Override
    public byte[] getBytes(String label) throws SQLException {
        return getBytes(findColumn(label));
    }

    @Override
    public Date getDate(String label) throws SQLException {
        return getDate(findColumn(label));
    }

    @Override
    public Time getTime(String label) throws SQLException {
        return getTime(findColumn(label));
    }

    @Override
    public Timestamp getTimestamp(String label) throws SQLException {
        return getTimestamp(findColumn(label));
    }

    @Override
    public Object getObject(String label) throws SQLException {
        return getObject(findColumn(label));
    }

    @Override
    public <T> T getObject(String label, Class<T> type) throws SQLException {
        return getObject(findColumn(label), type);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new CutawayResultSetMetaData(result.columnNames(), result.columnTypes());
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return row >= 0 && row < rows.size() ? row + 1 : 0;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row < 0 && !rows.isEmpty();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return row >= rows.size() && !rows.isEmpty();
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 0 && !rows.isEmpty();
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return row == rows.size() - 1 && !rows.isEmpty();
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw refused("setFetchDirection(" + direction + ")");
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public void setFetchSize(int rowsHint) throws SQLException {
        checkOpen();
        if (rowsHint < 0) {
            throw new SQLException("fetch size must be >= 0", "22023");
        }
        fetchSize = rowsHint;
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
    public String getCursorName() throws SQLException {
        throw refused("getCursorName (no named cursors)");
    }
}
