package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.TypeId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UNION, INTERSECT and EXCEPT, with or without ALL, over two inputs whose columns the binder
 * has already cast to common types. Duplicate rows are detected with SQL equality where two
 * NULLs count as equal (as PostgreSQL's set operations do). UNION ALL streams; the others hold
 * the right input (and the rows already emitted) in hash tables.
 */
public record SetOperation(Op op, boolean all, Plan left, Plan right, List<Column> columns)
        implements Plan {

    public enum Op { UNION, INTERSECT, EXCEPT }

    @Override
    public RowCursor open(ExecContext cx, Frame outer) {
        TypeId[] types = RowOps.types(columns, columns.size());
        if (op == Op.UNION) {
            return union(cx, outer, types);
        }
        Map<RowKey, long[]> counts = new HashMap<>();
        try (RowCursor r = right.open(cx, outer)) {
            for (Object[] row = r.next(); row != null; row = r.next()) {
                counts.computeIfAbsent(new RowKey(row, types), k -> new long[1])[0]++;
                cx.checkRowsInMemory(counts.size());
            }
        }
        RowCursor l = left.open(cx, outer);
        Set<RowKey> emitted = new HashSet<>();
        return new RowCursor() {
            @Override
            public Object[] next() {
                for (Object[] row = l.next(); row != null; row = l.next()) {
                    RowKey k = new RowKey(row, types);
                    long[] n = counts.get(k);
                    boolean inRight = n != null && n[0] > 0;
                    if (all) {
                        if (op == Op.INTERSECT && inRight) {
                            n[0]--;
                            return row;
                        }
                        if (op == Op.EXCEPT) {
                            if (inRight) {
                                n[0]--;
                                continue;
                            }
                            return row;
                        }
                    } else if ((op == Op.INTERSECT) == inRight && emitted.add(k)) {
                        cx.checkRowsInMemory(emitted.size());
                        return row;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                l.close();
            }
        };
    }

    private RowCursor union(ExecContext cx, Frame outer, TypeId[] types) {
        Set<RowKey> seen = all ? null : new HashSet<>();
        RowCursor l = left.open(cx, outer);
        return new RowCursor() {
            RowCursor current = l;
            RowCursor r;

            @Override
            public Object[] next() {
                while (true) {
                    Object[] row = current.next();
                    if (row == null) {
                        if (r != null) {
                            return null;
                        }
                        r = right.open(cx, outer);
                        current = r;
                        continue;
                    }
                    if (seen == null || seen.add(new RowKey(row, types))) {
                        if (seen != null) {
                            cx.checkRowsInMemory(seen.size());
                        }
                        return row;
                    }
                }
            }

            @Override
            public void close() {
                l.close();
                if (r != null) {
                    r.close();
                }
            }
        };
    }

    @Override
    public String describe() {
        return op + (all ? " ALL" : "");
    }

    @Override
    public List<Plan> children() {
        return List.of(left, right);
    }
}
