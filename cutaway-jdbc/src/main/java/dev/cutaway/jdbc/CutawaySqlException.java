package dev.cutaway.jdbc;

import dev.cutaway.sql.SqlException;
import java.sql.SQLException;

/**
 * A SQL error as JDBC sees it: {@link #getSQLState()} is the engine's SQLSTATE (PostgreSQL's
 * codes), the message is the engine's, and {@link #position()} is the 1-based character
 * offset into the statement text the engine reported (0 when it points nowhere). For prepared
 * statements the position is in the text after parameters were rendered into it.
 */
public final class CutawaySqlException extends SQLException {
    private final int position;

    CutawaySqlException(String message, String sqlState, int position, Throwable cause) {
        super(message, sqlState, cause);
        this.position = position;
    }

    /** The engine's error as a JDBC exception, keeping state, message, position and cause. */
    static CutawaySqlException of(SqlException e) {
        return new CutawaySqlException(e.getMessage(), e.sqlState(), e.position(), e);
    }

    /** 1-based position in the statement text, or 0. */
    public int position() {
        return position;
    }
}
