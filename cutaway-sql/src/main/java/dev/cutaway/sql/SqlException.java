package dev.cutaway.sql;

/**
 * An error a SQL user sees: a message in PostgreSQL's style, its five-character SQLSTATE, and
 * optionally the 1-based character position in the statement text it points at (psql draws a
 * caret under it), a detail and a hint.
 *
 * <p>Unchecked, so that expression evaluation and parsing do not declare it everywhere; the
 * session boundary (shell, JDBC, wire server) catches it and reports it.
 */
public class SqlException extends RuntimeException {
    private final String sqlState;
    private final int position;
    private final String detail;
    private final String hint;

    public SqlException(String sqlState, String message) {
        this(sqlState, message, 0, null, null, null);
    }

    public SqlException(String sqlState, String message, int position) {
        this(sqlState, message, position, null, null, null);
    }

    public SqlException(String sqlState, String message, int position, String detail,
            String hint, Throwable cause) {
        super(message, cause);
        if (sqlState == null || sqlState.length() != 5) {
            throw new IllegalArgumentException("SQLSTATE must have five characters: " + sqlState);
        }
        this.sqlState = sqlState;
        this.position = position;
        this.detail = detail;
        this.hint = hint;
    }

    /** The five-character SQLSTATE, e.g. {@code 42601} for a syntax error. */
    public String sqlState() {
        return sqlState;
    }

    /** 1-based character position in the statement text, or 0 when the error has none. */
    public int position() {
        return position;
    }

    /** PostgreSQL's DETAIL line, or null. */
    public String detail() {
        return detail;
    }

    /** PostgreSQL's HINT line, or null. */
    public String hint() {
        return hint;
    }

    /** The same error pointing at {@code newPosition} (used when an error is raised late). */
    public SqlException at(int newPosition) {
        return new SqlException(sqlState, getMessage(), newPosition, detail, hint, this);
    }
}
