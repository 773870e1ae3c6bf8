package dev.cutaway.sql.engine;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.bind.BindContext;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.bind.Scope;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowCursor;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.txn.LockMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * INSERT, UPDATE, DELETE and TRUNCATE. UPDATE and DELETE first collect the rows their
 * conditions select in the statement's snapshot, then lock each row and act on the value the
 * lock returns: under read committed that is the newest committed version, and a row changed
 * meanwhile is re-checked against the WHERE clause (PostgreSQL's EvalPlanQual), a row deleted
 * meanwhile is skipped; under repeatable read and serializable the lock fails with 40001 when
 * the row changed after the snapshot.
 */
final class Dml {
    private final Database db;
    private final BindContext bind;
    private final QueryBinder binder;
    private final ExecContext cx;
    private final ForeignKeys foreignKeys;

    Dml(Database db, BindContext bind, ExecContext cx) {
        this.db = db;
        this.bind = bind;
        this.binder = new QueryBinder(bind);
        this.cx = cx;
        this.foreignKeys = new ForeignKeys(db, binder, cx);
    }

    private static String qualifier(List<String> table, String alias) {
        return alias != null ? alias : table.getLast();
    }

    // ---- INSERT ----

    /**
     * A bound INSERT, UPDATE or DELETE: its table, the plan of the rows it inserts or acts
     * on, and the statement run over that plan or over a wrapping of it (EXPLAIN ANALYZE
     * passes the instrumented plan).
     */
    record Bound(String verb, Relation.Table table, Plan source, Function<Plan, Result> runner) {
        /** Runs the statement over its own row source. */
        Result run() {
            return runner.apply(source);
        }
    }

    /** Binds an INSERT, UPDATE or DELETE without running it. */
    Bound bind(Statement st) {
        return switch (st) {
            case Statement.Insert i -> bindInsertStatement(i);
            case Statement.Update u -> bindUpdate(u);
            case Statement.Delete d -> bindDelete(d);
            default -> throw new IllegalArgumentException("not INSERT, UPDATE or DELETE: " + st);
        };
    }

    /**
     * An INSERT's table, target columns and source bound once. Built per execution by
     * {@link #insert}; a prepared statement keeps one ({@link #bindForReuse}) and runs it at
     * each execution with that execution's context ({@link #insertBound}), skipping the bind.
     */
    record BoundInsert(TableWriter writer, List<Integer> targets, Plan source)
            implements Reusable {
        @Override
        public Relation.Table table() {
            return writer.table;
        }
    }

    /**
     * A prepared statement's INSERT, UPDATE or DELETE bound once for the executions at one
     * catalog version ({@link #bindForReuse}), run by {@link #runBound} in each execution's
     * context.
     */
    sealed interface Reusable permits BoundInsert, BoundModify {
        Relation.Table table();
    }

    /**
     * An UPDATE ({@code columns} set to {@code values}) or a DELETE ({@code columns} null) of
     * one table: its target rows' plan and the bound expressions, which read the execution's
     * context only when evaluated.
     */
    record BoundModify(Relation.Table table, TableWriter writer, QueryBinder.Target target,
            int[] columns, List<BoundExpr> values) implements Reusable {}

    Result insert(Statement.Insert ins) {
        return bindInsertStatement(ins).run();
    }

    private Bound bindInsertStatement(Statement.Insert ins) {
        BoundInsert b = bindInsert(ins);
        Relation.Table table = b.table();
        Scope scope = QueryBinder.tableScope(table, qualifier(ins.table(), ins.alias()), null);
        QueryBinder.Targets returning = ins.returning().isEmpty() ? null
                : binder.bindTargets(ins.returning(), scope);
        Conflicts conflicts = ins.onConflict() == null ? null
                : new Conflicts(table, ins.onConflict(), b.writer(), binder, scope, cx,
                        foreignKeys);
        return new Bound("Insert", table, b.source(), p -> {
            List<Object[]> out = new ArrayList<>();
            long count = insertRows(new BoundInsert(b.writer(), b.targets(), p), cx, foreignKeys,
                    conflicts, returning == null ? null : row -> out.add(project(returning, row)));
            return dmlResult("INSERT 0 " + count, count, returning, out);
        });
    }

    private BoundInsert bindInsert(Statement.Insert ins) {
        Relation.Table table = bind.requireTable(ins.table(), ins.position());
        TableWriter writer = new TableWriter(table, binder, cx);
        List<Integer> targets = targetColumns(table, ins);
        return new BoundInsert(writer, targets, insertSource(ins, writer, targets));
    }

    /**
     * {@code ins} bound for reuse by later executions, or null when it must bind at each
     * (RETURNING, ON CONFLICT and foreign keys bind against the execution's own context).
     * Every default the rows need is bound here, so the bound form needs no binder.
     */
    Reusable bindForReuse(Statement st) {
        return switch (st) {
            case Statement.Insert ins -> bindInsertForReuse(ins);
            case Statement.Update u when u.with() == null && u.from().isEmpty()
                    && u.returning().isEmpty() -> bindUpdateParts(u);
            case Statement.Delete d when d.with() == null && d.using().isEmpty()
                    && d.returning().isEmpty() -> bindDeleteParts(d);
            default -> null;
        };
    }

    /**
     * Runs a statement bound by {@link #bindForReuse} in this Dml's context (the execution's
     * transaction, parameters and foreign-key checks).
     */
    Result runBound(Reusable r) {
        return switch (r) {
            case BoundInsert b -> insertBound(b, cx);
            case BoundModify m when m.columns() == null ->
                    deleteRows(m.target().plan(), m.table(), m.target(), null);
            case BoundModify m -> updateRows(m.target().plan(), m.table(), m.writer().at(cx),
                    m.target(), m.columns(), m.values(), null);
        };
    }

    private BoundInsert bindInsertForReuse(Statement.Insert ins) {
        if (!ins.returning().isEmpty() || ins.onConflict() != null) {
            return null;
        }
        BoundInsert b = bindInsert(ins);
        if (!b.table().foreignKeys().isEmpty()) {
            return null;
        }
        for (int i = 0; i < b.table().columns().size(); i++) {
            if (!b.targets().contains(i)) {
                b.writer().defaultOf(i);
            }
        }
        return b;
    }

    /** Runs an INSERT bound by {@link #bindForReuse} in the context {@code cx}. */
    static Result insertBound(BoundInsert b, ExecContext cx) {
        BoundInsert here = new BoundInsert(b.writer().at(cx), b.targets(), b.source());
        long count = insertRows(here, cx, null, null, null);
        return dmlResult("INSERT 0 " + count, count, null, List.of());
    }

    /**
     * Stores the source's rows. @return the number stored; each stored row also goes to
     * {@code stored} if given. {@code foreignKeys} may be null only for a table without any.
     */
    private static long insertRows(BoundInsert b, ExecContext cx, ForeignKeys foreignKeys,
            Conflicts conflicts, java.util.function.Consumer<Object[]> stored) {
        TableWriter writer = b.writer();
        List<Integer> targets = b.targets();
        int width = b.table().columns().size();
        long count = 0;
        try (RowCursor c = b.source().open(cx, Frame.EMPTY)) {
            for (Object[] values = c.next(); values != null; values = c.next()) {
                cx.checkCanceled();   // a VALUES list (a COPY's batch) has no scan to poll it
                Object[] row = new Object[width];
                boolean[] given = new boolean[width];
                for (int i = 0; i < targets.size(); i++) {
                    row[targets.get(i)] = values[i];
                    given[targets.get(i)] = true;
                }
                for (int i = 0; i < width; i++) {
                    if (!given[i]) {
                        row[i] = writer.evalDefault(i);
                    }
                }
                Object[] kept = storeRow(writer, row, conflicts, cx, foreignKeys);
                if (kept != null) {
                    count++;
                    if (stored != null) {
                        stored.accept(kept);
                    }
                }
            }
        }
        if (foreignKeys != null) {
            foreignKeys.finish();
        }
        return count;
    }

    private static Object[] storeRow(TableWriter writer, Object[] row, Conflicts conflicts,
            ExecContext cx, ForeignKeys foreignKeys) {
        writer.validate(row);
        if (conflicts != null) {
            byte[] existing = conflicts.find(row);
            if (existing != null) {
                return conflicts.resolve(existing, row);
            }
        }
        TableRows.insert(cx.txn(), writer.table, writer.newKey(row), row);
        if (foreignKeys != null) {
            foreignKeys.inserted(writer.table, row);
        }
        return row;
    }

    static Result dmlResult(String tag, long count, QueryBinder.Targets returning,
            List<Object[]> rows) {
        if (returning == null) {
            return Result.command(tag, count);
        }
        return new Result(tag, returning.names(), returning.types(), rows, count);
    }

    private Object[] project(QueryBinder.Targets t, Object[] row) {
        Frame f = Frame.EMPTY.push(row);
        Object[] out = new Object[t.exprs().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.exprs().get(i).eval(f, cx);
        }
        return out;
    }

    private static List<Integer> targetColumns(Relation.Table table, Statement.Insert ins) {
        List<Integer> targets = new ArrayList<>();
        if (ins.columns().isEmpty()) {
            for (int i = 0; i < table.columns().size(); i++) {
                targets.add(i);
            }
            return targets;
        }
        for (String name : ins.columns()) {
            int i = TableWriter.columnIndex(table, name, ins.position());
            if (targets.contains(i)) {
                throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + name
                        + "\" specified more than once", ins.position());
            }
            targets.add(i);
        }
        return targets;
    }

    /** The rows to insert, one value per target column, already cast to the columns' types. */
    private Plan insertSource(Statement.Insert ins, TableWriter writer, List<Integer> targets) {
        Relation.Table table = writer.table;
        Query source = ins.source();
        if (source == null) {
            return new dev.cutaway.sql.exec.Scans.Values(List.of(List.of()), List.of());
        }
        if (ins.with() != null) {
            source = new Query(ins.with(), source.body(), source.orderBy(), source.limit(),
                    source.offset(), source.locking(), source.position());
        }
        if (source.body() instanceof QueryBody.Values v && source.with() == null
                && source.orderBy().isEmpty() && source.limit() == null
                && source.offset() == null) {
            return valuesSource(v, writer, targets);
        }
        QueryBinder.Bound b = binder.bind(source, null);
        if (b.types().size() > targets.size()) {
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "INSERT has more expressions than target columns", source.position());
        }
        List<BoundExpr> exprs = new ArrayList<>();
        List<dev.cutaway.sql.exec.Column> cols = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            ColumnDesc col = table.columns().get(targets.get(i));
            checkIdentity(col, ins.position());
            BoundExpr e = i < b.types().size()
                    ? new BoundExpr.ColRef(0, i, b.types().get(i), b.names().get(i))
                    : writer.defaultOf(targets.get(i));
            exprs.add(binder.assign(e, col.type(), col.name(), source.position()));
            cols.add(new dev.cutaway.sql.exec.Column(col.name(), col.type()));
        }
        return new dev.cutaway.sql.exec.RowOps.Project(b.plan(), exprs, cols);
    }

    private Plan valuesSource(QueryBody.Values v, TableWriter writer, List<Integer> targets) {
        Relation.Table table = writer.table;
        List<List<BoundExpr>> rows = new ArrayList<>();
        for (List<Expr> row : v.rows()) {
            if (row.size() > targets.size()) {
                throw new SqlException(SqlState.SYNTAX_ERROR,
                        "INSERT has more expressions than target columns",
                        row.get(targets.size()).position());
            }
            List<BoundExpr> bound = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                ColumnDesc col = table.columns().get(targets.get(i));
                if (i >= row.size() || row.get(i) instanceof Expr.DefaultValue) {
                    bound.add(writer.defaultOf(targets.get(i)));
                    continue;
                }
                checkIdentity(col, row.get(i).position());
                BoundExpr e = binder.bindExpr(row.get(i), Scope.empty(null), "VALUES");
                bound.add(binder.assign(e, col.type(), col.name(), row.get(i).position()));
            }
            rows.add(bound);
        }
        List<dev.cutaway.sql.exec.Column> cols = new ArrayList<>();
        for (int t : targets) {
            ColumnDesc col = table.columns().get(t);
            cols.add(new dev.cutaway.sql.exec.Column(col.name(), col.type()));
        }
        return new dev.cutaway.sql.exec.Scans.Values(rows, cols);
    }

    private static void checkIdentity(ColumnDesc col, int position) {
        if (col.identity() == ColumnDesc.Identity.ALWAYS) {
            throw new SqlException(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT"
                    + " value into column \"" + col.name() + "\"", position, "Column \""
                    + col.name() + "\" is an identity column defined as GENERATED ALWAYS.",
                    "Use OVERRIDING SYSTEM VALUE to override.", null);
        }
    }

    // ---- UPDATE and DELETE ----

    /** The target rows of UPDATE/DELETE: each joined row, with the table's part first. */
    private List<Object[]> collect(Plan source) {
        return StatementRunner.drain(source, cx);
    }

    /**
     * Locks the target row of {@code joined} and returns the joined row with the table part
     * as it is now (re-checked against {@code where} if it changed), or null to skip it.
     */
    private Object[] lockCurrent(Relation.Table table, Object[] joined, BoundExpr where) {
        int n = table.columns().size();
        byte[] key = (byte[]) joined[n];
        byte[] current;
        try {
            current = cx.txn().lock(key, LockMode.EXCLUSIVE, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (current == null) {
            return null;
        }
        Object[] seen = Arrays.copyOf(joined, n);
        if (Arrays.equals(current, TableRows.encodeRow(table, seen))) {
            return joined;
        }
        Object[] now = joined.clone();
        System.arraycopy(TableRows.decodeRow(table, current), 0, now, 0, n);
        if (where != null && !BoundExpr.isTrue(where, Frame.EMPTY.push(now), cx)) {
            return null;
        }
        return now;
    }

    Result update(Statement.Update u) {
        return bindUpdate(u).run();
    }

    private Bound bindUpdate(Statement.Update u) {
        BoundModify m = bindUpdateParts(u);
        QueryBinder.Targets returning = u.returning().isEmpty() ? null
                : binder.bindTargets(u.returning(), m.target().scope());
        return new Bound("Update", m.table(), m.target().plan(), p -> updateRows(p, m.table(),
                m.writer(), m.target(), m.columns(), m.values(), returning));
    }

    private BoundModify bindUpdateParts(Statement.Update u) {
        Relation.Table table = bind.requireTable(u.table(), u.position());
        TableWriter writer = new TableWriter(table, binder, cx);
        QueryBinder.Target target = binder.target(table, qualifier(u.table(), u.alias()),
                u.from(), u.where());
        int[] columns = new int[u.set().size()];
        List<BoundExpr> values = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            Statement.Assignment a = u.set().get(i);
            columns[i] = TableWriter.columnIndex(table, a.column(), a.position());
            ColumnDesc col = table.columns().get(columns[i]);
            BoundExpr v = a.value() instanceof Expr.DefaultValue ? writer.defaultOf(columns[i])
                    : binder.bindExpr(a.value(), target.scope(), "UPDATE");
            values.add(binder.assign(v, col.type(), col.name(), a.position()));
        }
        return new BoundModify(table, writer, target, columns, List.copyOf(values));
    }

    private Result updateRows(Plan source, Relation.Table table, TableWriter writer,
            QueryBinder.Target target, int[] columns, List<BoundExpr> values,
            QueryBinder.Targets returning) {
        int n = table.columns().size();
        Set<ByteBuffer> done = new HashSet<>();
        List<Object[]> out = new ArrayList<>();
        long count = 0;
        for (Object[] candidate : collect(source)) {
            if (done.contains(ByteBuffer.wrap((byte[]) candidate[n]))) {
                continue;
            }
            Object[] joined = lockCurrent(table, candidate, target.where());
            if (joined == null) {
                continue;
            }
            byte[] key = (byte[]) joined[n];
            Object[] old = Arrays.copyOf(joined, n);
            Object[] row = old.clone();
            Frame f = Frame.EMPTY.push(joined);
            for (int i = 0; i < columns.length; i++) {
                row[columns[i]] = values.get(i).eval(f, cx);
            }
            writer.validate(row);
            byte[] newKey = table.hasPrimaryKey() ? TableRows.rowKey(table, row, 0) : key;
            TableRows.update(cx.txn(), table, key, old, newKey, row);
            foreignKeys.updated(table, old, row);
            done.add(ByteBuffer.wrap(key));
            count++;
            if (returning != null) {
                Object[] after = joined.clone();
                System.arraycopy(row, 0, after, 0, n);
                out.add(project(returning, after));
            }
        }
        foreignKeys.finish();
        return dmlResult("UPDATE " + count, count, returning, out);
    }

    Result delete(Statement.Delete d) {
        return bindDelete(d).run();
    }

    private Bound bindDelete(Statement.Delete d) {
        BoundModify m = bindDeleteParts(d);
        QueryBinder.Targets returning = d.returning().isEmpty() ? null
                : binder.bindTargets(d.returning(), m.target().scope());
        return new Bound("Delete", m.table(), m.target().plan(),
                p -> deleteRows(p, m.table(), m.target(), returning));
    }

    private BoundModify bindDeleteParts(Statement.Delete d) {
        Relation.Table table = bind.requireTable(d.table(), d.position());
        QueryBinder.Target target = binder.target(table, qualifier(d.table(), d.alias()),
                d.using(), d.where());
        return new BoundModify(table, null, target, null, List.of());
    }

    private Result deleteRows(Plan source, Relation.Table table, QueryBinder.Target target,
            QueryBinder.Targets returning) {
        int n = table.columns().size();
        Set<ByteBuffer> done = new HashSet<>();
        List<Object[]> out = new ArrayList<>();
        long count = 0;
        for (Object[] candidate : collect(source)) {
            if (done.contains(ByteBuffer.wrap((byte[]) candidate[n]))) {
                continue;
            }
            Object[] joined = lockCurrent(table, candidate, target.where());
            if (joined == null) {
                continue;
            }
            byte[] key = (byte[]) joined[n];
            Object[] old = Arrays.copyOf(joined, n);
            TableRows.delete(cx.txn(), table, key, old);
            foreignKeys.deleted(table, old);
            done.add(ByteBuffer.wrap(key));
            count++;
            if (returning != null) {
                out.add(project(returning, joined));
            }
        }
        foreignKeys.finish();
        return dmlResult("DELETE " + count, count, returning, out);
    }

    /**
     * TRUNCATE: a table referenced by a foreign key is refused (0A000, as PostgreSQL) unless
     * the referencing tables are truncated too, which CASCADE adds; RESTART IDENTITY resets
     * the tables' SERIAL and IDENTITY sequences.
     */
    Result truncate(Statement.Truncate t) {
        List<Relation.Table> tables = new ArrayList<>();
        for (List<String> name : t.tables()) {
            tables.add(bind.requireTable(name, t.position()));
        }
        ForeignKeyDefs fks = new ForeignKeyDefs(cx);
        for (int i = 0; i < tables.size(); i++) {
            for (ForeignKeys.Link l : fks.referencing(tables.get(i))) {
                if (tables.stream().anyMatch(x -> x.id() == l.child().id())) {
                    continue;
                }
                if (t.behavior() != Statement.DropBehavior.CASCADE) {
                    throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot truncate a"
                            + " table referenced in a foreign key constraint", 0,
                            "Table \"" + l.child().name() + "\" references \""
                            + tables.get(i).name() + "\".", "Truncate table \""
                            + l.child().name() + "\" at the same time, or use TRUNCATE ..."
                            + " CASCADE.", null);
                }
                tables.add(l.child());
            }
        }
        for (Relation.Table table : tables) {
            deleteAll(table);
            if (t.restartIdentity()) {
                restartSequences(table);
            }
        }
        return Result.command("TRUNCATE TABLE");
    }

    private void restartSequences(Relation.Table table) {
        for (ColumnDesc c : table.columns()) {
            if (c.sequenceId() == 0) {
                continue;
            }
            for (Relation r : dev.cutaway.sql.catalog.Catalog.all(cx.txn())) {
                if (r instanceof Relation.Sequence s && s.id() == c.sequenceId()) {
                    db.sequences().reset(s, s.start());
                }
            }
        }
    }

    /** Deletes every row of {@code table} and its index entries. */
    void deleteAll(Relation.Table table) {
        List<byte[]> keys = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        try (KvCursor c = TableRows.scan(cx.txn(), TableRows.prefix(table.id()),
                TableRows.prefixEnd(table.id()))) {
            while (c.next()) {
                keys.add(c.key());
                rows.add(TableRows.decodeRow(table, c.value()));
                cx.checkRowsInMemory(keys.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < keys.size(); i++) {
            TableRows.delete(cx.txn(), table, keys.get(i), rows.get(i));
        }
    }

    Database database() {
        return db;
    }
}
