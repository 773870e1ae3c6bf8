package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.bind.BindContext;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.explain.Explain;
import dev.cutaway.sql.exec.ModifyTable;
import dev.cutaway.sql.explain.ExplainOptions;
import dev.cutaway.sql.stats.CostModel;
import dev.cutaway.sql.stats.PlanEstimator;
import dev.cutaway.sql.stats.PlannerSettings;
import dev.cutaway.sql.stats.Planning;
import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.kv.btree.BTreeOptions;
import java.time.Clock;
import java.time.Instant;
import dev.cutaway.sql.exec.ColumnPruning;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowCursor;
import dev.cutaway.sql.system.SystemTables;
import dev.cutaway.sql.exec.Spill;
import dev.cutaway.sql.system.PgDefinitions;
import dev.cutaway.sql.types.EvalContext;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs one statement of a session inside a transaction: binds it (reading the catalog through
 * that transaction), executes the plan, and shapes the {@link Result}. Also keeps the
 * session's settings ({@code SET}/{@code SHOW}/{@code RESET}).
 */
final class StatementRunner {
    private final Database db;
    private final SessionState state;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final SplittableRandom random;
    private ZoneId zone = ZoneOffset.UTC;
    /** Rows changed per table by the open transaction (relations compare by value). */
    /**
     * Rows modified per table in this transaction. By identity: a record's hash walks all its
     * columns, which cost a bulk load's INSERT more than its index entry; one table seen
     * through two catalog versions gets two counts, which {@link Statistics} adds up by id.
     */
    private final Map<Relation.Table, long[]> modified = new IdentityHashMap<>();

    StatementRunner(Database db, SessionState state, long sessionNumber) {
        this.db = db;
        this.state = state;
        this.random = new SplittableRandom(db.options().randomSeed() + sessionNumber);
        settings.put("timezone", "UTC");
        settings.put("datestyle", "ISO, MDY");
        settings.put("client_encoding", "UTF8");
        settings.put("server_version", "15.0");
        settings.put("standard_conforming_strings", "on");
        settings.put("search_path", "\"$user\", public");
        for (String name : PlannerSettings.NAMES) {
            settings.put(name, "on");
        }
    }

    static boolean needsTransaction(Statement st) {
        return !(st instanceof Statement.SetVariable || st instanceof Statement.Show
                || st instanceof Statement.Reset);
    }

    EvalContext evalContext() {
        return new EvalContext(zone, db.options().clock(), random);
    }

    /** The evaluation context of a statement in {@code txn}: its catalog for pg_get_*. */
    EvalContext evalContext(Transaction txn) {
        return evalContext().withCatalog(new PgDefinitions(txn));
    }

    private List<Object> parameters = List.of();
    private List<SqlType> parameterTypes = List.of();
    /** The catalog version the current statement's snapshot sees (see CatalogVersion). */
    private long catalogVersion = CatalogVersion.UNKNOWN;

    /** Notes the catalog version of the statement about to run (UNKNOWN: read through). */
    void catalogVersion(long version) {
        catalogVersion = version;
    }

    /** A bind context reading descriptors from the database's cache at the statement's version. */
    private BindContext bindContext(Transaction txn, List<SqlType> types) {
        return new BindContext(txn, evalContext(txn), types, db.systemTables(), planning())
                .withRelations(db.relationCache().at(catalogVersion));
    }

    /** The temporary files of the statement running now; closed (deleted) when it ends. */
    private Spill spill;

    /**
     * Runs {@code body}, the execution of {@code st}, and adds the statement's time, rows and
     * buffer evidence to {@code cutaway.statements} when it succeeds.
     */
    Result runTracked(Statement st, java.util.function.Supplier<Result> body) {
        return runTracked(st, null, body);
    }

    /**
     * As {@link #runTracked(Statement, java.util.function.Supplier)} with the statement's
     * normalised text already known ({@code normalised}; null: computed after the run) — a
     * prepared statement keeps it, so repeated executions do not print and lex it again.
     */
    Result runTracked(Statement st, String normalised,
            java.util.function.Supplier<Result> body) {
        Clock clock = db.options().clock();
        boolean started = ReadEvidence.start();
        long[] live = ReadEvidence.live();   // read in place: no copies per statement
        int hits = ReadEvidence.Counter.BUFFER_HITS.ordinal();
        int misses = ReadEvidence.Counter.BUFFER_MISSES.ordinal();
        long hitsBefore = live[hits];
        long missesBefore = live[misses];
        long start = nanos(clock);
        Result result;
        long hitsRead;
        long missesRead;
        try {
            result = body.get();
        } finally {
            hitsRead = live[hits] - hitsBefore;
            missesRead = live[misses] - missesBefore;
            if (started) {
                ReadEvidence.stop();
            }
        }
        db.statementStats().record(normalised != null ? normalised
                : StatementStats.normalise(st), nanos(clock) - start, result.rowCount(),
                hitsRead, missesRead);
        return result;
    }

    /** Polled by scans: true once the client asked to cancel the running statement. */
    private java.util.function.BooleanSupplier cancelSignal = () -> false;
    /** Notices of the statements since the last {@link #drainNotices}. */
    private final List<String> notices = new ArrayList<>();

    /** The notices raised since the last call, oldest first; clears them. */
    List<String> drainNotices() {
        List<String> out = List.copyOf(notices);
        notices.clear();
        return out;
    }

    void cancelSignal(java.util.function.BooleanSupplier signal) {
        cancelSignal = signal;
    }

    ExecContext execContext(Transaction txn) {
        if (spill == null) {
            spill = db.spillArea().statement();
        }
        ExecContext cx = new ExecContext(txn, evalContext(txn), db.sequences(), parameters,
                db.options().rowsInMemoryMax(), spill);
        cx.cancelSignal(cancelSignal);
        cx.noticeSink(notices::add);
        return cx;
    }

    /**
     * Runs {@code st} with values for $1, $2, ...: each of the type {@code types} gives it
     * (absent or UNKNOWN: text, typed where used).
     */
    Result run(Statement st, Transaction txn, List<?> values, List<SqlType> types) {
        parameters = new ArrayList<>(values);
        parameterTypes = types;
        try {
            return run(st, txn);
        } finally {
            parameters = List.of();
            parameterTypes = List.of();
        }
    }

    /** Binds a query with parameters of {@code types} (a prepared statement's plan). */
    QueryBinder.Bound bindQuery(Query q, Transaction txn, List<SqlType> types) {
        QueryBinder.Bound b = new QueryBinder(bindContext(txn, types)).bind(q, null);
        return new QueryBinder.Bound(ColumnPruning.prune(b.plan()), b.names(), b.types());
    }

    /**
     * Binds a prepared INSERT, UPDATE or DELETE for reuse at the catalog version {@code txn}
     * sees, or null when it must bind at each execution ({@link Dml#bindForReuse}).
     */
    Dml.Reusable bindReusable(Statement st, Transaction txn, List<SqlType> types) {
        try {
            BindContext bind = bindContext(txn, types);
            guardSystemTables(st, bind.systemTables());
            return new Dml(db, bind, execContext(txn)).bindForReuse(st);
        } finally {
            closeSpill();
        }
    }

    /** Runs a bound INSERT, UPDATE or DELETE with parameter values of its bound types. */
    Result runReusable(Dml.Reusable r, Transaction txn, List<Object> values, List<SqlType> types) {
        parameters = values;
        try {
            Result result = r instanceof Dml.BoundInsert b
                    ? Dml.insertBound(b, execContext(txn))   // no foreign keys: no binder needed
                    : new Dml(db, bindContext(txn, types), execContext(txn)).runBound(r);
            return countedRows(r.table(), result);
        } finally {
            parameters = List.of();
            closeSpill();
        }
    }

    /** Runs a bound query with parameter values of the types it was bound with. */
    Result runQuery(QueryBinder.Bound b, Transaction txn, List<Object> values) {
        parameters = values;
        try {
            List<Object[]> rows = drain(b.plan(), execContext(txn));
            return new Result("SELECT " + rows.size(), b.names(), b.types(), rows, rows.size());
        } finally {
            parameters = List.of();
            closeSpill();   // the rows are materialised: no cursor reads the files any more
        }
    }

    /**
     * Runs one statement; its temporary files are deleted when it ends, however it ends
     * (results are fully materialised before that, so no cursor still reads them).
     */
    Result run(Statement st, Transaction txn) {
        try {
            return runStatement(st, txn);
        } finally {
            closeSpill();
        }
    }

    private void closeSpill() {
        if (spill != null) {
            spill.close();
            spill = null;
        }
    }

    private Result runStatement(Statement st, Transaction txn) {
        BindContext bind = bindContext(txn, parameterTypes);
        guardSystemTables(st, bind.systemTables());
        return switch (st) {
            case Query q -> query(q, bind, txn);
            case Statement.Insert i -> counted(bind, i.table(),
                    new Dml(db, bind, execContext(txn)).insert(i));
            case Statement.Update u -> counted(bind, u.table(),
                    new Dml(db, bind, execContext(txn)).update(u));
            case Statement.Delete d -> counted(bind, d.table(),
                    new Dml(db, bind, execContext(txn)).delete(d));
            case Statement.Explain e -> explain(e, bind, txn);
            case Statement.CreateTable c -> new Ddl(db, bind, execContext(txn)).createTable(c);
            case Statement.Drop d -> new Ddl(db, bind, execContext(txn)).drop(d);
            case Statement.CreateIndex c -> new Ddl(db, bind, execContext(txn)).createIndex(c);
            case Statement.CreateView c -> new Ddl(db, bind, execContext(txn)).createView(c);
            case Statement.CreateSequence c ->
                    new Ddl(db, bind, execContext(txn)).createSequence(c);
            case Statement.CreateSchema c -> new Ddl(db, bind, execContext(txn)).createSchema(c);
            case Statement.AlterTable a -> new Ddl(db, bind, execContext(txn)).alterTable(a);
            case Statement.Truncate t -> new Dml(db, bind, execContext(txn)).truncate(t);
            case Statement.RoleStatement r -> RoleDdl.run(r, txn);
            case Statement.Analyze a -> analyze(a, bind, txn);
            case Statement.Vacuum v -> Result.command("VACUUM");
            default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "statement not supported yet", st.position());
        };
    }

    /**
     * System tables are read-only and their schemas closed to DDL (ADR 0017): writes fail
     * with 55000 and DDL naming a reserved schema or a system table with 42501, as in
     * PostgreSQL, before anything else is looked at.
     */
    private static void guardSystemTables(Statement st, SystemTables system) {
        switch (st) {
            case Statement.Insert i -> system.rejectWrite(i.table(), "insert into");
            case Statement.Update u -> system.rejectWrite(u.table(), "update");
            case Statement.Delete d -> system.rejectWrite(d.table(), "delete from");
            case Statement.CreateTable c -> system.rejectDdl(c.name());
            case Statement.CreateView c -> system.rejectDdl(c.name());
            case Statement.CreateSequence c -> system.rejectDdl(c.name());
            case Statement.AlterTable a -> system.rejectDdl(a.table());
            case Statement.Drop d -> d.names().forEach(system::rejectDdl);
            case Statement.CreateSchema c when SystemTables.isReserved(c.name()) -> {
                if (!c.ifNotExists()) {
                    throw new SqlException(SqlState.DUPLICATE_SCHEMA, "schema \"" + c.name()
                            + "\" already exists");
                }
            }
            default -> { }
        }
    }

    private Result query(Query q, BindContext bind, Transaction txn) {
        QueryBinder.Bound b = new QueryBinder(bind).bind(q, null);
        List<Object[]> rows = drain(b.plan(), execContext(txn));
        return new Result("SELECT " + rows.size(), b.names(), b.types(), rows, rows.size());
    }

    static List<Object[]> drain(Plan plan, ExecContext cx) {
        List<Object[]> rows = new ArrayList<>();
        try (RowCursor c = plan.open(cx, Frame.EMPTY)) {
            for (Object[] row = c.next(); row != null; row = c.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** What the planner consults for this session: statistics, switches, cost constants. */
    Planning planning() {
        BTreeOptions btree = db.options().node().btree();
        CostModel defaults = CostModel.defaults();
        CostModel costs = new CostModel(defaults.seqPageCost(), defaults.randomPageCost(),
                defaults.cpuTupleCost(), defaults.cpuIndexTupleCost(),
                defaults.cpuOperatorCost(), btree.pageSizeBytes(),
                (long) btree.pageSizeBytes() * btree.bufferPoolFrames());
        return new Planning(db.statistics(), plannerSettings(), costs);
    }

    /** The enable_* switches, parsed once per change of a setting (prepared executions ask). */
    private PlannerSettings plannerSettings;

    PlannerSettings plannerSettings() {
        PlannerSettings p = plannerSettings;
        if (p == null) {
            p = PlannerSettings.from(settings::get);
            plannerSettings = p;
        }
        return p;
    }

    /** Notes a DML statement's rows for its table's auto-analyze count (on commit). */
    private Result counted(BindContext bind, List<String> table, Result result) {
        return bind.lookup(table) instanceof Relation.Table t ? countedRows(t, result) : result;
    }

    private Result countedRows(Relation.Table table, Result result) {
        if (result.rowCount() > 0) {
            modified.computeIfAbsent(table, k -> new long[1])[0] += result.rowCount();
        }
        return result;
    }

    /** The transaction ended: committed changes count toward auto-analyze, others not. */
    void transactionEnded(boolean committed) {
        if (committed) {
            modified.forEach((t, rows) -> db.statistics().rowsModified(t, rows[0]));
        }
        modified.clear();
    }

    private Result analyze(Statement.Analyze a, BindContext bind, Transaction txn) {
        List<Relation.Table> tables = new ArrayList<>();
        if (a.tables().isEmpty()) {
            for (Relation r : Catalog.all(txn)) {
                if (r instanceof Relation.Table t) {
                    tables.add(t);
                }
            }
        }
        for (List<String> name : a.tables()) {
            tables.add(bind.requireTable(name, a.position()));
        }
        for (Relation.Table t : tables) {
            db.statistics().analyze(txn, t);
        }
        return Result.command("ANALYZE");
    }

    /** Whether an INSERT, UPDATE or DELETE has a RETURNING list. */
    private static boolean returning(Statement st) {
        return switch (st) {
            case Statement.Insert i -> !i.returning().isEmpty();
            case Statement.Update u -> !u.returning().isEmpty();
            case Statement.Delete d -> !d.returning().isEmpty();
            default -> false;
        };
    }

    /**
     * EXPLAIN of a query, or of an INSERT, UPDATE or DELETE under a {@link ModifyTable} node;
     * with ANALYZE the statement runs for real in the current transaction, as in PostgreSQL.
     */
    private Result explain(Statement.Explain e, BindContext bind, Transaction txn) {
        ExplainOptions options = ExplainOptions.from(e.options(), e.position());
        Plan plan = switch (e.statement()) {
            case Query q -> new QueryBinder(bind).bind(q, null).plan();
            case Statement.Insert _, Statement.Update _, Statement.Delete _ -> {
                Dml.Bound b = new Dml(db, bind, execContext(txn)).bind(e.statement());
                yield new ModifyTable(b.verb(), b.table(), b.source(),
                        p -> countedRows(b.table(), b.runner().apply(p)).rowCount(),
                        returning(e.statement()));
            }
            default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "EXPLAIN of this statement is not supported yet", e.position());
        };
        PlanEstimator estimator = new PlanEstimator(bind.planning(), bind.eval());
        Clock clock = db.options().clock();
        List<Object[]> rows = new ArrayList<>();
        for (String line : Explain.run(plan, options, estimator, execContext(txn),
                () -> nanos(clock))) {
            rows.add(new Object[] {line});
        }
        return new Result("EXPLAIN", List.of("QUERY PLAN"), List.of(SqlType.TEXT), rows,
                rows.size());
    }

    /** The class of the JDK's system clocks (one per zone, all reading the same time). */
    private static final Class<?> SYSTEM_CLOCK = Clock.systemUTC().getClass();

    /**
     * A reading in nanoseconds for measuring a duration on the database clock: the system
     * clock's durations come from {@link System#nanoTime()} (monotonic, and far cheaper than
     * building an {@code Instant} twice per statement); an injected clock is read as it is.
     */
    private static long nanos(Clock clock) {
        if (clock.getClass() == SYSTEM_CLOCK) {
            return System.nanoTime();
        }
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    Result runWithoutTransaction(Statement st) {
        return switch (st) {
            case Statement.SetVariable s -> set(s);
            case Statement.Show s -> show(s);
            case Statement.Reset r -> {
                String name = r.name().toLowerCase(Locale.ROOT);
                if (PlannerSettings.NAMES.contains(name)) {
                    settings.put(name, "on");
                    plannerSettings = null;
                } else {
                    settings.remove(r.name());
                    plannerSettings = null;
                }
                yield Result.command("RESET");
            }
            default -> throw new IllegalStateException("needs a transaction: " + st);
        };
    }

    private Result set(Statement.SetVariable s) {
        String name = s.name().toLowerCase(Locale.ROOT);
        StringBuilder value = new StringBuilder();
        for (Expr e : s.values()) {
            if (!value.isEmpty()) {
                value.append(", ");
            }
            value.append(e instanceof Expr.Literal l ? l.value()
                    : dev.cutaway.sql.parse.SqlPrinter.print(e));
        }
        String v = value.toString();
        if (PlannerSettings.NAMES.contains(name)) {
            Boolean on = v.equalsIgnoreCase("default") ? Boolean.TRUE
                    : PlannerSettings.parse(v);
            if (on == null) {
                throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "parameter \""
                        + name + "\" requires a Boolean value", s.position());
            }
            v = on ? "on" : "off";
        }
        switch (name) {
            case "timezone" -> {
                try {
                    zone = v.isEmpty() || v.equalsIgnoreCase("default") ? ZoneOffset.UTC
                            : ZoneId.of(v.equalsIgnoreCase("utc") ? "UTC" : v);
                } catch (DateTimeException e) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                            "invalid value for parameter \"TimeZone\": \"" + v + "\"",
                            s.position());
                }
            }
            case "default_transaction_isolation", "transaction_isolation" -> {
                try {
                    state.setDefaultIsolation(Isolation.named(v));
                } catch (IllegalArgumentException e) {
                    throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for"
                            + " parameter \"" + name + "\": \"" + v + "\"", s.position());
                }
            }
            default -> { }
        }
        settings.put(name, v);
        plannerSettings = null;
        return Result.command("SET");
    }

    private Result show(Statement.Show s) {
        String name = s.name().toLowerCase(Locale.ROOT);
        String value = switch (name) {
            case "transaction_isolation", "transaction isolation level" ->
                    state.currentIsolation().sqlName();
            case "default_transaction_isolation" -> state.defaultIsolation().sqlName();
            case "timezone", "time zone" -> zone.getId();
            default -> settings.get(name);
        };
        if (value == null) {
            throw new SqlException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration"
                    + " parameter \"" + s.name() + "\"", s.position());
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return new Result("SHOW", List.of(name.replace(' ', '_')), List.of(SqlType.TEXT), rows,
                1);
    }

    String setting(String name) {
        return settings.get(name.toLowerCase(Locale.ROOT));
    }
}
