package dev.cutaway.jdbc;

import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Column names and types of a result set. Types map to {@link Types} as pgjdbc maps
 * PostgreSQL's; type names are PostgreSQL's internal names ({@code int4}, {@code varchar},
 * {@code timestamptz}); precision and scale are numeric(p,s)'s, varchar(n)'s length, the
 * fractional digits of time types, or the natural precision of fixed-size types. The engine
 * does not report a column's table or nullability yet: table names are "" and nullability is
 * unknown.
 */
final class CutawayResultSetMetaData implements ResultSetMetaData {
    private final List<String> names;
    private final List<SqlType> types;

    CutawayResultSetMetaData(List<String> names, List<SqlType> types) {
        this.names = names;
        this.types = types;
    }

    private SqlType type(int column) throws SQLException {
        if (column < 1 || column > types.size()) {
            throw new SQLException("The column index is out of range: " + column
                    + ", number of columns: " + types.size() + ".", "22023");
        }
        return types.get(column - 1);
    }

    /** The {@link Types} code of a SQL type. */
    static int jdbcType(TypeId id) {
        return switch (id) {
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case NUMERIC -> Types.NUMERIC;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case TEXT, VARCHAR, UNKNOWN -> Types.VARCHAR;
            case CHAR -> Types.CHAR;
            case BOOLEAN -> Types.BOOLEAN;
            case DATE -> Types.DATE;
            case TIME -> Types.TIME;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
            case INTERVAL -> Types.OTHER;
            case BYTEA -> Types.BINARY;
            case ARRAY, INT2VECTOR, OIDVECTOR -> Types.ARRAY;
            case RECORD -> Types.OTHER;
        };
    }

    /** Precision as JDBC reports it: digits, characters, or 0 when unbounded. */
    static int precision(SqlType type) {
        return switch (type.id()) {
            case SMALLINT -> 5;
            case INTEGER -> 10;
            case BIGINT -> 19;
            case REAL -> 8;
            case DOUBLE -> 17;
            case BOOLEAN -> 1;
            case DATE -> 13;
            case NUMERIC, VARCHAR, CHAR -> Math.max(0, type.precision());
            case TIME, TIMESTAMP, TIMESTAMPTZ -> type.precision() < 0 ? 6 : type.precision();
            default -> 0;
        };
    }

    static String className(TypeId id) {
        return switch (id) {
            case SMALLINT, INTEGER -> Integer.class.getName();
            case BIGINT -> Long.class.getName();
            case NUMERIC -> java.math.BigDecimal.class.getName();
            case REAL -> Float.class.getName();
            case DOUBLE -> Double.class.getName();
            case BOOLEAN -> Boolean.class.getName();
            case DATE -> java.sql.Date.class.getName();
            case TIME -> java.sql.Time.class.getName();
            case TIMESTAMP, TIMESTAMPTZ -> java.sql.Timestamp.class.getName();
            case BYTEA -> byte[].class.getName();
            case INTERVAL -> dev.cutaway.sql.types.Interval.class.getName();
            case ARRAY, INT2VECTOR, OIDVECTOR -> java.sql.Array.class.getName();
            default -> String.class.getName();
        };
    }

    @Override
    public int getColumnCount() {
        return names.size();
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        type(column);
        return names.get(column - 1);
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return getColumnName(column);
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        return jdbcType(type(column).id());
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        return type(column).pgName();
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        return precision(type(column));
    }

    @Override
    public int getScale(int column) throws SQLException {
        SqlType t = type(column);
        return switch (t.id()) {
            case NUMERIC -> Math.max(0, t.scale());
            case TIME, TIMESTAMP, TIMESTAMPTZ -> t.precision() < 0 ? 6 : t.precision();
            default -> 0;
        };
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        return className(type(column).id());
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        int p = precision(type(column));
        return p == 0 ? Integer.MAX_VALUE : p + 2;
    }

    @Override
    public int isNullable(int column) throws SQLException {
        type(column);
        return columnNullableUnknown;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        return type(column).id().isNumeric();
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        type(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        return type(column).id().isString();
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        type(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        type(column);
        return false;
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        type(column);
        return false;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        type(column);
        return true;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        type(column);
        return false;
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        type(column);
        return "";
    }

    @Override
    public String getTableName(int column) throws SQLException {
        type(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        type(column);
        return "";
    }

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
}
