package dev.cutaway.jdbc;

import dev.cutaway.sql.types.SqlArray;
import dev.cutaway.sql.types.SqlType;
import java.sql.SQLException;
import java.util.Map;

/**
 * A SQL array value read through {@link java.sql.ResultSet#getArray} (ADR 0028): its elements
 * as {@code getObject} would return them (Integer for int4, String for text, NULL as null),
 * the whole array or a 1-based slice of it. Reading it as a ResultSet is not supported.
 */
final class CutawayArray extends RefusingArray {
    private final SqlArray value;
    private final SqlType type;

    CutawayArray(SqlArray value, SqlType type) {
        this.value = value;
        this.type = type;
    }

    @Override
    public String getBaseTypeName() {
        return type.elementType().pgName();
    }

    @Override
    public int getBaseType() {
        return CutawayResultSetMetaData.jdbcType(type.elementType().id());
    }

    @Override
    public Object getArray() {
        return elements(1, value.length());
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) {
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        if (index < 1 || count < 0 || index - 1 + count > value.length()) {
            throw new SQLException("array slice " + index + "+" + count + " is outside 1.."
                    + value.length(), "2202E");
        }
        return elements((int) index, count);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map)
            throws SQLException {
        return getArray(index, count);
    }

    private Object[] elements(int from, int count) {
        Object[] out = new Object[count];
        for (int i = 0; i < count; i++) {
            Object e = value.elements().get(from - 1 + i);
            out[i] = e == null ? null : ValueConversions.standard(e);
        }
        return out;
    }

    @Override
    public void free() {}
}
