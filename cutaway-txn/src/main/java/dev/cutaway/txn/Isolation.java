package dev.cutaway.txn;

/**
 * The four SQL isolation levels, with PostgreSQL's meaning (issue 4, ADR 0011):
 * <ul>
 *   <li>{@link #READ_UNCOMMITTED} behaves exactly as {@link #READ_COMMITTED}: no dirty reads.</li>
 *   <li>{@link #READ_COMMITTED}: each statement reads a fresh snapshot
 *       ({@link Transaction#newStatement()}); a writer that finds a row locked waits, then
 *       works on the newest committed version.</li>
 *   <li>{@link #REPEATABLE_READ}: one snapshot for the whole transaction (snapshot isolation);
 *       first updater wins: writing or locking a row changed after the snapshot fails with
 *       40001.</li>
 *   <li>{@link #SERIALIZABLE}: repeatable read plus serializable snapshot isolation (SSI):
 *       dangerous structures of read-write antidependencies abort a transaction with 40001.</li>
 * </ul>
 */
public enum Isolation {
    READ_UNCOMMITTED("read uncommitted"),
    READ_COMMITTED("read committed"),
    REPEATABLE_READ("repeatable read"),
    SERIALIZABLE("serializable");

    private final String sqlName;

    Isolation(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The level's SQL name in lower case, as in {@code SET TRANSACTION ISOLATION LEVEL}. */
    public String sqlName() {
        return sqlName;
    }

    /** True if every statement takes a fresh snapshot (read committed and below). */
    public boolean snapshotPerStatement() {
        return this == READ_UNCOMMITTED || this == READ_COMMITTED;
    }

    /** The level named {@code name} (case and spaces/underscores ignored). */
    public static Isolation named(String name) {
        String wanted = name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        for (Isolation level : values()) {
            if (level.sqlName.equals(wanted)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown isolation level: " + name);
    }

    @Override
    public String toString() {
        return sqlName;
    }
}
