package dev.cutaway.sql.engine;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.ColumnConstraint;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.Statement.AlterAction;
import dev.cutaway.sql.ast.TableConstraint;
import dev.cutaway.sql.bind.BindContext;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.CheckDesc;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.ForeignKeyDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.sql.parse.SqlPrinter;
import dev.cutaway.txn.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * ALTER TABLE: RENAME TO, RENAME COLUMN, ADD COLUMN and DROP COLUMN (both rewrite every row,
 * in the statement's transaction), SET/DROP NOT NULL, SET/DROP DEFAULT, ADD UNIQUE and ADD
 * CHECK (checked against the existing rows), ADD PRIMARY KEY (re-keys the rows), DROP
 * CONSTRAINT (of the primary key: re-keys them back to row ids).
 */
final class AlterTable {
    private final Ddl ddl;
    private final BindContext bind;
    private final QueryBinder binder;
    private final ExecContext cx;

    AlterTable(Ddl ddl, BindContext bind, QueryBinder binder, ExecContext cx) {
        this.ddl = ddl;
        this.bind = bind;
        this.binder = binder;
        this.cx = cx;
    }

    Result run(Statement.AlterTable a) {
        Relation r = bind.lookup(a.table());
        if (r == null && a.ifExists()) {
            return Result.command("ALTER TABLE");
        }
        Relation.Table table = bind.requireTable(a.table(), a.position());
        for (AlterAction action : a.actions()) {
            table = apply(table, action, a.position());
        }
        return Result.command("ALTER TABLE");
    }

    private Relation.Table apply(Relation.Table t, AlterAction action, int position) {
        return switch (action) {
            case AlterAction.RenameTable r -> renameTable(t, r.to(), position);
            case AlterAction.RenameColumn r -> renameColumn(t, r, position);
            case AlterAction.AddColumn add -> addColumn(t, add, position);
            case AlterAction.DropColumn drop -> dropColumn(t, drop, position);
            case AlterAction.AlterColumnNotNull n -> setNotNull(t, n, position);
            case AlterAction.AlterColumnDefault d -> {
                int i = TableWriter.columnIndex(t, d.column(), position);
                List<ColumnDesc> cols = new ArrayList<>(t.columns());
                cols.set(i, cols.get(i).withDefault(d.value() == null ? null
                        : SqlPrinter.print(d.value())));
                yield store(t.withColumns(cols));
            }
            case AlterAction.AddConstraint c -> addConstraint(t, c.constraint(), position);
            case AlterAction.DropConstraint d -> dropConstraint(t, d, position);
        };
    }

    private Relation.Table store(Relation.Table t) {
        Catalog.put(cx.txn(), t);
        return t;
    }

    private void requireNewColumn(Relation.Table t, String name, int position) {
        if (t.columnIndex(name) >= 0) {
            throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + name
                    + "\" of relation \"" + t.name() + "\" already exists", position);
        }
    }

    /**
     * RENAME TO: the descriptor under its new name, index and owned-sequence entries pointing
     * at it, both sides of its foreign keys, and views that name it rewritten (ADR 0016).
     */
    private Relation.Table renameTable(Relation.Table t, String to, int position) {
        ddl.requireFree(t.schema(), to, position);
        Relation.Table renamed = new ForeignKeyDefs(cx).rename(t, to);
        Catalog.remove(cx.txn(), t);
        Catalog.put(cx.txn(), renamed);
        for (Relation other : Catalog.all(cx.txn())) {
            if (other instanceof Relation.Index i && i.table().equals(t.name())
                    && i.schema().equals(t.schema())) {
                Catalog.put(cx.txn(), new Relation.Index(i.id(), i.schema(), i.name(), to));
            } else if (other instanceof Relation.Sequence q && t.name().equals(q.ownerTable())
                    && q.schema().equals(t.schema())) {
                Catalog.put(cx.txn(), new Relation.Sequence(q.id(), q.schema(), q.name(),
                        q.start(), q.increment(), q.min(), q.max(), q.cycle(), to));
            }
        }
        ViewRewrites.rewriteViews(cx.txn(), t, ref -> ViewRewrites.renameTable(ref, to));
        return renamed;
    }

    /** RENAME COLUMN: also in the table's CHECKs and in the views that use the table. */
    private Relation.Table renameColumn(Relation.Table t, AlterAction.RenameColumn r,
            int position) {
        int i = TableWriter.columnIndex(t, r.from(), position);
        requireNewColumn(t, r.to(), position);
        List<String> names = new ArrayList<>();
        for (ColumnDesc c : t.columns()) {
            names.add(c.name());
        }
        List<ColumnDesc> cols = new ArrayList<>(t.columns());
        cols.set(i, cols.get(i).withName(r.to()));
        List<CheckDesc> checks = new ArrayList<>();
        for (CheckDesc c : t.checks()) {
            Object e = ViewRewrites.rewrite(TableWriter.parseExpr(c.sql()), Expr.ColumnRef.class,
                    ref -> ref.names().getLast().equals(r.from()) ? renamed(ref, r.to()) : ref);
            checks.add(new CheckDesc(c.name(), SqlPrinter.print((Expr) e)));
        }
        ViewRewrites.rewriteViews(cx.txn(), t,
                ref -> ViewRewrites.renameColumn(ref, names, i, r.from()));
        return store(t.withColumns(cols).withChecks(checks));
    }

    private static Expr.ColumnRef renamed(Expr.ColumnRef ref, String to) {
        List<String> names = new ArrayList<>(ref.names());
        names.set(names.size() - 1, to);
        return new Expr.ColumnRef(names, ref.position());
    }

    private Relation.Table addColumn(Relation.Table t, AlterAction.AddColumn add, int position) {
        Statement.ColumnDef def = add.column();
        if (t.columnIndex(def.name()) >= 0) {
            if (add.ifNotExists()) {
                return t;
            }
            requireNewColumn(t, def.name(), position);
        }
        for (ColumnConstraint cc : def.constraints()) {
            if (cc instanceof ColumnConstraint.PrimaryKey) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "adding a primary-key column is not supported yet", position);
            }
        }
        TableDefs defs = new TableDefs(ddl, binder, t.schema(), t.name(), t.id());
        ColumnDesc col = defs.column(def);
        for (Relation r : defs.companions()) {
            Catalog.create(cx.txn(), r);
        }
        List<ColumnDesc> cols = new ArrayList<>(t.columns());
        cols.add(col);
        Relation.Table added = t.withColumns(cols);
        TableWriter writer = new TableWriter(added, binder, cx);
        int n = t.columns().size();
        rewrite(t, added, old -> {
            Object[] row = java.util.Arrays.copyOf(old, n + 1);
            row[n] = writer.evalDefault(n);
            writer.validate(row);
            return row;
        });
        Relation.Table result = store(added);
        for (ColumnConstraint cc : def.constraints()) {
            TableConstraint tc = switch (cc) {
                case ColumnConstraint.Unique u -> new TableConstraint.Unique(u.name(),
                        List.of(def.name()));
                case ColumnConstraint.Check k -> new TableConstraint.Check(k.name() != null
                        ? k.name() : t.name() + "_" + def.name() + "_check", k.condition());
                case ColumnConstraint.References r -> new TableConstraint.ForeignKey(r.name(),
                        List.of(def.name()), r.target());
                default -> null;
            };
            if (tc != null) {
                result = addConstraint(result, tc, position);
            }
        }
        return result;
    }

    /**
     * DROP COLUMN: rewrites every row; drops the indexes, CHECKs and this table's foreign keys
     * that use the column; foreign keys of other tables referencing it and views using it
     * are dependents (2BP01 unless CASCADE, which drops them; ADR 0016).
     */
    private Relation.Table dropColumn(Relation.Table t, AlterAction.DropColumn drop,
            int position) {
        int i = t.columnIndex(drop.column());
        if (i < 0) {
            if (drop.ifExists()) {
                return t;
            }
            TableWriter.columnIndex(t, drop.column(), position);
        }
        if (t.primaryKey().contains(i)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "dropping a primary-key column is not supported yet", position);
        }
        String object = "column " + drop.column() + " of table " + t.name();
        Dependents deps = new Dependents(cx);
        List<Relation.View> before = deps.bindingViews();
        ForeignKeyDefs fks = new ForeignKeyDefs(cx);
        List<ForeignKeys.Link> cut = new ArrayList<>();
        for (ForeignKeys.Link l : fks.referencing(t)) {
            if (l.fk().refColumns().contains(i)) {
                cut.add(l);
                deps.add("constraint " + l.fk().name() + " on table " + l.child().name()
                        + " depends on " + object);
            }
        }
        Relation.Table base = fks.remove(t, f -> f.columns().contains(i)
                || f.references(t.schema(), t.name()) && f.refColumns().contains(i));
        Relation.Table dropped = withoutColumn(base, i);
        rewrite(t, dropped, old -> {
            Object[] row = new Object[old.length - 1];
            System.arraycopy(old, 0, row, 0, i);
            System.arraycopy(old, i + 1, row, i, old.length - i - 1);
            return row;
        });
        store(dropped);
        shiftReferences(fks, t, i, cut);
        ViewRewrites.rewriteViews(cx.txn(), t, ref -> ViewRewrites.dropColumn(ref, i));
        List<Relation.View> broken = deps.broken(before);
        deps.addViews(broken, java.util.Map.of(t.name(), object));
        if (!deps.isEmpty()) {
            if (drop.behavior() != Statement.DropBehavior.CASCADE) {
                throw deps.error(object);
            }
            for (ForeignKeys.Link l : cut) {
                Relation.Table c = (Relation.Table) Catalog.lookup(cx.txn(), l.child().schema(),
                        l.child().name());
                Catalog.put(cx.txn(), fks.remove(c, f -> f.name().equals(l.fk().name())));
            }
            deps.dropViews(broken);
        }
        return (Relation.Table) Catalog.lookup(cx.txn(), t.schema(), t.name());
    }

    /** {@code t}'s descriptor without column {@code i}: indexes and CHECKs using it dropped. */
    private Relation.Table withoutColumn(Relation.Table t, int i) {
        String column = t.columns().get(i).name();
        List<ColumnDesc> cols = new ArrayList<>(t.columns());
        cols.remove(i);
        List<IndexDesc> indexes = new ArrayList<>();
        for (IndexDesc x : t.indexes()) {
            if (x.columns().contains(i)) {
                Relation name = Catalog.lookup(cx.txn(), t.schema(), x.name());
                if (name != null) {
                    Catalog.remove(cx.txn(), name);
                }
                Reclaim.schedule(cx.txn(), x.id());
                ddl.database().reclaimScheduled();
                continue;
            }
            indexes.add(new IndexDesc(x.id(), x.name(), shifted(x.columns(), i), x.unique(),
                    x.primary()));
        }
        List<CheckDesc> checks = new ArrayList<>();
        for (CheckDesc c : t.checks()) {
            boolean[] uses = {false};
            ViewRewrites.rewrite(TableWriter.parseExpr(c.sql()), Expr.ColumnRef.class, ref -> {
                uses[0] |= ref.names().getLast().equals(column);
                return ref;
            });
            if (!uses[0]) {
                checks.add(c);
            }
        }
        List<ForeignKeyDesc> keys = new ArrayList<>();
        boolean self = false;
        for (ForeignKeyDesc f : t.foreignKeys()) {
            self = f.references(t.schema(), t.name());
            keys.add(f.withColumns(shifted(f.columns(), i),
                    self ? shifted(f.refColumns(), i) : f.refColumns()));
        }
        return new Relation.Table(t.id(), t.schema(), t.name(), cols,
                shifted(t.primaryKey(), i), t.primaryKeyName(), indexes, checks, t.space(),
                t.engine(), t.rowIdSequence(), keys, t.referencedBy());
    }

    /** Shifts the referenced ordinals of other tables' foreign keys past dropped column i. */
    private void shiftReferences(ForeignKeyDefs fks, Relation.Table t, int i,
            List<ForeignKeys.Link> cut) {
        for (ForeignKeys.Link l : fks.referencing(t)) {
            if (cut.contains(l)) {
                continue;
            }
            Relation.Table c = (Relation.Table) Catalog.lookup(cx.txn(), l.child().schema(),
                    l.child().name());
            List<ForeignKeyDesc> keys = new ArrayList<>();
            for (ForeignKeyDesc f : c.foreignKeys()) {
                keys.add(f.name().equals(l.fk().name())
                        ? f.withColumns(f.columns(), shifted(f.refColumns(), i)) : f);
            }
            Catalog.put(cx.txn(), c.withForeignKeys(keys));
        }
    }

    private static List<Integer> shifted(List<Integer> ordinals, int removed) {
        List<Integer> out = new ArrayList<>();
        for (int o : ordinals) {
            out.add(o > removed ? o - 1 : o);
        }
        return out;
    }

    private Relation.Table setNotNull(Relation.Table t, AlterAction.AlterColumnNotNull n,
            int position) {
        int i = TableWriter.columnIndex(t, n.column(), position);
        if (n.notNull()) {
            for (Object[] row : rows(t)) {
                if (row[i] == null) {
                    throw new SqlException(SqlState.NOT_NULL_VIOLATION, "column \"" + n.column()
                            + "\" of relation \"" + t.name() + "\" contains null values",
                            position);
                }
            }
        } else if (t.primaryKey().contains(i)) {
            throw new SqlException(SqlState.INVALID_TABLE_DEFINITION, "column \"" + n.column()
                    + "\" is in a primary key", position);
        }
        List<ColumnDesc> cols = new ArrayList<>(t.columns());
        cols.set(i, cols.get(i).withNotNull(n.notNull()));
        return store(t.withColumns(cols));
    }

    private Relation.Table addConstraint(Relation.Table t, TableConstraint c, int position) {
        if (c.name() != null) {
            ForeignKeyDefs.requireNewConstraint(t, c.name(), 0);   // PostgreSQL: no position
        }
        switch (c) {
            case TableConstraint.Unique u -> {
                List<Integer> cols = new ArrayList<>();
                for (String name : u.columns()) {
                    cols.add(TableWriter.columnIndex(t, name, position));
                }
                String name = u.name() != null ? u.name() : ddl.freeName(t.schema(), t.name()
                        + "_" + String.join("_", u.columns()) + "_key");
                ddl.requireFree(t.schema(), name, position);
                ddl.addIndex(t, new IndexDesc(ddl.nextId(), name, cols, true, false));
                return (Relation.Table) Catalog.lookup(cx.txn(), t.schema(), t.name());
            }
            case TableConstraint.PrimaryKey pk -> {
                return addPrimaryKey(t, pk, position);
            }
            case TableConstraint.Check k -> {
                List<CheckDesc> checks = new ArrayList<>(t.checks());
                checks.add(new CheckDesc(k.name() != null ? k.name() : t.name() + "_check",
                        SqlPrinter.print(k.condition())));
                Relation.Table checked = t.withChecks(checks);
                TableWriter writer = new TableWriter(checked, binder, cx);
                for (Object[] row : rows(t)) {
                    writer.validate(row);
                }
                return store(checked);
            }
            case TableConstraint.ForeignKey f -> {
                Relation.Table added = store(new ForeignKeyDefs(cx).add(t, List.of(
                        new ForeignKeyDefs.Spec(f.name(), f.columns(), f.target()))));
                new ForeignKeys(ddl.database(), binder, cx).validateExisting(added,
                        added.foreignKeys().getLast());
                return added;
            }
            default -> throw Ddl.unsupported(c, position);
        }
    }

    /**
     * DROP CONSTRAINT: a foreign key, a CHECK, the primary key (re-keys the rows to row ids,
     * {@link PrimaryKeyDrop}), or a UNIQUE constraint (its index); 42704 for no such
     * constraint, a notice with IF EXISTS.
     */
    private Relation.Table dropConstraint(Relation.Table t, AlterAction.DropConstraint d,
            int position) {
        String name = d.name();
        if (t.foreignKeys().stream().anyMatch(f -> f.name().equals(name))) {
            return store(new ForeignKeyDefs(cx).remove(t, f -> f.name().equals(name)));
        }
        if (t.checks().stream().anyMatch(c -> c.name().equals(name))) {
            return store(t.withChecks(t.checks().stream()
                    .filter(c -> !c.name().equals(name)).toList()));
        }
        if (name.equals(t.primaryKeyName())) {
            return new PrimaryKeyDrop(cx).drop(t, d.behavior() == Statement.DropBehavior.CASCADE);
        }
        if (t.indexes().stream().anyMatch(i -> i.name().equals(name) && i.unique())) {
            ddl.drop(new Statement.Drop(Statement.ObjectKind.INDEX, false,
                    List.of(List.of(t.schema(), name)), d.behavior(), position));
            return (Relation.Table) Catalog.lookup(cx.txn(), t.schema(), t.name());
        }
        String missing = "constraint \"" + name + "\" of relation \"" + t.name()
                + "\" does not exist";
        if (!d.ifExists()) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, missing);
        }
        cx.notice(missing + ", skipping");
        return t;
    }

    /**
     * ADD PRIMARY KEY on a table without one (pgbench adds its keys after loading): the key
     * columns become NOT NULL and the key becomes the row key, as if CREATE TABLE had declared
     * it, so a lookup by key is one descent (row) instead of two (a unique index's entry,
     * then the row). Rows are re-keyed in the statement's transaction by {@link #rekey}.
     */
    private Relation.Table addPrimaryKey(Relation.Table t, TableConstraint.PrimaryKey pk,
            int position) {
        if (t.hasPrimaryKey()) {
            throw new SqlException("42P16", "multiple primary keys for table \"" + t.name()
                    + "\" are not allowed", position);
        }
        List<Integer> keyColumns = new ArrayList<>();
        for (String column : pk.columns()) {
            keyColumns.add(TableWriter.columnIndex(t, column, position));
        }
        TableDefs.requireKeyable(t, keyColumns, position);
        String name = pk.name() != null ? pk.name() : t.name() + "_pkey";
        ddl.requireFree(t.schema(), name, position);
        List<ColumnDesc> cols = new ArrayList<>(t.columns());
        for (int c : keyColumns) {
            cols.set(c, cols.get(c).withNotNull(true));
        }
        Relation.Table keyed = new Relation.Table(t.id(), t.schema(), t.name(), cols,
                keyColumns, name, t.indexes(), t.checks(), t.space(), t.engine(), 0,
                t.foreignKeys(), t.referencedBy());
        rekey(t, keyed, position);
        Catalog.create(cx.txn(), new Relation.Index(t.id(), t.schema(), name, t.name()));
        return store(keyed);
    }

    /**
     * Moves every row of {@code from} (keyed by hidden row id) to its key under {@code to}
     * (keyed by primary key), with its index entries. Two cursors opened before any write see
     * the rows as they were: the first pass deletes each row whose key changes, the second
     * inserts it under its new key, so {@link Transaction#insert} meets every other row at
     * its final key and a duplicate fails with 23505. A row whose key bytes do not change (a
     * one-column integer key equal to the row id, as after pgbench's load) is not written at
     * all, so re-keying such a table costs one read pass and no write set.
     */
    private void rekey(Relation.Table from, Relation.Table to, int position) {
        Transaction txn = cx.txn();
        byte[] low = TableRows.prefix(from.id());
        byte[] high = TableRows.prefixEnd(from.id());
        try (KvCursor removals = TableRows.scan(txn, low, high);
                KvCursor additions = TableRows.scan(txn, low, high)) {
            long moved = 0;
            while (removals.next()) {
                Object[] row = TableRows.decodeRow(from, removals.value());
                requireKeyValues(to, row, position);
                byte[] key = removals.key();
                if (!Arrays.equals(key, TableRows.rowKey(to, row, 0))) {
                    TableRows.delete(txn, from, key, row);
                    moved++;
                }
                cx.checkCanceled();
            }
            while (moved > 0 && additions.next()) {
                Object[] row = TableRows.decodeRow(from, additions.value());
                byte[] newKey = TableRows.rowKey(to, row, 0);
                if (!Arrays.equals(additions.key(), newKey)) {
                    insertMoved(to, newKey, row);
                    moved--;
                }
                cx.checkCanceled();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key column of {@code row} is NULL: 23502 as SET NOT NULL reports it. */
    private static void requireKeyValues(Relation.Table to, Object[] row, int position) {
        for (int c : to.primaryKey()) {
            if (row[c] == null) {
                throw new SqlException(SqlState.NOT_NULL_VIOLATION, "column \""
                        + to.columns().get(c).name() + "\" of relation \"" + to.name()
                        + "\" contains null values", position);
            }
        }
    }

    /**
     * Inserts a moved row; a duplicate key fails as PostgreSQL's index build reports it. Only
     * the key can collide: the row's unique index entries were removed in the first pass and
     * come back with the same values.
     */
    private void insertMoved(Relation.Table to, byte[] newKey, Object[] row) {
        try {
            TableRows.insert(cx.txn(), to, newKey, row);
        } catch (SqlException e) {
            if (!SqlState.UNIQUE_VIOLATION.equals(e.sqlState()) || e.detail() == null) {
                throw e;
            }
            throw new SqlException(SqlState.UNIQUE_VIOLATION, "could not create unique index \""
                    + to.primaryKeyName() + "\"", 0,
                    e.detail().replace("already exists", "is duplicated"), null, null);
        }
    }

    private List<Object[]> rows(Relation.Table t) {
        List<Object[]> out = new ArrayList<>();
        try (KvCursor c = TableRows.scan(cx.txn(), TableRows.prefix(t.id()),
                TableRows.prefixEnd(t.id()))) {
            while (c.next()) {
                out.add(TableRows.decodeRow(t, c.value()));
                cx.checkRowsInMemory(out.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Rewrites every row of {@code from} into the layout of {@code to}. */
    private void rewrite(Relation.Table from, Relation.Table to, UnaryOperator<Object[]> f) {
        List<byte[]> keys = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        try (KvCursor c = TableRows.scan(cx.txn(), TableRows.prefix(from.id()),
                TableRows.prefixEnd(from.id()))) {
            while (c.next()) {
                keys.add(c.key());
                rows.add(TableRows.decodeRow(from, c.value()));
                cx.checkRowsInMemory(keys.size());
            }
            for (int i = 0; i < keys.size(); i++) {
                cx.txn().put(keys.get(i), TableRows.encodeRow(to, f.apply(rows.get(i))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
