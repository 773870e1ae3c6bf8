package dev.cutaway.sql.exec;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.types.SqlArray;
import dev.cutaway.sql.types.SqlRecord;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.List;
import java.util.Locale;

/**
 * The set-returning functions (ADR 0028) that may appear in FROM ({@link FunctionScan}) and
 * in a select list ({@link ProjectSet}):
 * <ul>
 *   <li>{@code unnest(anyarray)}: one row per element, NULL elements included; a NULL array
 *       gives no rows.</li>
 *   <li>{@code information_schema._pg_expandarray(anyarray)}: rows {@code (x, n)}, the element
 *       and its 1-based position (whatever the array's lower bound), as PostgreSQL's SQL
 *       definition over {@code generate_series(array_lower, array_upper)}.</li>
 *   <li>{@code generate_series(start, stop [, step])} over integer or bigint (the select-list
 *       form; in FROM the binder keeps {@link Scans.Series}).</li>
 * </ul>
 * A call is resolved to a {@link Call} whose {@code columns} are the columns of the rows it
 * yields; {@link Call#resultType()} is what the call is worth as a value in a select list
 * (the single column's type, or a record of the columns).
 */
public final class SetFunctions {
    private SetFunctions() {}

    /** A row source of one call, opened per input row. */
    @FunctionalInterface
    public interface Rows {
        /** The next row (one value per column), or null at the end. */
        Object[] next();
    }

    /** A resolved call: the function, its bound arguments and the columns it yields. */
    public record Call(String name, List<BoundExpr> args, List<Column> columns) {
        /** The value type of the call in a select list. */
        public SqlType resultType() {
            if (columns.size() == 1) {
                return columns.getFirst().type();
            }
            List<SqlType.Field> fields = new java.util.ArrayList<>();
            for (Column c : columns) {
                fields.add(new SqlType.Field(c.name(), c.type()));
            }
            return SqlType.record(fields);
        }

        /** The rows for one evaluation of the arguments in {@code frame}. */
        public Rows open(Frame frame, ExecContext cx) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i).eval(frame, cx);
            }
            return rows(this, values, cx);
        }

        /** One yielded row as a select-list value: the value itself, or a record. */
        public Object asValue(Object[] row) {
            return columns.size() == 1 ? row[0] : new SqlRecord(java.util.Arrays.asList(row));
        }
    }

    /** Whether {@code name} (unqualified, lower case) is a set-returning function here. */
    public static boolean isSetReturning(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "unnest", "_pg_expandarray", "generate_series" -> true;
            default -> false;
        };
    }

    /**
     * Resolves {@code name(args)} with the argument types already settled by the binder
     * (an array for unnest and _pg_expandarray; integers of one type for generate_series);
     * {@code column} names the single column of unnest / generate_series.
     */
    public static Call resolve(String name, List<BoundExpr> args, String column) {
        String fn = name.toLowerCase(Locale.ROOT);
        if (fn.equals("generate_series")) {
            return new Call(fn, args, List.of(new Column(column, args.getFirst().type())));
        }
        if (args.size() != 1 || !args.getFirst().type().isArray()) {
            StringBuilder shown = new StringBuilder();
            for (BoundExpr a : args) {
                shown.append(shown.isEmpty() ? "" : ", ").append(a.type().displayName());
            }
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + fn + "(" + shown
                    + ") does not exist", 0, null, "No function matches the given name and"
                    + " argument types. You might need to add explicit type casts.", null);
        }
        SqlType element = args.getFirst().type().elementType();
        return fn.equals("unnest")
                ? new Call(fn, args, List.of(new Column(column, element)))
                : new Call(fn, args, List.of(new Column("x", element),
                        new Column("n", SqlType.INTEGER)));
    }

    private static Rows rows(Call call, Object[] values, ExecContext cx) {
        for (Object v : values) {
            if (v == null) {
                return () -> null;
            }
        }
        if (call.name().equals("generate_series")) {
            return series(values, call.columns().getFirst().type().id() == TypeId.INTEGER, cx);
        }
        SqlArray a = (SqlArray) values[0];
        boolean withPosition = call.name().equals("_pg_expandarray");
        int[] next = {0};
        return () -> {
            int i = next[0];
            if (i >= a.length()) {
                return null;
            }
            next[0]++;
            Object e = a.elements().get(i);
            return withPosition ? new Object[] {e, i + 1} : new Object[] {e};
        };
    }

    private static Rows series(Object[] values, boolean isInt, ExecContext cx) {
        long from = ((Number) values[0]).longValue();
        long to = ((Number) values[1]).longValue();
        long by = values.length > 2 ? ((Number) values[2]).longValue() : 1L;
        return series(cx, from, to, by, isInt)::next;
    }

    /**
     * generate_series over integers: {@code from}, {@code from + by}, ... while not past
     * {@code to}, stopping (not failing) where the next step would overflow a bigint.
     */
    static RowCursor series(ExecContext cx, long from, long to, long by, boolean isInt) {
        if (by == 0) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "step size cannot equal zero");
        }
        long[] next = {from};
        boolean[] done = {false};
        return () -> {
            cx.checkCanceled();
            long v = next[0];
            if (done[0] || (by > 0 ? v > to : v < to)) {
                return null;
            }
            try {
                next[0] = Math.addExact(v, by);
            } catch (ArithmeticException e) {
                done[0] = true;
            }
            return new Object[] {isInt ? (Object) (int) v : (Object) v};
        };
    }
}
