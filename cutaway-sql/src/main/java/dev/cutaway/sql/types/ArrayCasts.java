package dev.cutaway.sql.types;

import java.util.ArrayList;
import java.util.List;

/**
 * Casts to and from arrays and records (ADR 0028), PostgreSQL's rules: an untyped literal or
 * a string becomes an array through {@code array_in} (implicit from unknown, explicit from
 * text); any array becomes text through {@code array_out} (assignment); an array becomes
 * another array type when its element type casts in the same context, element by element
 * (the lower bound is kept); int2vector and oidvector become int2[] and oid[] implicitly.
 */
final class ArrayCasts {
    private ArrayCasts() {}

    /** The cast {@code from -> to} in {@code context}, or null when there is none. */
    static Casts.CastFunction resolve(SqlType from, SqlType to, CastContext context) {
        if (from.equals(to)) {
            return (value, zone) -> value;
        }
        TypeId f = from.id();
        if (to.isArray() && (f == TypeId.UNKNOWN || f.isString())) {
            if (!(f == TypeId.UNKNOWN ? CastContext.IMPLICIT : CastContext.EXPLICIT)
                    .allowedIn(context)) {
                return null;
            }
            return (value, zone) -> ArrayText.parse((String) value, to, zone);
        }
        if (to.id().isString() && (from.isArray() || f == TypeId.RECORD)) {
            if (!CastContext.ASSIGNMENT.allowedIn(context)) {
                return null;
            }
            return (value, zone) -> Casts.applyModifiers(
                    ValueText.format(value, from, zone), to, context);
        }
        if (from.isArray() && to.id() == TypeId.ARRAY) {
            return elementwise(from, to, context);
        }
        return null;
    }

    private static Casts.CastFunction elementwise(SqlType from, SqlType to,
            CastContext context) {
        SqlType fromElement = from.elementType();
        SqlType toElement = to.elementType();
        if (!Casts.canCast(fromElement.id(), toElement.id(), context)) {
            return null;
        }
        Casts.CastFunction element = Casts.resolve(fromElement, toElement, context);
        return (value, zone) -> {
            SqlArray a = (SqlArray) value;
            List<Object> out = new ArrayList<>(a.length());
            for (Object e : a.elements()) {
                out.add(e == null ? null : element.apply(e, zone));
            }
            return new SqlArray(a.lowerBound(), out);
        };
    }
}
