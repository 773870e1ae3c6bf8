package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.types.CastContext;
import dev.cutaway.sql.types.Operators;
import dev.cutaway.sql.types.SqlArray;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.ValueOrder;
import dev.cutaway.sql.types.ValueText;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The array functions of ADR 0028, bound here because their types are polymorphic
 * (PostgreSQL's {@code anyarray}/{@code anyelement}): the result type follows the argument's
 * array type, which the function catalogue's fixed signatures cannot say.
 * <pre>
 *   array_length(a, dim) array_lower(a, dim) array_upper(a, dim)  integer; NULL for an
 *       empty array or a dimension other than 1
 *   cardinality(a) integer (0 when empty)     array_dims(a) text, "[1:3]"
 *   array_to_string(a, sep [, null_text])  NULL elements skipped unless null_text is given
 *   string_to_array(s, sep [, null_text]) text[]: a NULL sep splits into characters, an
 *       empty sep gives one element, an empty s the empty array
 *   array_append(a, e) array_prepend(e, a) array_cat(a, b)   the || operator
 *   array_position(a, e) integer, the first subscript holding e (NULL elements never match)
 *   current_schemas(implicit) name[]: {pg_catalog,public} with implicit, {public} without
 * </pre>
 */
final class ArrayFunctions {
    private ArrayFunctions() {}

    /** Whether {@code name} is bound here (only when its first argument is an array). */
    static boolean handles(String name) {
        return switch (name) {
            case "array_length", "array_lower", "array_upper", "cardinality", "array_dims",
                    "array_to_string", "string_to_array", "array_append", "array_prepend",
                    "array_cat", "array_position", "current_schemas" -> true;
            default -> false;
        };
    }

    /**
     * The bound call, or null to leave it to the function catalogue (array_to_string over
     * text, the form catalog columns that are not arrays yet use).
     */
    static BoundExpr bind(ArrayBinder arrays, ExprBinder exprs, String name,
            List<BoundExpr> args, int position) {
        boolean arrayFirst = !args.isEmpty() && args.getFirst().type().isArray();
        switch (name) {
            case "string_to_array" -> {
                return stringToArray(arrays, exprs, args, position);
            }
            case "current_schemas" -> {
                checkCount(name, args, 1, 1);
                BoundExpr implicit = exprs.coerce(args.getFirst(), SqlType.BOOLEAN,
                        CastContext.IMPLICIT, position);
                return arrays.call(name, List.of(implicit), SqlType.arrayOf(SqlType.TEXT), true,
                        (c, v) -> SqlArray.of((Boolean) v[0] ? List.of("pg_catalog", "public")
                                : List.of("public")));
            }
            case "array_prepend" -> {
                checkCount(name, args, 2, 2);
                return operator(exprs, "||", args.get(0), args.get(1), position);
            }
            default -> { }
        }
        if (!arrayFirst) {
            if (name.equals("array_to_string")) {
                return null;
            }
            throw notFound(name, args);
        }
        return switch (name) {
            case "array_length", "array_lower", "array_upper" -> bounds(arrays, exprs, name,
                    args, position);
            case "cardinality" -> {
                checkCount(name, args, 1, 1);
                yield arrays.call(name, args, SqlType.INTEGER, true,
                        (c, v) -> ((SqlArray) v[0]).length());
            }
            case "array_dims" -> {
                checkCount(name, args, 1, 1);
                yield arrays.call(name, args, SqlType.TEXT, true, (c, v) -> {
                    SqlArray a = (SqlArray) v[0];
                    return a.length() == 0 ? null
                            : "[" + a.lowerBound() + ":" + a.upperBound() + "]";
                });
            }
            case "array_to_string" -> arrayToString(arrays, exprs, args, position);
            case "array_append", "array_cat" -> {
                checkCount(name, args, 2, 2);
                yield operator(exprs, "||", args.get(0), args.get(1), position);
            }
            case "array_position" -> position(arrays, exprs, args, position);
            default -> throw notFound(name, args);
        };
    }

    private static BoundExpr operator(ExprBinder exprs, String op, BoundExpr l, BoundExpr r,
            int position) {
        try {
            return new BoundExpr.Binary(Operators.resolveBinary(op, l.type(), r.type()), l, r);
        } catch (SqlException e) {
            throw e.position() == 0 ? e.at(position) : e;
        }
    }

    private static BoundExpr bounds(ArrayBinder arrays, ExprBinder exprs, String name,
            List<BoundExpr> args, int position) {
        checkCount(name, args, 2, 2);
        BoundExpr dim = exprs.coerce(args.get(1), SqlType.INTEGER, CastContext.IMPLICIT,
                position);
        return arrays.call(name, List.of(args.get(0), dim), SqlType.INTEGER, true, (c, v) -> {
            SqlArray a = (SqlArray) v[0];
            if ((Integer) v[1] != 1 || a.length() == 0) {
                return null;
            }
            return switch (name) {
                case "array_length" -> a.length();
                case "array_lower" -> a.lowerBound();
                default -> a.upperBound();
            };
        });
    }

    private static BoundExpr arrayToString(ArrayBinder arrays, ExprBinder exprs,
            List<BoundExpr> args, int position) {
        checkCount("array_to_string", args, 2, 3);
        SqlType type = args.getFirst().type();
        List<BoundExpr> bound = new ArrayList<>();
        bound.add(args.getFirst());
        for (BoundExpr a : args.subList(1, args.size())) {
            bound.add(exprs.coerce(a, SqlType.TEXT, CastContext.IMPLICIT, position));
        }
        return arrays.call("array_to_string", bound, SqlType.TEXT, false, (c, v) -> {
            if (v[0] == null || v[1] == null) {
                return null;
            }
            String nullText = v.length > 2 ? (String) v[2] : null;
            StringJoiner j = new StringJoiner((String) v[1]);
            for (Object e : ((SqlArray) v[0]).elements()) {
                if (e != null) {
                    j.add(ValueText.format(e, type.elementType(), c.zone()));
                } else if (nullText != null) {
                    j.add(nullText);
                }
            }
            return j.toString();
        });
    }

    private static BoundExpr stringToArray(ArrayBinder arrays, ExprBinder exprs,
            List<BoundExpr> args, int position) {
        checkCount("string_to_array", args, 2, 3);
        List<BoundExpr> text = new ArrayList<>();
        for (BoundExpr a : args) {
            text.add(exprs.coerce(a, SqlType.TEXT, CastContext.IMPLICIT, position));
        }
        return arrays.call("string_to_array", text, SqlType.arrayOf(SqlType.TEXT), false,
                (c, v) -> {
                    String s = (String) v[0];
                    if (s == null) {
                        return null;
                    }
                    String sep = (String) v[1];
                    String nullText = v.length > 2 ? (String) v[2] : null;
                    List<Object> out = new ArrayList<>();
                    if (s.isEmpty()) {
                        return SqlArray.of(out);
                    }
                    if (sep == null) {
                        s.codePoints().forEach(cp -> out.add(Character.toString(cp)));
                    } else if (sep.isEmpty()) {
                        out.add(s);
                    } else {
                        int from = 0;
                        for (int at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, from)) {
                            out.add(s.substring(from, at));
                            from = at + sep.length();
                        }
                        out.add(s.substring(from));
                    }
                    out.replaceAll(e -> e.equals(nullText) ? null : e);
                    return SqlArray.of(out);
                });
    }

    private static BoundExpr position(ArrayBinder arrays, ExprBinder exprs,
            List<BoundExpr> args, int position) {
        checkCount("array_position", args, 2, 2);
        SqlType element = args.getFirst().type().elementType();
        BoundExpr needle = exprs.coerce(args.get(1), element.base(), CastContext.IMPLICIT,
                position);
        return arrays.call("array_position", List.of(args.getFirst(), needle), SqlType.INTEGER,
                false, (c, v) -> {
                    if (v[0] == null || v[1] == null) {
                        return null;
                    }
                    SqlArray a = (SqlArray) v[0];
                    for (int i = 0; i < a.length(); i++) {
                        Object e = a.elements().get(i);
                        if (e != null && ValueOrder.equal(e, v[1], element.id())) {
                            return a.lowerBound() + i;
                        }
                    }
                    return null;
                });
    }

    private static void checkCount(String name, List<BoundExpr> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw notFound(name, args);
        }
    }

    private static SqlException notFound(String name, List<BoundExpr> args) {
        StringJoiner j = new StringJoiner(", ", name + "(", ")");
        for (BoundExpr a : args) {
            j.add(a.type().id() == dev.cutaway.sql.types.TypeId.ARRAY
                    ? a.type().base().displayName() : a.type().id().displayName());
        }
        return new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + j + " does not"
                + " exist", 0, null, "No function matches the given name and argument types."
                + " You might need to add explicit type casts.", null);
    }
}
