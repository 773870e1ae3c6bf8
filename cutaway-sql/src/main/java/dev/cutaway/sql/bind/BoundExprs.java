package dev.cutaway.sql.bind;

import dev.cutaway.sql.exec.BoundExpr;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Structural helpers over bound expressions for the planner: which columns of the current
 * row an expression reads, whether it contains a subquery (whose inner references the
 * helpers cannot see), and rebasing an expression onto a narrower row (pushing a condition
 * below a join).
 */
final class BoundExprs {
    private BoundExprs() {}

    /** Columns of the current row (depth 0) {@code e} reads; null if it has a subquery. */
    static BitSet columnsRead(BoundExpr e) {
        BitSet out = new BitSet();
        return collect(e, out) ? out : null;
    }

    private static boolean collect(BoundExpr e, BitSet out) {
        switch (e) {
            case BoundExpr.ColRef c -> {
                if (c.depth() == 0) {
                    out.set(c.index());
                }
                return true;
            }
            case BoundExpr.ScalarSubquery s -> {
                return false;
            }
            case BoundExpr.Exists s -> {
                return false;
            }
            case BoundExpr.Quantified q -> {
                return false;
            }
            default -> {
                for (BoundExpr child : children(e)) {
                    if (!collect(child, out)) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    /** Whether {@code e} reads an enclosing query's row (a column at depth ≥ 1). */
    static boolean readsOuter(BoundExpr e) {
        if (e instanceof BoundExpr.ColRef r) {
            return r.depth() > 0;
        }
        for (BoundExpr child : children(e)) {
            if (readsOuter(child)) {
                return true;
            }
        }
        return false;
    }

    static List<BoundExpr> children(BoundExpr e) {
        return switch (e) {
            case BoundExpr.Const c -> List.of();
            case BoundExpr.ColRef c -> List.of();
            case BoundExpr.Param p -> List.of();
            case BoundExpr.NextVal n -> List.of();
            case BoundExpr.Binary b -> List.of(b.left(), b.right());
            case BoundExpr.Unary u -> List.of(u.operand());
            case BoundExpr.Call c -> c.args();
            case BoundExpr.And a -> a.terms();
            case BoundExpr.Or o -> o.terms();
            case BoundExpr.Not n -> List.of(n.operand());
            case BoundExpr.IsNull n -> List.of(n.operand());
            case BoundExpr.IsTruth t -> List.of(t.operand());
            case BoundExpr.Cast c -> List.of(c.operand());
            case BoundExpr.Case c -> {
                List<BoundExpr> l = new ArrayList<>(c.conditions());
                l.addAll(c.results());
                if (c.otherwise() != null) {
                    l.add(c.otherwise());
                }
                yield l;
            }
            case BoundExpr.Variadic v -> v.args();
            case BoundExpr.NullIf n -> List.of(n.left(), n.right());
            case BoundExpr.InList i -> {
                List<BoundExpr> l = new ArrayList<>(i.items());
                l.add(i.operand());
                yield l;
            }
            case BoundExpr.Like l -> l.escape() == null ? List.of(l.operand(), l.pattern())
                    : List.of(l.operand(), l.pattern(), l.escape());
            case BoundExpr.Between b -> List.of(b.operand(), b.low(), b.high());
            case BoundExpr.ScalarSubquery s -> List.of();
            case BoundExpr.Exists s -> List.of();
            case BoundExpr.Quantified q -> List.of(q.operand());
        };
    }

    /** {@code e} with every depth-0 column index decreased by {@code offset}. */
    static BoundExpr shift(BoundExpr e, int offset) {
        return offset == 0 ? e : map(e, x -> x instanceof BoundExpr.ColRef c && c.depth() == 0
                ? new BoundExpr.ColRef(0, c.index() - offset, c.type(), c.name()) : null);
    }

    /**
     * Rebuilds {@code e} bottom-up, replacing each node for which {@code f} returns non-null.
     * Subqueries are kept as they are (callers check {@link #columnsRead} first).
     */
    static BoundExpr map(BoundExpr e, UnaryOperator<BoundExpr> f) {
        BoundExpr replaced = f.apply(e);
        if (replaced != null) {
            return replaced;
        }
        return switch (e) {
            case BoundExpr.Binary b -> new BoundExpr.Binary(b.op(), map(b.left(), f),
                    map(b.right(), f));
            case BoundExpr.Unary u -> new BoundExpr.Unary(u.op(), map(u.operand(), f));
            case BoundExpr.Call c -> new BoundExpr.Call(c.function(), mapAll(c.args(), f));
            case BoundExpr.And a -> new BoundExpr.And(mapAll(a.terms(), f));
            case BoundExpr.Or o -> new BoundExpr.Or(mapAll(o.terms(), f));
            case BoundExpr.Not n -> new BoundExpr.Not(map(n.operand(), f));
            case BoundExpr.IsNull n -> new BoundExpr.IsNull(map(n.operand(), f), n.negated());
            case BoundExpr.IsTruth t -> new BoundExpr.IsTruth(map(t.operand(), f), t.value(),
                    t.negated());
            case BoundExpr.Cast c -> new BoundExpr.Cast(map(c.operand(), f), c.cast(), c.type());
            case BoundExpr.Case c -> new BoundExpr.Case(mapAll(c.conditions(), f),
                    mapAll(c.results(), f), c.otherwise() == null ? null : map(c.otherwise(), f),
                    c.type());
            case BoundExpr.Variadic v -> new BoundExpr.Variadic(v.name(), mapAll(v.args(), f),
                    v.type());
            case BoundExpr.NullIf n -> new BoundExpr.NullIf(map(n.left(), f), map(n.right(), f),
                    n.equals());
            case BoundExpr.InList i -> new BoundExpr.InList(map(i.operand(), f), i.equals(),
                    mapAll(i.items(), f), i.negated());
            case BoundExpr.Like l -> new BoundExpr.Like(map(l.operand(), f), map(l.pattern(), f),
                    l.escape() == null ? null : map(l.escape(), f), l.caseInsensitive(),
                    l.negated());
            case BoundExpr.Between b -> new BoundExpr.Between(map(b.operand(), f),
                    map(b.low(), f), map(b.high(), f), b.geLow(), b.leHigh(), b.geHigh(),
                    b.leLow(), b.symmetric(), b.negated());
            default -> e;
        };
    }

    private static List<BoundExpr> mapAll(List<BoundExpr> l, UnaryOperator<BoundExpr> f) {
        List<BoundExpr> out = new ArrayList<>(l.size());
        for (BoundExpr e : l) {
            out.add(map(e, f));
        }
        return out;
    }

    /** The conjuncts of a condition (AND flattened). */
    static List<BoundExpr> conjuncts(BoundExpr condition) {
        List<BoundExpr> out = new ArrayList<>();
        if (condition == null) {
            return out;
        }
        if (condition instanceof BoundExpr.And a) {
            for (BoundExpr t : a.terms()) {
                out.addAll(conjuncts(t));
            }
        } else {
            out.add(condition);
        }
        return out;
    }

    /** AND of {@code terms}, or null when empty. */
    static BoundExpr and(List<BoundExpr> terms) {
        return terms.isEmpty() ? null : terms.size() == 1 ? terms.getFirst()
                : new BoundExpr.And(List.copyOf(terms));
    }
}
