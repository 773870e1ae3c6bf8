package dev.cutaway.sql.engine;

import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.sql.ast.ColumnConstraint;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.TableConstraint;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.txn.LockMode;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Table locks between DML and DDL (ADR 0036). A statement that writes rows of a table takes a
 * {@link LockMode#SHARE} lock on the table's catalog key; DDL that changes what a table's rows
 * look like or which index entries they need (ALTER TABLE, CREATE INDEX, TRUNCATE, DROP TABLE)
 * takes {@link LockMode#EXCLUSIVE}, as do CREATE TABLE on its new name and a new foreign key
 * on its parent (whose descriptor it changes). Both are held to the end of the transaction
 * and taken before the statement's snapshot, so under read committed a statement that waited
 * sees the catalog and rows the other side committed. Without them an INSERT bound to the
 * old descriptor could commit after a concurrent ADD PRIMARY KEY (a row under its old key in a
 * re-keyed table) or CREATE INDEX (a row missing from the new index).
 *
 * <p>Readers take nothing: a snapshot reads rows and descriptors of one committed state.
 *
 * <p>Repeatable read and serializable keep the snapshot of their first statement, so waiting
 * cannot help them: the lock fails with 40001 when the descriptor changed after the snapshot
 * ({@link Transaction#lockKey}), and DDL fails with 40001 when rows of the table were
 * committed after it ({@link Transaction#changedSinceSnapshot}), since it would rewrite or index
 * the table without them.
 *
 * <p>The lock key is the catalog key of the name, so a lock names a table as the statement
 * spelled it; a statement and a DDL that spell one table differently (no such spelling exists
 * without search_path) would not meet. The locks appear in {@code cutaway.locks} with the
 * table's name as the relation and the key {@code (table)}.
 */
final class TableLocks {
    private TableLocks() {}

    /** One lock a statement takes: the table's schema and name, its lock key, the mode. */
    record Want(String schema, String name, byte[] key, LockMode mode) {}

    /** The table locks {@code st} takes before its snapshot (none for most statements). */
    static List<Want> of(Statement st) {
        List<Want> wants = new ArrayList<>(1);
        add(st, wants);
        return wants;
    }

    private static void add(Statement st, List<Want> wants) {
        switch (st) {
            case Statement.Insert i -> want(wants, i.table(), LockMode.SHARE);
            case Statement.Update u -> want(wants, u.table(), LockMode.SHARE);
            case Statement.Delete d -> want(wants, d.table(), LockMode.SHARE);
            case Statement.Explain e -> add(e.statement(), wants);
            case Statement.AlterTable a -> {
                want(wants, a.table(), LockMode.EXCLUSIVE);
                a.actions().forEach(action -> referenced(action, wants));
            }
            case Statement.CreateIndex c -> want(wants, c.table(), LockMode.EXCLUSIVE);
            case Statement.CreateTable c -> {
                want(wants, c.name(), LockMode.EXCLUSIVE);   // two creators of one name
                c.columns().forEach(col -> referenced(col, wants));
                c.constraints().forEach(k -> referenced(k, wants));
            }
            case Statement.Truncate t -> t.tables().forEach(
                    n -> want(wants, n, LockMode.EXCLUSIVE));
            case Statement.Drop d when d.kind() == Statement.ObjectKind.TABLE -> d.names()
                    .forEach(n -> want(wants, n, LockMode.EXCLUSIVE));
            default -> { }
        }
    }

    /**
     * A foreign key's parent: its descriptor lists the referrers, and its writers must see the
     * new key to check their deletes against it (EXCLUSIVE, as PostgreSQL's SHARE ROW
     * EXCLUSIVE keeps the parent's writers out).
     */
    private static void referenced(Object definition, List<Want> wants) {
        switch (definition) {
            case Statement.AlterAction.AddColumn a -> referenced(a.column(), wants);
            case Statement.AlterAction.AddConstraint a -> referenced(a.constraint(), wants);
            case Statement.ColumnDef col -> col.constraints().forEach(k -> referenced(k, wants));
            case ColumnConstraint.References r -> want(wants, r.target().table(),
                    LockMode.EXCLUSIVE);
            case TableConstraint.ForeignKey f -> want(wants, f.target().table(),
                    LockMode.EXCLUSIVE);
            default -> { }
        }
    }

    private static void want(List<Want> wants, List<String> names, LockMode mode) {
        String schema = names.size() >= 2 ? names.get(names.size() - 2) : Catalog.DEFAULT_SCHEMA;
        String name = names.getLast();
        wants.add(new Want(schema, name, Catalog.lockKey(schema, name), mode));
    }

    /**
     * Takes {@code wants} in {@code txn}, before the statement's snapshot. Under repeatable
     * read and serializable, an EXCLUSIVE lock also checks that no rows of the table were
     * committed after the snapshot (40001 otherwise).
     */
    static void acquire(Transaction txn, List<Want> wants) {
        try {
            for (Want w : wants) {
                txn.lockKey(w.key(), w.mode());
                if (w.mode() == LockMode.EXCLUSIVE
                        && !txn.isolation().snapshotPerStatement()) {
                    checkNoNewerRows(txn, w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Takes SHARE on {@code child}, which a referential action (CASCADE, SET NULL, SET DEFAULT)
     * is about to write after the statement's snapshot was taken: 40001 when the descriptor the
     * statement read is no longer the newest (a DDL committed in between), since the rows
     * would be written in that old layout.
     */
    static void forActionOn(Transaction txn, Relation.Table child) {
        byte[] key = Catalog.lockKey(child.schema(), child.name());
        try {
            byte[] newest = txn.lock(key, LockMode.SHARE, false);
            if (!Arrays.equals(newest, txn.get(key))) {
                throw new TxnException(TxnException.Reason.SERIALIZATION_UPDATE,
                        "could not serialize access due to concurrent update of table \""
                                + child.name() + "\"");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkNoNewerRows(Transaction txn, Want w) throws IOException {
        if (!(Catalog.lookup(txn, w.schema(), w.name()) instanceof Relation.Table t)) {
            return;   // no such table (the statement reports it) or not a table
        }
        byte[] low = Catalog.prefixOf(t.id());
        if (txn.changedSinceSnapshot(low, TupleEncoding.prefixEnd(low))) {
            throw new TxnException(TxnException.Reason.SERIALIZATION_UPDATE,
                    "could not serialize access due to concurrent update of table \""
                            + w.name() + "\"");
        }
    }
}
