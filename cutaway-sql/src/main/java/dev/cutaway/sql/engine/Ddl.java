package dev.cutaway.sql.engine;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.SortItem;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.TableConstraint;
import dev.cutaway.sql.bind.BindContext;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.sql.parse.SqlPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CREATE/DROP of tables, indexes, views, sequences and schemas, and CREATE INDEX's backfill.
 * Every catalog change goes through the statement's transaction (so it commits or rolls back
 * with it); ALTER TABLE lives in {@link AlterTable}, table definitions in {@link TableDefs}.
 */
final class Ddl {
    private final Database db;
    private final BindContext bind;
    private final ExecContext cx;
    private final QueryBinder binder;

    Ddl(Database db, BindContext bind, ExecContext cx) {
        this.db = db;
        this.bind = bind;
        this.cx = cx;
        this.binder = new QueryBinder(bind);
    }

    static String schemaOf(List<String> name) {
        return name.size() >= 2 ? name.get(name.size() - 2) : Catalog.DEFAULT_SCHEMA;
    }

    private void requireSchema(String schema, int position) {
        if (!Catalog.schemaExists(cx.txn(), schema)) {
            throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema
                    + "\" does not exist", position);
        }
    }

    long nextId() {
        return Catalog.nextId(db.sequences());
    }

    Result createTable(Statement.CreateTable c) {
        String schema = schemaOf(c.name());
        requireSchema(schema, c.position());
        if (bind.lookup(c.name()) != null) {
            if (c.ifNotExists()) {
                return Result.command("CREATE TABLE");
            }
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + c.name().getLast()
                    + "\" already exists", c.position());
        }
        long id = nextId();
        TableDefs defs = new TableDefs(this, binder, schema, c.name().getLast(), id);
        Relation.Table table = defs.build(c);
        int space = spaceFor(table.engine(), c.position());
        if (space != Node.DEFAULT_SPACE) {
            table = new Relation.Table(table.id(), schema, table.name(), table.columns(),
                    table.primaryKey(), table.primaryKeyName(), table.indexes(), table.checks(),
                    space, table.engine(), table.rowIdSequence(), table.foreignKeys(),
                    table.referencedBy());
            db.txnStore().mapPrefix(TableRows.prefix(id), space);
        }
        for (Relation r : defs.companions()) {
            Catalog.create(cx.txn(), r);
        }
        table = new ForeignKeyDefs(cx).add(table, defs.foreignKeys());
        Catalog.create(cx.txn(), table);
        return Result.command("CREATE TABLE");
    }

    /** The key space for a table asking for {@code engine} (null: the default). */
    private int spaceFor(String engine, int position) {
        if (engine == null) {
            return Node.DEFAULT_SPACE;
        }
        NodeOptions.EngineKind kind = switch (engine.toLowerCase(Locale.ROOT)) {
            case "btree" -> NodeOptions.EngineKind.BTREE;
            case "lsm" -> NodeOptions.EngineKind.LSM;
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"engine\": \"" + engine + "\"", position,
                    null, "Valid values are \"btree\" and \"lsm\".", null);
        };
        Node node = db.node();
        if (node.spaces().get(Node.DEFAULT_SPACE).kind() == kind) {
            return Node.DEFAULT_SPACE;
        }
        try {
            return node.createSpace(kind);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with 42P07 if {@code name} is taken in {@code schema}. */
    void requireFree(String schema, String name, int position) {
        if (Catalog.lookup(cx.txn(), schema, name) != null) {
            throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + name
                    + "\" already exists", position);
        }
    }

    Result drop(Statement.Drop d) {
        String tag = "DROP " + d.kind().name();
        List<Relation> dropping = new ArrayList<>();
        for (List<String> name : d.names()) {
            if (d.kind() == Statement.ObjectKind.SCHEMA) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "DROP SCHEMA is not supported yet", d.position());
            }
            Relation r = bind.lookup(name);
            if (r == null) {
                if (d.ifExists()) {
                    cx.notice(d.kind().name().toLowerCase(Locale.ROOT) + " \"" + name.getLast()
                            + "\" does not exist, skipping");
                    continue;
                }
                throw new SqlException(d.kind() == Statement.ObjectKind.INDEX
                        ? SqlState.UNDEFINED_OBJECT : SqlState.UNDEFINED_TABLE,
                        d.kind().name().toLowerCase(Locale.ROOT) + " \"" + name.getLast()
                        + "\" does not exist", d.position());
            }
            String wanted = d.kind().name().toLowerCase(Locale.ROOT);
            if (!r.kindName().equals(wanted)) {
                throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + name.getLast()
                        + "\" is not a" + (wanted.equals("index") ? "n " : " ") + wanted,
                        d.position(), null, "Use DROP " + r.kindName().toUpperCase(Locale.ROOT)
                        + " to remove a " + r.kindName() + ".", null);
            }
            if (dropping.stream().noneMatch(x -> x.id() == r.id() && x.name().equals(r.name()))) {
                dropping.add(r);
            }
        }
        if (!dropping.isEmpty()) {
            dropAll(dropping, d.behavior() == Statement.DropBehavior.CASCADE, d.position());
        }
        return Result.command(tag);
    }

    /**
     * Drops {@code dropping} with what depends on them (ADR 0016): foreign keys of other tables
     * referencing a dropped table (or needing a dropped index) and views that no longer bind.
     * Without CASCADE any such dependent fails the statement with 2BP01.
     */
    private void dropAll(List<Relation> dropping, boolean cascade, int position) {
        Dependents deps = new Dependents(cx);
        List<Relation.View> before = deps.bindingViews();
        ForeignKeyDefs fks = new ForeignKeyDefs(cx);
        List<ForeignKeys.Link> cut = foreignKeyDependents(dropping, fks);
        for (ForeignKeys.Link l : cut) {
            deps.add("constraint " + l.fk().name() + " on table " + l.child().name()
                    + " depends on " + (dropping.getFirst() instanceof Relation.Index i
                    ? "index " + i.name() : "table " + l.fk().refTable()));
        }
        for (Relation r : dropping) {
            dropRelation(r, position, fks);
        }
        List<Relation.View> broken = deps.broken(before);
        Map<String, String> objects = new LinkedHashMap<>();
        for (Relation r : dropping) {
            objects.put(r.name(), r.kindName() + " " + r.name());
        }
        deps.addViews(broken, objects);
        if (deps.isEmpty()) {
            return;
        }
        if (!cascade) {
            throw deps.error(dropping.size() == 1 ? objects.values().iterator().next() : null);
        }
        for (ForeignKeys.Link l : cut) {
            Relation.Table child = (Relation.Table) Catalog.lookup(cx.txn(),
                    l.child().schema(), l.child().name());
            Catalog.put(cx.txn(), fks.remove(child, f -> f.name().equals(l.fk().name())));
        }
        deps.dropViews(broken);
    }

    /** Foreign keys of tables not being dropped that a drop of {@code dropping} breaks. */
    private List<ForeignKeys.Link> foreignKeyDependents(List<Relation> dropping,
            ForeignKeyDefs fks) {
        List<ForeignKeys.Link> out = new ArrayList<>();
        for (Relation r : dropping) {
            if (r instanceof Relation.Table t) {
                for (ForeignKeys.Link l : fks.referencing(t)) {
                    if (dropping.stream().noneMatch(x -> x.schema().equals(l.child().schema())
                            && x.name().equals(l.child().name()))) {
                        out.add(l);
                    }
                }
            } else if (r instanceof Relation.Index i
                    && Catalog.lookup(cx.txn(), i.schema(), i.table())
                    instanceof Relation.Table t) {
                Relation.Table without = t.withIndexes(t.indexes().stream()
                        .filter(x -> !x.name().equals(i.name())).toList());
                List<ForeignKeys.Link> all = new ArrayList<>(fks.referencing(t));
                for (var f : t.foreignKeys()) {
                    if (f.references(t.schema(), t.name())) {
                        all.add(new ForeignKeys.Link(t, f));
                    }
                }
                for (ForeignKeys.Link l : all) {
                    if (ForeignKeys.uniqueIndexOn(without, l.fk().refColumns()) == null) {
                        out.add(l);
                    }
                }
            }
        }
        return out;
    }

    private void dropRelation(Relation r, int position, ForeignKeyDefs fks) {
        switch (r) {
            case Relation.Table t -> {
                fks.remove(t, f -> true);
                for (Relation other : Catalog.all(cx.txn())) {
                    if (other instanceof Relation.Index i && i.table().equals(t.name())
                            && i.schema().equals(t.schema())
                            || other instanceof Relation.Sequence s
                            && t.name().equals(s.ownerTable()) && s.schema().equals(t.schema())) {
                        Catalog.remove(cx.txn(), other);
                    }
                }
                Catalog.remove(cx.txn(), t);
                Reclaim.schedule(cx.txn(), t);
                db.reclaimScheduled();
            }
            case Relation.Index i -> {
                Relation.Table t = (Relation.Table) Catalog.lookup(cx.txn(), i.schema(),
                        i.table());
                if (t.hasPrimaryKey() && t.primaryKeyName().equals(i.name())) {
                    throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop"
                            + " index " + i.name() + " because constraint " + i.name()
                            + " on table " + t.name() + " requires it", position);
                }
                List<IndexDesc> kept = new ArrayList<>();
                for (IndexDesc x : t.indexes()) {
                    if (!x.name().equals(i.name())) {
                        kept.add(x);
                    } else {
                        Reclaim.schedule(cx.txn(), x.id());
                        db.reclaimScheduled();
                    }
                }
                Catalog.put(cx.txn(), t.withIndexes(kept));
                Catalog.remove(cx.txn(), i);
            }
            case Relation.Sequence s -> {
                Catalog.remove(cx.txn(), s);
                db.sequences().forget(s.id());
            }
            case Relation.View v -> Catalog.remove(cx.txn(), v);
        }
    }

    Result createIndex(Statement.CreateIndex c) {
        Relation.Table table = bind.requireTable(c.table(), c.position());
        if (c.where() != null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "partial indexes are not supported yet", c.where().position());
        }
        List<Integer> columns = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (SortItem key : c.keys()) {
            if (!(key.expr() instanceof dev.cutaway.sql.ast.Expr.ColumnRef ref)
                    || ref.names().size() != 1) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "indexes on expressions are not supported yet", key.expr().position());
            }
            columns.add(TableWriter.columnIndex(table, ref.names().getFirst(),
                    key.expr().position()));
            names.add(ref.names().getFirst());
        }
        String name = c.name();
        if (name == null) {
            name = freeName(table.schema(), table.name() + "_" + String.join("_", names)
                    + (c.unique() ? "_key" : "_idx"));
        } else if (Catalog.lookup(cx.txn(), table.schema(), name) != null) {
            if (c.ifNotExists()) {
                return Result.command("CREATE INDEX");
            }
            requireFree(table.schema(), name, c.position());
        }
        IndexDesc index = new IndexDesc(nextId(), name, columns, c.unique(), false);
        addIndex(table, index);
        return Result.command("CREATE INDEX");
    }

    /** Adds {@code index} to {@code table}: entries for every row, descriptor, name entry. */
    void addIndex(Relation.Table table, IndexDesc index) {
        TableDefs.requireKeyable(table, index.columns(), 0);
        List<IndexDesc> indexes = new ArrayList<>(table.indexes());
        indexes.add(index);
        Relation.Table updated = table.withIndexes(indexes);
        try (KvCursor c = TableRows.scan(cx.txn(), TableRows.prefix(table.id()),
                TableRows.prefixEnd(table.id()))) {
            List<byte[]> keys = new ArrayList<>();
            List<Object[]> rows = new ArrayList<>();
            while (c.next()) {
                keys.add(c.key());
                rows.add(TableRows.decodeRow(table, c.value()));
                cx.checkRowsInMemory(keys.size());
            }
            for (int i = 0; i < keys.size(); i++) {
                TableRows.addEntry(cx.txn(), updated, index, keys.get(i), rows.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Catalog.put(cx.txn(), updated);
        Catalog.create(cx.txn(), new Relation.Index(index.id(), table.schema(), index.name(),
                table.name()));
    }

    /** {@code base}, or base1, base2, ... whichever is free. */
    String freeName(String schema, String base) {
        String name = base;
        for (int i = 1; Catalog.lookup(cx.txn(), schema, name) != null; i++) {
            name = base + i;
        }
        return name;
    }

    Result createView(Statement.CreateView c) {
        String schema = schemaOf(c.name());
        requireSchema(schema, c.position());
        QueryBinder.Bound b = binder.bind(c.query(), null);
        List<String> names = QueryBinder.renamed(b.names(), c.columns(), c.name().getLast(),
                c.position());
        Relation existing = bind.lookup(c.name());
        Relation.View view;
        if (existing != null) {
            if (!c.orReplace() || !(existing instanceof Relation.View old)) {
                throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \""
                        + c.name().getLast() + "\" already exists", c.position());
            }
            view = new Relation.View(old.id(), schema, old.name(), names,
                    SqlPrinter.print(c.query()));
            Catalog.put(cx.txn(), view);
        } else {
            view = new Relation.View(nextId(), schema, c.name().getLast(), names,
                    SqlPrinter.print(c.query()));
            Catalog.create(cx.txn(), view);
        }
        return Result.command("CREATE VIEW");
    }

    Result createSequence(Statement.CreateSequence c) {
        String schema = schemaOf(c.name());
        requireSchema(schema, c.position());
        if (bind.lookup(c.name()) != null) {
            if (c.ifNotExists()) {
                return Result.command("CREATE SEQUENCE");
            }
            requireFree(schema, c.name().getLast(), c.position());
        }
        long increment = 1;
        Long min = null;
        Long max = null;
        Long start = null;
        boolean cycle = false;
        for (Statement.SequenceOption o : c.options()) {
            switch (o.kind()) {
                case INCREMENT -> increment = o.value();
                case MINVALUE -> min = o.value();
                case MAXVALUE -> max = o.value();
                case START -> start = o.value();
                case CYCLE -> cycle = true;
                default -> { }
            }
        }
        if (increment == 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "INCREMENT must not be zero", c.position());
        }
        long lo = min != null ? min : increment > 0 ? 1 : Long.MIN_VALUE;
        long hi = max != null ? max : increment > 0 ? Long.MAX_VALUE : -1;
        long first = start != null ? start : increment > 0 ? lo : hi;
        Catalog.create(cx.txn(), new Relation.Sequence(nextId(), schema, c.name().getLast(),
                first, increment, lo, hi, cycle, null));
        return Result.command("CREATE SEQUENCE");
    }

    Result createSchema(Statement.CreateSchema c) {
        if (Catalog.schemaExists(cx.txn(), c.name())) {
            if (c.ifNotExists()) {
                return Result.command("CREATE SCHEMA");
            }
            throw new SqlException(SqlState.DUPLICATE_SCHEMA, "schema \"" + c.name()
                    + "\" already exists", c.position());
        }
        Catalog.createSchema(cx.txn(), c.name());
        return Result.command("CREATE SCHEMA");
    }

    Result alterTable(Statement.AlterTable a) {
        return new AlterTable(this, bind, binder, cx).run(a);
    }

    Database database() {
        return db;
    }

    ExecContext context() {
        return cx;
    }

    /** A constraint kind ALTER TABLE cannot add yet (a primary key: it re-keys every row). */
    static SqlException unsupported(Object constraint, int position) {
        String what = constraint instanceof TableConstraint.PrimaryKey
                ? "adding a PRIMARY KEY constraint" : constraint.getClass().getSimpleName();
        return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, what
                + " is not supported yet", position);
    }
}
