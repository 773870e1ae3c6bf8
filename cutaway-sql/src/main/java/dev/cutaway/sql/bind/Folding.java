package dev.cutaway.sql.bind;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * Constant folding of bound conditions (ADR 0023), bottom-up: a node whose inputs are all
 * constants is evaluated once at plan time (casts, IS NULL, BETWEEN, IN lists, CASE, LIKE,
 * NOT, ...; the binder already folds operators and stable function calls as it binds them),
 * and AND / OR drop their neutral terms and collapse on an absorbing one ({@code x AND FALSE}
 * is FALSE, {@code x OR TRUE} is TRUE; NULL terms are kept, they are neither).
 *
 * <p>Never folded: volatile calls ({@code random()}, {@code now()}'s relatives: once per
 * row, not once per plan), nextval, parameters (bound later), subqueries, column
 * references. A node whose evaluation fails (a bad cast in a CASE branch that may never be
 * taken) stays as it is, so the error happens, as before, only if the row needs it.
 */
final class Folding {
    private Folding() {}

    /** {@code condition} folded; {@code cx} evaluates the constant parts. */
    static BoundExpr condition(BoundExpr condition, ExecContext cx) {
        return fold(condition, cx);
    }

    private static BoundExpr fold(BoundExpr e, ExecContext cx) {
        BoundExpr rebuilt = BoundExprs.map(e, x -> x == e ? null : fold(x, cx));
        return switch (rebuilt) {
            case BoundExpr.And a -> and(a.terms());
            case BoundExpr.Or o -> or(o.terms());
            case BoundExpr.Const c -> c;
            case BoundExpr.ColRef c -> c;
            case BoundExpr.Param p -> p;
            case BoundExpr.NextVal n -> n;
            case BoundExpr.ScalarSubquery s -> s;
            case BoundExpr.Exists s -> s;
            case BoundExpr.Quantified q -> q;
            case BoundExpr.Call c when c.function().isVolatile() -> c;
            default -> constantInputs(rebuilt) ? evaluate(rebuilt, cx) : rebuilt;
        };
    }

    private static boolean constantInputs(BoundExpr e) {
        List<BoundExpr> children = BoundExprs.children(e);
        for (BoundExpr c : children) {
            if (!(c instanceof BoundExpr.Const)) {
                return false;
            }
        }
        return !children.isEmpty();
    }

    private static BoundExpr evaluate(BoundExpr e, ExecContext cx) {
        try {
            return new BoundExpr.Const(e.eval(Frame.EMPTY, cx), e.type());
        } catch (SqlException | ClassCastException | ArithmeticException failed) {
            return e;
        }
    }

    private static BoundExpr and(List<BoundExpr> terms) {
        List<BoundExpr> kept = new ArrayList<>();
        for (BoundExpr t : terms) {
            if (t instanceof BoundExpr.Const c && Boolean.FALSE.equals(c.value())) {
                return c;
            }
            if (!(t instanceof BoundExpr.Const c && Boolean.TRUE.equals(c.value()))) {
                kept.add(t);
            }
        }
        return kept.isEmpty() ? new BoundExpr.Const(Boolean.TRUE, SqlType.BOOLEAN)
                : BoundExprs.and(kept);
    }

    private static BoundExpr or(List<BoundExpr> terms) {
        List<BoundExpr> kept = new ArrayList<>();
        for (BoundExpr t : terms) {
            if (t instanceof BoundExpr.Const c && Boolean.TRUE.equals(c.value())) {
                return c;
            }
            if (!(t instanceof BoundExpr.Const c && Boolean.FALSE.equals(c.value()))) {
                kept.add(t);
            }
        }
        if (kept.isEmpty()) {
            return new BoundExpr.Const(Boolean.FALSE, SqlType.BOOLEAN);
        }
        return kept.size() == 1 ? kept.getFirst() : new BoundExpr.Or(List.copyOf(kept));
    }

    /** Whether {@code e} is the constant TRUE (a conjunct that can be dropped). */
    static boolean isTrue(BoundExpr e) {
        return e instanceof BoundExpr.Const c && Boolean.TRUE.equals(c.value());
    }
}
