package dev.cutaway.sql.types;

import java.util.List;

/**
 * A function chosen for given argument types ({@link Functions#resolve}): its parameter types,
 * result type and implementation. Like {@link BoundOperator}, {@link #apply} takes values of
 * the argument types it was resolved for and performs the implicit casts itself; a strict
 * function returns NULL for any NULL argument without being called.
 */
public final class BoundFunction {
    /** A function implementation on values already of its parameter types. */
    @FunctionalInterface
    public interface Implementation {
        Object apply(EvalContext ctx, Object[] args);
    }

    private final String name;
    private final List<SqlType> parameterTypes;
    private final SqlType resultType;
    private final boolean strict;
    private final boolean volatileResult;
    private final Implementation implementation;
    private final Casts.CastFunction[] casts;

    BoundFunction(String name, List<SqlType> argTypes, List<SqlType> parameterTypes,
            SqlType resultType, boolean strict, boolean volatileResult,
            Implementation implementation) {
        this.name = name;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.resultType = resultType;
        this.strict = strict;
        this.volatileResult = volatileResult;
        this.implementation = implementation;
        this.casts = new Casts.CastFunction[argTypes.size()];
        for (int i = 0; i < casts.length; i++) {
            SqlType arg = argTypes.get(i);
            SqlType param = parameterTypes.get(i);
            casts[i] = arg.base().equals(param.base()) ? null
                    : Casts.resolve(arg, param, CastContext.IMPLICIT);
        }
    }

    /**
     * A function bound outside the catalogue (array functions and constructors, ADR 0028):
     * the arguments are passed as they are, already of the types the implementation reads.
     */
    public static BoundFunction of(String name, List<SqlType> argTypes, SqlType resultType,
            boolean strict, Implementation implementation) {
        return new BoundFunction(name, argTypes, argTypes, resultType, strict, false,
                implementation);
    }

    /** The function's name (lower case). */
    public String name() {
        return name;
    }

    /** What each argument is converted to before the call. */
    public List<SqlType> parameterTypes() {
        return parameterTypes;
    }

    /** The result type. */
    public SqlType resultType() {
        return resultType;
    }

    /** Whether a NULL argument makes the result NULL. */
    public boolean strict() {
        return strict;
    }

    /**
     * Whether the result can differ between calls with the same arguments (random, now):
     * the planner must not fold it into a constant.
     */
    public boolean isVolatile() {
        return volatileResult;
    }

    /** Calls the function on values of the argument types it was resolved for. */
    public Object apply(EvalContext ctx, Object... args) {
        Object[] converted = args.clone();
        for (int i = 0; i < converted.length; i++) {
            if (converted[i] == null) {
                if (strict) {
                    return null;
                }
            } else if (casts[i] != null) {
                converted[i] = casts[i].apply(converted[i], ctx.zone());
            }
        }
        return implementation.apply(ctx, converted);
    }

    @Override
    public String toString() {
        return name + parameterTypes + " -> " + resultType;
    }
}
