package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Expr.BinaryOp;
import dev.cutaway.sql.ast.Expr.Binary;
import dev.cutaway.sql.ast.Expr.Literal;
import dev.cutaway.sql.ast.Expr.LiteralKind;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.SortItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Expressions by precedence climbing over PostgreSQL's operator precedence table (lowest first):
 * OR; AND; NOT; IS, ISNULL, NOTNULL; comparisons (non-associative); BETWEEN, IN, LIKE, ILIKE
 * (non-associative); other operators such as ||; + -; * / %; ^; AT TIME ZONE; COLLATE;
 * unary + -; :: and subscripts (highest).
 * A prefix operator parses its operand at its own level wherever it appears, so
 * {@code 1 = NOT x} is {@code 1 = (NOT x)} and {@code - a ^ b} is {@code (-a) ^ b}, as in
 * PostgreSQL. Primary expressions (literals, names, calls, CASE, CAST, subqueries, special forms)
 * are in {@link PrimaryParser}.
 */
abstract class ExprParser extends TokenCursor {
    static final int OR = 1;
    static final int AND = 2;
    static final int NOT = 3;
    static final int IS = 4;
    static final int COMPARISON = 5;
    static final int PATTERN = 6;
    static final int OTHER_OPERATOR = 7;
    static final int ADDITIVE = 8;
    static final int MULTIPLICATIVE = 9;
    static final int POWER = 10;
    static final int AT_TIME_ZONE = 11;
    static final int COLLATE = 12;
    static final int UNARY = 13;
    static final int CAST = 14;

    /** Bound on trial parses per statement (see {@link #queryToClosingParen()}). */
    static final int TRIALS_MAX = 64;

    private int trials;

    ExprParser(String sql, List<Token> tokens) {
        super(sql, tokens);
    }

    /** A query (for subqueries); implemented by the query grammar. */
    abstract Query query();

    /** Whether the next token starts a query (SELECT, VALUES, WITH, TABLE). */
    final boolean atQueryStart() {
        return at("select") || at("values") || at("with") || at("table");
    }

    /** Whether the parentheses ahead open a query (rather than an expression or a join). */
    final boolean parenthesisedQueryAhead() {
        int i = 0;
        while (peek(i).kind() == TokenKind.LPAREN) {
            i++;
        }
        Token t = peek(i);
        return t.is("select") || t.is("values") || t.is("with") || t.is("table");
    }

    /**
     * With the cursor just after an opening parenthesis: the query that fills the parentheses
     * up to the closing one (consumed), or null with the cursor unchanged when what follows is
     * an expression. {@code ((SELECT 1) UNION (SELECT 2))} needs a bounded trial parse, since
     * {@code ((SELECT 1) + 1)} starts the same way; after {@link #TRIALS_MAX} trials in one
     * statement the parser stops trying and reads expressions.
     */
    final Query queryToClosingParen() {
        if (atQueryStart()) {
            Query q = query();
            expect(TokenKind.RPAREN);
            return q;
        }
        if (!at(TokenKind.LPAREN) || !parenthesisedQueryAhead() || trials >= TRIALS_MAX) {
            return null;
        }
        trials++;
        int m = mark();
        try {
            Query q = query();
            if (accept(TokenKind.RPAREN)) {
                return q;
            }
        } catch (dev.cutaway.sql.SqlException e) {
            if (!e.sqlState().equals(dev.cutaway.sql.SqlState.SYNTAX_ERROR)) {
                throw e;
            }
        }
        reset(m);
        return null;
    }

    /** A primary expression (the operand of the operators). */
    abstract Expr primary();

    abstract dev.cutaway.sql.ast.TypeName typeName();

    /** A whole expression. */
    final Expr expr() {
        return expr(OR);
    }

    /** An expression whose operators all bind at least as tight as {@code minPrecedence}. */
    final Expr expr(int minPrecedence) {
        enter();
        try {
            Expr left = prefix();
            int chain = 0;
            int lastLevel = 0;
            while (true) {
                int level = infixLevel();
                if (level == 0 || level < minPrecedence) {
                    return left;
                }
                if (level == lastLevel && isNonAssociative(level)) {
                    throw syntaxError();
                }
                left = infix(left, level);
                lastLevel = level;
                checkDepth(++chain);
            }
        } finally {
            leave();
        }
    }

    private static boolean isNonAssociative(int level) {
        return level == IS || level == COMPARISON || level == PATTERN;
    }

    private Expr prefix() {
        Token t = peek();
        if (t.is("not")) {
            advance();
            return new Expr.Unary(Expr.UnaryOp.NOT, expr(NOT), t.position());
        }
        if (t.isOperator("-") || t.isOperator("+")) {
            advance();
            Expr.UnaryOp op = t.value().equals("-") ? Expr.UnaryOp.MINUS : Expr.UnaryOp.PLUS;
            return new Expr.Unary(op, expr(UNARY), t.position());
        }
        if (t.isOperator("~")) {
            advance();
            return new Expr.Unary(Expr.UnaryOp.BIT_NOT, expr(ADDITIVE), t.position());
        }
        return primary();
    }

    /** The precedence level of the next token as an infix or postfix operator, or 0. */
    private int infixLevel() {
        Token t = peek();
        if (t.kind() == TokenKind.LBRACKET) {
            return CAST;
        }
        if (t.kind() == TokenKind.OPERATOR) {
            return switch (t.value()) {
                case "::" -> CAST;
                case "^" -> POWER;
                case "*", "/", "%" -> MULTIPLICATIVE;
                case "+", "-" -> ADDITIVE;
                case "||", "&", "|", "#", "<<", ">>", "~", "!~", "~*", "!~*" -> OTHER_OPERATOR;
                case "=", "<>", "<", ">", "<=", ">=" -> COMPARISON;
                default -> 0;
            };
        }
        if (t.kind() != TokenKind.IDENT) {
            return 0;
        }
        return switch (t.value()) {
            case "collate" -> COLLATE;
            case "at" -> peek(1).is("time") && peek(2).is("zone") ? AT_TIME_ZONE : 0;
            case "operator" -> peek(1).kind() == TokenKind.LPAREN ? OTHER_OPERATOR : 0;
            case "or" -> OR;
            case "and" -> AND;
            case "is", "isnull", "notnull" -> IS;
            case "between", "in", "like", "ilike" -> PATTERN;
            case "not" -> isPatternKeyword(peek(1)) ? PATTERN : 0;
            default -> 0;
        };
    }

    private static boolean isPatternKeyword(Token t) {
        return t.is("between") || t.is("in") || t.is("like") || t.is("ilike");
    }

    private Expr infix(Expr left, int level) {
        Token t = peek();
        if (t.kind() == TokenKind.LBRACKET) {
            return subscript(left);
        }
        if (t.kind() == TokenKind.OPERATOR) {
            advance();
            if (level == CAST) {
                return new Expr.Cast(left, typeName(), Expr.CastSyntax.DOUBLE_COLON,
                        left.position());
            }
            BinaryOp op = binaryOp(t.value());
            if (op == null) {
                throw new dev.cutaway.check.InvariantViolation("operator level without operator "
                        + t.value());
            }
            if (op.isComparison() && (at("any") || at("all") || at("some"))
                    && peek(1).kind() == TokenKind.LPAREN) {
                return quantified(left, op);
            }
            return new Binary(op, left, expr(level + 1), left.position(), t.position());
        }
        return switch (t.value()) {
            case "or", "and" -> {
                advance();
                BinaryOp op = t.value().equals("or") ? BinaryOp.OR : BinaryOp.AND;
                yield new Binary(op, left, expr(level + 1), left.position(), t.position());
            }
            case "is" -> isTest(left);
            case "at" -> {
                advance();
                advance();
                advance();
                yield new Expr.AtTimeZone(left, expr(AT_TIME_ZONE + 1), left.position());
            }
            case "collate" -> {
                advance();
                yield new Expr.Collate(left, qualifiedName(), left.position());
            }
            case "operator" -> qualifiedOperator(left);
            case "isnull", "notnull" -> {
                advance();
                yield new Expr.IsNull(left, t.value().equals("notnull"), left.position());
            }
            default -> pattern(left);
        };
    }

    /** The binary operator spelled {@code symbol}, or null when there is none. */
    private static BinaryOp binaryOp(String symbol) {
        return switch (symbol) {
            case "+" -> BinaryOp.ADD;
            case "-" -> BinaryOp.SUBTRACT;
            case "*" -> BinaryOp.MULTIPLY;
            case "/" -> BinaryOp.DIVIDE;
            case "%" -> BinaryOp.MODULO;
            case "^" -> BinaryOp.POWER;
            case "||" -> BinaryOp.CONCAT;
            case "&" -> BinaryOp.BIT_AND;
            case "|" -> BinaryOp.BIT_OR;
            case "#" -> BinaryOp.BIT_XOR;
            case "<<" -> BinaryOp.SHIFT_LEFT;
            case ">>" -> BinaryOp.SHIFT_RIGHT;
            case "~" -> BinaryOp.REGEX_MATCH;
            case "!~" -> BinaryOp.REGEX_NOT_MATCH;
            case "~*" -> BinaryOp.REGEX_IMATCH;
            case "!~*" -> BinaryOp.REGEX_NOT_IMATCH;
            case "=" -> BinaryOp.EQ;
            case "<>" -> BinaryOp.NE;
            case "<" -> BinaryOp.LT;
            case ">" -> BinaryOp.GT;
            case "<=" -> BinaryOp.LE;
            case ">=" -> BinaryOp.GE;
            default -> null;
        };
    }

    private Expr quantified(Expr left, BinaryOp op) {
        Token word = advance();
        Expr.Quantifier quantifier = word.is("all") ? Expr.Quantifier.ALL : Expr.Quantifier.ANY;
        expect(TokenKind.LPAREN);
        Query q = queryToClosingParen();
        if (q != null) {
            return new Expr.Quantified(left, op, quantifier, q, left.position());
        }
        Expr array = expr();
        expect(TokenKind.RPAREN);
        return new Expr.QuantifiedArray(left, op, quantifier, array, left.position());
    }

    /**
     * {@code left OPERATOR(pg_catalog.op) right}: an operator named with its schema, as psql
     * writes them; only pg_catalog's operators exist, so the result is the plain operator.
     */
    private Expr qualifiedOperator(Expr left) {
        advance();
        expect(TokenKind.LPAREN);
        if (at("pg_catalog") && peek(1).kind() == TokenKind.DOT) {
            advance();
            advance();
        }
        Token op = expect(TokenKind.OPERATOR);
        if (op.value().equals("::")) {
            throw syntaxErrorAt(op);
        }
        expect(TokenKind.RPAREN);
        BinaryOp binary = binaryOp(op.value());
        if (binary == null) {
            throw syntaxErrorAt(op);
        }
        return new Binary(binary, left, expr(OTHER_OPERATOR + 1), left.position(),
                op.position());
    }

    /** {@code [i]} or {@code [i:j]} after an expression (either slice bound may be left out). */
    private Expr subscript(Expr base) {
        advance();
        Expr index = at(TokenKind.COLON) ? null : expr();
        if (!accept(TokenKind.COLON)) {
            if (index == null) {
                throw syntaxError();
            }
            expect(TokenKind.RBRACKET);
            return new Expr.Subscript(base, index, null, false, base.position());
        }
        Expr upper = at(TokenKind.RBRACKET) ? null : expr();
        expect(TokenKind.RBRACKET);
        return new Expr.Subscript(base, index, upper, true, base.position());
    }

    private Expr isTest(Expr left) {
        advance();
        boolean negated = accept("not");
        Token t = advance();
        if (t.is("null")) {
            return new Expr.IsNull(left, negated, left.position());
        }
        if (t.is("true") || t.is("false") || t.is("unknown")) {
            Expr.TruthValue value = Expr.TruthValue.valueOf(t.value().toUpperCase(
                    java.util.Locale.ROOT));
            return new Expr.IsTruth(left, value, negated, left.position());
        }
        if (t.is("distinct")) {
            expect("from");
            return new Expr.IsDistinctFrom(left, expr(IS + 1), negated, left.position());
        }
        throw syntaxErrorAt(t);
    }

    /** [NOT] BETWEEN, IN, LIKE, ILIKE. */
    private Expr pattern(Expr left) {
        boolean negated = accept("not");
        Token t = advance();
        int p = left.position();
        switch (t.value()) {
            case "between" -> {
                boolean symmetric = accept("symmetric");
                if (!symmetric) {
                    accept("asymmetric");
                }
                Expr low = expr(PATTERN + 1);
                expect("and");
                Expr high = expr(PATTERN + 1);
                return new Expr.Between(left, low, high, negated, symmetric, p);
            }
            case "in" -> {
                return in(left, negated);
            }
            default -> {
                Expr patternExpr = expr(PATTERN + 1);
                Expr escape = accept("escape") ? expr(PATTERN + 1) : null;
                return new Expr.Like(left, patternExpr, escape, t.is("ilike"), negated, p);
            }
        }
    }

    private Expr in(Expr left, boolean negated) {
        enter();
        try {
            return inBody(left, negated);
        } finally {
            leave();
        }
    }

    private Expr inBody(Expr left, boolean negated) {
        expect(TokenKind.LPAREN);
        Query q = queryToClosingParen();
        if (q != null) {
            return new Expr.InSubquery(left, q, negated, left.position());
        }
        List<Expr> items = exprList();
        expect(TokenKind.RPAREN);
        return new Expr.InList(left, items, negated, left.position());
    }

    /** One or more comma-separated expressions. */
    final List<Expr> exprList() {
        List<Expr> items = new ArrayList<>();
        do {
            items.add(expr());
        } while (accept(TokenKind.COMMA));
        return List.copyOf(items);
    }

    /** ORDER BY items (after the ORDER BY keywords). */
    final List<SortItem> sortList() {
        List<SortItem> items = new ArrayList<>();
        do {
            Expr e = expr();
            SortItem.Direction direction = SortItem.Direction.DEFAULT;
            if (accept("asc")) {
                direction = SortItem.Direction.ASC;
            } else if (accept("desc")) {
                direction = SortItem.Direction.DESC;
            }
            SortItem.Nulls nulls = SortItem.Nulls.DEFAULT;
            if (accept("nulls")) {
                if (accept("first")) {
                    nulls = SortItem.Nulls.FIRST;
                } else {
                    expect("last");
                    nulls = SortItem.Nulls.LAST;
                }
            }
            items.add(new SortItem(e, direction, nulls));
        } while (accept(TokenKind.COMMA));
        return List.copyOf(items);
    }

    /** A signed integer constant (sequence options, modifiers). */
    final long signedInteger() {
        boolean negative = acceptOperator("-");
        if (!negative) {
            acceptOperator("+");
        }
        Token t = expect(TokenKind.INTEGER);
        try {
            long v = Long.parseLong(t.value());
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw errorAt(t, dev.cutaway.sql.SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value \"" + t.value() + "\" is out of range for type bigint");
        }
    }

    static Literal literal(LiteralKind kind, Token t) {
        return new Literal(kind, t.value(), t.position());
    }
}
