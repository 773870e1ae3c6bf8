package dev.cutaway.sql.exec;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.types.TypeId;
import dev.cutaway.sql.types.ValueOrder;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Row-at-a-time operators over one input: filter, project, limit/offset, distinct, sort and
 * materialise (a CTE read more than once).
 */
public final class RowOps {
    private RowOps() {}

    public record Filter(Plan input, BoundExpr condition) implements Plan {
        @Override
        public List<Column> columns() {
            return input.columns();
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            RowCursor in = input.open(cx, outer);
            return new RowCursor() {
                @Override
                public Object[] next() {
                    for (Object[] row = in.next(); row != null; row = in.next()) {
                        if (BoundExpr.isTrue(condition, outer.push(row), cx)) {
                            return row;
                        }
                    }
                    return null;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        @Override
        public String describe() {
            return "Filter";
        }

        @Override
        public List<Plan> children() {
            return List.of(input);
        }
    }

    public record Project(Plan input, List<BoundExpr> exprs, List<Column> columns)
            implements Plan {
        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            RowCursor in = input.open(cx, outer);
            return new RowCursor() {
                @Override
                public Object[] next() {
                    Object[] row = in.next();
                    if (row == null) {
                        return null;
                    }
                    Frame f = outer.push(row);
                    Object[] out = new Object[exprs.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = exprs.get(i).eval(f, cx);
                    }
                    return out;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        @Override
        public String describe() {
            return "Project";
        }

        @Override
        public List<Plan> children() {
            return List.of(input);
        }
    }

    /** LIMIT / OFFSET; either may be null. Negative values fail as in PostgreSQL. */
    public record Limit(Plan input, BoundExpr limit, BoundExpr offset) implements Plan {
        @Override
        public List<Column> columns() {
            return input.columns();
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            long max = bound(limit, cx, outer, SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE,
                    "LIMIT must not be negative");
            long skip = Math.max(0, bound(offset, cx, outer,
                    SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE,
                    "OFFSET must not be negative"));
            boolean fewRows = max >= 0 && max <= cx.rowsInMemoryMax()
                    && skip <= cx.rowsInMemoryMax() - max;
            RowCursor in = fewRows ? openFirst(input, cx, outer, max + skip)
                    : input.open(cx, outer);
            long[] seen = {0};
            return new RowCursor() {
                @Override
                public Object[] next() {
                    while (seen[0] < skip) {
                        if (in.next() == null) {
                            return null;
                        }
                        seen[0]++;
                    }
                    if (max >= 0 && seen[0] - skip >= max) {
                        return null;
                    }
                    Object[] row = in.next();
                    if (row != null) {
                        seen[0]++;
                    }
                    return row;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        /** Opens {@code plan} knowing only its first n rows are read: a sort keeps top n. */
        private static RowCursor openFirst(Plan plan, ExecContext cx, Frame outer, long n) {
            return switch (plan) {
                case Sort s -> s.openTopN(cx, outer, n);
                case Trim t -> Trim.trim(openFirst(t.input(), cx, outer, n), t.width());
                default -> plan.open(cx, outer);
            };
        }

        private static long bound(BoundExpr e, ExecContext cx, Frame outer, String state,
                String message) {
            if (e == null) {
                return -1;
            }
            Object v = e.eval(outer.push(Scans.NO_ROW), cx);
            if (v == null) {
                return -1;
            }
            long n = ((Number) v).longValue();
            if (n < 0) {
                throw new SqlException(state, message);
            }
            return n;
        }

        @Override
        public String describe() {
            return "Limit";
        }

        @Override
        public List<Plan> children() {
            return List.of(input);
        }
    }

    /** DISTINCT over the first {@code width} columns (hidden sort columns follow them). */
    public record Distinct(Plan input, int width) implements Plan {
        @Override
        public List<Column> columns() {
            return input.columns();
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            return SetOperation.distinct(input.open(cx, outer), width,
                    types(input.columns(), width), cx, 0);
        }

        @Override
        public String describe() {
            return "HashAggregate (distinct)";
        }

        @Override
        public List<Plan> children() {
            return List.of(input);
        }
    }

    /**
     * DISTINCT ON: of each run of rows with equal values in {@code keyColumns} (the input is
     * sorted so that equal keys are adjacent), only the first passes.
     */
    public record DistinctOn(Plan input, List<Integer> keyColumns) implements Plan {
        @Override
        public List<Column> columns() {
            return input.columns();
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            RowCursor in = input.open(cx, outer);
            TypeId[] types = new TypeId[keyColumns.size()];
            for (int i = 0; i < types.length; i++) {
                types[i] = input.columns().get(keyColumns.get(i)).type().id();
            }
            return new RowCursor() {
                RowKey previous;

                @Override
                public Object[] next() {
                    for (Object[] row = in.next(); row != null; row = in.next()) {
                        Object[] key = new Object[keyColumns.size()];
                        for (int i = 0; i < key.length; i++) {
                            key[i] = row[keyColumns.get(i)];
                        }
                        RowKey k = new RowKey(key, types);
                        if (!k.equals(previous)) {
                            previous = k;
                            return row;
                        }
                    }
                    return null;
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        @Override
        public String describe() {
            return "Unique (distinct on)";
        }

        @Override
        public List<Plan> children() {
            return List.of(input);
        }
    }

    static TypeId[] types(List<Column> columns, int width) {
        TypeId[] types = new TypeId[width];
        for (int i = 0; i < width; i++) {
            types[i] = columns.get(i).type().id();
        }
        return types;
    }

    /** One sort key: a column of the input row, its direction and where NULLs go. */
    public record SortKey(int column, TypeId type, boolean descending, boolean nullsFirst) {}

    static Comparator<Object[]> comparator(List<SortKey> keys) {
        return (a, b) -> {
            for (SortKey k : keys) {
                Object x = a[k.column()];
                Object y = b[k.column()];
                int c;
                if (x == null || y == null) {
                    c = x == y ? 0 : (x == null) == k.nullsFirst() ? -1 : 1;
                } else {
                    c = ValueOrder.compare(x, y, k.type());
                    if (k.descending()) {
                        c = -c;
                    }
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    /**
     * ORDER BY: reads its whole input, then returns it sorted (stable). In memory up to the
     * statement's row budget, an external merge sort beyond it ({@link ExternalSort}); under a
     * LIMIT that fits the budget, a bounded top-N heap ({@link #openTopN}).
     */
    public record Sort(Plan input, List<SortKey> keys) implements Plan {
        @Override
        public List<Column> columns() {
            return input.columns();
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            return ExternalSort.sort(input.open(cx, outer), comparator(keys), cx);
        }

        /** The first {@code n} rows in order, holding only n rows. */
        RowCursor openTopN(ExecContext cx, Frame outer, long n) {
            return ExternalSort.topN(input.open(cx, outer), comparator(keys), n);
        }

        @Override
        public String describe() {
            return "Sort";
        }

        @Override
        public List<Plan> children() {
            return List.of(input);
        }
    }

    /** Keeps the first {@code width} columns (drops hidden sort columns). */
    public record Trim(Plan input, int width) implements Plan {
        @Override
        public List<Column> columns() {
            return input.columns().subList(0, width);
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            return trim(input.open(cx, outer), width);
        }

        static RowCursor trim(RowCursor in, int width) {
            return new RowCursor() {
                @Override
                public Object[] next() {
                    Object[] row = in.next();
                    return row == null || row.length == width ? row : Arrays.copyOf(row, width);
                }

                @Override
                public void close() {
                    in.close();
                }
            };
        }

        @Override
        public String describe() {
            return "Trim";
        }

        @Override
        public List<Plan> children() {
            return List.of(input);
        }
    }

    /**
     * A plan whose rows are computed once per statement and then replayed (a WITH query,
     * evaluated once as PostgreSQL does). Keyed in the context by this plan's identity; the
     * rows spill to a file beyond the budget, which lives until the statement ends.
     */
    public record Materialize(Plan input, String name) implements Plan {
        @Override
        public List<Column> columns() {
            return input.columns();
        }

        @Override
        public RowCursor open(ExecContext cx, Frame outer) {
            RowBuffer rows = (RowBuffer) cx.cached(this);
            if (rows == null) {
                rows = RowBuffer.of(input, cx, outer);
                cx.cache(this, rows);
            }
            return rows.cursor();
        }

        @Override
        public String describe() {
            return "CTE Scan on " + name;
        }

        @Override
        public List<Plan> children() {
            return List.of(input);
        }
    }
}
