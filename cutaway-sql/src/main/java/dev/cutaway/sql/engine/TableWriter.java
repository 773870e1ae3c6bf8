package dev.cutaway.sql.engine;

import dev.cutaway.check.Invariants;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.bind.Scope;
import dev.cutaway.sql.catalog.CheckDesc;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.sql.parse.Parser;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.ValueText;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * What every write to one table needs: its column defaults and CHECK constraints bound once
 * per statement, the NOT NULL and CHECK tests a new row must pass (23502, 23514), and the row
 * key of a new row (primary key, or the next hidden row id).
 */
final class TableWriter {
    final Relation.Table table;
    private final QueryBinder binder;
    private final ExecContext cx;
    private final BoundExpr[] defaults;
    private final List<BoundExpr> checks;

    TableWriter(Relation.Table table, QueryBinder binder, ExecContext cx) {
        this.table = table;
        this.binder = binder;
        this.cx = cx;
        this.defaults = new BoundExpr[table.columns().size()];
        this.checks = new ArrayList<>();
        Scope scope = table.checks().isEmpty() ? null
                : QueryBinder.tableScope(table, table.name(), null);
        for (CheckDesc c : table.checks()) {
            checks.add(binder.bindCondition(parseExpr(c.sql()), scope, "CHECK"));
        }
    }

    private TableWriter(TableWriter bound, ExecContext cx) {
        this.table = bound.table;
        this.binder = null;
        this.cx = cx;
        this.defaults = bound.defaults;
        this.checks = bound.checks;   // bound once, shared: never changed after binding
    }

    /**
     * This writer, its defaults and checks as bound, for another statement's context
     * (a prepared INSERT's next execution). Only defaults bound already can be used: the copy
     * has no binder.
     */
    TableWriter at(ExecContext other) {
        return new TableWriter(this, other);
    }

    /** Parses a stored expression (DEFAULT, CHECK) back into an AST. */
    static Expr parseExpr(String sql) {
        Query q = (Query) Parser.parse("SELECT " + sql);
        return ((QueryBody.Select) q.body()).targets().getFirst().expr();
    }

    /** The bound DEFAULT of column {@code c} (a NULL constant when it has none). */
    BoundExpr defaultOf(int c) {
        if (defaults[c] == null) {
            if (binder == null) {
                throw Invariants.violation("TableWriter: default of column " + c
                        + " not bound before reuse", table.name());
            }
            ColumnDesc col = table.columns().get(c);
            BoundExpr e = col.defaultSql() == null ? new BoundExpr.Const(null, col.type())
                    : binder.bindExpr(parseExpr(col.defaultSql()), Scope.empty(null), "DEFAULT");
            defaults[c] = binder.assign(e, col.type(), col.name(), 0);
        }
        return defaults[c];
    }

    Object evalDefault(int c) {
        return defaultOf(c).eval(Frame.EMPTY.push(new Object[0]), cx);
    }

    /** Checks NOT NULL and CHECK constraints of a row about to be stored. */
    void validate(Object[] row) {
        for (int i = 0; i < row.length; i++) {
            ColumnDesc c = table.columns().get(i);
            if (row[i] == null && (c.notNull() || table.primaryKey().contains(i))) {
                throw new SqlException(SqlState.NOT_NULL_VIOLATION, "null value in column \""
                        + c.name() + "\" of relation \"" + table.name()
                        + "\" violates not-null constraint", 0, "Failing row contains "
                        + describe(row) + ".", null, null);
            }
        }
        Frame f = Frame.EMPTY.push(row);
        for (int i = 0; i < checks.size(); i++) {
            if (Boolean.FALSE.equals(checks.get(i).eval(f, cx))) {
                throw new SqlException(SqlState.CHECK_VIOLATION, "new row for relation \""
                        + table.name() + "\" violates check constraint \""
                        + table.checks().get(i).name() + "\"", 0, "Failing row contains "
                        + describe(row) + ".", null, null);
            }
        }
    }

    private String describe(Object[] row) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < row.length; i++) {
            SqlType t = table.columns().get(i).type();
            j.add(row[i] == null ? "null" : ValueText.format(row[i], t, cx.eval().zone()));
        }
        return j.toString();
    }

    /** The row key a new row gets. */
    byte[] newKey(Object[] row) {
        if (table.hasPrimaryKey()) {
            return TableRows.rowKey(table, row, 0);
        }
        return TableRows.rowKey(table, row, cx.sequences().nextRowId(rowIds(table)));
    }

    /** The sequence of hidden row ids of a table without a primary key. */
    static Relation.Sequence rowIds(Relation.Table table) {
        return new Relation.Sequence(table.rowIdSequence(), table.schema(), table.name()
                + "_rowid", 1, 1, 1, Long.MAX_VALUE, false, table.name());
    }

    /** A row with values for the given columns of a row, in table order. */
    static int columnIndex(Relation.Table table, String column, int position) {
        int i = table.columnIndex(column);
        if (i < 0) {
            throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + column
                    + "\" of relation \"" + table.name() + "\" does not exist", position);
        }
        return i;
    }
}
