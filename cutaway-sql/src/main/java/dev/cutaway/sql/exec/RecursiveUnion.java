package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * WITH RECURSIVE evaluation, as PostgreSQL does it: run the non-recursive term; then, while
 * the working table is not empty, run the recursive term with {@link WorkTable} reading the
 * rows the previous round produced. UNION (without ALL) drops rows seen before, which is what
 * makes many recursive queries terminate. The rows are computed at open and held (counted
 * against the statement's row budget, which also stops runaway recursion with 53200).
 */
public record RecursiveUnion(Plan initial, Plan recursive, WorkTable work, boolean all,
        List<Column> columns) implements Plan {

    /** The recursive term's reference to the CTE: the previous round's rows. */
    public record WorkTable(String name, List<Column> columns) implements Plan {
        @Override
        @SuppressWarnings("unchecked")
        public RowCursor open(ExecContext cx, Frame outer) {
            List<Object[]> rows = (List<Object[]>) cx.cached(this);
            Iterator<Object[]> it = rows == null ? List.<Object[]>of().iterator()
                    : rows.iterator();
            return () -> it.hasNext() ? it.next() : null;
        }

        @Override
        public String describe() {
            return "WorkTable Scan on " + name;
        }
    }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        TypeId[] types = RowOps.types(columns, columns.size());
        Set<RowKey> seen = all ? null : new HashSet<>();
        List<Object[]> result = new ArrayList<>();
        List<Object[]> working = round(initial, cx, outer, seen, types);
        while (!working.isEmpty()) {
            result.addAll(working);
            cx.checkRowsInMemory(result.size());
            cx.cache(work, working);
            working = round(recursive, cx, outer, seen, types);
        }
        cx.cache(work, null);
        Iterator<Object[]> it = result.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private static List<Object[]> round(Plan plan, ExecContext cx, Frame outer,
            Set<RowKey> seen, TypeId[] types) {
        List<Object[]> rows = new ArrayList<>();
        try (RowCursor c = plan.open(cx, outer)) {
            for (Object[] row = c.next(); row != null; row = c.next()) {
                if (seen == null || seen.add(new RowKey(row, types))) {
                    rows.add(row);
                    cx.checkRowsInMemory(rows.size());
                }
            }
        }
        return rows;
    }

    @Override
    public String describe() {
        return "Recursive Union" + (all ? " All" : "");
    }

    @Override
    public List<Plan> children() {
        return List.of(initial, recursive);
    }
}
