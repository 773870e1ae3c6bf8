package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Expr;

/**
 * Prints the SQL-standard special forms (EXTRACT, SUBSTRING, POSITION, TRIM) in their keyword
 * syntax, which the parser reads back to the same nodes.
 */
final class SpecialFormPrinter {
    private final SqlPrinter p;

    SpecialFormPrinter(SqlPrinter printer) {
        this.p = printer;
    }

    void print(Expr e) {
        switch (e) {
            case Expr.Extract x -> {
                String field = SqlPrinter.identifier(x.field()).equals(x.field())
                        ? x.field() : SqlPrinter.stringLiteral(x.field());
                p.append("EXTRACT(").append(field).append(" FROM ");
                p.expr(x.source());
                p.append(")");
            }
            case Expr.Substring s -> {
                p.append("SUBSTRING(");
                p.expr(s.source());
                if (s.start() != null) {
                    p.append(" FROM ");
                    p.expr(s.start());
                }
                if (s.count() != null) {
                    p.append(" FOR ");
                    p.expr(s.count());
                }
                p.append(")");
            }
            case Expr.Position pos -> {
                p.append("POSITION(");
                p.expr(pos.needle());
                p.append(" IN ");
                p.expr(pos.haystack());
                p.append(")");
            }
            case Expr.Trim t -> {
                p.append("TRIM(").append(t.side().name()).append(" ");
                if (t.characters() != null) {
                    p.expr(t.characters());
                    p.append(" ");
                }
                p.append("FROM ");
                p.expr(t.source());
                p.append(")");
            }
            default -> throw new dev.cutaway.check.InvariantViolation("no printer for " + e);
        }
    }
}
