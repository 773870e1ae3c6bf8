package dev.cutaway.sql.engine;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.bind.BindContext;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.txn.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Session#prepare} does inside a transaction: binds the statement without running
 * it to infer its parameter types ({@link ParameterTypes}) and describe its result columns.
 *
 * <p>Declared parameter types (Parse's, or a driver's) are kept; the others are inferred. A
 * query is bound twice: once with only the declared types (the uses of the untyped
 * parameters give theirs), then with all types (the plan that is cached). INSERT, UPDATE and
 * DELETE are not bound as such (the DML code binds while it runs): a parameter assigned
 * directly to a column ({@code VALUES ($1)}, {@code SET c = $1}) takes the column's type, and
 * the other expressions (WHERE, RETURNING, computed values) are bound as the equivalent query
 * over the same table,
 * {@code SELECT <expressions> FROM table alias [, from items] [WHERE ...]}, whose result
 * columns are RETURNING's. Statements without data (DDL) have no parameters to type and no
 * result columns.
 */
final class PrepareBinder {
    private final StatementRunner runner;
    private final Transaction txn;
    private final Map<Integer, SqlType> types = new HashMap<>();
    /** The declared types, UNKNOWN where the use decides; the first binding uses them. */
    private final List<SqlType> declared;

    private PrepareBinder(StatementRunner runner, Transaction txn, List<SqlType> declared) {
        this.runner = runner;
        this.txn = txn;
        this.declared = declared;
        for (int i = 0; i < declared.size(); i++) {
            if (declared.get(i).id() != dev.cutaway.sql.types.TypeId.UNKNOWN) {
                types.put(i + 1, declared.get(i));
            }
        }
    }

    static Prepared prepare(Session session, String sql, Statement st, List<SqlType> declared,
            StatementRunner runner, Transaction txn, long catalogVersion) {
        return new PrepareBinder(runner, txn, List.copyOf(declared))
                .prepare(session, sql, st, catalogVersion);
    }

    private Prepared prepare(Session session, String sql, Statement st, long catalogVersion) {
        int count = Math.max(ParameterTypes.count(sql), declared.size());
        List<Prepared.ResultColumn> columns = switch (st) {
            case Query q -> {
                bindUntyped(q);   // for the parameters' uses; the columns are the typed plan's
                yield List.of();
            }
            case Statement.Insert i -> insert(i);
            case Statement.Update u -> update(u);
            case Statement.Delete d -> delete(d);
            case Statement.Explain e -> {
                if (e.statement() instanceof Query q) {
                    bindUntyped(q);
                }
                yield List.of(new Prepared.ResultColumn("QUERY PLAN", SqlType.TEXT));
            }
            default -> List.of();
        };
        List<SqlType> bindTypes = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            bindTypes.add(types.getOrDefault(i, SqlType.UNKNOWN));
        }
        QueryBinder.Bound typed = null;
        if (st instanceof Query q) {
            typed = runner.bindQuery(q, txn, bindTypes);
            columns = describe(typed);
        }
        Prepared p = new Prepared(session, sql, st, bindTypes, columns);
        p.countBind();
        if (typed != null) {
            p.cache(typed, catalogVersion, runner.evalContext().zone(),
                    runner.planning().settings());
        }
        return p;
    }

    private QueryBinder.Bound bindUntyped(Query q) {
        QueryBinder.Bound b = runner.bindQuery(q, txn, declared);
        ParameterTypes.infer(b.plan(), types);
        return b;
    }

    private static List<Prepared.ResultColumn> describe(QueryBinder.Bound b) {
        List<Prepared.ResultColumn> out = new ArrayList<>();
        for (int i = 0; i < b.names().size(); i++) {
            out.add(new Prepared.ResultColumn(b.names().get(i), b.types().get(i)));
        }
        return out;
    }

    private Relation.Table table(List<String> name, int position) {
        return new BindContext(txn, runner.evalContext()).requireTable(name, position);
    }

    private List<Prepared.ResultColumn> insert(Statement.Insert ins) {
        Relation.Table table = table(ins.table(), ins.position());
        Query source = ins.source();
        if (source != null && source.body() instanceof QueryBody.Values v) {
            List<Integer> targets = new ArrayList<>();
            for (int i = 0; i < table.columns().size() && ins.columns().isEmpty(); i++) {
                targets.add(i);
            }
            for (String name : ins.columns()) {
                targets.add(TableWriter.columnIndex(table, name, ins.position()));
            }
            List<Expr> computed = new ArrayList<>();
            for (List<Expr> row : v.rows()) {
                for (int i = 0; i < row.size() && i < targets.size(); i++) {
                    assigned(row.get(i), table.columns().get(targets.get(i)), computed);
                }
            }
            bindOver(ins.with(), List.of(), computed, List.of(), null);
        } else if (source != null) {
            bindUntyped(source);
        }
        return returning(ins.table(), ins.alias(), List.of(), ins.returning());
    }

    private List<Prepared.ResultColumn> update(Statement.Update u) {
        Relation.Table table = table(u.table(), u.position());
        List<Expr> computed = new ArrayList<>();
        for (Statement.Assignment a : u.set()) {
            assigned(a.value(), table.columns().get(
                    TableWriter.columnIndex(table, a.column(), a.position())), computed);
        }
        bindOver(u.with(), from(u.table(), u.alias(), u.from()), computed, List.of(), u.where());
        return returning(u.table(), u.alias(), u.from(), u.returning());
    }

    private List<Prepared.ResultColumn> delete(Statement.Delete d) {
        table(d.table(), d.position());
        bindOver(d.with(), from(d.table(), d.alias(), d.using()), List.of(), List.of(),
                d.where());
        return returning(d.table(), d.alias(), d.using(), d.returning());
    }

    /** A value assigned to a column: a bare parameter takes the column's type. */
    private void assigned(Expr value, ColumnDesc column, List<Expr> computed) {
        if (value instanceof Expr.Parameter p) {
            types.putIfAbsent(p.index(), column.type());
        } else if (!(value instanceof Expr.DefaultValue)) {
            computed.add(value);
        }
    }

    private List<Prepared.ResultColumn> returning(List<String> table, String alias,
            List<FromItem> more, List<QueryBody.Target> returning) {
        if (returning.isEmpty()) {
            return List.of();
        }
        return describe(bindOver(null, from(table, alias, more), List.of(), returning, null));
    }

    private static List<FromItem> from(List<String> table, String alias, List<FromItem> more) {
        List<FromItem> from = new ArrayList<>();
        from.add(new FromItem.TableRef(table, alias == null ? null
                : new FromItem.Alias(alias, List.of()), 0));
        from.addAll(more);
        return from;
    }

    /** Binds {@code SELECT exprs, targets FROM from WHERE where} for its parameter uses. */
    private QueryBinder.Bound bindOver(Query.With with, List<FromItem> from, List<Expr> exprs,
            List<QueryBody.Target> targets, Expr where) {
        List<QueryBody.Target> all = new ArrayList<>(targets);
        for (Expr e : exprs) {
            all.add(new QueryBody.Target(e, null));
        }
        if (all.isEmpty()) {
            all.add(new QueryBody.Target(new Expr.Literal(Expr.LiteralKind.INTEGER, "1", 0),
                    null));
        }
        QueryBody.Select select = new QueryBody.Select(false, List.of(), all, from, where,
                List.of(), null, List.of(), 0);
        Query q = new Query(with, select, List.of(), null, null, List.of(), 0);
        return bindUntyped(q);
    }
}
