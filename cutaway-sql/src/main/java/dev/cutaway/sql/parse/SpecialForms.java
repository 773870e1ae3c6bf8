package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL-standard functions with keyword syntax inside their parentheses:
 * {@code EXTRACT(field FROM x)}, {@code SUBSTRING(x FROM a FOR b)}, {@code POSITION(a IN b)} and
 * {@code TRIM([LEADING | TRAILING | BOTH] [chars] FROM x)}. The plain comma forms
 * {@code substring(x, a, b)} arrive as ordinary calls; {@code trim(x)} as a Trim node.
 */
final class SpecialForms {
    private final PrimaryParser p;

    SpecialForms(PrimaryParser parser) {
        this.p = parser;
    }

    Expr extract() {
        Token start = p.advance();
        p.expect(TokenKind.LPAREN);
        Token field = p.advance();
        if (field.kind() != TokenKind.IDENT && field.kind() != TokenKind.STRING
                && field.kind() != TokenKind.QUOTED_IDENT) {
            throw p.syntaxErrorAt(field);
        }
        p.expect("from");
        Expr source = p.expr();
        p.expect(TokenKind.RPAREN);
        return new Expr.Extract(field.value().toLowerCase(java.util.Locale.ROOT), source,
                start.position());
    }

    Expr substring() {
        Token start = p.advance();
        p.expect(TokenKind.LPAREN);
        Expr source = p.expr();
        if (p.at(TokenKind.COMMA)) {
            List<Expr> args = new ArrayList<>();
            args.add(source);
            while (p.accept(TokenKind.COMMA)) {
                args.add(p.expr());
            }
            p.expect(TokenKind.RPAREN);
            return new Expr.FunctionCall(List.of("substring"), List.copyOf(args), false, false,
                    List.of(), null, null, start.position());
        }
        Expr from = null;
        Expr count = null;
        if (p.accept("from")) {
            from = p.expr();
            if (p.accept("for")) {
                count = p.expr();
            }
        } else if (p.accept("for")) {
            count = p.expr();
            if (p.accept("from")) {
                from = p.expr();
            }
        } else {
            throw p.syntaxError();
        }
        p.expect(TokenKind.RPAREN);
        return new Expr.Substring(source, from, count, start.position());
    }

    Expr position() {
        Token start = p.advance();
        p.expect(TokenKind.LPAREN);
        Expr needle = p.expr(ExprParser.PATTERN + 1);
        p.expect("in");
        Expr haystack = p.expr(ExprParser.PATTERN + 1);
        p.expect(TokenKind.RPAREN);
        return new Expr.Position(needle, haystack, start.position());
    }

    Expr trim() {
        Token start = p.advance();
        p.expect(TokenKind.LPAREN);
        Expr.TrimSide side = Expr.TrimSide.BOTH;
        if (p.accept("leading")) {
            side = Expr.TrimSide.LEADING;
        } else if (p.accept("trailing")) {
            side = Expr.TrimSide.TRAILING;
        } else {
            p.accept("both");
        }
        Expr characters = null;
        Expr source;
        if (p.accept("from")) {
            source = p.expr();
        } else {
            Expr first = p.expr();
            if (p.accept("from")) {
                characters = first;
                source = p.expr();
            } else if (p.accept(TokenKind.COMMA)) {
                source = first;
                characters = p.expr();
            } else {
                source = first;
            }
        }
        p.expect(TokenKind.RPAREN);
        return new Expr.Trim(side, characters, source, start.position());
    }
}
