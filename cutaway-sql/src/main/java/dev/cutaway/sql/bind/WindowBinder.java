package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.WindowSpec;
import dev.cutaway.sql.exec.Aggregation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Window;
import dev.cutaway.sql.exec.WindowFrame;
import dev.cutaway.sql.types.AggregateTypes;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.CastContext;
import dev.cutaway.sql.types.Operators;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code f(...) OVER (...)}: the function (a window function or an aggregate), its
 * arguments, PARTITION BY, ORDER BY and the frame, checked as PostgreSQL checks them (42P20
 * for impossible frames, RANGE offsets only with one ORDER BY column of a type that has
 * {@code +} and {@code -} with the offset). Named windows are not supported yet.
 */
final class WindowBinder {
    /** Window functions and their argument counts (min, max). */
    private static final Map<String, int[]> FUNCTIONS = Map.ofEntries(
            Map.entry("row_number", new int[] {0, 0}), Map.entry("rank", new int[] {0, 0}),
            Map.entry("dense_rank", new int[] {0, 0}),
            Map.entry("percent_rank", new int[] {0, 0}),
            Map.entry("cume_dist", new int[] {0, 0}), Map.entry("ntile", new int[] {1, 1}),
            Map.entry("lag", new int[] {1, 3}), Map.entry("lead", new int[] {1, 3}),
            Map.entry("first_value", new int[] {1, 1}),
            Map.entry("last_value", new int[] {1, 1}),
            Map.entry("nth_value", new int[] {2, 2}));

    private final ExprBinder same;
    private final Expr.FunctionCall f;

    private WindowBinder(ExprBinder same, Expr.FunctionCall f) {
        this.same = same;
        this.f = f;
    }

    /** The bound call; {@code same} binds expressions at the query level of the window. */
    static Window.Call bind(ExprBinder same, String name, Expr.FunctionCall f) {
        return new WindowBinder(same, f).call(name);
    }

    private Window.Call call(String name) {
        WindowSpec spec = f.window();
        if (spec.name() != null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "named windows are not supported yet", f.position());
        }
        if (!f.orderBy().isEmpty()) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                    "aggregate ORDER BY is not implemented for window functions", f.position());
        }
        Aggregation.Call aggregate = null;
        List<BoundExpr> args = new ArrayList<>();
        SqlType type;
        if (AggregateTypes.isAggregate(name)) {
            if (f.distinct()) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "DISTINCT is not implemented for window functions", f.position());
            }
            BoundExpr arg = f.star() || f.args().isEmpty() ? null : same.bind(f.args().get(0));
            if (arg != null && arg.type().id() == TypeId.UNKNOWN) {
                arg = same.coerce(arg, SqlType.TEXT, CastContext.IMPLICIT, f.position());
            }
            BoundExpr extra = null;
            if (name.equals("string_agg") && f.args().size() == 2) {
                extra = same.coerce(same.bind(f.args().get(1)), SqlType.TEXT,
                        CastContext.IMPLICIT, f.position());
                arg = same.coerce(arg, SqlType.TEXT, CastContext.IMPLICIT, f.position());
            }
            type = AggregateTypes.resultType(name, arg == null ? null : arg.type());
            BoundExpr filter = f.filter() == null ? null : same.bindCondition(f.filter());
            aggregate = new Aggregation.Call(name, arg, extra, false, filter, type);
        } else {
            type = windowFunction(name, args);
        }
        List<BoundExpr> partition = new ArrayList<>();
        for (Expr p : spec.partitionBy()) {
            partition.add(same.bind(p));
        }
        List<BoundExpr> order = new ArrayList<>();
        List<RowOps.SortKey> keys = new ArrayList<>();
        for (var item : spec.orderBy()) {
            BoundExpr e = same.bind(item.expr());
            keys.add(QueryBinder.sortKey(item, order.size(), e.type()));
            order.add(e);
        }
        WindowFrame frame = spec.frame() == null ? WindowFrame.DEFAULT
                : frame(spec.frame(), order);
        return new Window.Call(name, aggregate, args, partition, order, keys, frame, type);
    }

    private SqlType windowFunction(String name, List<BoundExpr> args) {
        int[] arity = FUNCTIONS.get(name);
        if (arity == null || f.star() || f.args().size() < arity[0]
                || f.args().size() > arity[1]) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + name + " with "
                    + f.args().size() + " argument(s) does not exist", f.position());
        }
        if (f.distinct() || f.filter() != null) {
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, (f.distinct() ? "DISTINCT"
                    : "FILTER") + " is not implemented for non-aggregate window functions",
                    f.position());
        }
        for (Expr a : f.args()) {
            args.add(same.bind(a));
        }
        return switch (name) {
            case "ntile" -> {
                args.set(0, integer(args.get(0)));
                yield SqlType.INTEGER;
            }
            case "percent_rank", "cume_dist" -> SqlType.DOUBLE;
            case "row_number", "rank", "dense_rank" -> SqlType.BIGINT;
            default -> valueFunction(name, args);
        };
    }

    /** lag, lead, first_value, last_value, nth_value: of the first argument's type. */
    private SqlType valueFunction(String name, List<BoundExpr> args) {
        BoundExpr value = args.get(0);
        if (value.type().id() == TypeId.UNKNOWN) {
            value = same.coerce(value, SqlType.TEXT, CastContext.IMPLICIT, f.position());
            args.set(0, value);
        }
        if (args.size() > 1) {
            args.set(1, integer(args.get(1)));
        }
        if (args.size() > 2) {
            args.set(2, same.coerce(args.get(2), value.type(), CastContext.IMPLICIT,
                    f.position()));
        }
        return value.type();
    }

    private BoundExpr integer(BoundExpr e) {
        return same.coerce(e, SqlType.INTEGER, CastContext.IMPLICIT, f.position());
    }

    private WindowFrame frame(WindowSpec.Frame spec, List<BoundExpr> order) {
        WindowSpec.Bound start = spec.start();
        WindowSpec.Bound end = spec.end() == null
                ? new WindowSpec.Bound(WindowSpec.BoundKind.CURRENT_ROW, null) : spec.end();
        checkBounds(start.kind(), end.kind());
        WindowFrame.Unit unit = WindowFrame.Unit.valueOf(spec.unit().name());
        boolean offsets = start.offset() != null || end.offset() != null;
        if (unit == WindowFrame.Unit.GROUPS && order.isEmpty() && offsets) {
            throw windowing("GROUPS mode requires an ORDER BY clause");
        }
        BoundOperator plus = null;
        BoundOperator minus = null;
        SqlType offsetType = SqlType.BIGINT;
        if (unit == WindowFrame.Unit.RANGE && offsets) {
            if (order.size() != 1) {
                throw windowing("RANGE with offset PRECEDING/FOLLOWING requires exactly one"
                        + " ORDER BY column");
            }
            SqlType t = order.get(0).type();
            offsetType = switch (t.id()) {
                case SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE -> t;
                case TIMESTAMP, TIMESTAMPTZ, INTERVAL -> SqlType.INTERVAL;
                default -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "RANGE with"
                        + " offset PRECEDING/FOLLOWING is not supported for column type "
                        + t.id().displayName(), f.position());
            };
            plus = Operators.resolveBinary("+", t, offsetType);
            minus = Operators.resolveBinary("-", t, offsetType);
        }
        return new WindowFrame(unit, bound(start, offsetType), bound(end, offsetType), plus,
                minus);
    }

    private WindowFrame.Bound bound(WindowSpec.Bound b, SqlType offsetType) {
        WindowFrame.Kind kind = WindowFrame.Kind.valueOf(b.kind().name());
        if (b.offset() == null) {
            return new WindowFrame.Bound(kind, null);
        }
        BoundExpr offset = same.coerce(same.bind(b.offset()), offsetType,
                CastContext.IMPLICIT, f.position());
        return new WindowFrame.Bound(kind, offset);
    }

    /** PostgreSQL's frame bound rules. */
    private void checkBounds(WindowSpec.BoundKind start, WindowSpec.BoundKind end) {
        if (start == WindowSpec.BoundKind.UNBOUNDED_FOLLOWING) {
            throw windowing("frame start cannot be UNBOUNDED FOLLOWING");
        }
        if (end == WindowSpec.BoundKind.UNBOUNDED_PRECEDING) {
            throw windowing("frame end cannot be UNBOUNDED PRECEDING");
        }
        if (start == WindowSpec.BoundKind.CURRENT_ROW
                && end == WindowSpec.BoundKind.PRECEDING) {
            throw windowing("frame starting from current row cannot have preceding rows");
        }
        if (start == WindowSpec.BoundKind.FOLLOWING
                && (end == WindowSpec.BoundKind.PRECEDING
                || end == WindowSpec.BoundKind.CURRENT_ROW)) {
            throw windowing("frame starting from following row cannot have preceding rows");
        }
    }

    private SqlException windowing(String message) {
        return new SqlException(SqlState.WINDOWING_ERROR, message, f.position());
    }
}
