package dev.cutaway.server;

/**
 * A malformed or hostile message: the connection answers with a FATAL ErrorResponse carrying
 * {@link #sqlState()} (08P01 protocol_violation unless said otherwise) and closes. Never
 * crosses a connection's boundary: the server and other connections go on.
 */
final class ProtocolException extends Exception {
    private final String sqlState;

    ProtocolException(String message) {
        this("08P01", message);
    }

    ProtocolException(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    String sqlState() {
        return sqlState;
    }
}
