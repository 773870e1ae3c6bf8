package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.stats.PlannerSettings;
import dev.cutaway.sql.types.CastContext;
import dev.cutaway.sql.types.Casts;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.ValueText;
import dev.cutaway.sql.types.Values;
import dev.cutaway.txn.Transaction;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A prepared statement of one {@link Session} ({@link Session#prepare}): parsed once, its
 * parameter types inferred from their use and its result columns described without executing
 * it (what the wire protocol's Parse and Describe answer), then executed any number of times
 * with values for {@code $1..$n}.
 *
 * <p>Plan cache: a query's bound plan (binding with the inferred parameter types, so a typed
 * {@code id = $1} drives a key lookup) is kept with the catalog version and session time zone
 * it was bound under, and reused by an execution whose snapshot sees the same catalog version
 * ({@link CatalogVersion}). Any other execution binds afresh: after a DDL commit the plan is
 * re-bound transparently (and re-cached), and inside a transaction that ran DDL of its own the
 * statement binds against that transaction's catalog without caching. An INSERT without
 * RETURNING, ON CONFLICT or foreign keys is cached the same way ({@link Dml.BoundInsert}: its
 * table, target columns, source and defaults), and so is a single-table UPDATE or DELETE
 * without RETURNING ({@link Dml.BoundModify}: its target rows' plan and bound values; foreign
 * keys are checked per execution); other DML keeps its parse and parameter types but binds at
 * each execution.
 *
 * <p>Invariants: (1) parameter types never change after prepare (clients were told them);
 * (2) a re-bind that changes the result columns fails with 0A000, as PostgreSQL's "cached plan
 * must not change result type"; (3) a cached plan is used only at the version it was bound at.
 */
public final class Prepared {
    /** A result column: name and SQL type. */
    public record ResultColumn(String name, SqlType type) {}

    /** PostgreSQL's protocol_violation, for a wrong number of parameter values. */
    private static final String PROTOCOL_VIOLATION = "08P01";

    private final Session session;
    private final String sql;
    private final Statement statement;
    private final List<TableLocks.Want> tableLocks;
    /** Per parameter: the inferred type, UNKNOWN when nothing typed it. */
    private final List<SqlType> bindTypes;
    private final List<ResultColumn> columns;
    private QueryBinder.Bound plan;
    private long planVersion = CatalogVersion.UNKNOWN;
    private ZoneId planZone;
    /** The enable_* switches the plan was chosen under: a SET of one re-plans. */
    private PlannerSettings planSettings;
    private long binds;
    /** A prepared INSERT/UPDATE/DELETE bound for reuse (null: none, or not at dmlVersion). */
    private Dml.Reusable dml;
    private long dmlVersion = CatalogVersion.UNKNOWN;
    private ZoneId dmlZone;
    private PlannerSettings dmlSettings;
    /** The statement's text for {@code cutaway.statements}, normalised once (lazily). */
    private volatile String normalised;

    Prepared(Session session, String sql, Statement statement, List<SqlType> bindTypes,
            List<ResultColumn> columns) {
        this.session = session;
        this.sql = sql;
        this.statement = statement;
        this.tableLocks = TableLocks.of(statement);
        this.bindTypes = List.copyOf(bindTypes);
        this.columns = List.copyOf(columns);
    }

    /** The statement text as prepared. */
    public String sql() {
        return sql;
    }

    Statement statement() {
        return statement;
    }

    /** The table locks each execution takes (ADR 0036), worked out once. */
    List<TableLocks.Want> tableLocks() {
        return tableLocks;
    }

    /** The type of each parameter {@code $1..$n}; one never typed by its use is text. */
    public List<SqlType> parameterTypes() {
        List<SqlType> out = new ArrayList<>(bindTypes.size());
        for (SqlType t : bindTypes) {
            out.add(t.id() == TypeId.UNKNOWN ? SqlType.TEXT : t);
        }
        return out;
    }

    /**
     * Whether {@code $index}'s type came from its use; when not, it is reported as text and a
     * value for it is passed as text (a non-string value is formatted as its own type's text).
     */
    public boolean parameterTyped(int index) {
        return bindTypes.get(index - 1).id() != TypeId.UNKNOWN;
    }

    /** The columns the statement returns (a query's, or RETURNING's); empty for commands. */
    public List<ResultColumn> resultColumns() {
        return columns;
    }

    /**
     * Executes with values for {@code $1..$n} as Java values (ADR 0010 representations, or
     * strings read as the parameter's type; null is SQL NULL). 08P01 when the number of values
     * is wrong, 22P02 and friends when a value does not convert.
     */
    public Result execute(List<?> values) {
        return session.execute(this, values);
    }

    /** Executes with values as text (the wire protocol's text format; null is SQL NULL). */
    public Result executeText(List<String> values) {
        return session.execute(this, values);
    }

    /** The normalised text {@code cutaway.statements} counts this statement's executions under. */
    String normalised() {
        String n = normalised;
        if (n == null) {
            n = StatementStats.normalise(statement);
            normalised = n;
        }
        return n;
    }

    /** The cached plan of a query, or null (tests look at its shape). */
    dev.cutaway.sql.exec.Plan cachedPlan() {
        return plan == null ? null : plan.plan();
    }

    /** How many times the statement was bound (prepare included): the plan cache's effect. */
    public long bindCount() {
        return binds;
    }

    /** Runs one execution inside the statement's transaction (Session provides it). */
    Result run(StatementRunner runner, Transaction txn, long catalogVersion, List<?> given) {
        ZoneId zone = runner.evalContext().zone();
        List<Object> values = convert(given, zone);
        if ((statement instanceof Statement.Insert || statement instanceof Statement.Update
                || statement instanceof Statement.Delete)
                && catalogVersion != CatalogVersion.UNKNOWN) {
            return runDml(runner, txn, catalogVersion, zone, values);
        }
        if (!(statement instanceof Query q)) {
            binds++;
            return runner.run(statement, txn, values, bindTypes);
        }
        QueryBinder.Bound b = plan;
        PlannerSettings settings = runner.plannerSettings();
        if (b == null || catalogVersion == CatalogVersion.UNKNOWN
                || planVersion != catalogVersion || !zone.equals(planZone)
                || !settings.equals(planSettings)) {
            b = runner.bindQuery(q, txn, bindTypes);
            binds++;
            checkSameColumns(b);
            cache(b, catalogVersion, zone, settings);
        }
        return runner.runQuery(b, txn, values);
    }

    /**
     * An INSERT, UPDATE or DELETE at a known catalog version: bound once per version, time
     * zone (defaults may read it) and planner settings, and run bound, or bound and run afresh
     * when it cannot be reused.
     */
    private Result runDml(StatementRunner runner, Transaction txn, long catalogVersion,
            ZoneId zone, List<Object> values) {
        PlannerSettings settings = runner.plannerSettings();   // the target rows are planned
        if (dmlVersion != catalogVersion || !zone.equals(dmlZone)
                || !settings.equals(dmlSettings)) {
            dml = runner.bindReusable(statement, txn, bindTypes);
            binds++;
            dmlVersion = catalogVersion;
            dmlZone = zone;
            dmlSettings = settings;
        }
        if (dml == null) {
            binds++;
            return runner.run(statement, txn, values, bindTypes);
        }
        return runner.runReusable(dml, txn, values, bindTypes);
    }

    /** Keeps a plan bound at {@code version} (only a known version is cached). */
    void cache(QueryBinder.Bound b, long version, ZoneId zone, PlannerSettings settings) {
        if (version != CatalogVersion.UNKNOWN) {
            plan = b;
            planVersion = version;
            planZone = zone;
            planSettings = settings;
        }
    }

    void countBind() {
        binds++;
    }

    private void checkSameColumns(QueryBinder.Bound b) {
        boolean same = b.names().size() == columns.size();
        for (int i = 0; same && i < columns.size(); i++) {
            same = columns.get(i).name().equals(b.names().get(i))
                    && columns.get(i).type().equals(b.types().get(i));
        }
        if (!same) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "cached plan must not change result type");
        }
    }

    private List<Object> convert(List<?> given, ZoneId zone) {
        if (given.size() != bindTypes.size()) {
            throw new SqlException(PROTOCOL_VIOLATION, "bind message supplies " + given.size()
                    + " parameters, but prepared statement requires " + bindTypes.size());
        }
        List<Object> out = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            Object v = given.get(i);
            out.add(v == null ? null : convert(v, bindTypes.get(i), zone));
        }
        return out;
    }

    /** {@code v} as a value of {@code to} (UNKNOWN: as text, read where it is used). */
    static Object convert(Object v, SqlType to, ZoneId zone) {
        SqlType from = naturalType(v);
        if (to.id() == TypeId.UNKNOWN) {
            return v instanceof String s ? s : ValueText.format(v, from, zone);
        }
        if (from.id() == to.id() && to.equals(SqlType.of(to.id()))) {
            return v;
        }
        return Casts.cast(v, from, to, CastContext.ASSIGNMENT, zone);
    }

    /**
     * The SQL type of a Java value (ADR 0010's classes); UNKNOWN for a string (its type comes
     * from its use, as an untyped literal's) and for null; 22023 for any other class.
     */
    public static SqlType typeOfValue(Object v) {
        return v == null ? SqlType.UNKNOWN : naturalType(v);
    }

    private static SqlType naturalType(Object v) {
        if (v instanceof String) {
            return SqlType.UNKNOWN;
        }
        SqlType t = NATURAL_TYPES.get(v.getClass());
        if (t == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "parameter value of class "
                    + v.getClass().getSimpleName() + " has no SQL type");
        }
        return t;
    }

    /**
     * Per Java class: the SQL type of its values, the first type (in {@link TypeId} order)
     * whose Java class it is, or null. Worked out once per class, not per parameter.
     */
    private static final ClassValue<SqlType> NATURAL_TYPES = new ClassValue<>() {
        @Override
        protected SqlType computeValue(Class<?> type) {
            for (TypeId id : TypeId.values()) {
                if (!id.isString() && id != TypeId.UNKNOWN && !id.isArray()
                        && id != TypeId.RECORD && Values.javaClass(id).isAssignableFrom(type)) {
                    return SqlType.of(id);
                }
            }
            return null;
        }
    };
}
