package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.types.BoundFunction.Implementation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The scalar function catalogue and function resolution: {@link #resolve} finds a function by
 * name and argument types with PostgreSQL's rules ({@link CandidateSelection}) and fails with
 * 42883 {@code function foo(integer) does not exist} when none fits.
 *
 * <p>The functions themselves live in {@link StringFunctions}, {@link MathFunctions} and
 * {@link DateFunctions}. A parameter of type null is PostgreSQL's {@code "any"} (any known
 * type, passed as is); a variadic function repeats its last parameter. Functions that read the
 * clock or the random generator are volatile ({@link BoundFunction#isVolatile()}).
 *
 * <p>Not here: aggregates (the executor owns their state; result types are in
 * {@link AggregateTypes}), and the conditional expressions COALESCE, NULLIF, GREATEST, LEAST
 * (they are syntax, not functions, in PostgreSQL; see {@link Conditionals}).
 */
public final class Functions {
    record Signature(String name, List<TypeId> params, TypeId result, boolean variadic,
            boolean strict, boolean volatileResult, Implementation implementation) {}

    /** Adds functions to the catalogue. */
    static final class Registrar {
        /** A strict, immutable function. */
        void add(String name, List<TypeId> params, TypeId result, Implementation impl) {
            put(new Signature(name, params, result, false, true, false, impl));
        }

        /** A function whose last parameter repeats (one or more times). */
        void addVariadic(String name, List<TypeId> params, TypeId result, boolean strict,
                Implementation impl) {
            put(new Signature(name, params, result, true, strict, false, impl));
        }

        /** A function whose result changes between calls (reads the clock or random). */
        void addVolatile(String name, List<TypeId> params, TypeId result, Implementation impl) {
            put(new Signature(name, params, result, false, true, true, impl));
        }

        /** A function called with NULL arguments too (it decides what they mean). */
        void addNonStrict(String name, List<TypeId> params, TypeId result,
                Implementation impl) {
            put(new Signature(name, params, result, false, false, false, impl));
        }

        private void put(Signature s) {
            CATALOGUE.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        }
    }

    private static final Map<String, List<Signature>> CATALOGUE = new HashMap<>();
    private static final int VARIADIC_ARGS_MAX = 100;

    static {
        Registrar registrar = new Registrar();
        StringFunctions.register(registrar);
        MathFunctions.register(registrar);
        DateFunctions.register(registrar);
        CatalogFunctions.register(registrar);
    }

    private Functions() {}

    /** Whether a function of this name exists (with any arguments). */
    public static boolean exists(String name) {
        return CATALOGUE.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Resolves {@code name(argTypes...)}; 42883 when no function fits, 42725 if ambiguous. The
     * name may be qualified with {@code pg_catalog.} (PostgreSQL's grammar turns
     * {@code EXTRACT(f FROM x)} into {@code pg_catalog.extract('f', x)}, and messages show it).
     */
    public static BoundFunction resolve(String name, List<SqlType> argTypes) {
        String shown = name.toLowerCase(Locale.ROOT);
        String key = shown.startsWith("pg_catalog.") ? shown.substring(11) : shown;
        if (argTypes.size() > VARIADIC_ARGS_MAX) {
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "cannot pass more than " + VARIADIC_ARGS_MAX + " arguments to a function");
        }
        List<TypeId> args = new ArrayList<>();
        for (SqlType t : argTypes) {
            args.add(t.id());
        }
        List<Expanded> candidates = new ArrayList<>();
        for (Signature s : CATALOGUE.getOrDefault(key, List.of())) {
            List<TypeId> params = expand(s, args.size());
            if (params != null) {
                candidates.add(new Expanded(s, params));
            }
        }
        Expanded chosen = CandidateSelection.select(candidates, Expanded::params, args,
                "function " + describe(shown, argTypes) + " is not unique");
        if (chosen == null) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function "
                    + describe(shown, argTypes) + " does not exist", 0, null,
                    "No function matches the given name and argument types. You might need to "
                    + "add explicit type casts.", null);
        }
        List<SqlType> paramTypes = new ArrayList<>();
        for (int i = 0; i < argTypes.size(); i++) {
            TypeId p = chosen.params().get(i);
            SqlType arg = argTypes.get(i);
            paramTypes.add(p == null ? (arg.id() == TypeId.UNKNOWN ? SqlType.TEXT : arg)
                    : SqlType.of(p));
        }
        Signature s = chosen.signature();
        Implementation impl = CandidateSelection.hasAny(s.params())
                ? withArgTypes(s.implementation(), paramTypes) : s.implementation();
        return new BoundFunction(key, argTypes, paramTypes, SqlType.of(s.result()), s.strict(),
                s.volatileResult(), impl);
    }

    private record Expanded(Signature signature, List<TypeId> params) {}

    private static List<TypeId> expand(Signature s, int argCount) {
        if (!s.variadic()) {
            return s.params().size() == argCount ? s.params() : null;
        }
        int fixed = s.params().size() - 1;
        if (argCount <= fixed) {
            return null; // a variadic parameter takes at least one argument
        }
        List<TypeId> params = new ArrayList<>(s.params().subList(0, fixed));
        params.addAll(Collections.nCopies(argCount - fixed, s.params().get(fixed)));
        return params;
    }

    /**
     * "any" parameters receive values of their actual types; such implementations get the
     * types as a trailing argument so they can print values with the right text output.
     */
    private static Implementation withArgTypes(Implementation impl, List<SqlType> types) {
        SqlType[] typeArray = types.toArray(SqlType[]::new);
        return (ctx, args) -> {
            Object[] withTypes = java.util.Arrays.copyOf(args, args.length + 1);
            withTypes[args.length] = typeArray;
            return impl.apply(ctx, withTypes);
        };
    }

    private static String describe(String name, List<SqlType> argTypes) {
        StringJoiner joiner = new StringJoiner(", ", name + "(", ")");
        for (SqlType t : argTypes) {
            joiner.add(t.id().displayName());
        }
        return joiner.toString();
    }
}
