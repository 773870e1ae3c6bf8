package dev.cutaway.sql.engine;

import dev.cutaway.check.Invariants;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.ForeignKeyDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.txn.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ALTER TABLE ... DROP CONSTRAINT of the primary key (ADR 0039), the inverse of ADD PRIMARY
 * KEY's re-keying (ADR 0033): the rows move from {@code encode(id) ++ KeyEncoding(key)} back to
 * {@code encode(id) ++ encode(rowId)} with row ids drawn from the table's row-id sequence, as
 * a table created without a key stores them, and every secondary index entry follows its row.
 *
 * <p>What stays as PostgreSQL leaves it: the key columns remain NOT NULL; uniqueness of the key
 * columns is gone (unless another unique index covers them). A foreign key that needs the key
 * (no other unique index on its referenced columns) is a dependent: 2BP01 unless CASCADE,
 * which drops it.
 *
 * <p>Invariants, checked when the re-keying ends:
 * <ol>
 *   <li>every row the first pass deletes, the second inserts again under a row id (the
 *       table keeps its rows);
 *   <li>every row id handed out later (the sequence's next value) is above every row id a
 *       row already has, so later inserts never meet a row at their key.
 * </ol>
 */
final class PrimaryKeyDrop {
    private final ExecContext cx;

    PrimaryKeyDrop(ExecContext cx) {
        this.cx = cx;
    }

    /**
     * Drops the primary key of {@code t}: dependents first (2BP01 without CASCADE), then the
     * rows re-keyed, then the constraint's name entry and the descriptor. Returns the stored
     * descriptor.
     */
    Relation.Table drop(Relation.Table t, boolean cascade) {
        Invariants.check(t.hasPrimaryKey(), "PrimaryKeyDrop: table has a primary key", t.name());
        ForeignKeyDefs fks = new ForeignKeyDefs(cx);
        List<ForeignKeys.Link> cut = dependents(t, fks);
        if (!cut.isEmpty()) {
            if (!cascade) {
                Dependents deps = new Dependents(cx);
                for (ForeignKeys.Link l : cut) {
                    deps.add("constraint " + l.fk().name() + " on table " + l.child().name()
                            + " depends on index " + t.primaryKeyName());
                }
                throw deps.error("constraint " + t.primaryKeyName() + " on table " + t.name());
            }
            for (ForeignKeys.Link l : cut) {
                cx.notice("drop cascades to constraint " + l.fk().name() + " on table "
                        + l.child().name());
                dropForeignKey(fks, l);
            }
        }
        // the cascade may have changed t's foreign keys or referencedBy: read it again
        Relation.Table keyed = (Relation.Table) Catalog.lookup(cx.txn(), t.schema(), t.name());
        Relation.Table unkeyed = withoutKey(keyed);
        rekey(keyed, unkeyed);
        Relation name = Catalog.lookup(cx.txn(), keyed.schema(), keyed.primaryKeyName());
        Invariants.check(name instanceof Relation.Index i && i.id() == keyed.id(),
                "PrimaryKeyDrop: the key's name entry names the table", keyed.primaryKeyName());
        Catalog.remove(cx.txn(), name);
        Catalog.put(cx.txn(), unkeyed);
        return unkeyed;
    }

    /**
     * The foreign keys (of other tables, or of {@code t} itself) that reference the key's
     * columns and find no other unique index on them once the key is gone — the same test
     * DROP INDEX applies to a unique index (ADR 0016).
     */
    private List<ForeignKeys.Link> dependents(Relation.Table t, ForeignKeyDefs fks) {
        Relation.Table without = withoutKey(t);
        List<ForeignKeys.Link> all = new ArrayList<>(fks.referencing(t));
        for (ForeignKeyDesc f : t.foreignKeys()) {
            if (f.references(t.schema(), t.name())) {
                all.add(new ForeignKeys.Link(t, f));
            }
        }
        List<ForeignKeys.Link> out = new ArrayList<>();
        for (ForeignKeys.Link l : all) {
            if (ForeignKeys.uniqueIndexOn(without, l.fk().refColumns()) == null) {
                out.add(l);
            }
        }
        return out;
    }

    /** Drops the foreign key of link {@code l} from its table as it is stored now. */
    private void dropForeignKey(ForeignKeyDefs fks, ForeignKeys.Link l) {
        Relation.Table child = (Relation.Table) Catalog.lookup(cx.txn(), l.child().schema(),
                l.child().name());
        Catalog.put(cx.txn(), fks.remove(child, f -> f.name().equals(l.fk().name())));
    }

    /**
     * {@code t} without its primary key: rows keyed by hidden row ids from the sequence a
     * table created without a key uses (its own id, {@link TableDefs}); the key columns keep
     * NOT NULL, as in PostgreSQL (ADD PRIMARY KEY and CREATE TABLE set it on them).
     */
    private static Relation.Table withoutKey(Relation.Table t) {
        return new Relation.Table(t.id(), t.schema(), t.name(), t.columns(), List.of(), null,
                t.indexes(), t.checks(), t.space(), t.engine(), t.id(), t.foreignKeys(),
                t.referencedBy());
    }

    /**
     * Moves every row of {@code from} (keyed by primary key) to a row id under {@code to}, with
     * its index entries, in two passes over two cursors opened before any write (a cursor does
     * not see its transaction's later writes), as ADD PRIMARY KEY does: the first deletes each
     * row that moves, the second inserts it under a new row id. A row whose key bytes already
     * are the row-id key of its value (a one-column integer key: it encodes exactly like a row
     * id) stays where it is, and the sequence is raised above the largest such id, so a table
     * keyed by pgbench's {@code aid} loses its key with one read pass and no row written.
     */
    private void rekey(Relation.Table from, Relation.Table to) {
        Transaction txn = cx.txn();
        byte[] low = TableRows.prefix(from.id());
        byte[] high = TableRows.prefixEnd(from.id());
        long moved = 0;
        long kept = 0;
        long keptIdMax = Long.MIN_VALUE;
        try (KvCursor removals = TableRows.scan(txn, low, high);
                KvCursor additions = TableRows.scan(txn, low, high)) {
            while (removals.next()) {
                Object[] row = TableRows.decodeRow(from, removals.value());
                Long id = rowIdInPlace(from, to, removals.key(), row);
                if (id != null) {
                    keptIdMax = Math.max(keptIdMax, id);
                    kept++;
                } else {
                    TableRows.delete(txn, from, removals.key(), row);
                    moved++;
                }
                cx.checkCanceled();
            }
            Relation.Sequence ids = TableWriter.rowIds(to);
            if (kept > 0) {
                raiseAbove(ids, keptIdMax);
            }
            long inserted = 0;
            while (inserted < moved && additions.next()) {
                Object[] row = TableRows.decodeRow(from, additions.value());
                if (rowIdInPlace(from, to, additions.key(), row) == null) {
                    long id = cx.sequences().next(ids);
                    Invariants.check(kept == 0 || id > keptIdMax,
                            "PrimaryKeyDrop invariant 2: new row id above the kept ones", id);
                    TableRows.insert(txn, to, TableRows.rowKey(to, row, id), row);
                    inserted++;
                }
                cx.checkCanceled();
            }
            Invariants.check(inserted == moved,
                    "PrimaryKeyDrop invariant 1: every moved row inserted again", from.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The row id {@code row} has where it is, when its key bytes {@code key} are already the
     * row-id key of its one integer key value; otherwise null (the row must move).
     */
    private static Long rowIdInPlace(Relation.Table from, Relation.Table to, byte[] key,
            Object[] row) {
        if (from.primaryKey().size() != 1) {
            return null;
        }
        Object v = row[from.primaryKey().getFirst()];
        if (!(v instanceof Long || v instanceof Integer || v instanceof Short)) {
            return null;
        }
        long id = ((Number) v).longValue();
        if (id == Long.MAX_VALUE) {
            return null;   // no id could follow it: the row moves to a fresh one
        }
        return Arrays.equals(key, TableRows.rowKey(to, row, id)) ? id : null;
    }

    /**
     * Makes the next value of the row-id sequence larger than {@code idMax} (invariant 2).
     * Sequences live outside transactions: a rollback leaves the sequence raised, which only
     * skips ids, as any rolled-back nextval does. An id below the sequence's first value
     * (a key of 0 or less) needs nothing: every value handed out is at least that.
     */
    private void raiseAbove(Relation.Sequence ids, long idMax) {
        long next = cx.sequences().next(ids);
        if (next <= idMax) {
            cx.sequences().reset(ids, idMax + 1);
        }
    }
}
