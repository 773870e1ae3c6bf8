package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.util.List;

/**
 * Type resolution for expressions that merge several inputs into one type — UNION /
 * INTERSECT / EXCEPT columns, CASE branches, COALESCE, GREATEST, LEAST, VALUES columns, IN
 * lists — and the evaluation helpers of COALESCE, NULLIF, GREATEST and LEAST.
 *
 * <p>{@link #commonType} is PostgreSQL's {@code select_common_type}: unknown inputs are
 * ignored (all unknown gives text); all others must be of one category (else 42804
 * {@code CASE types text and integer cannot be matched}); the first input is the candidate,
 * and a later input replaces it when the candidate is not preferred and converts implicitly to
 * the later one but not back; finally every input must convert implicitly to the winner.
 * Modifiers survive only when every input has the same ones ({@code varchar(5)} in every
 * branch stays {@code varchar(5)}).
 */
public final class Conditionals {
    private Conditionals() {}

    /**
     * The common type of {@code types}; {@code context} names the construct for the error
     * message ({@code UNION}, {@code CASE}, {@code COALESCE}, {@code GREATEST}, ...).
     */
    public static SqlType commonType(List<SqlType> types, String context) {
        SqlType candidate = null;
        for (SqlType t : types) {
            if (t.id() == TypeId.UNKNOWN) {
                continue;
            }
            if (candidate == null) {
                candidate = t;
                continue;
            }
            if (t.id() == candidate.id()) {
                continue;
            }
            if (t.id().category() != candidate.id().category()) {
                throw mismatch(context, candidate, t);
            }
            if (!candidate.id().preferred()
                    && Casts.canCast(candidate.id(), t.id(), CastContext.IMPLICIT)
                    && !Casts.canCast(t.id(), candidate.id(), CastContext.IMPLICIT)) {
                candidate = t;
            }
        }
        if (candidate == null) {
            return SqlType.TEXT;
        }
        boolean sameModifiers = true;
        for (SqlType t : types) {
            if (t.id() == TypeId.UNKNOWN) {
                continue;
            }
            if (t.id() != candidate.id()
                    && !Casts.canCast(t.id(), candidate.id(), CastContext.IMPLICIT)) {
                throw mismatch(context, candidate, t);
            }
            sameModifiers &= t.equals(candidate);
        }
        return sameModifiers ? candidate : candidate.base();
    }

    private static SqlException mismatch(String context, SqlType a, SqlType b) {
        return new SqlException(SqlState.DATATYPE_MISMATCH, context + " types "
                + a.id().displayName() + " and " + b.id().displayName() + " cannot be matched");
    }

    /** COALESCE: the first non-null value (values already cast to the common type). */
    public static Object coalesce(List<Object> values) {
        for (Object v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * NULLIF(a, b): null when {@code a = b} is true, else a. {@code equals} is the {@code =}
     * operator resolved for the two argument types; a and b are values of those types. As in
     * PostgreSQL the result has the type of the operator's left parameter
     * ({@code equals.leftType()}: {@code nullif('a', 'b')} is text), and a is converted to it.
     */
    public static Object nullif(EvalContext ctx, Object a, Object b, BoundOperator equals) {
        if (a == null) {
            return null;
        }
        return Boolean.TRUE.equals(equals.apply(ctx, a, b)) ? null : equals.coerceLeft(ctx, a);
    }

    /** GREATEST: the largest non-null value (all of {@code type}); null if all are null. */
    public static Object greatest(List<Object> values, TypeId type) {
        return extreme(values, type, 1);
    }

    /** LEAST: the smallest non-null value (all of {@code type}); null if all are null. */
    public static Object least(List<Object> values, TypeId type) {
        return extreme(values, type, -1);
    }

    private static Object extreme(List<Object> values, TypeId type, int sign) {
        Object best = null;
        for (Object v : values) {
            if (v != null && (best == null || ValueOrder.compare(v, best, type) * sign > 0)) {
                best = v;
            }
        }
        return best;
    }
}
