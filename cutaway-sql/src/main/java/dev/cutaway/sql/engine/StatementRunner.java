package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.bind.BindContext;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowCursor;
import dev.cutaway.sql.types.EvalContext;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    }

    static boolean needsTransaction(Statement st) {
        return !(st instanceof Statement.SetVariable || st instanceof Statement.Show
                || st instanceof Statement.Reset);
    }

    EvalContext evalContext() {
        return new EvalContext(zone, db.options().clock(), random);
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
        return new BindContext(txn, evalContext(), types)
                .withRelations(db.relationCache().at(catalogVersion));
    }

    ExecContext execContext(Transaction txn) {
        return new ExecContext(txn, evalContext(), db.sequences(), parameters,
                db.options().rowsInMemoryMax());
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
        return new QueryBinder(bindContext(txn, types)).bind(q, null);
    }

    /** Runs a bound query with parameter values of the types it was bound with. */
    Result runQuery(QueryBinder.Bound b, Transaction txn, List<Object> values) {
        parameters = values;
        try {
            List<Object[]> rows = drain(b.plan(), execContext(txn));
            return new Result("SELECT " + rows.size(), b.names(), b.types(), rows, rows.size());
        } finally {
            parameters = List.of();
        }
    }

    Result run(Statement st, Transaction txn) {
        BindContext bind = bindContext(txn, parameterTypes);
        return switch (st) {
            case Query q -> query(q, bind, txn);
            case Statement.Insert i -> new Dml(db, bind, execContext(txn)).insert(i);
            case Statement.Update u -> new Dml(db, bind, execContext(txn)).update(u);
            case Statement.Delete d -> new Dml(db, bind, execContext(txn)).delete(d);
            case Statement.Explain e -> explain(e, bind);
            case Statement.CreateTable c -> new Ddl(db, bind, execContext(txn)).createTable(c);
            case Statement.Drop d -> new Ddl(db, bind, execContext(txn)).drop(d);
            case Statement.CreateIndex c -> new Ddl(db, bind, execContext(txn)).createIndex(c);
            case Statement.CreateView c -> new Ddl(db, bind, execContext(txn)).createView(c);
            case Statement.CreateSequence c ->
                    new Ddl(db, bind, execContext(txn)).createSequence(c);
            case Statement.CreateSchema c -> new Ddl(db, bind, execContext(txn)).createSchema(c);
            case Statement.AlterTable a -> new Ddl(db, bind, execContext(txn)).alterTable(a);
            case Statement.Truncate t -> new Dml(db, bind, execContext(txn)).truncate(t);
            case Statement.Analyze a -> Result.command("ANALYZE");
            case Statement.Vacuum v -> Result.command("VACUUM");
            default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "statement not supported yet", st.position());
        };
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

    private Result explain(Statement.Explain e, BindContext bind) {
        if (!(e.statement() instanceof Query q)) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "EXPLAIN of this statement is not supported yet", e.position());
        }
        QueryBinder.Bound b = new QueryBinder(bind).bind(q, null);
        List<Object[]> rows = new ArrayList<>();
        for (String line : Plan.explain(b.plan()).split("\n")) {
            rows.add(new Object[] {line});
        }
        return new Result("EXPLAIN", List.of("QUERY PLAN"), List.of(SqlType.TEXT), rows,
                rows.size());
    }

    Result runWithoutTransaction(Statement st) {
        return switch (st) {
            case Statement.SetVariable s -> set(s);
            case Statement.Show s -> show(s);
            case Statement.Reset r -> {
                settings.remove(r.name());
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
