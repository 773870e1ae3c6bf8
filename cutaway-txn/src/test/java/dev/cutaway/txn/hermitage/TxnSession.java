package dev.cutaway.txn.hermitage;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.LockMode;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnException;
import dev.cutaway.txn.TxnStore;
import dev.cutaway.txn.hermitage.MiniStatement.TestRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A Hermitage session straight on the transaction layer: a tiny interpreter of the scripts'
 * statements ({@link MiniSqlParser}) over the table {@code test}, stored as keys
 * {@code TupleEncoding.encode(id)} with values {@code TupleEncoding.encode(value)} (the store
 * holds nothing else). It behaves as a PostgreSQL connection:
 * <ul>
 *   <li>autocommit outside {@code begin} … {@code commit}; inside, the {@link Transaction}
 *       begins at the first data statement (PostgreSQL takes the snapshot there), at the level
 *       {@code set transaction} chose (read committed by default);</li>
 *   <li>{@link Transaction#newStatement()} before every statement (read committed: a fresh
 *       snapshot per statement);</li>
 *   <li>UPDATE and DELETE find candidate rows in the snapshot, then lock each row
 *       ({@link Transaction#lock}, waiting behind its writer) and re-check the WHERE clause on
 *       the value the lock returns: under read committed the newest committed one, so a row
 *       that no longer matches, or was deleted, is skipped (PostgreSQL's re-check after a
 *       wait); under repeatable read and serializable the lock itself fails with 40001 when
 *       the row changed after the snapshot;</li>
 *   <li>after any error the transaction is rolled back at once and later statements of the
 *       block fail with 25P02 until COMMIT (answered as a ROLLBACK, i.e. ok) or ROLLBACK.</li>
 * </ul>
 * There is no catalog: {@code create table} is accepted and {@code drop table} deletes the
 * rows, so the setup statements run unchanged.
 */
final class TxnSession implements Session {
    private final TxnStore store;
    private boolean inBlock;
    private boolean blockFailed;
    private Isolation blockLevel = Isolation.READ_COMMITTED;
    private Transaction txn;

    TxnSession(TxnStore store) {
        this.store = store;
    }

    @Override
    public Outcome execute(String sql) throws IOException {
        MiniStatement statement;
        try {
            statement = MiniSqlParser.parse(sql);
        } catch (MiniSqlException e) {
            return fail(e.sqlState(), e.getMessage());
        }
        return switch (statement) {
            case MiniStatement.Begin b -> begin();
            case MiniStatement.Commit c -> commit();
            case MiniStatement.Rollback r -> rollback();
            case MiniStatement.SetIsolation s -> setIsolation(s.level());
            default -> data(statement);
        };
    }

    private Outcome begin() {
        if (inBlock && blockFailed) {
            return aborted();
        }
        if (!inBlock) {   // else PostgreSQL warns "already a transaction in progress"
            inBlock = true;
            blockFailed = false;
            blockLevel = Isolation.READ_COMMITTED;
        }
        return new Outcome.Ok();
    }

    private Outcome setIsolation(Isolation level) {
        if (!inBlock) {
            return new Outcome.Ok();   // PostgreSQL warns and ignores it outside a block
        }
        if (blockFailed) {
            return aborted();
        }
        if (txn != null) {
            return fail("25001", "SET TRANSACTION ISOLATION LEVEL must be called before any"
                    + " query");
        }
        blockLevel = level;
        return new Outcome.Ok();
    }

    private Outcome commit() throws IOException {
        if (!inBlock) {
            return new Outcome.Ok();   // PostgreSQL warns "no transaction in progress"
        }
        inBlock = false;
        Transaction t = txn;
        txn = null;
        if (t == null || blockFailed) {
            return new Outcome.Ok();   // a failed block's COMMIT is a ROLLBACK
        }
        try {
            t.commit();
            return new Outcome.Ok();
        } catch (TxnException e) {
            return new Outcome.Failed(e.sqlState(), e.getMessage());   // t has rolled back
        }
    }

    private Outcome rollback() {
        inBlock = false;
        if (txn != null) {
            txn.rollback();
            txn = null;
        }
        return new Outcome.Ok();
    }

    /** A data statement: in the block's transaction, or in one of its own (autocommit). */
    private Outcome data(MiniStatement statement) throws IOException {
        if (inBlock && blockFailed) {
            return aborted();
        }
        if (txn == null) {
            txn = store.begin(inBlock ? blockLevel : Isolation.READ_COMMITTED);
        }
        try {
            txn.newStatement();
            Outcome out = run(statement);
            if (!inBlock) {
                Transaction t = txn;
                txn = null;
                t.commit();
            }
            return out;
        } catch (TxnException e) {
            return fail(e.sqlState(), e.getMessage());
        } catch (MiniSqlException e) {
            return fail(e.sqlState(), e.getMessage());
        }
    }

    private Outcome run(MiniStatement statement) throws IOException, MiniSqlException {
        return switch (statement) {
            case MiniStatement.Select s -> {
                List<List<Object>> rows = new ArrayList<>();
                for (TestRow r : read(s.filter())) {
                    rows.add(r.asList());
                }
                yield new Outcome.Rows(rows);
            }
            case MiniStatement.Insert i -> {
                for (TestRow r : i.rows()) {
                    txn.insert(key(r.id()), TupleEncoding.encode(r.value()));
                }
                yield new Outcome.Count(i.rows().size());
            }
            case MiniStatement.Update u -> new Outcome.Count(write(u.filter(), u.set()));
            case MiniStatement.Delete d -> new Outcome.Count(write(d.filter(), null));
            case MiniStatement.DropTable d -> {
                write(new MiniStatement.All(), null);
                yield new Outcome.Ok();
            }
            case MiniStatement.CreateTable c -> new Outcome.Ok();
            default -> throw new IllegalStateException("not a data statement: " + statement);
        };
    }

    /** The rows {@code filter} selects in the statement's snapshot (point reads for ids). */
    private List<TestRow> read(MiniStatement.RowFilter filter) throws IOException {
        List<TestRow> rows = new ArrayList<>();
        if (filter instanceof MiniStatement.IdIn ids) {
            for (long id : new LinkedHashSet<>(ids.ids())) {
                byte[] value = txn.get(key(id));
                if (value != null) {
                    rows.add(new TestRow(id, decode(value)));
                }
            }
            return rows;
        }
        try (KvCursor c = txn.scan(null, null, true)) {
            while (c.next()) {
                TestRow row = new TestRow(decode(c.key()), decode(c.value()));
                if (filter.matches(row.id(), row.value())) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /**
     * UPDATE ({@code set} non-null) or DELETE: candidates from the snapshot, then lock each and
     * re-check the filter on the value the lock returns. @return rows affected
     */
    private long write(MiniStatement.RowFilter filter, MiniStatement.Assignment set)
            throws IOException, MiniSqlException {
        long count = 0;
        for (TestRow candidate : read(filter)) {
            byte[] key = key(candidate.id());
            byte[] current = txn.lock(key, LockMode.EXCLUSIVE, false);
            if (current == null) {
                continue;   // deleted by the writer we waited for
            }
            long value = decode(current);
            if (!filter.matches(candidate.id(), value)) {
                continue;   // changed by the writer we waited for: no longer selected
            }
            if (set == null) {
                txn.delete(key);
            } else {
                long updated;
                try {
                    updated = set.apply(value);
                } catch (ArithmeticException e) {
                    throw new MiniSqlException("22003", "integer out of range");
                }
                txn.put(key, TupleEncoding.encode(updated));
            }
            count++;
        }
        return count;
    }

    /** Records a failure: inside a block it rolls the transaction back and fails the block. */
    private Outcome fail(String sqlState, String message) {
        if (txn != null) {
            txn.rollback();
            txn = null;
        }
        blockFailed = inBlock;
        return new Outcome.Failed(sqlState, message);
    }

    private static Outcome aborted() {
        return new Outcome.Failed("25P02", "current transaction is aborted, commands ignored"
                + " until end of transaction block");
    }

    static byte[] key(long id) {
        return TupleEncoding.encode(id);
    }

    private static long decode(byte[] encoded) {
        List<Object> tuple = TupleEncoding.decode(encoded);
        if (tuple.size() != 1 || !(tuple.getFirst() instanceof Long v)) {
            throw new IllegalStateException("not a test-table integer: " + tuple);
        }
        return v;
    }

    @Override
    public void close() {
        rollback();
    }
}
