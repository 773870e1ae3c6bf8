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

    private final EvalContext ctx;
    private final List<String> tokens;
    private int pos;

    private MiniSql(EvalContext ctx, String text) {
        this.ctx = ctx;
        this.tokens = tokenize(text);
    }

    static Typed evaluate(EvalContext ctx, String text) {
        MiniSql m = new MiniSql(ctx, text);
        Typed result = m.or();
        if (m.pos != m.tokens.size()) {
            throw new IllegalArgumentException("trailing input at " + m.peek() + ": " + text);
        }
        return result;
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

    private Typed binary(String op, Typed l, Typed r) {
        BoundOperator o = Operators.resolveBinary(op, l.type(), r.type());
        return new Typed(o.apply(ctx, l.value(), r.value()), o.resultType());
    }

    private Typed or() {
        Typed l = and();
        while (accept("or")) {
            l = binary("OR", l, and());
        }
        return l;
    }

    private Typed and() {
        Typed l = not();
        while (accept("and")) {
            l = binary("AND", l, not());
        }
        return l;
    }

    private Typed not() {
        if (accept("not")) {
            Typed v = not();
            BoundOperator o = Operators.resolveUnary("NOT", v.type());
            return new Typed(o.apply(ctx, v.value()), o.resultType());
        }
        return is();
    }

    private Typed is() {
        Typed l = comparison();
        while (accept("is")) {
            boolean negated = accept("not");
            if (accept("null")) {
                l = new Typed((l.value() == null) != negated, SqlType.BOOLEAN);
            } else {
                expect("distinct");
                expect("from");
                l = binary(negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", l,
                        comparison());
            }
        }
        return l;
    }

    private Typed comparison() {
        Typed l = like();
        String op = peek();
        if (List.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(op)) {
            pos++;
            return binary(op, l, like());
        }
        return l;
    }

    private Typed like() {
        Typed l = other();
        boolean negated = false;
        if (peek().equals("not") && List.of("like", "ilike", "between")
                .contains(tokens.get(pos + 1))) {
            pos++;
            negated = true;
        }
        if (accept("between")) {
            Typed low = other();
            expect("and");
            Typed high = other();
            Typed result = binary("AND", binary(">=", l, low), binary("<=", l, high));
            return negated ? new Typed(Logic.not((Boolean) result.value()), SqlType.BOOLEAN)
                    : result;
        }
        boolean insensitive = peek().equals("ilike");
        if (accept("like") || accept("ilike")) {
            Typed pattern = other();
            if (accept("escape")) {
                Typed escape = other();
                Object text = l.value();
                if (text == null || pattern.value() == null || escape.value() == null) {
                    return new Typed(null, SqlType.BOOLEAN);
                }
                boolean m = LikeMatcher.compile((String) pattern.value(),
                        (String) escape.value(), insensitive).matches((String) text);
                return new Typed(m != negated, SqlType.BOOLEAN);
            }
            String op = (negated ? "NOT " : "") + (insensitive ? "ILIKE" : "LIKE");
            return binary(op, l, pattern);
        }
        return l;
    }

    private Typed other() {
        Typed l = additive();
        while (List.of("||", "~~", "!~~", "~~*", "!~~*").contains(peek())) {
            String op = tokens.get(pos++);
            l = binary(op, l, additive());
        }
        return l;
    }

    private Typed additive() {
        Typed l = multiplicative();
        while (peek().equals("+") || peek().equals("-")) {
            String op = tokens.get(pos++);
            l = binary(op, l, multiplicative());
        }
        return l;
    }

    private Typed multiplicative() {
        Typed l = power();
        while (peek().equals("*") || peek().equals("/") || peek().equals("%")) {
            String op = tokens.get(pos++);
            l = binary(op, l, power());
        }
        return l;
    }

    private Typed power() {
        Typed l = unary();
        while (accept("^")) {
            l = binary("^", l, unary());
        }
        return l;
    }

    private Typed unary() {
        if (peek().equals("-") && pos + 1 < tokens.size()
                && Character.isDigit(tokens.get(pos + 1).charAt(0))) {
            // PostgreSQL's grammar folds "-" into a numeric literal: -2147483648 is int4
            pos++;
            Typed v = number("-" + tokens.get(pos++));
            while (accept("::")) {
                v = cast(v, typeName());
            }
            return v;
        }
        if (peek().equals("-") || peek().equals("+")) {
            String op = tokens.get(pos++);
            Typed v = unary();
            BoundOperator o = Operators.resolveUnary(op, v.type());
            return new Typed(o.apply(ctx, v.value()), o.resultType());
        }
        Typed v = primary();
        while (accept("::")) {
            v = cast(v, typeName());
        }
        return v;
    }

    private Typed cast(Typed v, SqlType target) {
        return new Typed(Casts.cast(v.value(), v.type(), target, CastContext.EXPLICIT,
                ctx.zone()), target);
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

    private Typed primary() {
        String t = tokens.get(pos++);
        if (t.startsWith("'")) {
            return new Typed(t.substring(1), SqlType.UNKNOWN);
        }
        if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.') {
            return number(t);
        }
        switch (t) {
            case "(" -> {
                Typed v = or();
                expect(")");
                return v;
            }
            case "null" -> {
                return new Typed(null, SqlType.UNKNOWN);
            }
            case "true", "false" -> {
                return new Typed(t.equals("true"), SqlType.BOOLEAN);
            }
            case "cast" -> {
                expect("(");
                Typed v = or();
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

    private Typed namedPrimary(String t) {
        if (peek().startsWith("'") || (t.equals("double") && peek().equals("precision"))) {
            pos--;
            SqlType type = typeName();
            String literal = tokens.get(pos++).substring(1);
            return cast(new Typed(literal, SqlType.UNKNOWN), type);
        }
        expect("(");
        List<Typed> args = new ArrayList<>();
        if (t.equals("position")) {
            Typed sub = other();
            expect("in");
            Typed string = other();
            expect(")");
            return call("position", List.of(string, sub));
        }
        if (t.equals("extract")) {
            args.add(new Typed(tokens.get(pos++), SqlType.TEXT));
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
                BoundOperator eq = Operators.resolveBinary("=", args.get(0).type(),
                        args.get(1).type());
                yield new Typed(Conditionals.nullif(ctx, args.get(0).value(),
                        args.get(1).value(), eq), eq.leftType());
            }
            default -> call(t, args);
        };
    }

    private Typed merge(String name, List<Typed> args) {
        List<SqlType> types = new ArrayList<>();
        args.forEach(a -> types.add(a.type()));
        SqlType common = Conditionals.commonType(types, name.toUpperCase(Locale.ROOT));
        List<Object> values = new ArrayList<>();
        for (Typed a : args) {
            values.add(Casts.cast(a.value(), a.type(), common, CastContext.IMPLICIT,
                    ctx.zone()));
        }
        Object v = switch (name) {
            case "coalesce" -> Conditionals.coalesce(values);
            case "greatest" -> Conditionals.greatest(values, common.id());
            default -> Conditionals.least(values, common.id());
        };
        return new Typed(v, common);
    }

    private Typed call(String name, List<Typed> args) {
        List<SqlType> types = new ArrayList<>();
        args.forEach(a -> types.add(a.type()));
        BoundFunction f = Functions.resolve(name, types);
        Object[] values = args.stream().map(Typed::value).toArray();
        return new Typed(f.apply(ctx, values), f.resultType());
    }

    private static Typed number(String t) {
        if (t.contains(".") || t.contains("e")) {
            return new Typed(NumberText.parseNumeric(t), SqlType.NUMERIC);
        }
        try {
            return new Typed(Integer.parseInt(t), SqlType.INTEGER);
        } catch (NumberFormatException e) {
            try {
                return new Typed(Long.parseLong(t), SqlType.BIGINT);
            } catch (NumberFormatException e2) {
                return new Typed(NumberText.parseNumeric(t), SqlType.NUMERIC);
            }
        }
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
