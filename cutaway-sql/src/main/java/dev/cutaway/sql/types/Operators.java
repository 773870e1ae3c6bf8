package dev.cutaway.sql.types;

import static dev.cutaway.sql.types.TypeId.BIGINT;
import static dev.cutaway.sql.types.TypeId.BOOLEAN;
import static dev.cutaway.sql.types.TypeId.BYTEA;
import static dev.cutaway.sql.types.TypeId.DATE;
import static dev.cutaway.sql.types.TypeId.DOUBLE;
import static dev.cutaway.sql.types.TypeId.INTEGER;
import static dev.cutaway.sql.types.TypeId.INTERVAL;
import static dev.cutaway.sql.types.TypeId.NUMERIC;
import static dev.cutaway.sql.types.TypeId.REAL;
import static dev.cutaway.sql.types.TypeId.SMALLINT;
import static dev.cutaway.sql.types.TypeId.TEXT;
import static dev.cutaway.sql.types.TypeId.TIME;
import static dev.cutaway.sql.types.TypeId.TIMESTAMP;
import static dev.cutaway.sql.types.TypeId.TIMESTAMPTZ;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.types.BoundOperator.Implementation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The operator catalogue and operator resolution: {@link #resolveBinary} and
 * {@link #resolveUnary} pick the operator PostgreSQL would pick for the argument types (the
 * rules are in {@link CandidateSelection}) and fail with 42883
 * {@code operator does not exist: text + integer} when there is none.
 *
 * <p>The catalogue mirrors PostgreSQL's {@code pg_operator} for the built-in types:
 * arithmetic {@code + - * / %} on every pair of integer types (result: the wider one),
 * numeric, real and double precision (real with double gives double), {@code ^} on numeric
 * and double precision only; bitwise {@code & | # << >> ~} on integers; comparisons
 * {@code = <> < <= > >=} within every type, across integer types, across real/double and
 * across date/timestamp/timestamptz; date and time arithmetic ({@link DateTimeMath});
 * {@code ||} on text (either side may be any non-string type, printed with its text output)
 * and bytea; {@code ~~ !~~ ~~* !~~*} (LIKE, NOT LIKE, ILIKE, NOT ILIKE) on text, LIKE and NOT
 * LIKE on bytea; AND and OR on boolean. Prefix {@code -} and {@code +} on numbers and
 * interval, NOT on boolean. {@code !=} is {@code <>}; {@code LIKE} etc. are accepted as names
 * and reported as PostgreSQL reports them ({@code ~~}).
 */
public final class Operators {
    private record Signature(String name, List<TypeId> params, TypeId result, boolean strict,
            Implementation implementation) {}

    private static final Map<String, List<Signature>> BINARY = new HashMap<>();
    private static final Map<String, List<Signature>> UNARY = new HashMap<>();
    private static final List<TypeId> INTEGERS = List.of(SMALLINT, INTEGER, BIGINT);
    private static final List<String> COMPARISONS = List.of("=", "<>", "<", "<=", ">", ">=");
    private static final List<TypeId> ORDERED = List.of(SMALLINT, INTEGER, BIGINT, NUMERIC,
            REAL, DOUBLE, TEXT, TypeId.CHAR, BOOLEAN, DATE, TIME, TIMESTAMP, TIMESTAMPTZ,
            INTERVAL, BYTEA);

    static {
        addArithmetic();
        addComparisons();
        OperatorsDateTime.register(Operators::binary);
        RegexOperators.register(Operators::binary);
        addStrings();
        addLogic();
        addUnary();
    }

    private Operators() {}

    static void binary(String name, TypeId left, TypeId right, TypeId result,
            Implementation implementation) {
        BINARY.computeIfAbsent(name, k -> new ArrayList<>()).add(new Signature(name,
                Arrays.asList(left, right), result, true, implementation));
    }

    private static void unary(String name, TypeId operand, TypeId result,
            Implementation implementation) {
        UNARY.computeIfAbsent(name, k -> new ArrayList<>()).add(new Signature(name,
                List.of(operand), result, true, implementation));
    }

    private static void addArithmetic() {
        for (char op : "+-*/%".toCharArray()) {
            String name = String.valueOf(op);
            for (TypeId l : INTEGERS) {
                for (TypeId r : INTEGERS) {
                    TypeId result = l.compareTo(r) >= 0 ? l : r;
                    binary(name, l, r, result, (ctx, a, b) -> Arithmetic.integer(op,
                            Values.toLong(a), Values.toLong(b), result));
                }
            }
            binary(name, NUMERIC, NUMERIC, NUMERIC, (ctx, a, b) ->
                    Arithmetic.numeric(op, (BigDecimal) a, (BigDecimal) b));
            if (op == '%') {
                continue;
            }
            binary(name, REAL, REAL, REAL, (ctx, a, b) ->
                    Arithmetic.realOp(op, (Float) a, (Float) b));
            for (TypeId[] pair : new TypeId[][] {{REAL, DOUBLE}, {DOUBLE, REAL},
                    {DOUBLE, DOUBLE}}) {
                binary(name, pair[0], pair[1], DOUBLE, (ctx, a, b) ->
                        Arithmetic.doubleOp(op, Values.toDouble(a), Values.toDouble(b)));
            }
        }
        for (TypeId t : INTEGERS) {
            addBitwise(t);
        }
        binary("^", NUMERIC, NUMERIC, NUMERIC, (ctx, a, b) ->
                Arithmetic.power((BigDecimal) a, (BigDecimal) b));
        binary("^", DOUBLE, DOUBLE, DOUBLE, (ctx, a, b) ->
                Arithmetic.power((Double) a, (Double) b));
    }

    /** {@code & | # << >>} and prefix {@code ~} on one integer type (shifts take int4). */
    private static void addBitwise(TypeId t) {
        binary("&", t, t, t, (ctx, a, b) ->
                Arithmetic.narrow(Values.toLong(a) & Values.toLong(b), t));
        binary("|", t, t, t, (ctx, a, b) ->
                Arithmetic.narrow(Values.toLong(a) | Values.toLong(b), t));
        binary("#", t, t, t, (ctx, a, b) ->
                Arithmetic.narrow(Values.toLong(a) ^ Values.toLong(b), t));
        int bits = t == SMALLINT ? 16 : t == INTEGER ? 32 : 64;
        binary("<<", t, INTEGER, t, (ctx, a, b) -> Arithmetic.narrow(
                signExtend(Values.toLong(a) << ((Integer) b & (bits - 1)), bits), t));
        binary(">>", t, INTEGER, t, (ctx, a, b) -> Arithmetic.narrow(
                Values.toLong(a) >> ((Integer) b & (bits - 1)), t));
        UNARY.computeIfAbsent("~", k -> new ArrayList<>()).add(new Signature("~",
                List.of(t), t, true, (ctx, a, b) -> Arithmetic.narrow(~Values.toLong(b), t)));
    }

    /** Keeps the low {@code bits} bits of a shifted value, as C's shift on that width. */
    private static long signExtend(long value, int bits) {
        return bits == 64 ? value : (value << (64 - bits)) >> (64 - bits);
    }

    private static void addComparisons() {
        for (String name : COMPARISONS) {
            IntPredicate holds = predicate(name);
            for (TypeId t : ORDERED) {
                binary(name, t, t, BOOLEAN, (ctx, a, b) ->
                        holds.test(ValueOrder.compare(a, b, t)));
            }
            for (TypeId l : INTEGERS) {
                for (TypeId r : INTEGERS) {
                    if (l != r) {
                        binary(name, l, r, BOOLEAN, (ctx, a, b) -> holds.test(
                                Long.compare(Values.toLong(a), Values.toLong(b))));
                    }
                }
            }
            binary(name, REAL, DOUBLE, BOOLEAN, (ctx, a, b) -> holds.test(
                    ValueOrder.compareDouble(Values.toDouble(a), Values.toDouble(b))));
            binary(name, DOUBLE, REAL, BOOLEAN, (ctx, a, b) -> holds.test(
                    ValueOrder.compareDouble(Values.toDouble(a), Values.toDouble(b))));
            TypeId[][] temporal = {{DATE, TIMESTAMP}, {DATE, TIMESTAMPTZ},
                    {TIMESTAMP, TIMESTAMPTZ}};
            for (TypeId[] pair : temporal) {
                TypeId narrow = pair[0];
                TypeId wide = pair[1];
                binary(name, narrow, wide, BOOLEAN, (ctx, a, b) -> holds.test(
                        ValueOrder.compare(widen(a, narrow, wide, ctx), b, wide)));
                binary(name, wide, narrow, BOOLEAN, (ctx, a, b) -> holds.test(
                        ValueOrder.compare(a, widen(b, narrow, wide, ctx), wide)));
            }
        }
    }

    /** What a comparison result (negative, zero, positive) means for operator {@code name}. */
    private static IntPredicate predicate(String name) {
        return switch (name) {
            case "=" -> c -> c == 0;
            case "<>" -> c -> c != 0;
            case "<" -> c -> c < 0;
            case "<=" -> c -> c <= 0;
            case ">" -> c -> c > 0;
            case ">=" -> c -> c >= 0;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Object widen(Object value, TypeId from, TypeId to, EvalContext ctx) {
        return Casts.cast(value, SqlType.of(from), SqlType.of(to), CastContext.IMPLICIT,
                ctx.zone());
    }

    /** Whether comparison operator {@code name} holds for a comparison result. */
    static boolean test(String name, int comparison) {
        return predicate(canonical(name)).test(comparison);
    }

    private static void addStrings() {
        binary("||", TEXT, TEXT, TEXT, (ctx, a, b) -> (String) a + b);
        binary("||", BYTEA, BYTEA, BYTEA, (ctx, a, b) -> {
            byte[] x = ((Bytea) a).bytes();
            byte[] y = ((Bytea) b).bytes();
            byte[] joined = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, joined, x.length, y.length);
            return Bytea.wrap(joined);
        });
        // text || anynonarray and anynonarray || text: implementations are built at resolution
        binary("||", TEXT, null, TEXT, null);
        binary("||", null, TEXT, TEXT, null);
        for (String name : List.of("~~", "!~~", "~~*", "!~~*")) {
            boolean negated = name.startsWith("!");
            boolean insensitive = name.endsWith("*");
            binary(name, TEXT, TEXT, BOOLEAN, likeImplementation(negated, insensitive));
            if (!insensitive) {
                // bytea LIKE matches bytes: each byte as one ISO-8859-1 character
                Implementation text = likeImplementation(negated, false);
                binary(name, BYTEA, BYTEA, BOOLEAN, (ctx, a, b) -> text.apply(ctx,
                        latin1((Bytea) a), latin1((Bytea) b)));
            }
        }
    }

    private static String latin1(Bytea b) {
        return new String(b.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** LIKE with the last compiled pattern cached (patterns are usually constants). */
    private static Implementation likeImplementation(boolean negated, boolean insensitive) {
        return new Implementation() {
            private volatile Object[] cache = {null, null};

            @Override
            public Object apply(EvalContext ctx, Object text, Object pattern) {
                Object[] entry = cache;
                LikeMatcher matcher;
                if (pattern.equals(entry[0])) {
                    matcher = (LikeMatcher) entry[1];
                } else {
                    matcher = LikeMatcher.compile((String) pattern, insensitive);
                    cache = new Object[] {pattern, matcher};
                }
                return matcher.matches((String) text) != negated;
            }
        };
    }

    private static void addLogic() {
        for (String name : List.of("AND", "OR")) {
            BINARY.computeIfAbsent(name, k -> new ArrayList<>()).add(new Signature(name,
                    List.of(BOOLEAN, BOOLEAN), BOOLEAN, false, (ctx, a, b) -> name.equals("AND")
                    ? Logic.and((Boolean) a, (Boolean) b) : Logic.or((Boolean) a, (Boolean) b)));
        }
    }

    private static void addUnary() {
        for (TypeId t : INTEGERS) {
            unary("-", t, t, (ctx, a, b) -> Arithmetic.negateInteger(Values.toLong(b), t));
        }
        unary("-", NUMERIC, NUMERIC, (ctx, a, b) -> ((BigDecimal) b).negate());
        unary("-", REAL, REAL, (ctx, a, b) -> -(Float) b);
        unary("-", DOUBLE, DOUBLE, (ctx, a, b) -> -(Double) b);
        unary("-", INTERVAL, INTERVAL, (ctx, a, b) -> DateTimeMath.negate((Interval) b));
        for (TypeId t : List.of(SMALLINT, INTEGER, BIGINT, NUMERIC, REAL, DOUBLE, INTERVAL)) {
            unary("+", t, t, (ctx, a, b) -> b);
        }
        unary("NOT", BOOLEAN, BOOLEAN, (ctx, a, b) -> !(Boolean) b);
    }

    /** The canonical operator name: upper-case words, {@code !=} as {@code <>}, LIKE as ~~. */
    static String canonical(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (upper) {
            case "!=" -> "<>";
            case "LIKE" -> "~~";
            case "NOT LIKE" -> "!~~";
            case "ILIKE" -> "~~*";
            case "NOT ILIKE" -> "!~~*";
            default -> upper;
        };
    }

    /**
     * Resolves {@code left op right}. Also accepts {@code IS DISTINCT FROM} and
     * {@code IS NOT DISTINCT FROM} (resolved as {@code =}, never NULL). 42883 when no operator
     * fits, 42725 when several fit equally, 42804 for a non-boolean AND/OR argument.
     */
    public static BoundOperator resolveBinary(String op, SqlType left, SqlType right) {
        String name = canonical(op);
        if (name.equals("IS DISTINCT FROM") || name.equals("IS NOT DISTINCT FROM")) {
            return distinct(name, left, right);
        }
        if (name.equals("AND") || name.equals("OR")) {
            checkBoolean(name, left);
            checkBoolean(name, right);
        }
        if (left.isArray() || right.isArray()) {
            BoundOperator array = ArrayOperators.resolve(name, left, right);
            if (array == null) {
                throw ArrayOperators.undefined(name, left, right);
            }
            return array;
        }
        List<Signature> candidates = BINARY.getOrDefault(name, List.of());
        List<TypeId> args = List.of(left.id(), right.id());
        Signature chosen = CandidateSelection.select(candidates, Signature::params, args,
                "operator is not unique: " + left.id().displayName() + " " + name + " "
                + right.id().displayName());
        if (chosen == null) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                    + left.id().displayName() + " " + name + " " + right.id().displayName(), 0,
                    null, "No operator matches the given name and argument types. You might "
                    + "need to add explicit type casts.", null);
        }
        return bind(chosen, left, right);
    }

    private static BoundOperator bind(Signature chosen, SqlType left, SqlType right) {
        TypeId leftParam = chosen.params().get(0);
        TypeId rightParam = chosen.params().get(1);
        Implementation implementation = chosen.implementation();
        SqlType leftType = leftParam == null ? left : SqlType.of(leftParam);
        SqlType rightType = rightParam == null ? right : SqlType.of(rightParam);
        if (leftParam == null || rightParam == null) {
            SqlType anyType = leftParam == null ? left : right;
            boolean anyLeft = leftParam == null;
            implementation = (ctx, a, b) -> anyLeft
                    ? ValueText.format(a, anyType, ctx.zone()) + b
                    : a + ValueText.format(b, anyType, ctx.zone());
        }
        return new BoundOperator(chosen.name(), left, leftType, right, rightType,
                SqlType.of(chosen.result()), chosen.strict(), implementation);
    }

    private static BoundOperator distinct(String name, SqlType left, SqlType right) {
        BoundOperator eq = resolveBinary("=", left, right);
        boolean negate = name.equals("IS DISTINCT FROM");
        return new BoundOperator(name, left, left, right, right, SqlType.BOOLEAN, false,
                (ctx, a, b) -> {
                    if (a == null || b == null) {
                        return (a == null && b == null) != negate;
                    }
                    return (Boolean) eq.apply(ctx, a, b) != negate;
                });
    }

    private static void checkBoolean(String name, SqlType type) {
        if (type.id() != BOOLEAN && type.id() != TypeId.UNKNOWN) {
            throw new SqlException(SqlState.DATATYPE_MISMATCH, "argument of " + name
                    + " must be type boolean, not type " + type.id().displayName());
        }
    }

    /** Resolves a prefix operator {@code op operand}: {@code -}, {@code +}, {@code NOT}. */
    public static BoundOperator resolveUnary(String op, SqlType operand) {
        String name = canonical(op);
        if (name.equals("NOT")) {
            checkBoolean(name, operand);
        }
        Signature chosen = CandidateSelection.select(UNARY.getOrDefault(name, List.of()),
                Signature::params, List.of(operand.id()),
                "operator is not unique: " + name + " " + operand.id().displayName());
        if (chosen == null) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                    + name + " " + operand.id().displayName(), 0, null,
                    "No operator matches the given name and argument type. You might need to "
                    + "add an explicit type cast.", null);
        }
        return new BoundOperator(name, null, null, operand, SqlType.of(chosen.params().get(0)),
                SqlType.of(chosen.result()), chosen.strict(), chosen.implementation());
    }
}
