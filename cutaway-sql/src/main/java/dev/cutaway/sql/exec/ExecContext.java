package dev.cutaway.sql.exec;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.catalog.Sequences;
import dev.cutaway.sql.types.EvalContext;
import dev.cutaway.txn.Transaction;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What one statement's execution needs besides its plan: the transaction it reads and writes
 * through, the evaluation context of values (session time zone, clock, seeded random), the
 * sequences, the parameter values, and caches of uncorrelated subquery results (valid for
 * this statement only).
 *
 * <p>Bound: operators that hold rows in memory count them against {@link #rowsInMemoryMax}.
 * Those that can (sort, hash aggregate, hash join, DISTINCT, set operations, nested loops,
 * materialised CTEs) spill to temporary files of the statement's {@link Spill} beyond it
 * (ADR 0015); the rest (a recursive CTE's result, an IN-subquery's value set, a single
 * window partition, row sets of DDL/DML) fail with 53200 through {@link #checkRowsInMemory}.
 * A context without a spill area (constant folding, some tests) cannot spill and fails too.
 */
public final class ExecContext {
    private final Transaction txn;
    private final EvalContext eval;
    private final Sequences sequences;
    private final List<Object> parameters;
    private final long rowsInMemoryMax;
    private final Map<Object, Object> subqueryCache = new IdentityHashMap<>();
    private final Spill spill;
    private BooleanSupplier cancelSignal = () -> false;
    /** Where NOTICE messages go (PostgreSQL's NoticeResponse); dropped by default. */
    private java.util.function.Consumer<String> notices = message -> { };

    public ExecContext(Transaction txn, EvalContext eval, Sequences sequences,
            List<Object> parameters, long rowsInMemoryMax) {
        this(txn, eval, sequences, parameters, rowsInMemoryMax, null);
    }

    /** A context whose operators may spill into {@code spill} (null: they cannot). */
    public ExecContext(Transaction txn, EvalContext eval, Sequences sequences,
            List<Object> parameters, long rowsInMemoryMax, Spill spill) {
        this.spill = spill;
        this.txn = txn;
        this.eval = eval;
        this.sequences = sequences;
        this.parameters = parameters;
        this.rowsInMemoryMax = rowsInMemoryMax;
    }

    public Transaction txn() {
        return txn;
    }

    public EvalContext eval() {
        return eval;
    }

    public Sequences sequences() {
        return sequences;
    }

    public Object parameter(int index) {
        if (index < 1 || index > parameters.size()) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "there is no parameter $" + index);
        }
        return parameters.get(index - 1);
    }

    /** How many rows one operator may hold in memory before it spills (or fails). */
    public long rowsInMemoryMax() {
        return rowsInMemoryMax;
    }

    /** True when {@code rows} is over the budget and the operator can spill instead. */
    boolean mustSpill(long rows) {
        if (rows <= rowsInMemoryMax) {
            return false;
        }
        checkRowsInMemory(spill == null ? rows : 0);
        return true;
    }

    /** The statement's temporary files; only operators that got {@link #mustSpill} use it. */
    Spill spill() {
        return spill;
    }

    /** Temporary files written by this statement so far (0 without a spill area). */
    public long spilledFiles() {
        return spill == null ? 0 : spill.filesWritten();
    }

    /** Bytes written to temporary files by this statement so far. */
    public long spilledBytes() {
        return spill == null ? 0 : spill.bytesWritten();
    }

    /**
     * Fails with 53200 when an operator that cannot spill holds more rows than the budget
     * allows.
     */
    public void checkRowsInMemory(long rows) {
        if (rows > rowsInMemoryMax) {
            throw new SqlException(SqlState.OUT_OF_MEMORY, "out of memory", 0,
                    "An operator holds more than " + rowsInMemoryMax + " rows in memory.",
                    spill == null ? "This execution has no temporary file area to spill to."
                            : "This operator cannot spill to disk; raise rowsInMemoryMax.",
                    null);
        }
    }

    /** What {@link #checkCanceled} polls (the wire server's CancelRequest and timeout). */
    /** Sends this statement's notices to {@code sink}. */
    public void noticeSink(java.util.function.Consumer<String> sink) {
        this.notices = sink;
    }

    /** A NOTICE for the client (e.g. {@code table "t" does not exist, skipping}). */
    public void notice(String message) {
        notices.accept(message);
    }

    public void cancelSignal(BooleanSupplier signal) {
        this.cancelSignal = signal;
    }

    /**
     * Fails with 57014 once the statement was canceled; scans call it per row, so a running
     * statement stops within one row's work (a lock wait ends by its own timeout).
     */
    public void checkCanceled() {
        if (cancelSignal.getAsBoolean()) {
            throw new SqlException(SqlState.QUERY_CANCELED,
                    "canceling statement due to user request");
        }
    }

    /** The cached result of an uncorrelated subquery, or null. */
    public Object cached(Object subquery) {
        return subqueryCache.get(subquery);
    }

    public void cache(Object subquery, Object result) {
        subqueryCache.put(subquery, result);
    }
}
