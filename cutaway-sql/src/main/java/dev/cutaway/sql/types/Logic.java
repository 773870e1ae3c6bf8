package dev.cutaway.sql.types;

/**
 * SQL's three-valued logic, with Java null as UNKNOWN (the truth tables of the SQL standard
 * and PostgreSQL): FALSE AND anything is FALSE, TRUE OR anything is TRUE, otherwise a NULL
 * operand makes the result NULL; NOT NULL is NULL. {@code IS [NOT] DISTINCT FROM} treats NULL
 * as a value: two NULLs are not distinct, NULL and a value are. {@code IN} is an OR of
 * equalities, so {@code 1 IN (2, NULL)} is NULL and {@code 1 IN (1, NULL)} true.
 */
public final class Logic {
    private Logic() {}

    /** {@code a AND b}. */
    public static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    /** {@code a OR b}. */
    public static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    /** {@code NOT a}. */
    public static Boolean not(Boolean a) {
        return a == null ? null : !a;
    }

    /** {@code a IS DISTINCT FROM b} for two values of type {@code id} (never NULL). */
    public static boolean isDistinctFrom(Object a, Object b, TypeId id) {
        if (a == null || b == null) {
            return a != b;
        }
        return !ValueOrder.equal(a, b, id);
    }

    /** {@code x BETWEEN low AND high} = {@code x >= low AND x <= high}, three-valued. */
    public static Boolean between(Object x, Object low, Object high, TypeId id) {
        Boolean lower = x == null || low == null ? null : ValueOrder.compare(x, low, id) >= 0;
        Boolean upper = x == null || high == null ? null : ValueOrder.compare(x, high, id) <= 0;
        return and(lower, upper);
    }

    /** {@code x BETWEEN SYMMETRIC a AND b}: either order of the bounds. */
    public static Boolean betweenSymmetric(Object x, Object a, Object b, TypeId id) {
        return or(between(x, a, b, id), between(x, b, a, id));
    }

    /** {@code x IS TRUE}: never NULL. */
    public static boolean isTrue(Boolean x) {
        return Boolean.TRUE.equals(x);
    }

    /** {@code x IS FALSE}: never NULL. */
    public static boolean isFalse(Boolean x) {
        return Boolean.FALSE.equals(x);
    }

    /** {@code x IS UNKNOWN}: never NULL. */
    public static boolean isUnknown(Boolean x) {
        return x == null;
    }

    /**
     * {@code x IN (v1, v2, ...)} as an OR of {@code x = vi}: true if any comparison is true,
     * else NULL if any is NULL (x NULL, or a NULL in the list), else false. {@code equals}
     * is the {@code =} operator resolved for x's type and the list's common type.
     */
    public static Boolean in(EvalContext ctx, Object x, java.util.List<?> values,
            BoundOperator equals) {
        Boolean result = false;
        for (Object v : values) {
            result = or(result, (Boolean) equals.apply(ctx, x, v));
            if (Boolean.TRUE.equals(result)) {
                return true;
            }
        }
        return result;
    }
}
