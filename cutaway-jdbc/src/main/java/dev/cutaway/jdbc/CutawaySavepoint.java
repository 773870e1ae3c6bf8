package dev.cutaway.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * A savepoint of a {@link CutawayConnection}: named by the caller, or unnamed with a
 * connection-unique id and the SQL name {@code jdbc_savepoint_ID}. Names are sent quoted, so
 * any caller name is a valid identifier.
 */
record CutawaySavepoint(long id, String name) implements Savepoint {

    static CutawaySavepoint of(Savepoint savepoint) throws SQLException {
        if (savepoint instanceof CutawaySavepoint s) {
            return s;
        }
        throw new SQLException("not a savepoint of this driver: " + savepoint, "3B001");
    }

    String sqlName() {
        String raw = name == null ? "jdbc_savepoint_" + id : name;
        return "\"" + raw.replace("\"", "\"\"") + "\"";
    }

    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("Cannot retrieve the id of a named savepoint.", "3B001");
        }
        return (int) id;
    }

    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("Cannot retrieve the name of an unnamed savepoint.", "3B001");
        }
        return name;
    }
}
