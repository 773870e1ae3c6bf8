package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.parse.Parser;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's SQL session: runs statements, keeps the transaction state. Not
 * thread-safe: one thread at a time (a connection's).
 *
 * <p>Transaction states, as PostgreSQL's:
 * <pre>
 *   idle ──BEGIN──▶ in block ──error──▶ failed ──ROLLBACK / COMMIT──▶ idle
 *     │                │ COMMIT/ROLLBACK                │ ROLLBACK TO savepoint
 *     │                ▼                                ▼
 *     │              idle                            in block
 *     └─ a statement outside a block runs in a transaction of its own (autocommit)
 * </pre>
 * Inside a block the {@link Transaction} begins at the first statement that reads or writes
 * (PostgreSQL takes the snapshot there, so SET TRANSACTION may come first). In the failed
 * state every statement but ROLLBACK, COMMIT (answered as ROLLBACK) and ROLLBACK TO fails
 * with 25P02. A failed statement's effects are undone: without savepoints the transaction is
 * rolled back at once (its locks released); with savepoints it is kept for ROLLBACK TO.
 * Invariants: (1) {@code failed} implies {@code inBlock}; (2) outside a block there is no
 * open transaction between statements; (3) savepoint names and handles have equal length.
 */
public final class Session implements AutoCloseable {
    private final Database db;
    private final SessionState state;
    private final StatementRunner runner;

    Session(Database db, long number) {
        this.db = db;
        this.state = new SessionState(db.options().defaultIsolation(), db.catalogVersion());
        this.runner = new StatementRunner(db, state, number);
    }

    /**
     * Runs a script, one result per statement. Stops at the first error, throwing it as a
     * {@link SqlException} with its SQLSTATE and position in {@code sql}; the results of the
     * statements before it are lost to the caller, but their effects stay (autocommit).
     */
    public List<Result> execute(String sql) {
        List<Statement> statements = Parser.parseScript(sql);
        List<Result> results = new ArrayList<>(statements.size());
        for (Statement st : statements) {
            results.add(run(st));
        }
        return results;
    }

    /** Runs exactly one statement. */
    public Result executeOne(String sql) {
        return run(Parser.parse(sql));
    }

    /**
     * Runs one statement with values for its parameters {@code $1, $2, ...}, given as text
     * (as the wire protocol's text format sends them; null is SQL NULL): each is read as the
     * type its use calls for, like an untyped literal.
     */
    public Result executeOne(String sql, List<String> parameters) {
        Statement st = Parser.parse(sql);
        return isControl(st) || parameters.isEmpty() ? run(st) : data(st, parameters);
    }

    private static boolean isControl(Statement st) {
        return st instanceof Statement.Begin || st instanceof Statement.Commit
                || st instanceof Statement.Rollback || st instanceof Statement.Savepoint
                || st instanceof Statement.RollbackToSavepoint
                || st instanceof Statement.ReleaseSavepoint
                || st instanceof Statement.SetTransaction;
    }

    /**
     * Prepares one statement: parses it, infers its parameters' types and describes its result
     * columns by binding it in this session's transaction (or one of its own), without running
     * it. A syntax error (42601) or a missing table or column (42P01, 42703) fails here, and
     * inside a block fails the block as any statement would. See {@link Prepared}.
     */
    public Prepared prepare(String sql) {
        return prepare(sql, List.of());
    }

    /**
     * Prepares one statement whose first parameters have declared types (as the wire
     * protocol's Parse may give them, or a JDBC driver from the bound values' classes):
     * {@code declared.get(n-1)} types {@code $n}; absent or UNKNOWN entries are inferred.
     */
    public Prepared prepare(String sql, List<SqlType> declared) {
        Statement st = Parser.parse(sql);
        if (isControl(st) || !StatementRunner.needsTransaction(st)) {
            List<SqlType> types = new ArrayList<>();
            for (int i = 1; i <= ParameterTypes.count(sql); i++) {
                types.add(i <= declared.size() ? declared.get(i - 1) : SqlType.UNKNOWN);
            }
            return new Prepared(this, sql, st, types, List.of());
        }
        return inStatement(st, List.of(), (txn, version) ->   // binding only: no table locks
                PrepareBinder.prepare(this, sql, st, declared, runner, txn, version));
    }

    /** One execution of a prepared statement of this session. */
    Result execute(Prepared p, List<?> values) {
        Statement st = p.statement();
        if (isControl(st) || !StatementRunner.needsTransaction(st)) {
            return run(st);
        }
        return inStatement(st, p.tableLocks(), (txn, version) ->
                runner.runTracked(st, p.normalised(),
                        () -> p.run(runner, txn, version, values)));
    }

    /** Runs one parsed statement. */
    public Result run(Statement st) {
        return switch (st) {
            case Statement.Begin b -> state.begin(b.modes());
            case Statement.Commit c -> ended(state.commit());
            case Statement.Rollback r -> ended(state.rollback());
            case Statement.Savepoint s -> savepoint(s);
            case Statement.RollbackToSavepoint r -> state.rollbackTo(r.name(), r.position());
            case Statement.ReleaseSavepoint r -> {
                state.checkNotFailed();
                yield state.release(r.name(), r.position());
            }
            case Statement.SetTransaction s -> state.setTransaction(s.modes(), s.position());
            default -> data(st);
        };
    }

    /** Tells the runner whether the transaction's changes count (auto-analyze). */
    private Result ended(Result r) {
        runner.transactionEnded(r.commandTag().equals("COMMIT"));
        db.afterCommit();
        return r;
    }

    private Result savepoint(Statement.Savepoint s) {
        state.checkNotFailed();
        if (!state.inBlock()) {
            throw new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION,
                    "SAVEPOINT can only be used in transaction blocks", s.position());
        }
        state.ensureTransaction(db.txnStore());
        return state.savepoint(s.name());
    }

    /** A statement that reads or writes: in the block's transaction or its own. */
    private Result data(Statement st) {
        return data(st, List.of());
    }

    private Result data(Statement st, List<String> parameters) {
        if (!StatementRunner.needsTransaction(st)) {
            state.checkNotFailed();
            return runner.runWithoutTransaction(st);
        }
        return inStatement(st, (txn, version) ->
                runner.runTracked(st, () -> runner.run(st, txn, parameters, List.of())));
    }

    /** Work of one statement in its transaction, told the catalog version its snapshot sees. */
    @FunctionalInterface
    private interface StatementWork<T> {
        T run(Transaction txn, long catalogVersion);
    }

    /**
     * Runs {@code work} for statement {@code st} in the block's transaction or its own
     * (committed after it), failing the transaction when it throws. A statement that may
     * write the catalog marks the transaction, so its commit raises the catalog version and
     * its own later statements bind without the plan cache.
     */
    private <T> T inStatement(Statement st, StatementWork<T> work) {
        return inStatement(st, TableLocks.of(st), work);
    }

    /** As {@link #inStatement(Statement, StatementWork)}, taking {@code locks} first. */
    private <T> T inStatement(Statement st, List<TableLocks.Want> locks,
            StatementWork<T> work) {
        state.checkNotFailed();
        try {
            Transaction txn = state.beginStatement(db.txnStore(), locks);
            if (mayWriteCatalog(st)) {
                state.catalogWritten();
            }
            long version = state.statementCatalogVersion();
            runner.catalogVersion(version);
            T result;
            try {
                result = work.run(txn, version);
            } finally {
                runner.catalogVersion(CatalogVersion.UNKNOWN);
            }
            if (!state.inBlock()) {
                state.finishAutocommit(true);
                runner.transactionEnded(true);
                db.afterCommit();
            }
            return result;
        } catch (SqlException | TxnException | UncheckedIOException e) {
            throw failed(translate(e));
        } catch (Error e) {
            state.fail();
            throw e;
        } catch (RuntimeException e) {
            throw failed(new SqlException(SqlState.INTERNAL_ERROR, "internal error: " + e, 0,
                    null, null, e));
        }
    }

    private static boolean mayWriteCatalog(Statement st) {
        return !(st instanceof dev.cutaway.sql.ast.Query || st instanceof Statement.Insert
                || st instanceof Statement.Update || st instanceof Statement.Delete
                || st instanceof Statement.Explain || st instanceof Statement.Truncate
                || st instanceof Statement.Analyze || st instanceof Statement.Vacuum);
    }

    private SqlException failed(SqlException e) {
        state.fail();
        if (!state.inBlock()) {
            runner.transactionEnded(false);
        }
        return e;
    }

    /** A transaction-layer or I/O failure as the SQL error a client sees. */
    static SqlException translate(RuntimeException e) {
        return switch (e) {
            case SqlException s -> s;
            case TxnException t -> new SqlException(t.sqlState(), t.getMessage(), 0, null, null,
                    t);
            case UncheckedIOException io -> new SqlException("58030", "could not access data: "
                    + io.getCause().getMessage(), 0, null, null, io);
            default -> new SqlException(SqlState.INTERNAL_ERROR, String.valueOf(e), 0, null,
                    null, e);
        };
    }

    /** True inside BEGIN ... COMMIT/ROLLBACK (also when the block has failed). */
    /**
     * The NOTICE messages the statements run since the last call raised (SQLSTATE 00000, as
     * PostgreSQL's {@code DROP TABLE IF EXISTS} on a missing table), oldest first; a
     * client-facing layer sends them before the statement's completion.
     */
    public List<String> drainNotices() {
        return runner.drainNotices();
    }

    public boolean inTransaction() {
        return state.inBlock();
    }

    /**
     * Fails the statement under way from outside the engine, as an error inside it would: a
     * COPY whose input failed (a malformed line, the client's CopyFail) between the INSERTs it
     * ran. Inside a block the block fails, so no COMMIT keeps part of the COPY (ROLLBACK TO a
     * savepoint taken before it undoes that part); outside one the transaction rolls back.
     */
    public void failStatement() {
        state.fail();
        if (!state.inBlock()) {
            runner.transactionEnded(false);
        }
    }

    /** True when an error aborted the block and only ROLLBACK (or ROLLBACK TO) is accepted. */
    public boolean inFailedTransaction() {
        return state.failed();
    }

    /** The isolation level new transactions of this session use. */
    public Isolation defaultIsolation() {
        return state.defaultIsolation();
    }

    /** The value of a session setting ({@code SHOW name}), or null. */
    public String setting(String name) {
        return runner.setting(name);
    }

    /**
     * Sets what running statements poll to learn they were canceled (a CancelRequest or a
     * statement timeout of the wire server): once it answers true the statement fails with
     * 57014 and, like any error, fails the transaction block.
     */
    public void setCancelSignal(java.util.function.BooleanSupplier signal) {
        runner.cancelSignal(signal);
    }

    /** Rolls back an open transaction. */
    @Override
    public void close() {
        state.rollback();
        runner.transactionEnded(false);
    }

    static IOException unwrap(UncheckedIOException e) {
        return e.getCause();
    }
}
