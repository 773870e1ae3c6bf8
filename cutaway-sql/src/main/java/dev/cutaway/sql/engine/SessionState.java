package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnException;
import dev.cutaway.txn.TxnStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transaction state of a {@link Session} (its class comment draws the states): whether a
 * block is open or failed, the block's transaction (begun lazily), its modes, and its
 * savepoints by name.
 */
final class SessionState {
    private Isolation defaultIsolation;
    private boolean inBlock;
    private boolean failed;
    private Isolation blockIsolation;
    private boolean blockReadOnly;
    private Transaction txn;
    private final List<String> savepointNames = new ArrayList<>();
    private final List<Integer> savepointHandles = new ArrayList<>();
    private final CatalogVersion versions;
    /** The catalog version the open transaction's snapshot sees (see {@link CatalogVersion}). */
    private long snapshotVersion = CatalogVersion.UNKNOWN;
    /** Whether the open transaction wrote the catalog (its own DDL, unseen by others). */
    private boolean catalogWritten;

    SessionState(Isolation defaultIsolation, CatalogVersion versions) {
        this.defaultIsolation = defaultIsolation;
        this.versions = versions;
    }

    /**
     * Starts a statement that reads or writes: begins the transaction if needed, takes the
     * statement's table locks ({@link TableLocks}), then the statement's snapshot (read
     * committed) and notes which catalog version it sees.
     */
    Transaction beginStatement(TxnStore store, List<TableLocks.Want> locks) {
        Transaction t = ensureTransaction(store);
        TableLocks.acquire(t, locks);   // before the snapshot: what a wait let commit is seen
        long before = versions.beforeSnapshot();
        t.newStatement();
        if (t.isolation().snapshotPerStatement()) {
            snapshotVersion = versions.afterSnapshot(before);
        }
        return t;
    }

    /** The catalog version the current statement sees, UNKNOWN after its own DDL. */
    long statementCatalogVersion() {
        return catalogWritten ? CatalogVersion.UNKNOWN : snapshotVersion;
    }

    /** Notes that the open transaction wrote the catalog: its commit raises the version. */
    void catalogWritten() {
        catalogWritten = true;
    }

    private void commit(Transaction t, boolean ddl) throws IOException {
        if (!ddl) {
            t.commit();
            return;
        }
        try {
            versions.aroundDdlCommit(() -> {
                try {
                    t.commit();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    boolean inBlock() {
        return inBlock;
    }

    boolean failed() {
        return failed;
    }

    Isolation defaultIsolation() {
        return defaultIsolation;
    }

    void setDefaultIsolation(Isolation level) {
        defaultIsolation = level;
    }

    /** The isolation of the current (or next) transaction. */
    Isolation currentIsolation() {
        return txn != null ? txn.isolation() : inBlock ? blockIsolation : defaultIsolation;
    }

    void checkNotFailed() {
        if (failed) {
            throw new SqlException(SqlState.IN_FAILED_SQL_TRANSACTION, "current transaction is"
                    + " aborted, commands ignored until end of transaction block");
        }
    }

    Transaction ensureTransaction(TxnStore store) {
        if (txn == null) {
            long before = versions.beforeSnapshot();
            txn = inBlock ? store.begin(blockIsolation, blockReadOnly)
                    : store.begin(defaultIsolation);
            snapshotVersion = versions.afterSnapshot(before);
        }
        return txn;
    }

    Result begin(Statement.TransactionModes modes) {
        checkNotFailed();
        if (!inBlock) {   // else PostgreSQL warns "there is already a transaction in progress"
            inBlock = true;
            blockIsolation = defaultIsolation;
            blockReadOnly = false;
            applyModes(modes);
        }
        return Result.command("BEGIN");
    }

    private void applyModes(Statement.TransactionModes modes) {
        if (modes.isolation() != null) {
            blockIsolation = Isolation.valueOf(modes.isolation().name());
        }
        if (modes.readOnly() != null) {
            blockReadOnly = modes.readOnly();
        }
    }

    Result setTransaction(Statement.TransactionModes modes, int position) {
        checkNotFailed();
        if (!inBlock) {
            return Result.command("SET");   // PostgreSQL warns and ignores it
        }
        if (txn != null && modes.isolation() != null) {
            throw new SqlException(SqlState.ACTIVE_SQL_TRANSACTION, "SET TRANSACTION ISOLATION"
                    + " LEVEL must be called before any query", position);
        }
        applyModes(modes);
        return Result.command("SET");
    }

    Result commit() {
        if (!inBlock) {
            return Result.command("COMMIT");   // PostgreSQL warns "no transaction in progress"
        }
        boolean wasFailed = failed;
        boolean ddl = catalogWritten;
        Transaction t = txn;
        reset();
        if (wasFailed) {
            if (t != null) {
                t.rollback();
            }
            return Result.command("ROLLBACK");
        }
        if (t != null) {
            try {
                commit(t, ddl);
            } catch (TxnException | UncheckedIOException e) {
                throw Session.translate(e);
            } catch (IOException e) {
                throw Session.translate(new UncheckedIOException(e));
            }
        }
        return Result.command("COMMIT");
    }

    Result rollback() {
        if (txn != null) {
            txn.rollback();
        }
        reset();
        return Result.command("ROLLBACK");
    }

    private void reset() {
        inBlock = false;
        failed = false;
        txn = null;
        catalogWritten = false;
        snapshotVersion = CatalogVersion.UNKNOWN;
        savepointNames.clear();
        savepointHandles.clear();
    }

    /** After a failed statement: roll back (or keep for ROLLBACK TO), mark the block failed. */
    void fail() {
        if (!inBlock) {
            if (txn != null) {
                txn.rollback();
            }
            txn = null;
            catalogWritten = false;
            return;
        }
        failed = true;
        if (savepointNames.isEmpty() && txn != null) {
            txn.rollback();
            txn = null;
            catalogWritten = false;
        }
    }

    /** Commits (or rolls back) an autocommit statement's transaction. */
    void finishAutocommit(boolean commit) {
        Transaction t = txn;
        boolean ddl = catalogWritten;
        txn = null;
        catalogWritten = false;
        if (!commit) {
            t.rollback();
            return;
        }
        try {
            commit(t, ddl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result savepoint(String name) {
        savepointNames.add(name);
        savepointHandles.add(txn.savepoint());
        return Result.command("SAVEPOINT");
    }

    private int findSavepoint(String name, int position) {
        int i = savepointNames.lastIndexOf(name);
        if (i < 0 || txn == null) {
            throw new SqlException(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \""
                    + name + "\" does not exist", position);
        }
        return i;
    }

    Result rollbackTo(String name, int position) {
        if (!inBlock) {
            throw new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "ROLLBACK TO SAVEPOINT can only be used in transaction blocks", position);
        }
        if (failed && txn == null) {
            throw new SqlException(SqlState.INVALID_SAVEPOINT_SPECIFICATION, "savepoint \""
                    + name + "\" does not exist", position);
        }
        int i = findSavepoint(name, position);
        while (savepointNames.size() > i + 1) {
            savepointNames.removeLast();
            savepointHandles.removeLast();
            txn.releaseSavepoint();
        }
        txn.rollbackToSavepoint(savepointHandles.get(i));
        failed = false;
        return Result.command("ROLLBACK");
    }

    Result release(String name, int position) {
        if (!inBlock) {
            throw new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "RELEASE SAVEPOINT can only be used in transaction blocks", position);
        }
        int i = findSavepoint(name, position);
        while (savepointNames.size() > i) {
            savepointNames.removeLast();
            savepointHandles.removeLast();
            txn.releaseSavepoint();
        }
        return Result.command("RELEASE");
    }
}
