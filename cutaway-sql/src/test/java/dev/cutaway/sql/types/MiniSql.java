package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tiny SQL expression evaluator for the golden tests of the types package, so that golden
 * files read like SQL and the same lines can be run through psql to check them against
 * PostgreSQL. It knows literals (numbers typed as PostgreSQL's lexer types them, untyped
 * strings, NULL, TRUE, FALSE), {@code ::type} and {@code CAST(x AS type)}, typed literals
 * ({@code date '2024-01-01'}), operators with PostgreSQL's precedence, LIKE/ILIKE with ESCAPE,
 * BETWEEN, IS [NOT] NULL, IS [NOT] DISTINCT FROM, function calls, EXTRACT, COALESCE, NULLIF,
 * GREATEST and LEAST. It is not the real parser (that lives in {@code sql.parse}).
 */
final class MiniSql {
    /** A value and its SQL type. */
    record Typed(Object value, SqlType type) {}

    /** How to compute a value once every type is resolved. */
    @FunctionalInterface
    interface Eval {
        Object apply(EvalContext ctx);
    }

    /**
     * A bound expression: its type is known before anything is evaluated (as after the
     * binder), so type errors come before runtime errors, as in PostgreSQL. {@code number} is
     * the text of a numeric literal (for PostgreSQL's folding of a minus sign into it),
     * {@code literal} the text of an untyped string literal.
     */
    record Node(SqlType type, Eval eval, String number, String literal) {
        Node(SqlType type, Eval eval) {
            this(type, eval, null, null);
        }
    }

    private final EvalContext ctx;
    private final List<String> tokens;
    private int pos;

    private MiniSql(EvalContext ctx, String text) {
        this.ctx = ctx;
        this.tokens = tokenize(text);
    }

    static Typed evaluate(EvalContext ctx, String text) {
        MiniSql m = new MiniSql(ctx, text);
        Node result = m.or();
        if (m.pos != m.tokens.size()) {
            throw new IllegalArgumentException("trailing input at " + m.peek() + ": " + text);
        }
        return new Typed(result.eval().apply(ctx), result.type());
    }

    /**
     * PostgreSQL coerces an untyped literal while analysing the statement, so a bad literal
     * fails before anything runs: do the same by converting it now.
     */
    private void coerceLiteralNow(Node node, SqlType target) {
        if (node.literal() != null && target != null && target.id() != TypeId.UNKNOWN) {
            Casts.cast(node.literal(), SqlType.UNKNOWN, target, CastContext.IMPLICIT,
                    ctx.zone());
        }
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder b = new StringBuilder("'");
                i++;
                while (true) {
                    if (s.charAt(i) == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                        b.append('\'');
                        i += 2;
                    } else if (s.charAt(i) == '\'') {
                        i++;
                        break;
                    } else {
                        b.append(s.charAt(i++));
                    }
                }
                out.add(b.toString());
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(s.charAt(i + 1)))) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.'
                        || s.charAt(i) == 'e' || ((s.charAt(i) == '-' || s.charAt(i) == '+')
                        && s.charAt(i - 1) == 'e'))) {
                    i++;
                }
                out.add(s.substring(start, i));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i))
                        || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(s.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                int start = i;
                String ops = "+-*/<>=~!@#%^&|`?";
                if (ops.indexOf(c) >= 0) {
                    while (i < s.length() && ops.indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                } else if (c == ':' && s.charAt(i + 1) == ':') {
                    i += 2;
                } else {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private boolean accept(String token) {
        if (peek().equals(token)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String token) {
        if (!accept(token)) {
            throw new IllegalArgumentException("expected " + token + " at " + peek());
        }
    }

    private Node binary(String op, Node l, Node r) {
        BoundOperator o = Operators.resolveBinary(op, l.type(), r.type());
        coerceLiteralNow(l, o.leftType());
        coerceLiteralNow(r, o.rightType());
        return new Node(o.resultType(), c -> o.apply(c, l.eval().apply(c), r.eval().apply(c)));
    }

    /** AND / OR that skip the right side once the left decides, as PostgreSQL's executor. */
    private Node shortCircuit(String op, Node l, Node r) {
        Node plain = binary(op, l, r);
        BoundOperator o = Operators.resolveBinary(op, l.type(), r.type());
        boolean decisive = op.equals("OR");
        return new Node(plain.type(), c -> {
            Object left = l.eval().apply(c);
            if (Boolean.valueOf(decisive).equals(o.coerceLeft(c, left))) {
                return decisive;
            }
            return o.apply(c, left, r.eval().apply(c));
        });
    }

    private Node unaryOperator(String op, Node v) {
        BoundOperator o = Operators.resolveUnary(op, v.type());
        coerceLiteralNow(v, o.rightType());
        return new Node(o.resultType(), c -> o.apply(c, v.eval().apply(c)));
    }

    private static Node constant(Object value, SqlType type) {
        return new Node(type, c -> value);
    }

    private Node or() {
        Node l = and();
        while (accept("or")) {
            l = shortCircuit("OR", l, and());
        }
        return l;
    }

    private Node and() {
        Node l = not();
        while (accept("and")) {
            l = shortCircuit("AND", l, not());
        }
        return l;
    }

    private Node not() {
        if (accept("not")) {
            return unaryOperator("NOT", not());
        }
        return is();
    }

    private Node is() {
        Node l = comparison();
        while (accept("is")) {
            boolean negated = accept("not");
            if (accept("null")) {
                Node operand = l;
                l = new Node(SqlType.BOOLEAN, c -> (operand.eval().apply(c) == null) != negated);
            } else {
                expect("distinct");
                expect("from");
                l = binary(negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", l,
                        comparison());
            }
        }
        return l;
    }

    private Node comparison() {
        Node l = like();
        String op = peek();
        if (List.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(op)) {
            pos++;
            return binary(op, l, like());
        }
        return l;
    }

    private Node like() {
        Node l = other();
        boolean negated = false;
        if (peek().equals("not") && List.of("like", "ilike", "between")
                .contains(tokens.get(pos + 1))) {
            pos++;
            negated = true;
        }
        if (accept("between")) {
            Node low = other();
            expect("and");
            Node high = other();
            Node result = binary("AND", binary(">=", l, low), binary("<=", l, high));
            return negated ? unaryOperator("NOT", result) : result;
        }
        boolean insensitive = peek().equals("ilike");
        if (accept("like") || accept("ilike")) {
            Node pattern = other();
            String op = (negated ? "NOT " : "") + (insensitive ? "ILIKE" : "LIKE");
            Node plain = binary(op, l, pattern);
            if (!accept("escape")) {
                return plain;
            }
            Node escape = other();
            boolean not = negated;
            return new Node(SqlType.BOOLEAN, c -> {
                Object text = l.eval().apply(c);
                Object p = pattern.eval().apply(c);
                Object e = escape.eval().apply(c);
                if (text == null || p == null || e == null) {
                    return null;
                }
                return LikeMatcher.compile((String) p, (String) e, insensitive)
                        .matches((String) text) != not;
            });
        }
        return l;
    }

    private Node other() {
        Node l = additive();
        while (List.of("||", "~~", "!~~", "~~*", "!~~*", "&", "|", "#", "<<", ">>")
                .contains(peek())) {
            String op = tokens.get(pos++);
            l = binary(op, l, additive());
        }
        return l;
    }

    private Node additive() {
        Node l = multiplicative();
        while (peek().equals("+") || peek().equals("-")) {
            String op = tokens.get(pos++);
            l = binary(op, l, multiplicative());
        }
        return l;
    }

    private Node multiplicative() {
        Node l = power();
        while (peek().equals("*") || peek().equals("/") || peek().equals("%")) {
            String op = tokens.get(pos++);
            l = binary(op, l, power());
        }
        return l;
    }

    private Node power() {
        Node l = unary();
        while (accept("^")) {
            l = binary("^", l, unary());
        }
        return l;
    }

    private Node unary() {
        if (peek().equals("-") || peek().equals("+") || peek().equals("~")) {
            String op = tokens.get(pos++);
            Node v = unary();
            if (op.equals("-") && v.number() != null) {
                // PostgreSQL's grammar folds "-" into a numeric constant (doNegate)
                return number(Literals.negate(v.number()));
            }
            return unaryOperator(op, v);
        }
        Node v = primary();
        while (accept("::")) {
            v = cast(v, typeName());
        }
        return v;
    }

    private Node cast(Node v, SqlType target) {
        Casts.CastFunction f = Casts.resolve(v.type(), target, CastContext.EXPLICIT);
        if (v.literal() != null) {
            // an untyped literal is converted during analysis, so its errors come first;
            // casts of typed constants wait for evaluation (PostgreSQL folds them later)
            Object value = f.apply(v.eval().apply(ctx), ctx.zone());
            return constant(value, target);
        }
        return new Node(target, c -> f.apply(v.eval().apply(c), c.zone()));
    }

    private SqlType typeName() {
        StringBuilder name = new StringBuilder(tokens.get(pos++));
        List<String> words = List.of("precision", "varying", "with", "without", "time", "zone");
        while (words.contains(peek()) && !(name.toString().equals("time")
                && peek().equals("time"))) {
            name.append(' ').append(tokens.get(pos++));
        }
        List<Integer> modifiers = new ArrayList<>();
        if (accept("(")) {
            do {
                modifiers.add(Integer.parseInt(tokens.get(pos++)));
            } while (accept(","));
            expect(")");
            while (words.contains(peek())) {
                name.append(' ').append(tokens.get(pos++));
            }
        }
        return TypeNames.resolve(name.toString(), modifiers);
    }

    private Node primary() {
        String t = tokens.get(pos++);
        if (t.startsWith("'")) {
            String text = t.substring(1);
            return new Node(SqlType.UNKNOWN, c -> text, null, text);
        }
        if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.') {
            return number(t);
        }
        switch (t) {
            case "(" -> {
                Node v = or();
                expect(")");
                return new Node(v.type(), v.eval(), null, v.literal());
            }
            case "null" -> {
                return constant(null, SqlType.UNKNOWN);
            }
            case "true", "false" -> {
                return constant(t.equals("true"), SqlType.BOOLEAN);
            }
            case "cast" -> {
                expect("(");
                Node v = or();
                expect("as");
                SqlType target = typeName();
                expect(")");
                return cast(v, target);
            }
            default -> {
                return namedPrimary(t);
            }
        }
    }

    private Node namedPrimary(String t) {
        if (peek().startsWith("'") || (t.equals("double") && peek().equals("precision"))) {
            pos--;
            SqlType type = typeName();
            String literal = tokens.get(pos++).substring(1);
            return cast(new Node(SqlType.UNKNOWN, c -> literal, null, literal), type);
        }
        expect("(");
        List<Node> args = new ArrayList<>();
        if (t.equals("position")) {
            Node sub = other();
            expect("in");
            Node string = other();
            expect(")");
            return call("pg_catalog.position", List.of(string, sub));
        }
        if (t.equals("extract")) {
            String field = tokens.get(pos++);
            args.add(new Node(SqlType.UNKNOWN, c -> field, null, field));
            expect("from");
            args.add(or());
            expect(")");
        } else if (!accept(")")) {
            do {
                args.add(or());
            } while (accept(","));
            expect(")");
        }
        return switch (t) {
            case "coalesce", "greatest", "least" -> merge(t, args);
            case "nullif" -> {
                Node a = args.get(0);
                Node b = args.get(1);
                BoundOperator eq = Operators.resolveBinary("=", a.type(), b.type());
                coerceLiteralNow(a, eq.leftType());
                coerceLiteralNow(b, eq.rightType());
                yield new Node(eq.leftType(), c -> Conditionals.nullif(c, a.eval().apply(c),
                        b.eval().apply(c), eq));
            }
            case "extract" -> call("pg_catalog.extract", args);
            default -> call(t, args);
        };
    }

    private Node merge(String name, List<Node> args) {
        List<SqlType> types = new ArrayList<>();
        args.forEach(a -> types.add(a.type()));
        SqlType common = Conditionals.commonType(types, name.toUpperCase(Locale.ROOT));
        List<Casts.CastFunction> casts = new ArrayList<>();
        for (Node a : args) {
            coerceLiteralNow(a, common);
            casts.add(Casts.resolve(a.type(), common, CastContext.IMPLICIT));
        }
        return new Node(common, c -> {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                values.add(casts.get(i).apply(args.get(i).eval().apply(c), c.zone()));
                if (name.equals("coalesce") && values.get(i) != null) {
                    break; // COALESCE evaluates lazily, left to right
                }
            }
            return switch (name) {
                case "coalesce" -> Conditionals.coalesce(values);
                case "greatest" -> Conditionals.greatest(values, common.id());
                default -> Conditionals.least(values, common.id());
            };
        });
    }

    private Node call(String name, List<Node> args) {
        List<SqlType> types = new ArrayList<>();
        args.forEach(a -> types.add(a.type()));
        BoundFunction f = Functions.resolve(name, types);
        for (int i = 0; i < args.size(); i++) {
            coerceLiteralNow(args.get(i), f.parameterTypes().get(i));
        }
        return new Node(f.resultType(), c -> f.apply(c,
                args.stream().map(a -> a.eval().apply(c)).toArray()));
    }

    private static Node number(String t) {
        Literals.TypedValue literal = Literals.number(t);
        Object v = literal.value();
        return new Node(literal.type(), c -> v, t, null);
    }

    /** The golden-file rendering: {@code value | type} or {@code ERROR sqlstate: message}. */
    static String render(EvalContext ctx, String query) {
        try {
            Typed t = evaluate(ctx, query);
            String text = ValueText.format(t.value(), t.type(), ctx.zone());
            return (text == null ? "NULL" : text) + " | " + t.type().id().displayName();
        } catch (SqlException e) {
            return "ERROR " + e.sqlState() + ": " + e.getMessage();
        }
    }
}
