package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.types.BoundFunction;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.CastContext;
import dev.cutaway.sql.types.Conditionals;
import dev.cutaway.sql.types.Logic;
import dev.cutaway.sql.types.Operators;
import dev.cutaway.sql.types.SqlArray;
import dev.cutaway.sql.types.SqlRecord;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds the array expressions of ADR 0028 for an {@link ExprBinder}: {@code ARRAY[...]},
 * {@code ARRAY(SELECT ...)}, subscripts and slices, {@code x op ANY|ALL (array)} and field
 * selection {@code (record).field}. Each becomes a {@link BoundExpr.Call} of a function bound
 * here (folded to a constant when its arguments are constants); the array functions
 * themselves are {@link ArrayFunctions}.
 *
 * <p>PostgreSQL's rules kept: the elements of {@code ARRAY[...]} take their common type (an
 * untyped list is text[]); an empty {@code ARRAY[]} needs a cast to say its type (42P18);
 * a subscript must be an integer (42804) and outside the bounds gives NULL; a slice is
 * clamped to the bounds and counts from 1; {@code ANY} over an empty array is false and
 * {@code ALL} true, otherwise three-valued over the elements; {@code ARRAY(SELECT ...)} over
 * no rows is the empty array.
 */
final class ArrayBinder {
    private final ExprBinder exprs;
    private final QueryBinder queries;

    ArrayBinder(ExprBinder exprs, QueryBinder queries) {
        this.exprs = exprs;
        this.queries = queries;
    }

    /** {@code ARRAY[items]}, or with {@code target} (a cast around it) of that array type. */
    BoundExpr constructor(Expr.ArrayConstructor a, SqlType target) {
        List<BoundExpr> items = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (Expr e : a.items()) {
            BoundExpr b = exprs.bind(e);
            if (b.type().isArray()) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "multidimensional arrays are not supported", e.position());
            }
            items.add(b);
            types.add(b.type());
        }
        SqlType element;
        if (target != null) {
            element = target.elementType();
        } else if (items.isEmpty()) {
            throw new SqlException(SqlState.INDETERMINATE_DATATYPE,
                    "cannot determine type of empty array", a.position(), null,
                    "Explicitly cast to the desired type, for example ARRAY[]::integer[].",
                    null);
        } else {
            SqlType common = Conditionals.commonType(types, "ARRAY");
            element = common.id() == TypeId.UNKNOWN ? SqlType.TEXT : common;
        }
        List<BoundExpr> cast = new ArrayList<>();
        CastContext context = target == null ? CastContext.IMPLICIT : CastContext.EXPLICIT;
        for (BoundExpr b : items) {
            cast.add(exprs.coerce(b, element, context, a.position()));
        }
        return call("array", cast, SqlType.arrayOf(element), false,
                (c, args) -> SqlArray.of(java.util.Arrays.asList(args)));
    }

    /**
     * {@code ARRAY(SELECT x ...)}: {@code (SELECT array_agg(v) FROM (query) AS
     * array_subquery(v))}, rows in the subquery's order, and the empty array for no rows.
     */
    BoundExpr subquery(Expr.ArraySubquery a) {
        int p = a.position();
        Expr agg = new Expr.FunctionCall(List.of("array_agg"),
                List.of(new Expr.ColumnRef(List.of("v"), p)), false, false, List.of(), null,
                null, p);
        FromItem from = new FromItem.SubqueryRef(a.query(),
                new FromItem.Alias("array_subquery", List.of("v")), false, p);
        QueryBody.Select select = new QueryBody.Select(false, List.of(),
                List.of(new QueryBody.Target(agg, null)), List.of(from), null, List.of(), null,
                List.of(), p);
        BoundExpr s = exprs.bind(new Expr.ScalarSubquery(Query.of(select, p), p));
        return call("array_subquery", List.of(s), s.type(), false,
                (c, args) -> args[0] == null ? SqlArray.of(List.of()) : args[0]);
    }

    /** {@code base[index]} or {@code base[lower:upper]}. */
    BoundExpr subscript(Expr.Subscript s) {
        BoundExpr base = exprs.bind(s.base());
        if (!base.type().isArray()) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "cannot subscript type "
                    + base.type().displayName() + " because it does not support subscripting",
                    s.position());
        }
        List<BoundExpr> args = new ArrayList<>();
        args.add(base);
        args.add(s.index() == null ? new BoundExpr.Const(null, SqlType.INTEGER)
                : integerSubscript(s.index()));
        if (s.slice()) {
            args.add(s.upper() == null ? new BoundExpr.Const(null, SqlType.INTEGER)
                    : integerSubscript(s.upper()));
        }
        if (!s.slice()) {
            return call("subscript", args, base.type().elementType(), true,
                    (c, v) -> ((SqlArray) v[0]).at((Integer) v[1]));
        }
        boolean lowOpen = s.index() == null;
        boolean highOpen = s.upper() == null;
        return call("slice", args, SqlType.arrayOf(base.type().elementType().base()), false,
                (c, v) -> {
                    if (v[0] == null || (!lowOpen && v[1] == null)
                            || (!highOpen && v[2] == null)) {
                        return null;
                    }
                    return ((SqlArray) v[0]).slice(lowOpen ? null : (long) (Integer) v[1],
                            highOpen ? null : (long) (Integer) v[2]);
                });
    }

    private BoundExpr integerSubscript(Expr e) {
        BoundExpr b = exprs.bind(e);
        TypeId id = b.type().id();
        if (!id.isInteger() && id != TypeId.UNKNOWN) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "array subscript must have type"
                    + " integer", e.position());
        }
        return exprs.coerce(b, SqlType.INTEGER, CastContext.ASSIGNMENT, e.position());
    }

    /** {@code (base).field}. */
    BoundExpr field(Expr.FieldSelection f) {
        BoundExpr base = exprs.bind(f.base());
        if (base.type().id() != TypeId.RECORD) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "column notation ." + f.field()
                    + " applied to type " + base.type().displayName()
                    + ", which is not a composite type", f.position());
        }
        int index = base.type().fieldIndex(f.field());
        if (index < 0) {
            throw new SqlException(SqlState.UNDEFINED_COLUMN, "could not identify column \""
                    + f.field() + "\" in record data type", f.position());
        }
        return call("field", List.of(base), base.type().fields().get(index).type(), true,
                (c, v) -> ((SqlRecord) v[0]).get(index));
    }

    /** {@code x op ANY|ALL (array)}. */
    BoundExpr quantified(Expr.QuantifiedArray q) {
        BoundExpr x = exprs.bind(q.left());
        BoundExpr array = exprs.bind(q.array());
        if (array.type().id() == TypeId.UNKNOWN) {
            SqlType element = x.type().id() == TypeId.UNKNOWN ? SqlType.TEXT : x.type().base();
            array = exprs.coerce(array, SqlType.arrayOf(element), CastContext.IMPLICIT,
                    q.array().position());
        }
        if (!array.type().isArray()) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires"
                    + " array on right side", q.position());
        }
        BoundOperator op = Operators.resolveBinary(q.op().symbol(), x.type(),
                array.type().elementType());
        if (op.resultType().id() != TypeId.BOOLEAN) {
            throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires"
                    + " operator to yield boolean", q.position());
        }
        boolean all = q.quantifier() == Expr.Quantifier.ALL;
        return call(all ? "all" : "any", List.of(x, array), SqlType.BOOLEAN, false, (c, v) -> {
            if (v[1] == null) {
                return null;
            }
            Boolean result = all;
            for (Object e : ((SqlArray) v[1]).elements()) {
                Boolean r = (Boolean) op.apply(c, v[0], e);
                result = all ? Logic.and(result, r) : Logic.or(result, r);
                if (result != null && result != all) {
                    return result;
                }
            }
            return result;
        });
    }

    /** A call of an implementation bound here, folded when every argument is a constant. */
    BoundExpr call(String name, List<BoundExpr> args, SqlType result, boolean strict,
            BoundFunction.Implementation impl) {
        List<SqlType> types = new ArrayList<>();
        boolean constant = true;
        for (BoundExpr a : args) {
            types.add(a.type());
            constant &= a instanceof BoundExpr.Const;
        }
        BoundExpr call = new BoundExpr.Call(BoundFunction.of(name, types, result, strict, impl),
                args);
        return constant ? new BoundExpr.Const(call.eval(Frame.EMPTY, queries.constantContext()),
                result) : call;
    }
}
