package dev.cutaway.sql.exec;

import dev.cutaway.sql.catalog.Relation;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The top of an EXPLAINed INSERT, UPDATE or DELETE, as PostgreSQL prints it ("Update on
 * t"): its input is the plan of the rows the statement inserts or acts on. Opening it runs
 * the statement over that input — under EXPLAIN ANALYZE the instrumented input, so the rows,
 * times and KV reads of the row source show — and returns, as PostgreSQL's node does, no
 * rows without RETURNING, and one (empty: EXPLAIN shows only their number) per row changed
 * with it. The statement's changes are real, in the current transaction (roll back to
 * discard them, as in PostgreSQL).
 *
 * @param verb "Insert", "Update" or "Delete"
 * @param statement runs the statement over the plan it is given; returns the rows changed
 * @param returning whether the statement has a RETURNING list
 */
public record ModifyTable(String verb, Relation.Table table, Plan input,
        ToLongFunction<Plan> statement, boolean returning) implements Plan {

    @Override
    public List<Column> columns() {
        return List.of();
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        long changed = statement.applyAsLong(input);
        long[] left = {returning ? changed : 0};
        return () -> left[0]-- > 0 ? Scans.NO_ROW : null;
    }

    @Override
    public String describe() {
        return verb + " on " + table.name();
    }

    @Override
    public List<Plan> children() {
        return List.of(input);
    }
}
