package dev.cutaway.txn.hermitage;

/**
 * A statement the transaction-layer sessions cannot run, with the SQLSTATE PostgreSQL would
 * give (42601 syntax error, 42P01 unknown table, 42703 unknown column, 22012 division by zero,
 * 22003 out of range).
 */
final class MiniSqlException extends Exception {
    private final String sqlState;

    MiniSqlException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    String sqlState() {
        return sqlState;
    }
}
