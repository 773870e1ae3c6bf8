package dev.cutaway.sql.bind;

import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.sql.types.TypeId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Finds primary-key lookups in a table's conditions: {@code pk = e} for every key column, or
 * {@code pk IN (e1, e2, ...)} for a one-column key, where each {@code e} reads no column of
 * the table's row (constants, parameters, outer references) and has a type whose key
 * encoding matches the column's (same type, or both integers: all integers encode as one
 * kind of key element; an untyped string literal fits a text or varchar column; a NULL
 * constant fits anything, and is dropped by the lookup, as it matches no row).
 */
final class KeyLookups {
    private KeyLookups() {}

    /** The keys to look up, each a list of values in key-column order; null if not fixed. */
    static List<List<BoundExpr>> find(Relation.Table table, List<BoundExpr> conditions) {
        List<Integer> pk = table.primaryKey();
        if (pk.size() == 1) {
            List<BoundExpr> in = alternatives(conditions, pk.getFirst(), table);
            if (in != null) {
                List<List<BoundExpr>> keys = new ArrayList<>();
                for (BoundExpr e : in) {
                    keys.add(List.of(e));
                }
                return keys;
            }
        }
        List<BoundExpr> key = new ArrayList<>();
        for (int column : pk) {
            BoundExpr value = equality(conditions, column, table);
            if (value == null) {
                return null;
            }
            key.add(value);
        }
        return List.of(key);
    }

    /** Values for every column of {@code index} fixed by equalities, or null. */
    static List<BoundExpr> findIndex(Relation.Table table, dev.cutaway.sql.catalog.IndexDesc
            index, List<BoundExpr> conditions) {
        List<BoundExpr> values = new ArrayList<>();
        for (int column : index.columns()) {
            BoundExpr v = equality(conditions, column, table);
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        return values;
    }

    /** Most keys a multi-range index lookup expands to (the product of its IN lists). */
    static final int KEYS_MAX = 1000;

    /**
     * Keys for every column of {@code index}, each column fixed by an equality or limited to
     * a list of values by {@code IN (...)} or an OR of equalities: the cartesian product of
     * the columns' values, in order; null when a column is not fixed, or beyond
     * {@link #KEYS_MAX} keys.
     */
    static List<List<BoundExpr>> findIndexKeys(Relation.Table table,
            dev.cutaway.sql.catalog.IndexDesc index, List<BoundExpr> conditions) {
        List<List<BoundExpr>> keys = new ArrayList<>();
        keys.add(List.of());
        for (int column : index.columns()) {
            BoundExpr v = equality(conditions, column, table);
            List<BoundExpr> values = v != null ? List.of(v)
                    : alternatives(conditions, column, table);
            if (values == null || (long) keys.size() * values.size() > KEYS_MAX) {
                return null;
            }
            List<List<BoundExpr>> next = new ArrayList<>();
            for (List<BoundExpr> k : keys) {
                for (BoundExpr value : values) {
                    List<BoundExpr> longer = new ArrayList<>(k);
                    longer.add(value);
                    next.add(longer);
                }
            }
            keys = next;
        }
        return keys;
    }

    /**
     * The values {@code column} is limited to by {@code column IN (a, b, ...)} or
     * {@code column = a OR column = b ...} (each value independent of the row and of a
     * fitting type), or null when no condition does.
     */
    static List<BoundExpr> alternatives(List<BoundExpr> conditions, int column,
            Relation.Table table) {
        List<BoundExpr> in = inList(conditions, column, table);
        if (in != null) {
            return in;
        }
        for (BoundExpr c : conditions) {
            List<BoundExpr> values = new ArrayList<>();
            if (c instanceof BoundExpr.Or && orEqualities(c, column, table, values)) {
                return values;
            }
        }
        return null;
    }

    /** Adds the values of an OR tree of {@code column = value} terms; false if not one. */
    private static boolean orEqualities(BoundExpr e, int column, Relation.Table table,
            List<BoundExpr> out) {
        if (e instanceof BoundExpr.Or o) {
            for (BoundExpr t : o.terms()) {
                if (!orEqualities(t, column, table, out)) {
                    return false;
                }
            }
            return true;
        }
        BoundExpr v = equality(List.of(e), column, table);
        if (v == null) {
            return false;
        }
        out.add(v);
        return true;
    }

    /** Bounds on the key column of a range scan; either side may be null (unbounded). */
    record Range(BoundExpr low, boolean lowInclusive, BoundExpr high, boolean highInclusive) {}

    /**
     * Bounds on a one-column integer primary key from {@code pk >= e}, {@code pk > e},
     * {@code pk <= e}, {@code pk < e} (either way round) and {@code pk BETWEEN a AND b}, with
     * independent integer values; the first of each side found is used. Null when none.
     */
    static Range findRange(Relation.Table table, List<BoundExpr> conditions) {
        List<Integer> pk = table.primaryKey();
        if (pk.size() != 1 || !table.columns().get(pk.getFirst()).type().id().isInteger()) {
            return null;
        }
        int column = pk.getFirst();
        Range r = new Range(null, false, null, false);
        for (BoundExpr c : conditions) {
            if (c instanceof BoundExpr.Between b && !b.symmetric() && !b.negated()
                    && isColumn(b.operand(), column) && integral(b.low())
                    && integral(b.high())) {
                r = withLow(r, b.low(), true);
                r = withHigh(r, b.high(), true);
            } else if (c instanceof BoundExpr.Binary b) {
                String op = b.op().name();
                if (isColumn(b.left(), column) && integral(b.right())) {
                    r = bound(r, op, b.right());
                } else if (isColumn(b.right(), column) && integral(b.left())) {
                    r = bound(r, mirrored(op), b.left());
                }
            }
        }
        return r.low() == null && r.high() == null ? null : r;
    }

    private static Range bound(Range r, String op, BoundExpr value) {
        return switch (op) {
            case ">=" -> withLow(r, value, true);
            case ">" -> withLow(r, value, false);
            case "<=" -> withHigh(r, value, true);
            case "<" -> withHigh(r, value, false);
            default -> r;
        };
    }

    private static String mirrored(String op) {
        return switch (op) {
            case ">=" -> "<=";
            case ">" -> "<";
            case "<=" -> ">=";
            case "<" -> ">";
            default -> op;
        };
    }

    private static Range withLow(Range r, BoundExpr v, boolean inclusive) {
        return r.low() != null ? r : new Range(v, inclusive, r.high(), r.highInclusive());
    }

    private static Range withHigh(Range r, BoundExpr v, boolean inclusive) {
        return r.high() != null ? r : new Range(r.low(), r.lowInclusive(), v, inclusive);
    }

    private static boolean isColumn(BoundExpr e, int column) {
        return e instanceof BoundExpr.ColRef c && c.depth() == 0 && c.index() == column;
    }

    private static boolean integral(BoundExpr e) {
        return e.type().id().isInteger() && independent(e);
    }

    private static BoundExpr equality(List<BoundExpr> conditions, int column,
            Relation.Table table) {
        for (BoundExpr c : conditions) {
            if (c instanceof BoundExpr.Binary b && b.op().name().equals("=")) {
                BoundExpr v = other(b.left(), b.right(), column);
                if (v == null) {
                    v = other(b.right(), b.left(), column);
                }
                if (v != null && fits(v, table.columns().get(column).type())) {
                    return v;
                }
            }
        }
        return null;
    }

    private static List<BoundExpr> inList(List<BoundExpr> conditions, int column,
            Relation.Table table) {
        for (BoundExpr c : conditions) {
            if (c instanceof BoundExpr.InList in && !in.negated()
                    && in.operand() instanceof BoundExpr.ColRef r && r.depth() == 0
                    && r.index() == column) {
                boolean ok = true;
                for (BoundExpr item : in.items()) {
                    ok &= independent(item) && fits(item, table.columns().get(column).type());
                }
                if (ok) {
                    return in.items();
                }
            }
        }
        return null;
    }

    private static BoundExpr other(BoundExpr side, BoundExpr value, int column) {
        if (side instanceof BoundExpr.ColRef r && r.depth() == 0 && r.index() == column
                && independent(value)) {
            return value;
        }
        return null;
    }

    private static boolean independent(BoundExpr e) {
        BitSet read = BoundExprs.columnsRead(e);
        return read != null && read.isEmpty();
    }

    private static boolean fits(BoundExpr value, SqlType column) {
        TypeId v = value.type().id();
        TypeId c = column.id();
        if (value instanceof BoundExpr.Const k && k.value() == null) {
            return true;    // matches no row; a lookup drops it
        }
        return v == c && (c != TypeId.CHAR && c != TypeId.NUMERIC || column.equals(value.type()))
                || v.isInteger() && c.isInteger()
                || v == TypeId.UNKNOWN && value instanceof BoundExpr.Const k
                        && k.value() instanceof String && (c == TypeId.TEXT || c == TypeId.VARCHAR);
    }
}
