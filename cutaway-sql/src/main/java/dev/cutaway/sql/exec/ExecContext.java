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
 * <p>Bound: operators that hold rows in memory (sort, hash aggregate, hash join, set
 * operations, materialised subqueries) count them against {@link #rowsInMemoryMax} and fail
 * with 53200 beyond it; spilling to temporary files will replace the failure (issue 5).
 */
public final class ExecContext {
    private final Transaction txn;
    private final EvalContext eval;
    private final Sequences sequences;
    private final List<Object> parameters;
    private final long rowsInMemoryMax;
    private final Map<Object, Object> subqueryCache = new IdentityHashMap<>();
    private BooleanSupplier cancelSignal = () -> false;

    public ExecContext(Transaction txn, EvalContext eval, Sequences sequences,
            List<Object> parameters, long rowsInMemoryMax) {
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

    /** Fails with 53200 when an operator holds more rows than the budget allows. */
    public void checkRowsInMemory(long rows) {
        if (rows > rowsInMemoryMax) {
            throw new SqlException(SqlState.OUT_OF_MEMORY, "out of memory", 0,
                    "An operator holds more than " + rowsInMemoryMax + " rows in memory.",
                    "Spilling to disk is not implemented yet.", null);
        }
    }

    /** What {@link #checkCanceled} polls (the wire server's CancelRequest and timeout). */
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
