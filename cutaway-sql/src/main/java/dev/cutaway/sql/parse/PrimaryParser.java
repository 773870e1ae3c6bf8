package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Expr.LiteralKind;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.SortItem;
import dev.cutaway.sql.ast.TypeName;
import dev.cutaway.sql.ast.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Primary expressions: constants, typed literals ({@code date '2024-01-01'}), column references,
 * {@code t.*}, parameters, parenthesised expressions, row constructors, scalar subqueries,
 * EXISTS, CASE, CAST, function calls with DISTINCT, {@code *}, ORDER BY, FILTER and OVER, and
 * the SQL special forms (EXTRACT, SUBSTRING, POSITION, TRIM, COALESCE, NULLIF, GREATEST, LEAST,
 * CURRENT_DATE and friends). Type names are parsed here too ({@link TypeNames}).
 */
abstract class PrimaryParser extends ExprParser {
    /** Words that are type names and may start a typed literal ({@code interval '1 day'}). */
    private static final Set<String> TYPE_WORDS = Set.of("bigint", "bit", "boolean", "char",
            "character", "dec", "decimal", "double", "float", "int", "integer", "interval",
            "national", "nchar", "numeric", "real", "smallint", "time", "timestamp", "varchar");
    private static final Set<String> LISTED_FUNCTIONS = Set.of("coalesce", "nullif", "greatest",
            "least");

    PrimaryParser(String sql, List<Token> tokens) {
        super(sql, tokens);
    }

    @Override
    final TypeName typeName() {
        return new TypeNames(this).parse();
    }

    @Override
    final Expr primary() {
        Token t = peek();
        return switch (t.kind()) {
            case INTEGER -> literal(LiteralKind.INTEGER, advance());
            case DECIMAL -> literal(LiteralKind.NUMERIC, advance());
            case STRING -> literal(LiteralKind.STRING, advance());
            case PARAM -> parameter(advance());
            case LPAREN -> parenthesised();
            case IDENT -> word(t);
            case QUOTED_IDENT -> nameOrCall();
            default -> throw syntaxError();
        };
    }

    private Expr parameter(Token t) {
        try {
            return new Expr.Parameter(Integer.parseInt(t.value()), t.position());
        } catch (NumberFormatException e) {
            throw syntaxErrorAt(t);
        }
    }

    private Expr parenthesised() {
        Token open = advance();
        Query q = queryToClosingParen();
        if (q != null) {
            return fields(new Expr.ScalarSubquery(q, open.position()), open);
        }
        Expr first = expr();
        if (!at(TokenKind.COMMA)) {
            expect(TokenKind.RPAREN);
            return fields(first, open);
        }
        List<Expr> items = new ArrayList<>();
        items.add(first);
        while (accept(TokenKind.COMMA)) {
            items.add(expr());
        }
        expect(TokenKind.RPAREN);
        return new Expr.Row(List.copyOf(items), false, open.position());
    }

    /** {@code .field} selections after a parenthesised expression. */
    private Expr fields(Expr e, Token open) {
        Expr result = e;
        while (at(TokenKind.DOT) && peek(1).kind() != TokenKind.OPERATOR) {
            advance();
            result = new Expr.FieldSelection(result, label(), open.position());
        }
        return result;
    }

    /** An unquoted word in expression position: keyword forms first, then names. */
    private Expr word(Token t) {
        boolean call = peek(1).kind() == TokenKind.LPAREN;
        switch (t.value()) {
            case "true", "false" -> {
                return literal(LiteralKind.BOOLEAN, advance());
            }
            case "null" -> {
                return literal(LiteralKind.NULL, advance());
            }
            case "case" -> {
                return caseExpr();
            }
            case "cast" -> {
                return cast();
            }
            case "array" -> {
                return array();
            }
            case "current_date", "current_time", "current_timestamp", "localtime",
                    "localtimestamp", "current_catalog", "current_role", "current_user",
                    "session_user", "user" -> {
                advance();
                return new Expr.CurrentValue(Expr.CurrentKind.valueOf(
                        t.value().toUpperCase(java.util.Locale.ROOT)), t.position());
            }
            default -> {
                // not a keyword form: fall through to the checks below
            }
        }
        if (t.is("current_schema") && !call) {
            advance();
            return new Expr.CurrentValue(Expr.CurrentKind.CURRENT_SCHEMA, t.position());
        }
        if (call) {
            Expr special = specialCall(t);
            if (special != null) {
                return special;
            }
        }
        if (TYPE_WORDS.contains(t.value()) && startsTypedLiteral()) {
            TypeName type = typeName();
            Token s = expect(TokenKind.STRING);
            return typedLiteral(type, s, t);
        }
        return nameOrCall();
    }

    private static Expr typedLiteral(TypeName type, Token s, Token start) {
        return new Expr.Cast(literal(LiteralKind.STRING, s), type, Expr.CastSyntax.TYPED_LITERAL,
                start.position());
    }

    /** Whether the type-name word here is followed by the rest of a type and a string. */
    private boolean startsTypedLiteral() {
        int m = mark();
        try {
            new TypeNames(this).parse();
            return at(TokenKind.STRING);
        } catch (dev.cutaway.sql.SqlException e) {
            return false;
        } finally {
            reset(m);
        }
    }

    /** Keyword forms written like calls: EXISTS, ROW, COALESCE..., EXTRACT, SUBSTRING... */
    private Expr specialCall(Token t) {
        return switch (t.value()) {
            case "exists" -> {
                advance();
                expect(TokenKind.LPAREN);
                Query q = query();
                expect(TokenKind.RPAREN);
                yield new Expr.Exists(q, t.position());
            }
            case "row" -> {
                advance();
                expect(TokenKind.LPAREN);
                List<Expr> items = at(TokenKind.RPAREN) ? List.of() : exprList();
                expect(TokenKind.RPAREN);
                yield new Expr.Row(items, true, t.position());
            }
            case "extract" -> new SpecialForms(this).extract();
            case "substring" -> new SpecialForms(this).substring();
            case "position" -> new SpecialForms(this).position();
            case "trim" -> new SpecialForms(this).trim();
            default -> {
                if (LISTED_FUNCTIONS.contains(t.value())) {
                    advance();
                    yield functionCall(List.of(t.value()), t);
                }
                yield null;
            }
        };
    }

    /** A column reference, t.*, a (qualified) function call, or a generic typed literal. */
    private Expr nameOrCall() {
        Token first = peek();
        boolean quoted = first.kind() == TokenKind.QUOTED_IDENT;
        String word = first.value();
        if (!quoted && peek(1).kind() == TokenKind.LPAREN) {
            if (!Keywords.isFunctionName(word) && !Keywords.TYPE_FUNCTION_NAME.contains(word)) {
                throw syntaxError();
            }
            advance();
            return functionCall(List.of(word), first);
        }
        if (!quoted && peek(1).kind() == TokenKind.STRING && Keywords.isFunctionName(word)) {
            advance();
            TypeName type = new TypeName(word, List.of(), first.position());
            return typedLiteral(type, advance(), first);
        }
        List<String> names = new ArrayList<>(3);
        names.add(columnId());
        while (at(TokenKind.DOT)) {
            advance();
            if (acceptOperator("*")) {
                return new Expr.Star(List.copyOf(names), first.position());
            }
            names.add(label());
            if (names.size() > 3) {
                throw syntaxError();
            }
        }
        if (at(TokenKind.LPAREN)) {
            return functionCall(List.copyOf(names), first);
        }
        return new Expr.ColumnRef(List.copyOf(names), first.position());
    }

    /** The rest of a call after its name: (args) [FILTER (WHERE ...)] [OVER ...]. */
    final Expr.FunctionCall functionCall(List<String> name, Token start) {
        enter();
        try {
            return functionCallBody(name, start);
        } finally {
            leave();
        }
    }

    private Expr.FunctionCall functionCallBody(List<String> name, Token start) {
        expect(TokenKind.LPAREN);
        boolean distinct = false;
        boolean star = false;
        List<Expr> args = List.of();
        List<SortItem> orderBy = List.of();
        if (acceptOperator("*")) {
            star = true;
        } else if (!at(TokenKind.RPAREN)) {
            distinct = accept("distinct");
            if (!distinct) {
                accept("all");
            }
            args = exprList();
            if (acceptPair("order", "by")) {
                orderBy = sortList();
            }
        }
        expect(TokenKind.RPAREN);
        Expr filter = null;
        if (at("filter") && peek(1).kind() == TokenKind.LPAREN) {
            advance();
            advance();
            expect("where");
            filter = expr();
            expect(TokenKind.RPAREN);
        }
        WindowSpec window = null;
        if (accept("over")) {
            window = windowSpec();
        }
        return new Expr.FunctionCall(name, args, distinct, star, orderBy, filter, window,
                start.position());
    }

    /** After OVER: a window name, or (...) with partitioning, ordering and frame. */
    final WindowSpec windowSpec() {
        if (!at(TokenKind.LPAREN)) {
            return new WindowSpec(columnId(), List.of(), List.of(), null);
        }
        advance();
        String base = null;
        if (atColumnId() && !at("partition") && !at("order") && !at("rows") && !at("range")
                && !at("groups")) {
            base = columnId();
        }
        List<Expr> partitionBy = List.of();
        if (accept("partition")) {
            expect("by");
            partitionBy = exprList();
        }
        List<SortItem> orderBy = List.of();
        if (acceptPair("order", "by")) {
            orderBy = sortList();
        }
        WindowSpec.Frame frame = null;
        if (at("rows") || at("range") || at("groups")) {
            frame = frame();
        }
        expect(TokenKind.RPAREN);
        return new WindowSpec(base, partitionBy, orderBy, frame);
    }

    private WindowSpec.Frame frame() {
        WindowSpec.FrameUnit unit = WindowSpec.FrameUnit.valueOf(
                advance().value().toUpperCase(java.util.Locale.ROOT));
        if (accept("between")) {
            WindowSpec.Bound start = frameBound();
            expect("and");
            return new WindowSpec.Frame(unit, start, frameBound());
        }
        return new WindowSpec.Frame(unit, frameBound(), null);
    }

    private WindowSpec.Bound frameBound() {
        if (accept("unbounded")) {
            if (accept("preceding")) {
                return new WindowSpec.Bound(WindowSpec.BoundKind.UNBOUNDED_PRECEDING, null);
            }
            expect("following");
            return new WindowSpec.Bound(WindowSpec.BoundKind.UNBOUNDED_FOLLOWING, null);
        }
        if (accept("current")) {
            expect("row");
            return new WindowSpec.Bound(WindowSpec.BoundKind.CURRENT_ROW, null);
        }
        Expr offset = expr();
        if (accept("preceding")) {
            return new WindowSpec.Bound(WindowSpec.BoundKind.PRECEDING, offset);
        }
        expect("following");
        return new WindowSpec.Bound(WindowSpec.BoundKind.FOLLOWING, offset);
    }

    private Expr caseExpr() {
        enter();
        try {
            return caseBody();
        } finally {
            leave();
        }
    }

    private Expr caseBody() {
        Token start = advance();
        Expr operand = at("when") ? null : expr();
        List<Expr.When> whens = new ArrayList<>();
        while (accept("when")) {
            Expr condition = expr();
            expect("then");
            whens.add(new Expr.When(condition, expr()));
        }
        if (whens.isEmpty()) {
            throw syntaxError();
        }
        Expr elseResult = accept("else") ? expr() : null;
        expect("end");
        return new Expr.Case(operand, List.copyOf(whens), elseResult, start.position());
    }

    /** {@code ARRAY[...]} or {@code ARRAY(SELECT ...)}. */
    private Expr array() {
        Token start = advance();
        if (accept(TokenKind.LPAREN)) {
            Query q = query();
            expect(TokenKind.RPAREN);
            return new Expr.ArraySubquery(q, start.position());
        }
        expect(TokenKind.LBRACKET);
        List<Expr> items = at(TokenKind.RBRACKET) ? List.of() : exprList();
        expect(TokenKind.RBRACKET);
        return new Expr.ArrayConstructor(items, start.position());
    }

    private Expr cast() {
        Token start = advance();
        expect(TokenKind.LPAREN);
        Expr operand = expr();
        expect("as");
        TypeName type = typeName();
        expect(TokenKind.RPAREN);
        return new Expr.Cast(operand, type, Expr.CastSyntax.CAST, start.position());
    }
}
