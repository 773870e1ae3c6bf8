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

    SessionState(Isolation defaultIsolation) {
        this.defaultIsolation = defaultIsolation;
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
            txn = inBlock ? store.begin(blockIsolation, blockReadOnly)
                    : store.begin(defaultIsolation);
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
                t.commit();
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
            return;
        }
        failed = true;
        if (savepointNames.isEmpty() && txn != null) {
            txn.rollback();
            txn = null;
        }
    }

    /** Commits (or rolls back) an autocommit statement's transaction. */
    void finishAutocommit(boolean commit) {
        Transaction t = txn;
        txn = null;
        if (!commit) {
            t.rollback();
            return;
        }
        try {
            t.commit();
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
