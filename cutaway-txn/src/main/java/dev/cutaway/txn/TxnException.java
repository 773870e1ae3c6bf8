package dev.cutaway.txn;

/**
 * A transaction could not do what was asked because of another transaction (or its own
 * limits): the error a SQL user sees, with PostgreSQL's SQLSTATE. Unchecked, like the SQL
 * layer's errors; I/O failures stay {@link java.io.IOException}.
 *
 * <p>After any TxnException the transaction is still open but its last operation had no
 * effect; the caller decides to roll back (PostgreSQL's behaviour, which the SQL layer
 * enforces) or, with a savepoint, to roll back to it. A failed commit ({@link
 * Reason#SERIALIZATION_SSI} at commit) has already rolled the transaction back.
 */
public final class TxnException extends RuntimeException {

    /** Why, with the SQLSTATE and the counter name in {@link TxnStats#abortsByReason()}. */
    public enum Reason {
        /** First updater wins: the row changed after this transaction's snapshot. */
        SERIALIZATION_UPDATE("40001"),
        /** SSI found a dangerous structure of read-write dependencies. */
        SERIALIZATION_SSI("40001"),
        /** Chosen as the victim of a deadlock in the wait-for graph. */
        DEADLOCK("40P01"),
        /** Waited longer than the lock timeout. */
        LOCK_TIMEOUT("55P03"),
        /** A NOWAIT lock request found the row locked. */
        LOCK_NOT_AVAILABLE("55P03"),
        /** insert of a key that already has a live value. */
        DUPLICATE_KEY("23505"),
        /** A write in a READ ONLY transaction. */
        READ_ONLY("25006"),
        /** The write set outgrew what one commit record can hold. */
        TOO_LARGE("54000");

        private final String sqlState;

        Reason(String sqlState) {
            this.sqlState = sqlState;
        }

        public String sqlState() {
            return sqlState;
        }
    }

    private final Reason reason;

    public TxnException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** PostgreSQL's SQLSTATE for this error. */
    public String sqlState() {
        return reason.sqlState();
    }
}
