package dev.cutaway.sql.bind;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.types.AggregateTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds aggregate calls in an AST expression (not inside subqueries, which aggregate at
 * their own level), to decide whether a query level is aggregated.
 */
final class Aggregates {
    private Aggregates() {}

    static boolean contains(Expr e) {
        if (e == null) {
            return false;
        }
        if (e instanceof Expr.FunctionCall f && f.window() == null
                && AggregateTypes.isAggregate(f.name().getLast().toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (Expr child : children(e)) {
            if (contains(child)) {
                return true;
            }
        }
        return false;
    }

    static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        switch (e) {
            case Expr.Unary u -> out.add(u.operand());
            case Expr.Binary b -> {
                out.add(b.left());
                out.add(b.right());
            }
            case Expr.IsNull n -> out.add(n.operand());
            case Expr.IsTruth t -> out.add(t.operand());
            case Expr.IsDistinctFrom d -> {
                out.add(d.left());
                out.add(d.right());
            }
            case Expr.Between b -> out.addAll(List.of(b.operand(), b.low(), b.high()));
            case Expr.InList i -> {
                out.add(i.operand());
                out.addAll(i.items());
            }
            case Expr.InSubquery i -> out.add(i.operand());
            case Expr.Quantified q -> out.add(q.left());
            case Expr.Like l -> {
                out.add(l.operand());
                out.add(l.pattern());
                if (l.escape() != null) {
                    out.add(l.escape());
                }
            }
            case Expr.Case c -> {
                if (c.operand() != null) {
                    out.add(c.operand());
                }
                for (Expr.When w : c.whens()) {
                    out.add(w.condition());
                    out.add(w.result());
                }
                if (c.elseResult() != null) {
                    out.add(c.elseResult());
                }
            }
            case Expr.Cast c -> out.add(c.operand());
            case Expr.FunctionCall f -> out.addAll(f.args());
            case Expr.Extract x -> out.add(x.source());
            case Expr.Substring s -> {
                out.add(s.source());
                if (s.start() != null) {
                    out.add(s.start());
                }
                if (s.count() != null) {
                    out.add(s.count());
                }
            }
            case Expr.Position p -> out.addAll(List.of(p.needle(), p.haystack()));
            case Expr.Trim t -> {
                out.add(t.source());
                if (t.characters() != null) {
                    out.add(t.characters());
                }
            }
            case Expr.Collate c -> out.add(c.operand());
            case Expr.Row r -> out.addAll(r.items());
            case Expr.AtTimeZone a -> out.addAll(List.of(a.value(), a.zone()));
            default -> { }
        }
        return out;
    }
}
