package dev.cutaway.sql.types;

/**
 * An operator chosen for given argument types ({@link Operators#resolveBinary},
 * {@link Operators#resolveUnary}): the parameter types it takes, its result type, and how to
 * evaluate it. {@link #apply} accepts values of the <em>argument</em> types the operator was
 * resolved for and performs the implicit casts to the parameter types itself (an untyped
 * literal {@code '1'} is parsed as the parameter's type), so the caller need not insert casts;
 * {@link #leftType()} / {@link #rightType()} say what they are, for EXPLAIN.
 *
 * <p>Strict operators return NULL when an argument is NULL without calling the
 * implementation; AND, OR and IS [NOT] DISTINCT FROM are not strict.
 */
public final class BoundOperator {
    /** An operator implementation on values already of its parameter types. */
    @FunctionalInterface
    public interface Implementation {
        Object apply(EvalContext ctx, Object left, Object right);
    }

    private final String name;
    private final SqlType leftType;
    private final SqlType rightType;
    private final SqlType resultType;
    private final boolean strict;
    private final Implementation implementation;
    private final Casts.CastFunction leftCast;
    private final Casts.CastFunction rightCast;

    /** An operator with a custom implementation (array operators, ADR 0028). */
    static BoundOperator of(String name, SqlType left, SqlType leftType, SqlType right,
            SqlType rightType, SqlType resultType, boolean strict,
            Implementation implementation) {
        return new BoundOperator(name, left, leftType, right, rightType, resultType, strict,
                implementation);
    }

    BoundOperator(String name, SqlType leftArg, SqlType leftType, SqlType rightArg,
            SqlType rightType, SqlType resultType, boolean strict,
            Implementation implementation) {
        this.name = name;
        this.leftType = leftType;
        this.rightType = rightType;
        this.resultType = resultType;
        this.strict = strict;
        this.implementation = implementation;
        this.leftCast = castOrNull(leftArg, leftType);
        this.rightCast = castOrNull(rightArg, rightType);
    }

    private static Casts.CastFunction castOrNull(SqlType arg, SqlType param) {
        if (arg == null || param == null || arg.base().equals(param.base())) {
            return null;
        }
        return Casts.resolve(arg, param, CastContext.IMPLICIT);
    }

    /** The operator's name, e.g. {@code +}, {@code ~~} for LIKE. */
    public String name() {
        return name;
    }

    /** The left parameter type (null for a prefix operator). */
    public SqlType leftType() {
        return leftType;
    }

    /** The right (or only) parameter type. */
    public SqlType rightType() {
        return rightType;
    }

    /** The result type. */
    public SqlType resultType() {
        return resultType;
    }

    /** Whether a NULL argument makes the result NULL. */
    public boolean strict() {
        return strict;
    }

    /** Evaluates a binary operator on values of the argument types it was resolved for. */
    public Object apply(EvalContext ctx, Object left, Object right) {
        if (strict && ((leftType != null && left == null) || right == null)) {
            return null;
        }
        Object l = leftCast == null || left == null ? left : leftCast.apply(left, ctx.zone());
        Object r = rightCast == null || right == null ? right : rightCast.apply(right,
                ctx.zone());
        return implementation.apply(ctx, l, r);
    }

    /** {@code value} of the left argument type converted to {@link #leftType()}. */
    public Object coerceLeft(EvalContext ctx, Object value) {
        return leftCast == null || value == null ? value : leftCast.apply(value, ctx.zone());
    }

    /** Evaluates a prefix operator. */
    public Object apply(EvalContext ctx, Object operand) {
        return apply(ctx, null, operand);
    }

    @Override
    public String toString() {
        return (leftType == null ? "" : leftType + " ") + name + " " + rightType + " -> "
                + resultType;
    }
}
