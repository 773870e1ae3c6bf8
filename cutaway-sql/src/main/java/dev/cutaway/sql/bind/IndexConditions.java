package dev.cutaway.sql.bind;

import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.IndexMultiLookup;
import dev.cutaway.sql.exec.IndexOnlyScan;
import dev.cutaway.sql.exec.KeyRangeScan;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.types.BoundOperator;
import dev.cutaway.sql.types.Operators;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions a key or index lookup (or an index-only scan under a key) applies itself —
 * PostgreSQL's "Index Cond" — so that the Filter above it keeps only the others (ADR 0037).
 * A lookup fixes each of its key columns to the values of its keys: a row it returns has, in
 * key column {@code c}, the value of one of the expressions {@code V(c)} the lookup
 * evaluated at open. A conjunct is
 * implied, and dropped, when it is one of
 * <ul>
 *   <li>{@code c = e} (either way round) where every expression of {@code V(c)} is
 *       {@code e};
 *   <li>{@code c IN (e1, ...)} (not negated) or an OR of {@code c = ei}, where every
 *       expression of {@code V(c)} is one of the {@code ei};
 * </ul>
 * and every such {@code e} is stable ({@link KeyRangeScan#stable}: constants, parameters,
 * outer columns, operators and casts over those), so the value the filter would compare
 * per row is the one the lookup looked up. "Is" means the same bound expression, so the
 * comparison is the one the lookup's key matching stands for: {@code KeyLookups} accepts a
 * value only when its key encoding is equal exactly when SQL's {@code =} is (same type, or
 * integers, whose out-of-range values find no row as they equal none), and a NULL value
 * finds no row as {@code c = NULL} passes none. A term that compares a cast of the column,
 * another value, or a column the lookup does not fix stays in the filter.
 *
 * <p>An index lookup that locks rows ({@code SELECT ... FOR UPDATE}) applies nothing here:
 * the lock returns the newest committed version of the row, whose indexed columns may have
 * changed since its index entry was read, so the filter re-checks them (PostgreSQL
 * rechecks its index conditions then as well). A key lookup keeps the key under the lock: a
 * row whose key changes moves to another row key.
 */
final class IndexConditions {
    private IndexConditions() {}

    /** The columns a lookup fixes, and per key the values it gives them, in that order. */
    private record Fixed(Relation.Table table, List<Integer> columns,
            List<List<BoundExpr>> keys) {
        /** The expressions the lookup gives column position {@code p}, one per key. */
        List<BoundExpr> values(int p) {
            List<BoundExpr> out = new ArrayList<>();
            for (List<BoundExpr> key : keys) {
                if (!out.contains(key.get(p))) {
                    out.add(key.get(p));
                }
            }
            return out;
        }
    }

    private static Fixed fixed(Plan access) {
        return switch (access) {
            case Scans.KeyLookup k -> new Fixed(k.table(), k.table().primaryKey(), k.keys());
            case Scans.IndexLookup i when i.lock() == null -> new Fixed(i.table(),
                    i.index().columns().subList(0, i.values().size()), List.of(i.values()));
            case IndexMultiLookup m when m.lock() == null ->
                    new Fixed(m.table(), m.index().columns(), m.keys());
            case IndexOnlyScan o when !o.values().isEmpty() -> new Fixed(o.table(),
                    o.index().columns().subList(0, o.values().size()), List.of(o.values()));
            default -> null;
        };
    }

    /** The conjuncts of {@code conditions} that {@code access} does not already apply. */
    static List<BoundExpr> residual(Plan access, List<BoundExpr> conditions) {
        Fixed fixed = fixed(access);
        if (fixed == null || fixed.keys().isEmpty()) {
            return conditions;
        }
        List<BoundExpr> rest = new ArrayList<>(conditions.size());
        for (BoundExpr c : conditions) {
            if (!implied(c, fixed)) {
                rest.add(c);
            }
        }
        return rest;
    }

    private static boolean implied(BoundExpr term, Fixed fixed) {
        for (int p = 0; p < fixed.columns().size(); p++) {
            List<BoundExpr> alternatives = alternatives(term, fixed.columns().get(p));
            if (alternatives != null && alternatives.containsAll(fixed.values(p))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The values {@code term} allows {@code column} to equal — {@code column = e}, {@code
     * column IN (...)} or an OR of such equalities, every value stable — or null when it is
     * not such a term.
     */
    private static List<BoundExpr> alternatives(BoundExpr term, int column) {
        List<BoundExpr> out = new ArrayList<>();
        switch (term) {
            case BoundExpr.Binary b when b.op().name().equals("=") -> {
                BoundExpr value = isColumn(b.left(), column) ? b.right()
                        : isColumn(b.right(), column) ? b.left() : null;
                if (value == null || !KeyRangeScan.stable(value)) {
                    return null;
                }
                out.add(value);
            }
            case BoundExpr.InList in when !in.negated() && isColumn(in.operand(), column) -> {
                for (BoundExpr item : in.items()) {
                    if (!KeyRangeScan.stable(item)) {
                        return null;
                    }
                    out.add(item);
                }
            }
            case BoundExpr.Or o -> {
                for (BoundExpr t : o.terms()) {
                    List<BoundExpr> some = alternatives(t, column);
                    if (some == null) {
                        return null;
                    }
                    out.addAll(some);
                }
            }
            default -> {
                return null;
            }
        }
        return out;
    }

    private static boolean isColumn(BoundExpr e, int column) {
        return e instanceof BoundExpr.ColRef c && c.depth() == 0 && c.index() == column;
    }

    /**
     * Conditions that select what {@code access} (a lookup) returns: per fixed column
     * {@code c = v}, or {@code c IN (v1, ...)} when the keys give it several values (the
     * keys of a lookup are the product of its columns' values). Used to re-plan a table
     * whose filter no longer holds the terms its lookup applies (an index nested loop
     * choosing its probe); null when {@code access} is not a lookup or a value cannot be
     * compared again (an untyped NULL).
     */
    static List<BoundExpr> applied(Plan access) {
        Fixed fixed = switch (access) {
            case Scans.KeyLookup k -> fixed(k);
            case Scans.IndexLookup i -> new Fixed(i.table(),
                    i.index().columns().subList(0, i.values().size()), List.of(i.values()));
            case IndexMultiLookup m -> new Fixed(m.table(), m.index().columns(), m.keys());
            default -> null;
        };
        if (fixed == null || fixed.keys().isEmpty()) {
            return null;
        }
        List<BoundExpr> out = new ArrayList<>();
        for (int p = 0; p < fixed.columns().size(); p++) {
            int column = fixed.columns().get(p);
            var desc = fixed.table().columns().get(column);
            BoundExpr col = new BoundExpr.ColRef(0, column, desc.type(), desc.name());
            List<BoundExpr> values = fixed.values(p);
            List<BoundOperator> equals = new ArrayList<>();
            for (BoundExpr v : values) {
                if (v.type().id() == TypeId.UNKNOWN && v instanceof BoundExpr.Const k
                        && k.value() == null) {
                    return null;
                }
                equals.add(Operators.resolveBinary("=", desc.type(), v.type()));
            }
            out.add(values.size() == 1 ? new BoundExpr.Binary(equals.getFirst(), col,
                    values.getFirst()) : new BoundExpr.InList(col, equals, values, false));
        }
        return out;
    }
}
