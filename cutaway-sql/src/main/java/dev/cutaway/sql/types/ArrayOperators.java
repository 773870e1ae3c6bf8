package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Operators on arrays (ADR 0028), PostgreSQL's {@code anyarray} ones: the six comparisons
 * (element by element, {@link ValueOrder}) between arrays of one element type, and
 * {@code ||} concatenating two arrays or appending / prepending an element. An untyped
 * literal on one side takes the other side's array type; int2vector and oidvector compare
 * as int2[] and oid[]. Arrays of different element types have no operator (42883).
 */
final class ArrayOperators {
    private ArrayOperators() {}

    /** The operator for {@code left name right} when an array is involved, else null. */
    static BoundOperator resolve(String name, SqlType left, SqlType right) {
        if (!left.isArray() && !right.isArray()) {
            return null;
        }
        return switch (name) {
            case "=", "<>", "<", ">", "<=", ">=" -> comparison(name, left, right);
            case "||" -> concatenation(left, right);
            default -> null;
        };
    }

    private static SqlType asArray(SqlType t) {
        return t.id() == TypeId.ARRAY ? t.base() : SqlType.arrayOf(t.elementType());
    }

    private static BoundOperator comparison(String name, SqlType left, SqlType right) {
        SqlType l = left.id() == TypeId.UNKNOWN ? asArray(right) : asArray(left);
        SqlType r = right.id() == TypeId.UNKNOWN ? asArray(left) : right.isArray()
                ? asArray(right) : null;
        if (r == null || !l.equals(r)) {
            return null;
        }
        return BoundOperator.of(name, left, l, right, r, SqlType.BOOLEAN, true, (c, a, b) -> {
            int cmp = ValueOrder.compare(a, b, TypeId.ARRAY);
            return switch (name) {
                case "=" -> cmp == 0;
                case "<>" -> cmp != 0;
                case "<" -> cmp < 0;
                case ">" -> cmp > 0;
                case "<=" -> cmp <= 0;
                default -> cmp >= 0;
            };
        });
    }

    private static BoundOperator concatenation(SqlType left, SqlType right) {
        boolean leftArray = left.isArray() || left.id() == TypeId.UNKNOWN;
        boolean rightArray = right.isArray() || right.id() == TypeId.UNKNOWN;
        if (leftArray && rightArray) {
            SqlType t = asArray(left.isArray() ? left : right);
            SqlType l = left.isArray() ? asArray(left) : t;
            SqlType r = right.isArray() ? asArray(right) : t;
            if (!t.equals(l) || !t.equals(r)) {
                return null;
            }
            return BoundOperator.of("||", left, t, right, t, t, false,
                    (c, a, b) -> a == null ? b : b == null ? a : concat((SqlArray) a,
                            ((SqlArray) b).elements()));
        }
        boolean append = left.isArray();
        SqlType t = asArray(append ? left : right);
        SqlType element = t.elementType();
        if (!Casts.canCast((append ? right : left).id(), element.id(), CastContext.IMPLICIT)) {
            return null;
        }
        return BoundOperator.of("||", left, append ? t : element, right, append ? element : t,
                t, false, (c, a, b) -> append
                        ? concat(a == null ? SqlArray.of(List.of()) : (SqlArray) a,
                                java.util.Collections.singletonList(b))
                        : prepend(a, b == null ? SqlArray.of(List.of()) : (SqlArray) b));
    }

    private static SqlArray concat(SqlArray a, List<Object> more) {
        List<Object> out = new ArrayList<>(a.elements());
        out.addAll(more);
        return new SqlArray(a.length() == 0 ? 1 : a.lowerBound(), out);
    }

    private static SqlArray prepend(Object element, SqlArray a) {
        List<Object> out = new ArrayList<>(a.length() + 1);
        out.add(element);
        out.addAll(a.elements());
        return SqlArray.of(out);   // PostgreSQL 15 gives {0,1,2} for 0 || ARRAY[1,2]
    }

    /** 42883 for an array operator that does not exist (types named as PostgreSQL does). */
    static SqlException undefined(String name, SqlType left, SqlType right) {
        return new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                + Casts.shownName(left) + " " + name + " " + Casts.shownName(right), 0, null,
                "No operator matches the given name and argument types. You might need to add"
                + " explicit type casts.", null);
    }
}
