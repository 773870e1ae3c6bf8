package dev.cutaway.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** The parts of {@link java.sql.Array} Cutaway does not offer: reading it as a ResultSet. */
abstract class RefusingArray implements Array {
    @Override
    public ResultSet getResultSet() throws SQLException {
        throw RefusingResultSet.refused("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        throw RefusingResultSet.refused("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        throw RefusingResultSet.refused("Array.getResultSet");
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map)
            throws SQLException {
        throw RefusingResultSet.refused("Array.getResultSet");
    }
}
