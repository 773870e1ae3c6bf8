package dev.cutaway.sql.engine;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.ForeignKeyDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.sql.types.Casts;
import dev.cutaway.sql.types.KeyEncoding;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.ValueText;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.LockMode;
import dev.cutaway.txn.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Enforces FOREIGN KEY constraints for the writes of one statement (ADR 0016). DML reports
 * every row it inserts, updates or deletes; {@link #finish()} then, at the end of the
 * statement as PostgreSQL's RI triggers do, (1) runs the referential actions of changed
 * parent keys (CASCADE, SET NULL, SET DEFAULT, RESTRICT), which may cascade further through a
 * work list (self references and multi-level cascades need no recursion), (2) checks the NO
 * ACTION keys (a key deleted or changed must be unreferenced unless a row with the key exists
 * again), and (3) checks every new child key (MATCH SIMPLE: a NULL column skips the check).
 *
 * <p>Concurrency. A child check locks the parent's key in SHARE mode through the transaction
 * layer (the primary-key row, or the entry of the unique index the key references) and holds
 * it to commit, so a concurrent delete of that parent waits, and a parent deleted first makes
 * the lock return null (23503) under read committed or fail with 40001 under repeatable read.
 * The parent side, already holding the parent row's EXCLUSIVE lock, looks for children both
 * in its own snapshot and in a fresh read-only snapshot taken after that lock: a child
 * committed after the statement's snapshot is found there and locked, which re-reads it under
 * read committed and fails with 40001 under repeatable read and serializable.
 *
 * <p>Cost. A child check is one locked point read. A parent-side lookup scans an index (or the
 * primary key) whose leading columns are the foreign-key columns when there is one, else the
 * whole child table — twice (own and fresh snapshot), per changed parent key.
 */
final class ForeignKeys {
    /** A foreign key of {@code child} referencing the table it was found for. */
    record Link(Relation.Table child, ForeignKeyDesc fk) {}

    /** A parent row deleted ({@code row} null) or updated. */
    private record Change(Relation.Table table, Object[] old, Object[] row) {}

    private record ChildCheck(Relation.Table child, ForeignKeyDesc fk, Object[] row) {}

    private record KeyCheck(Relation.Table parent, Link link, List<Object> key) {}

    private final Database db;
    private final QueryBinder binder;
    private final ExecContext cx;
    private final Map<Long, List<Link>> links = new HashMap<>();
    private final Map<String, Relation.Table> parents = new HashMap<>();
    private final Map<Long, TableWriter> writers = new HashMap<>();
    /** Child tables a referential action of this statement has table-locked (ADR 0036). */
    private final Set<Long> childrenLocked = new HashSet<>();
    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    private final List<KeyCheck> keyChecks = new ArrayList<>();
    private final List<ChildCheck> childChecks = new ArrayList<>();

    ForeignKeys(Database db, QueryBinder binder, ExecContext cx) {
        this.db = db;
        this.binder = binder;
        this.cx = cx;
    }

    // ---- what DML reports ----

    void inserted(Relation.Table t, Object[] row) {
        for (ForeignKeyDesc fk : t.foreignKeys()) {
            childChecks.add(new ChildCheck(t, fk, row));
        }
    }

    void updated(Relation.Table t, Object[] old, Object[] row) {
        for (ForeignKeyDesc fk : t.foreignKeys()) {
            if (!sameValues(t, fk.columns(), old, row)) {
                childChecks.add(new ChildCheck(t, fk, row));
            }
        }
        if (!t.referencedBy().isEmpty()) {
            changes.add(new Change(t, old, row));
        }
    }

    void deleted(Relation.Table t, Object[] old) {
        if (!t.referencedBy().isEmpty()) {
            changes.add(new Change(t, old, null));
        }
    }

    /** Runs the actions and checks the statement's writes left (see the class comment). */
    void finish() {
        while (!changes.isEmpty()) {
            Change c = changes.poll();
            for (Link link : linksOf(c.table())) {
                act(c, link);
            }
        }
        for (KeyCheck k : keyChecks) {
            if (!parentExists(k.parent(), k.link().fk().refColumns(), k.key(), false)
                    && !referencing(k.link(), k.key(), LockMode.SHARE).isEmpty()) {
                throw stillReferenced(k.parent(), k.link(), k.key());
            }
        }
        keyChecks.clear();
        for (ChildCheck c : childChecks) {
            checkChild(c);
        }
        childChecks.clear();
    }

    // ---- parent side ----

    /** The foreign keys referencing {@code parent}, read once per statement. */
    List<Link> linksOf(Relation.Table parent) {
        return links.computeIfAbsent(parent.id(), id -> {
            List<Link> out = new ArrayList<>();
            for (ForeignKeyDesc.Referrer r : parent.referencedBy()) {
                Relation rel = r.schema().equals(parent.schema())
                        && r.table().equals(parent.name()) ? parent
                        : Catalog.lookup(cx.txn(), r.schema(), r.table());
                if (rel instanceof Relation.Table child) {
                    for (ForeignKeyDesc fk : child.foreignKeys()) {
                        if (fk.references(parent.schema(), parent.name())) {
                            out.add(new Link(child, fk));
                        }
                    }
                }
            }
            return out;
        });
    }

    private void act(Change c, Link link) {
        ForeignKeyDesc fk = link.fk();
        List<Object> key = values(c.old(), fk.refColumns());
        if (key.contains(null)
                || c.row() != null && sameValues(c.table(), fk.refColumns(), c.old(), c.row())) {
            return;
        }
        ForeignKeyDesc.Action action = c.row() == null ? fk.onDelete() : fk.onUpdate();
        switch (action) {
            case NO_ACTION -> keyChecks.add(new KeyCheck(c.table(), link, key));
            case RESTRICT -> {
                if (!referencing(link, key, LockMode.SHARE).isEmpty()) {
                    throw stillReferenced(c.table(), link, key);
                }
            }
            case CASCADE, SET_NULL, SET_DEFAULT -> {
                if (childrenLocked.add(link.child().id())) {   // once per child and statement
                    TableLocks.forActionOn(cx.txn(), link.child());
                }
                for (Map.Entry<ByteBuffer, Object[]> e
                        : referencing(link, key, LockMode.EXCLUSIVE).entrySet()) {
                    apply(c, link, action, e.getKey().array(), e.getValue());
                }
                if (action == ForeignKeyDesc.Action.SET_DEFAULT) {
                    // a default equal to the old key leaves the rows referencing it (as
                    // PostgreSQL, re-check as NO ACTION)
                    keyChecks.add(new KeyCheck(c.table(), link, key));
                }
            }
        }
    }

    /** One referential action on one child row (already locked). */
    private void apply(Change c, Link link, ForeignKeyDesc.Action action, byte[] key,
            Object[] old) {
        Relation.Table child = link.child();
        if (action == ForeignKeyDesc.Action.CASCADE && c.row() == null) {
            TableRows.delete(cx.txn(), child, key, old);
            deleted(child, old);
            return;
        }
        Object[] row = old.clone();
        List<Integer> cols = link.fk().columns();
        for (int i = 0; i < cols.size(); i++) {
            int col = cols.get(i);
            row[col] = switch (action) {
                case SET_NULL -> null;
                case SET_DEFAULT -> writer(child).evalDefault(col);
                default -> convert(c.row()[link.fk().refColumns().get(i)],
                        c.table().columns().get(link.fk().refColumns().get(i)).type(),
                        child.columns().get(col).type());
            };
        }
        writer(child).validate(row);
        byte[] newKey = child.hasPrimaryKey() ? TableRows.rowKey(child, row, 0) : key;
        TableRows.update(cx.txn(), child, key, old, newKey, row);
        updated(child, old, row);
    }

    private TableWriter writer(Relation.Table t) {
        return writers.computeIfAbsent(t.id(), id -> new TableWriter(t, binder, cx));
    }

    /**
     * The rows of the link's child whose foreign key equals {@code key} (parent values),
     * locked in {@code mode} and keyed by row key: those this transaction sees, and those a
     * fresh snapshot sees (committed after this statement's snapshot; see the class comment).
     */
    private Map<ByteBuffer, Object[]> referencing(Link link, List<Object> key, LockMode mode) {
        Relation.Table child = link.child();
        List<Object> childKey = childValues(link, key);
        byte[] wanted = keyBytes(child, link.fk().columns(), childKey);
        Map<ByteBuffer, Boolean> candidates = new LinkedHashMap<>();
        candidateKeys(cx.txn(), link, childKey, wanted, candidates);
        try (Transaction fresh = db.txnStore().begin(Isolation.READ_COMMITTED, true)) {
            candidateKeys(fresh, link, childKey, wanted, candidates);
        }
        Map<ByteBuffer, Object[]> out = new LinkedHashMap<>();
        for (ByteBuffer k : candidates.keySet()) {
            byte[] current = lock(k.array(), mode);
            if (current == null) {
                continue;
            }
            Object[] row = TableRows.decodeRow(child, current);
            if (Arrays.equals(keyBytes(child, link.fk().columns(), values(row,
                    link.fk().columns())), wanted)) {
                out.put(k, row);
            }
        }
        return out;
    }

    private byte[] lock(byte[] key, LockMode mode) {
        try {
            return cx.txn().lock(key, mode, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the row keys {@code txn} sees whose foreign-key bytes are {@code wanted}. */
    private void candidateKeys(Transaction txn, Link link, List<Object> childKey, byte[] wanted,
            Map<ByteBuffer, Boolean> out) {
        Relation.Table child = link.child();
        List<Integer> fkCols = link.fk().columns();
        IndexDesc index = leadingIndex(child, fkCols);
        byte[] low;
        boolean viaIndex = index != null && !index.primary();
        if (index == null) {
            low = TableRows.prefix(child.id());
        } else {
            List<Integer> lead = index.columns().subList(0, fkCols.size());
            List<Object> ordered = new ArrayList<>();
            for (int c : lead) {
                ordered.add(childKey.get(fkCols.indexOf(c)));
            }
            byte[] prefix = viaIndex ? TableRows.prefix(index.id()) : TableRows.prefix(child.id());
            low = concat(prefix, keyBytes(child, lead, ordered));
        }
        try (KvCursor c = txn.scan(low, dev.cutaway.kv.tuple.TupleEncoding.prefixEnd(low), true)) {
            while (c.next()) {
                if (viaIndex) {
                    out.put(ByteBuffer.wrap(c.value()), Boolean.TRUE);
                    continue;
                }
                Object[] row = TableRows.decodeRow(child, c.value());
                if (Arrays.equals(keyBytes(child, fkCols, values(row, fkCols)), wanted)) {
                    out.put(ByteBuffer.wrap(c.key()), Boolean.TRUE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The primary key (as an {@link IndexDesc} with {@code primary}) or index whose leading
     * columns are exactly the foreign-key columns in some order, or null (scan the table).
     */
    static IndexDesc leadingIndex(Relation.Table t, List<Integer> columns) {
        List<IndexDesc> all = new ArrayList<>();
        if (t.hasPrimaryKey()) {
            all.add(new IndexDesc(t.id(), t.primaryKeyName(), t.primaryKey(), true, true));
        }
        all.addAll(t.indexes());
        for (IndexDesc i : all) {
            if (i.columns().size() >= columns.size()
                    && new java.util.HashSet<>(i.columns().subList(0, columns.size()))
                            .equals(new java.util.HashSet<>(columns))) {
                return i;
            }
        }
        return null;
    }

    // ---- child side ----

    private void checkChild(ChildCheck c) {
        ForeignKeyDesc fk = c.fk();
        List<Object> key = values(c.row(), fk.columns());
        if (key.contains(null)) {
            return;   // MATCH SIMPLE
        }
        Relation.Table parent = parent(c.child(), fk);
        List<Object> parentKey = new ArrayList<>();
        try {
            for (int i = 0; i < key.size(); i++) {
                parentKey.add(convert(key.get(i),
                        c.child().columns().get(fk.columns().get(i)).type(),
                        parent.columns().get(fk.refColumns().get(i)).type()));
            }
        } catch (SqlException outOfRange) {
            throw notPresent(c.child(), fk, key);   // no parent row can hold the value
        }
        if (!parentExists(parent, fk.refColumns(), parentKey, true)) {
            throw notPresent(c.child(), fk, key);
        }
    }

    private Relation.Table parent(Relation.Table child, ForeignKeyDesc fk) {
        if (fk.references(child.schema(), child.name())) {
            return child;
        }
        return parents.computeIfAbsent(fk.refSchema() + "." + fk.refTable(), k ->
                (Relation.Table) Catalog.lookup(cx.txn(), fk.refSchema(), fk.refTable()));
    }

    /**
     * Whether the parent has a row with {@code key} in {@code columns} (its primary key or a
     * unique index); with {@code lock} the key is SHARE-locked to commit.
     */
    private boolean parentExists(Relation.Table parent, List<Integer> columns, List<Object> key,
            boolean lock) {
        IndexDesc index = uniqueIndexOn(parent, columns);
        List<Object> ordered = new ArrayList<>();
        for (int c : index.columns()) {
            ordered.add(key.get(columns.indexOf(c)));
        }
        byte[] k = index.primary() ? TableRows.primaryKey(parent, ordered)
                : concat(TableRows.prefix(index.id()), keyBytes(parent, index.columns(), ordered));
        try {
            return (lock ? cx.txn().lock(k, LockMode.SHARE, false) : cx.txn().get(k)) != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The primary key or unique index on exactly {@code columns} (as a set), or null. */
    static IndexDesc uniqueIndexOn(Relation.Table t, List<Integer> columns) {
        java.util.Set<Integer> wanted = new java.util.HashSet<>(columns);
        if (t.hasPrimaryKey() && new java.util.HashSet<>(t.primaryKey()).equals(wanted)) {
            return new IndexDesc(t.id(), t.primaryKeyName(), t.primaryKey(), true, true);
        }
        for (IndexDesc i : t.indexes()) {
            if (i.unique() && new java.util.HashSet<>(i.columns()).equals(wanted)
                    && i.columns().size() == columns.size()) {
                return i;
            }
        }
        return null;
    }

    // ---- values and errors ----

    private List<Object> childValues(Link link, List<Object> parentKey) {
        Relation.Table parent = parent(link.child(), link.fk());
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < parentKey.size(); i++) {
            out.add(convert(parentKey.get(i),
                    parent.columns().get(link.fk().refColumns().get(i)).type(),
                    link.child().columns().get(link.fk().columns().get(i)).type()));
        }
        return out;
    }

    static Object convert(Object value, SqlType from, SqlType to) {
        return value == null || from.equals(to) ? value : Casts.cast(value, from, to);
    }

    static List<Object> values(Object[] row, List<Integer> columns) {
        List<Object> out = new ArrayList<>(columns.size());
        for (int c : columns) {
            out.add(row[c]);
        }
        return out;
    }

    private static boolean sameValues(Relation.Table t, List<Integer> columns, Object[] a,
            Object[] b) {
        return Arrays.equals(keyBytes(t, columns, values(a, columns)),
                keyBytes(t, columns, values(b, columns)));
    }

    static byte[] keyBytes(Relation.Table t, List<Integer> columns, List<Object> values) {
        List<SqlType> types = new ArrayList<>(columns.size());
        for (int c : columns) {
            types.add(t.columns().get(c).type());
        }
        return KeyEncoding.encode(values, types);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private String describe(Relation.Table t, List<Integer> columns, List<Object> values) {
        StringBuilder names = new StringBuilder();
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            String sep = i == 0 ? "" : ", ";
            SqlType type = t.columns().get(columns.get(i)).type();
            names.append(sep).append(t.columns().get(columns.get(i)).name());
            shown.append(sep).append(values.get(i) == null ? "null"
                    : ValueText.format(values.get(i), type, cx.eval().zone()));
        }
        return "Key (" + names + ")=(" + shown + ")";
    }

    SqlException notPresent(Relation.Table child, ForeignKeyDesc fk, List<Object> key) {
        return new SqlException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \""
                + child.name() + "\" violates foreign key constraint \"" + fk.name() + "\"", 0,
                describe(child, fk.columns(), key) + " is not present in table \""
                + fk.refTable() + "\".", null, null);
    }

    private SqlException stillReferenced(Relation.Table parent, Link link, List<Object> key) {
        return new SqlException(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \""
                + parent.name() + "\" violates foreign key constraint \"" + link.fk().name()
                + "\" on table \"" + link.child().name() + "\"", 0,
                describe(parent, link.fk().refColumns(), key) + " is still referenced from"
                + " table \"" + link.child().name() + "\".", null, null);
    }

    /** Checks the existing rows of {@code child} against a new foreign key (ALTER TABLE). */
    void validateExisting(Relation.Table child, ForeignKeyDesc fk) {
        try (KvCursor c = cx.txn().scan(TableRows.prefix(child.id()),
                TableRows.prefixEnd(child.id()), true)) {
            while (c.next()) {
                checkChild(new ChildCheck(child, fk, TableRows.decodeRow(child, c.value())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
