package dev.cutaway.sql.exec;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.types.BoundFunction;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.Casts;
import dev.cutaway.sql.types.Conditionals;
import dev.cutaway.sql.types.LikeMatcher;
import dev.cutaway.sql.types.Logic;
import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * A bound (resolved and typed) scalar expression, what the binder makes of an AST
 * {@code Expr}: names are row positions, operators and functions are resolved
 * ({@link BoundOperator}, {@link BoundFunction}, which convert their arguments themselves), and
 * every node knows its result type. Evaluation is three-valued: SQL NULL is Java null and a
 * boolean expression returns TRUE, FALSE or null (unknown).
 */
public sealed interface BoundExpr {

    SqlType type();

    /** The value for the row in {@code frame} (outer rows reachable through it). */
    Object eval(Frame frame, ExecContext cx);

    /** Evaluates a condition: only TRUE passes (NULL and FALSE do not). */
    static boolean isTrue(BoundExpr condition, Frame frame, ExecContext cx) {
        return Boolean.TRUE.equals(condition.eval(frame, cx));
    }

    record Const(Object value, SqlType type) implements BoundExpr {
        @Override
        public Object eval(Frame frame, ExecContext cx) {
            return value;
        }
    }

    /** Column {@code index} of the row {@code depth} frames out. */
    record ColRef(int depth, int index, SqlType type, String name) implements BoundExpr {
        @Override
        public Object eval(Frame frame, ExecContext cx) {
            return frame.up(depth).row()[index];
        }
    }

    /** A parameter {@code $n}. */
    record Param(int index, SqlType type) implements BoundExpr {
        @Override
        public Object eval(Frame frame, ExecContext cx) {
            return cx.parameter(index);
        }
    }

    record Binary(BoundOperator op, BoundExpr left, BoundExpr right) implements BoundExpr {
        @Override
        public SqlType type() {
            return op.resultType();
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            return op.apply(cx.eval(), left.eval(frame, cx), right.eval(frame, cx));
        }
    }

    record Unary(BoundOperator op, BoundExpr operand) implements BoundExpr {
        @Override
        public SqlType type() {
            return op.resultType();
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            return op.apply(cx.eval(), operand.eval(frame, cx));
        }
    }

    record Call(BoundFunction function, List<BoundExpr> args) implements BoundExpr {
        @Override
        public SqlType type() {
            return function.resultType();
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.get(i).eval(frame, cx);
            }
            return function.apply(cx.eval(), values);
        }
    }

    /** AND of two or more conditions, three-valued, stopping at the first FALSE. */
    record And(List<BoundExpr> terms) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            Boolean result = Boolean.TRUE;
            for (BoundExpr t : terms) {
                result = Logic.and(result, (Boolean) t.eval(frame, cx));
                if (Boolean.FALSE.equals(result)) {
                    return result;
                }
            }
            return result;
        }
    }

    /** OR of two or more conditions, three-valued, stopping at the first TRUE. */
    record Or(List<BoundExpr> terms) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            Boolean result = Boolean.FALSE;
            for (BoundExpr t : terms) {
                result = Logic.or(result, (Boolean) t.eval(frame, cx));
                if (Boolean.TRUE.equals(result)) {
                    return result;
                }
            }
            return result;
        }
    }

    record Not(BoundExpr operand) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            return Logic.not((Boolean) operand.eval(frame, cx));
        }
    }

    record IsNull(BoundExpr operand, boolean negated) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            return (operand.eval(frame, cx) == null) != negated;
        }
    }

    /** {@code x IS [NOT] TRUE | FALSE | UNKNOWN}; {@code value} null means UNKNOWN. */
    record IsTruth(BoundExpr operand, Boolean value, boolean negated) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            Object v = operand.eval(frame, cx);
            boolean is = value == null ? v == null : value.equals(v);
            return is != negated;
        }
    }

    record Cast(BoundExpr operand, Casts.CastFunction cast, SqlType type) implements BoundExpr {
        @Override
        public Object eval(Frame frame, ExecContext cx) {
            Object v = operand.eval(frame, cx);
            return v == null ? null : cast.apply(v, cx.eval().zone());
        }
    }

    /** A searched CASE (a simple CASE is bound to one with equality conditions). */
    record Case(List<BoundExpr> conditions, List<BoundExpr> results, BoundExpr otherwise,
            SqlType type) implements BoundExpr {
        @Override
        public Object eval(Frame frame, ExecContext cx) {
            for (int i = 0; i < conditions.size(); i++) {
                if (isTrue(conditions.get(i), frame, cx)) {
                    return results.get(i).eval(frame, cx);
                }
            }
            return otherwise == null ? null : otherwise.eval(frame, cx);
        }
    }

    /** COALESCE, GREATEST or LEAST over arguments already cast to {@code type}. */
    record Variadic(String name, List<BoundExpr> args, SqlType type) implements BoundExpr {
        @Override
        public Object eval(Frame frame, ExecContext cx) {
            if (name.equals("coalesce")) {
                for (BoundExpr a : args) {
                    Object v = a.eval(frame, cx);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            }
            List<Object> values = new ArrayList<>(args.size());
            for (BoundExpr a : args) {
                values.add(a.eval(frame, cx));
            }
            return name.equals("greatest") ? Conditionals.greatest(values, type.id())
                    : Conditionals.least(values, type.id());
        }
    }

    record NullIf(BoundExpr left, BoundExpr right, BoundOperator equals) implements BoundExpr {
        @Override
        public SqlType type() {
            return equals.leftType();
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            return Conditionals.nullif(cx.eval(), left.eval(frame, cx), right.eval(frame, cx),
                    equals);
        }
    }

    /**
     * {@code x [NOT] IN (a, b, ...)} with one resolved {@code =} per item. Every item is
     * evaluated, also after a match: PostgreSQL builds the list as an array first, so an item
     * that fails (a bad cast) fails the IN however early x matched.
     */
    record InList(BoundExpr operand, List<BoundOperator> equals, List<BoundExpr> items,
            boolean negated) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            Object x = operand.eval(frame, cx);
            Boolean result = Boolean.FALSE;
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i).eval(frame, cx);
                if (!Boolean.TRUE.equals(result)) {
                    result = Logic.or(result, (Boolean) equals.get(i).apply(cx.eval(), x, item));
                }
            }
            return negated ? Logic.not(result) : result;
        }
    }

    /** {@code x [NOT] [I]LIKE pattern [ESCAPE e]} on text values. */
    record Like(BoundExpr operand, BoundExpr pattern, BoundExpr escape, boolean caseInsensitive,
            boolean negated) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            Object text = operand.eval(frame, cx);
            Object p = pattern.eval(frame, cx);
            Object e = escape == null ? "\\" : escape.eval(frame, cx);
            if (text == null || p == null || e == null) {
                return null;
            }
            boolean m = LikeMatcher.compile((String) p, (String) e, caseInsensitive)
                    .matches((String) text);
            return m != negated;
        }
    }

    /** {@code x [NOT] BETWEEN [SYMMETRIC] low AND high} with resolved comparisons. */
    record Between(BoundExpr operand, BoundExpr low, BoundExpr high, BoundOperator geLow,
            BoundOperator leHigh, BoundOperator geHigh, BoundOperator leLow, boolean symmetric,
            boolean negated) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            Object x = operand.eval(frame, cx);
            Object lo = low.eval(frame, cx);
            Object hi = high.eval(frame, cx);
            Boolean r = Logic.and((Boolean) geLow.apply(cx.eval(), x, lo),
                    (Boolean) leHigh.apply(cx.eval(), x, hi));
            if (symmetric) {
                r = Logic.or(r, Logic.and((Boolean) geHigh.apply(cx.eval(), x, hi),
                        (Boolean) leLow.apply(cx.eval(), x, lo)));
            }
            return negated ? Logic.not(r) : r;
        }
    }

    /** {@code (SELECT ...)} as a value: NULL when empty, 21000 when more than one row. */
    record ScalarSubquery(Plan plan, boolean correlated, SqlType type) implements BoundExpr {
        @Override
        public Object eval(Frame frame, ExecContext cx) {
            if (!correlated && cx.cached(this) != null) {
                return ((Object[]) cx.cached(this))[0];
            }
            Object value = null;
            try (RowCursor c = plan.open(cx, frame)) {
                Object[] row = c.next();
                if (row != null) {
                    value = row[0];
                    if (c.next() != null) {
                        throw new SqlException(SqlState.CARDINALITY_VIOLATION,
                                "more than one row returned by a subquery used as an expression");
                    }
                }
            }
            if (!correlated) {
                cx.cache(this, new Object[] {value});
            }
            return value;
        }
    }

    record Exists(Plan plan, boolean correlated) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public Object eval(Frame frame, ExecContext cx) {
            if (!correlated && cx.cached(this) != null) {
                return cx.cached(this);
            }
            boolean found;
            try (RowCursor c = plan.open(cx, frame)) {
                found = c.next() != null;
            }
            if (!correlated) {
                cx.cache(this, found);
            }
            return found;
        }
    }

    /**
     * {@code x op ANY|ALL (SELECT ...)}; IN is {@code = ANY}, NOT IN is {@code <> ALL}.
     * Three-valued: ANY is TRUE if some comparison is TRUE, else NULL if some is NULL.
     */
    record Quantified(BoundExpr operand, BoundOperator op, boolean all, Plan plan,
            boolean correlated) implements BoundExpr {
        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object eval(Frame frame, ExecContext cx) {
            Object x = operand.eval(frame, cx);
            List<Object> values = correlated ? null : (List<Object>) cx.cached(this);
            if (values == null) {
                values = new ArrayList<>();
                try (RowCursor c = plan.open(cx, frame)) {
                    for (Object[] row = c.next(); row != null; row = c.next()) {
                        values.add(row[0]);
                        cx.checkRowsInMemory(values.size());
                    }
                }
                if (!correlated) {
                    cx.cache(this, values);
                }
            }
            Boolean result = all;
            for (Object v : values) {
                Boolean r = (Boolean) op.apply(cx.eval(), x, v);
                result = all ? Logic.and(result, r) : Logic.or(result, r);
                if (result != null && result != all) {
                    return result;
                }
            }
            return result;
        }
    }

    /** nextval of a sequence (SERIAL defaults, hidden row ids). */
    record NextVal(Relation.Sequence sequence, SqlType type) implements BoundExpr {
        @Override
        public Object eval(Frame frame, ExecContext cx) {
            long v = cx.sequences().next(sequence);
            return switch (type.id()) {
                case SMALLINT -> (short) v;
                case INTEGER -> Math.toIntExact(v);
                default -> v;
            };
        }
    }
}
