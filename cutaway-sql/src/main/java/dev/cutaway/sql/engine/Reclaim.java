package dev.cutaway.sql.engine;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnException;
import dev.cutaway.txn.TxnStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reclaims the rows and index entries of dropped tables and indexes (ADR 0016). The dropping
 * transaction only writes a to-do key per key prefix, in the catalog's space:
 * <pre>
 *   (0, "reclaim", id)  →  ()        rows (table id) or entries (index id) to delete
 * </pre>
 * so DROP stays one small transaction whatever the table's size, and commits or rolls back
 * with the catalog change. After a commit, {@link #run} deletes the prefix's keys through
 * ordinary transactions of at most {@link #BATCH_KEYS} deletes each, then the to-do key.
 * Crash safety: the to-do key goes last, so a crash mid-way leaves it and
 * {@link Database#open} runs the sweep again (deleting what is left is idempotent). Snapshot
 * safety: the deletes are MVCC tombstones, so a transaction that began before the DROP still
 * reads the old rows until it ends; the version GC drops the versions afterwards.
 */
final class Reclaim {
    /** Deletes per sweeping transaction (bounded write sets, short lock holds). */
    static final int BATCH_KEYS = 4096;

    private Reclaim() {}

    private static byte[] todoKey(long id) {
        return TupleEncoding.encode(0L, "reclaim", id);
    }

    /** Schedules the rows and every index of {@code t} (call in the dropping transaction). */
    static void schedule(Transaction txn, Relation.Table t) {
        schedule(txn, t.id());
        for (IndexDesc i : t.indexes()) {
            schedule(txn, i.id());
        }
    }

    /** Schedules the keys under relation id {@code id}. */
    static void schedule(Transaction txn, long id) {
        try {
            txn.put(todoKey(id), TupleEncoding.encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids waiting to be reclaimed, as a fresh transaction sees them. */
    static List<Long> pending(TxnStore store) {
        List<Long> out = new ArrayList<>();
        byte[] low = TupleEncoding.encode(0L, "reclaim");
        try (Transaction t = store.begin(Isolation.READ_COMMITTED, true);
                KvCursor c = t.scan(low, TupleEncoding.prefixEnd(low), true)) {
            while (c.next()) {
                out.add((Long) TupleEncoding.decode(c.key()).get(2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Deletes everything scheduled. Returns false when a conflict with a concurrent sweep
     * stopped it (what is left stays scheduled for the next run).
     */
    static boolean run(TxnStore store) {
        for (long id : pending(store)) {
            try {
                while (sweepBatch(store, id)) {
                    // next batch
                }
                try (Transaction t = store.begin(Isolation.READ_COMMITTED)) {
                    t.delete(todoKey(id));
                    t.commit();
                }
            } catch (TxnException e) {
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    /** Deletes up to {@link #BATCH_KEYS} keys under {@code id}; true if it deleted any. */
    private static boolean sweepBatch(TxnStore store, long id) throws IOException {
        try (Transaction t = store.begin(Isolation.READ_COMMITTED)) {
            List<byte[]> keys = new ArrayList<>();
            try (KvCursor c = t.scan(TableRows.prefix(id), TableRows.prefixEnd(id), true)) {
                while (keys.size() < BATCH_KEYS && c.next()) {
                    keys.add(c.key());
                }
            }
            for (byte[] k : keys) {
                t.delete(k);
            }
            t.commit();
            return !keys.isEmpty();
        }
    }
}
