package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Chooses among overloaded operators or functions for given argument types, following
 * PostgreSQL's documented resolution (chapter "Type Conversion", {@code func_select_candidate}):
 *
 * <ol>
 *   <li>An exact match wins. For a binary operator with one {@code unknown} argument, the
 *       unknown is first assumed to have the other argument's type.</li>
 *   <li>Keep the candidates every argument can reach: equal type, an implicit cast, or an
 *       unknown literal (which can become anything). A parameter of "any" type (null) accepts
 *       any known type as is.</li>
 *   <li>Keep those with the most exact matches.</li>
 *   <li>Keep those that take preferred types (float8, text, timestamptz, ...) of the
 *       argument's category at the most positions.</li>
 *   <li>For unknown arguments: pick the string category if any candidate takes a string
 *       there, else the one category all candidates take (else fail); drop the others, and
 *       drop non-preferred types if a preferred one remains.</li>
 *   <li>If unknown and known arguments are mixed and all known ones have one type, assume the
 *       unknowns have it too.</li>
 *   <li>Prefer candidates without "any" parameters; more than one left is 42725
 *       {@code ... is not unique}.</li>
 * </ol>
 */
final class CandidateSelection {
    private CandidateSelection() {}

    /**
     * The chosen candidate, or null when none accepts the arguments. {@code describe} is the
     * 42725 message ({@code operator is not unique: unknown + unknown}).
     */
    static <C> C select(List<C> candidates, Function<C, List<TypeId>> params,
            List<TypeId> args, String describe) {
        List<C> arity = new ArrayList<>();
        for (C c : candidates) {
            if (params.apply(c).size() == args.size()) {
                arity.add(c);
            }
        }
        C exact = exactMatch(arity, params, args);
        if (exact != null) {
            return exact;
        }
        List<C> live = new ArrayList<>();
        for (C c : arity) {
            if (reachable(params.apply(c), args)) {
                live.add(c);
            }
        }
        if (live.size() <= 1) {
            return live.isEmpty() ? null : live.get(0);
        }
        live = keepMax(live, c -> exactCount(params.apply(c), args));
        live = keepMax(live, c -> preferredCount(params.apply(c), args));
        if (live.size() > 1 && args.contains(TypeId.UNKNOWN)) {
            live = resolveUnknowns(live, params, args);
        }
        if (live.size() > 1) {
            live = assumeKnownType(live, params, args);
        }
        if (live.size() > 1) {
            List<C> concrete = new ArrayList<>();
            for (C c : live) {
                if (!hasAny(params.apply(c))) {
                    concrete.add(c);
                }
            }
            if (!concrete.isEmpty()) {
                live = concrete;
            }
        }
        if (live.size() > 1) {
            throw new SqlException(SqlState.AMBIGUOUS_FUNCTION, describe,
                    0, null, "Could not choose a best candidate. You might need to add "
                    + "explicit type casts.", null);
        }
        return live.isEmpty() ? null : live.get(0);
    }

    /** Whether a parameter list has an "any" (null) parameter. */
    static boolean hasAny(List<TypeId> params) {
        for (TypeId p : params) {
            if (p == null) {
                return true;
            }
        }
        return false;
    }

    private static <C> C exactMatch(List<C> candidates, Function<C, List<TypeId>> params,
            List<TypeId> args) {
        List<TypeId> probe = args;
        if (args.size() == 2 && (args.get(0) == TypeId.UNKNOWN) != (args.get(1)
                == TypeId.UNKNOWN)) {
            TypeId known = args.get(0) == TypeId.UNKNOWN ? args.get(1) : args.get(0);
            probe = List.of(known, known);
        }
        for (C c : candidates) {
            if (params.apply(c).equals(probe)) {
                return c;
            }
        }
        return null;
    }

    static boolean reachable(List<TypeId> params, List<TypeId> args) {
        for (int i = 0; i < args.size(); i++) {
            TypeId p = params.get(i);
            TypeId a = args.get(i);
            boolean ok = p == null
                    || a == p || a == TypeId.UNKNOWN || Casts.canCast(a, p, CastContext.IMPLICIT);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int exactCount(List<TypeId> params, List<TypeId> args) {
        int n = 0;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) != TypeId.UNKNOWN && args.get(i) == params.get(i)) {
                n++;
            }
        }
        return n;
    }

    private static int preferredCount(List<TypeId> params, List<TypeId> args) {
        int n = 0;
        for (int i = 0; i < args.size(); i++) {
            TypeId p = params.get(i);
            TypeId a = args.get(i);
            if (a != TypeId.UNKNOWN && p != null && p.preferred()
                    && p.category() == a.category()) {
                n++;
            }
        }
        return n;
    }

    private static <C> List<C> keepMax(List<C> live, Function<C, Integer> score) {
        int best = Integer.MIN_VALUE;
        for (C c : live) {
            best = Math.max(best, score.apply(c));
        }
        List<C> kept = new ArrayList<>();
        for (C c : live) {
            if (score.apply(c) == best) {
                kept.add(c);
            }
        }
        return kept;
    }

    private static <C> List<C> resolveUnknowns(List<C> live, Function<C, List<TypeId>> params,
            List<TypeId> args) {
        List<C> current = live;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) != TypeId.UNKNOWN) {
                continue;
            }
            final int pos = i;
            Character chosen = null;
            boolean mixed = false;
            for (C c : current) {
                TypeId p = params.apply(c).get(pos);
                char category = p == null ? 'P' : p.category();
                if (category == 'S') {
                    chosen = 'S';
                    mixed = false;
                    break;
                }
                if (chosen == null) {
                    chosen = category;
                } else if (chosen != category) {
                    mixed = true;
                }
            }
            if (mixed || chosen == null) {
                return current;
            }
            final char category = chosen;
            List<C> kept = new ArrayList<>();
            boolean anyPreferred = false;
            for (C c : current) {
                TypeId p = params.apply(c).get(pos);
                if (p != null && p.category() == category) {
                    kept.add(c);
                    anyPreferred |= p.preferred();
                }
            }
            if (anyPreferred) {
                kept.removeIf(c -> !params.apply(c).get(pos).preferred());
            }
            current = kept;
        }
        return current;
    }

    private static <C> List<C> assumeKnownType(List<C> live, Function<C, List<TypeId>> params,
            List<TypeId> args) {
        TypeId known = null;
        for (TypeId a : args) {
            if (a != TypeId.UNKNOWN) {
                if (known != null && known != a) {
                    return live;
                }
                known = a;
            }
        }
        if (known == null || !args.contains(TypeId.UNKNOWN)) {
            return live;
        }
        List<TypeId> assumed = new ArrayList<>();
        for (TypeId a : args) {
            assumed.add(a == TypeId.UNKNOWN ? known : a);
        }
        List<C> kept = new ArrayList<>();
        for (C c : live) {
            if (reachable(params.apply(c), assumed)) {
                kept.add(c);
            }
        }
        return kept.size() == 1 ? kept : live;
    }
}
