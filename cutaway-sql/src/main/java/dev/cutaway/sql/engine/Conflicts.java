package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.bind.QueryBinder;
import dev.cutaway.sql.bind.Scope;
import dev.cutaway.sql.catalog.ColumnDesc;
import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.txn.LockMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * INSERT ... ON CONFLICT: the arbiter indexes (the primary key and unique indexes, or the
 * one the conflict target names), the lookup of a row that would conflict, and DO NOTHING /
 * DO UPDATE SET ... [WHERE ...], whose expressions see the existing row under the table's
 * name and the proposed one as {@code excluded}.
 */
final class Conflicts {
    private final Relation.Table table;
    private final Statement.OnConflict clause;
    private final TableWriter writer;
    private final ExecContext cx;
    private final List<IndexDesc> arbiters = new ArrayList<>();
    private final int[] columns;
    private final List<BoundExpr> values = new ArrayList<>();
    private final BoundExpr where;
    private final ForeignKeys foreignKeys;

    Conflicts(Relation.Table table, Statement.OnConflict clause, TableWriter writer,
            QueryBinder binder, Scope tableScope, ExecContext cx, ForeignKeys foreignKeys) {
        this.table = table;
        this.foreignKeys = foreignKeys;
        this.clause = clause;
        this.writer = writer;
        this.cx = cx;
        findArbiters();
        if (clause.action() == Statement.ConflictAction.UPDATE && clause.columns().isEmpty()
                && clause.constraint() == null) {
            throw new SqlException(SqlState.SYNTAX_ERROR, "ON CONFLICT DO UPDATE requires"
                    + " inference specification or constraint name", 0);
        }
        Scope excluded = QueryBinder.tableScope(table, "excluded", null);
        Scope both = new Scope(tableScope.concat(excluded), null);
        this.columns = new int[clause.set().size()];
        for (int i = 0; i < columns.length; i++) {
            Statement.Assignment a = clause.set().get(i);
            columns[i] = TableWriter.columnIndex(table, a.column(), a.position());
            ColumnDesc col = table.columns().get(columns[i]);
            BoundExpr v = a.value() instanceof Expr.DefaultValue ? writer.defaultOf(columns[i])
                    : binder.bindExpr(a.value(), both, "ON CONFLICT DO UPDATE");
            values.add(binder.assign(v, col.type(), col.name(), a.position()));
        }
        this.where = clause.where() == null ? null
                : binder.bindCondition(clause.where(), both, "WHERE");
    }

    private void findArbiters() {
        List<IndexDesc> all = new ArrayList<>();
        if (table.hasPrimaryKey()) {
            all.add(new IndexDesc(table.id(), table.primaryKeyName(), table.primaryKey(), true,
                    true));
        }
        for (IndexDesc i : table.indexes()) {
            if (i.unique()) {
                all.add(i);
            }
        }
        for (IndexDesc i : all) {
            if (clause.constraint() != null ? i.name().equals(clause.constraint())
                    : clause.columns().isEmpty() || sameColumns(i)) {
                arbiters.add(i);
            }
        }
        if (arbiters.isEmpty()) {
            throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "there is no unique or"
                    + " exclusion constraint matching the ON CONFLICT specification");
        }
    }

    private boolean sameColumns(IndexDesc i) {
        HashSet<String> names = new HashSet<>();
        for (int c : i.columns()) {
            names.add(table.columns().get(c).name());
        }
        return names.equals(new HashSet<>(clause.columns()));
    }

    /** The row key of an existing row {@code row} would conflict with, or null. */
    byte[] find(Object[] row) {
        try {
            for (IndexDesc i : arbiters) {
                if (i.primary()) {
                    byte[] key = TableRows.rowKey(table, row, 0);
                    if (cx.txn().get(key) != null) {
                        return key;
                    }
                    continue;
                }
                boolean hasNull = false;
                for (int c : i.columns()) {
                    hasNull |= row[c] == null;
                }
                if (!hasNull) {
                    byte[] rowKey = cx.txn().get(TableRows.entryKey(table, i, null, row));
                    if (rowKey != null) {
                        return rowKey;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DO NOTHING (null) or DO UPDATE of the existing row. @return the row stored, or null */
    Object[] resolve(byte[] key, Object[] proposed) {
        if (clause.action() == Statement.ConflictAction.NOTHING) {
            return null;
        }
        byte[] current;
        try {
            current = cx.txn().lock(key, LockMode.EXCLUSIVE, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (current == null) {
            return null;
        }
        int n = table.columns().size();
        Object[] existing = TableRows.decodeRow(table, current);
        Object[] both = new Object[2 * (n + 1)];
        System.arraycopy(existing, 0, both, 0, n);
        both[n] = key;
        System.arraycopy(proposed, 0, both, n + 1, n);
        Frame f = Frame.EMPTY.push(both);
        if (where != null && !BoundExpr.isTrue(where, f, cx)) {
            return null;
        }
        Object[] row = existing.clone();
        for (int i = 0; i < columns.length; i++) {
            row[columns[i]] = values.get(i).eval(f, cx);
        }
        writer.validate(row);
        byte[] newKey = table.hasPrimaryKey() ? TableRows.rowKey(table, row, 0) : key;
        TableRows.update(cx.txn(), table, key, existing, newKey, row);
        foreignKeys.updated(table, existing, row);
        return row;
    }
}
