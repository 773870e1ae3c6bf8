package dev.cutaway.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.SortItem;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.TypeName;
import dev.cutaway.sql.ast.WindowSpec;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the parser and printer: random expression trees print to text that parses back
 * to the same tree (modulo positions); random token soup and random characters never make the
 * parser fail with anything but a {@link SqlException}, and whatever soup does parse prints to
 * a fixed point.
 */
class ParserPropertiesTest {
    private static final List<String> NAMES = List.of("a", "b", "t", "value", "name", "key",
            "text", "date", "year", "Mixed", "select", "from", "left", "int", "a b", "q\"uote");
    private static final List<String> FUNCTIONS = List.of("f", "lower", "left", "coalesce",
            "nullif", "greatest", "least", "My Func", "count");
    private static final List<TypeName> TYPES = List.of(type("int4"), type("int8"),
            type("float8"), type("numeric", 10, 2), type("varchar", 5), type("bpchar", 1),
            type("bpchar"), type("text"), type("date"), type("timestamptz"), type("time"),
            type("timetz", 3), type("timestamp", 3), type("interval"), type("bool"),
            type("bit", 4), type("varbit"), type("serial"), type("_int4"), type("_varchar", 3));
    private static final List<String> FRAGMENTS = List.of("SELECT", "FROM", "WHERE", "(", ")",
            ",", ";", "a", "t.b", "1", "2.5", "'s'", "$1", "+", "-", "*", "/", "=", "<>", "<",
            "::", "int", "AND", "OR", "NOT", "IS", "NULL", "IN", "BETWEEN", "LIKE", "CASE", "WHEN",
            "THEN", "ELSE", "END", "CAST", "AS", "JOIN", "ON", "GROUP", "BY", "ORDER", "LIMIT",
            "UNION", "VALUES", "INSERT", "INTO", "UPDATE", "SET", "DELETE", "CREATE", "TABLE",
            "EXISTS", "ANY", "ALL", "DISTINCT", "OVER", "PARTITION", "count", "(*)", "WITH",
            "DEFAULT", "PRIMARY", "KEY", "REFERENCES", "\"Q\"", "E'\\n'", "$$x$$", "/*c*/", "--c\n",
            "||", "TRUE", "EXPLAIN", "BEGIN", "date", "'2024-01-01'", "interval", "FOR", "UPDATE");

    /** No syntax writes an array type with modifiers before a string ({@code _varchar(3) 'x'}). */
    private static boolean writableAsLiteral(TypeName t) {
        return !t.name().startsWith("_") || t.modifiers().isEmpty();
    }

    private static TypeName type(String name, Integer... modifiers) {
        return new TypeName(name, List.of(modifiers), 0);
    }

    @Property(tries = 400)
    void printedExpressionsParseBackToTheSameTree(@ForAll("expressions") Expr e) {
        Query q = Query.of(new QueryBody.Select(false, List.of(),
                List.of(new QueryBody.Target(e, null)), List.of(), null, List.of(), null, List.of(),
                0), 0);
        String printed = SqlPrinter.print(q);
        Statement parsed;
        try {
            parsed = Parser.parse(printed);
        } catch (SqlException x) {
            throw new AssertionError(x.getMessage() + " at " + x.position() + ": " + printed, x);
        }
        assertThat(SqlPrinter.print(parsed)).isEqualTo(printed);
        assertThat(Positions.strip(parsed)).as(printed).isEqualTo(Positions.strip(q));
    }

    @Property(tries = 1000)
    void tokenSoupFailsOnlyWithSqlException(@ForAll("soup") String sql) {
        checkParsesOrFailsCleanly(sql);
    }

    @Property(tries = 500)
    void randomCharactersFailOnlyWithSqlException(
            @ForAll("characters") String sql) {
        checkParsesOrFailsCleanly(sql);
    }

    private static void checkParsesOrFailsCleanly(String sql) {
        List<Statement> statements;
        try {
            statements = Parser.parseScript(sql);
        } catch (SqlException e) {
            assertThat(e.sqlState()).isIn("42601", "54001", "22003", "22023");
            assertThat(e.position()).isBetween(0, sql.length() + 1);
            return;
        }
        for (Statement s : statements) {
            String printed = SqlPrinter.print(s);
            Statement again = Parser.parse(printed);
            assertThat(SqlPrinter.print(again)).as(sql).isEqualTo(printed);
            assertThat(Positions.strip(again)).as(sql).isEqualTo(Positions.strip(s));
        }
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(25)
                .map(parts -> String.join(" ", parts));
    }

    @Provide
    Arbitrary<String> characters() {
        return Arbitraries.strings().withChars("SELECTFROMWHEREabc01 ()'\"$;:,.+-*/<>=!|e\\\n")
                .ofMaxLength(40);
    }

    @Provide
    Arbitrary<Expr> expressions() {
        return expr(4);
    }

    private Arbitrary<Expr> expr(int depth) {
        if (depth == 0) {
            return leaf();
        }
        Arbitrary<Expr> sub = Arbitraries.lazy(() -> expr(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf()),
                net.jqwik.api.Tuple.of(4, operators(sub)),
                net.jqwik.api.Tuple.of(3, predicates(sub)),
                net.jqwik.api.Tuple.of(3, forms(sub)),
                net.jqwik.api.Tuple.of(2, calls(sub)),
                net.jqwik.api.Tuple.of(2, postgresForms(sub)));
    }

    private Arbitrary<Expr> leaf() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, Integer.MAX_VALUE)
                        .map(i -> new Expr.Literal(Expr.LiteralKind.INTEGER, "" + i, 0)),
                Arbitraries.of("1.5", "0.25", ".5", "1e10", "2.5E-3")
                        .map(v -> new Expr.Literal(Expr.LiteralKind.NUMERIC, v, 0)),
                Arbitraries.strings().ofMaxLength(6).withChars("ab'\"\\\n; $é")
                        .map(v -> new Expr.Literal(Expr.LiteralKind.STRING, v, 0)),
                Arbitraries.of("true", "false")
                        .map(v -> new Expr.Literal(Expr.LiteralKind.BOOLEAN, v, 0)),
                Arbitraries.just(new Expr.Literal(Expr.LiteralKind.NULL, "null", 0)),
                Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(3)
                        .map(n -> new Expr.ColumnRef(n, 0)),
                Arbitraries.integers().between(1, 99).map(i -> new Expr.Parameter(i, 0)),
                Arbitraries.of(Expr.CurrentKind.class).map(k -> new Expr.CurrentValue(k, 0)));
    }

    private Arbitrary<Expr> operators(Arbitrary<Expr> sub) {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(Expr.BinaryOp.class), sub, sub)
                        .as((op, l, r) -> new Expr.Binary(op, l, r, 0, 0)),
                Combinators.combine(Arbitraries.of(Expr.UnaryOp.class), sub)
                        .as((op, x) -> new Expr.Unary(op, x, 0)),
                Combinators.combine(sub, Arbitraries.of(TYPES), Arbitraries.of(
                        Expr.CastSyntax.CAST, Expr.CastSyntax.DOUBLE_COLON))
                        .as((x, t, s) -> new Expr.Cast(x, t, s, 0)),
                Combinators.combine(Arbitraries.strings().ofMaxLength(5).alpha(),
                        Arbitraries.of(TYPES).filter(ParserPropertiesTest::writableAsLiteral))
                        .as((v, t) -> new Expr.Cast(new Expr.Literal(Expr.LiteralKind.STRING,
                                v, 0), t, Expr.CastSyntax.TYPED_LITERAL, 0)));
    }

    private Arbitrary<Expr> predicates(Arbitrary<Expr> sub) {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Arbitraries.oneOf(
                Combinators.combine(sub, flag).as((x, n) -> new Expr.IsNull(x, n, 0)),
                Combinators.combine(sub, Arbitraries.of(Expr.TruthValue.class), flag)
                        .as((x, v, n) -> new Expr.IsTruth(x, v, n, 0)),
                Combinators.combine(sub, sub, flag)
                        .as((l, r, n) -> new Expr.IsDistinctFrom(l, r, n, 0)),
                Combinators.combine(sub, sub, sub, flag, flag)
                        .as((x, lo, hi, n, s) -> new Expr.Between(x, lo, hi, n, s, 0)),
                Combinators.combine(sub, sub.list().ofMinSize(1).ofMaxSize(3), flag)
                        .as((x, items, n) -> new Expr.InList(x, items, n, 0))
                        .filter(in -> !isSubqueryInDisguise(in)),
                Combinators.combine(sub, sub, sub.injectNull(0.6), flag, flag)
                        .as((x, p, esc, ci, n) -> new Expr.Like(x, p, esc, ci, n, 0)),
                Combinators.combine(sub, flag)
                        .as((x, n) -> new Expr.InSubquery(x, subquery(), n, 0)),
                Combinators.combine(sub, Arbitraries.of(Expr.BinaryOp.EQ, Expr.BinaryOp.LT,
                        Expr.BinaryOp.NE), Arbitraries.of(Expr.Quantifier.class))
                        .as((x, op, qu) -> new Expr.Quantified(x, op, qu, subquery(), 0)),
                Arbitraries.just(new Expr.Exists(subquery(), 0)),
                Arbitraries.just(new Expr.ScalarSubquery(subquery(), 0)));
    }

    /** {@code x IN ((SELECT ...))} is an IN over the subquery, as in PostgreSQL's grammar. */
    private static boolean isSubqueryInDisguise(Expr.InList in) {
        return in.items().size() == 1 && in.items().get(0) instanceof Expr.ScalarSubquery;
    }

    private static Query subquery() {
        return (Query) Parser.parse("SELECT x FROM t WHERE y > 1 ORDER BY x LIMIT 1");
    }

    private Arbitrary<Expr> forms(Arbitrary<Expr> sub) {
        Arbitrary<Expr.When> when = Combinators.combine(sub, sub).as(Expr.When::new);
        return Arbitraries.oneOf(
                Combinators.combine(sub.injectNull(0.5), when.list().ofMinSize(1).ofMaxSize(3),
                        sub.injectNull(0.5)).as((o, w, e) -> new Expr.Case(o, w, e, 0)),
                Combinators.combine(Arbitraries.of("year", "month", "epoch", "dow"), sub)
                        .as((f, x) -> new Expr.Extract(f, x, 0)),
                Combinators.combine(sub, sub, sub.injectNull(0.5))
                        .as((s, a, b) -> new Expr.Substring(s, a, b, 0)),
                Combinators.combine(sub, sub).as((a, b) -> new Expr.Position(a, b, 0)),
                Combinators.combine(Arbitraries.of(Expr.TrimSide.class), sub.injectNull(0.5),
                        sub).as((s, c, x) -> new Expr.Trim(s, c, x, 0)),
                sub.list().ofMinSize(2).ofMaxSize(3).map(items -> new Expr.Row(items, false, 0)),
                sub.list().ofMaxSize(3).map(items -> new Expr.Row(items, true, 0)));
    }

    /** PostgreSQL's forms: arrays, subscripts, fields, AT TIME ZONE, COLLATE, op ANY (array). */
    private Arbitrary<Expr> postgresForms(Arbitrary<Expr> sub) {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Arbitraries.oneOf(
                sub.list().ofMaxSize(3).map(items -> new Expr.ArrayConstructor(items, 0)),
                Arbitraries.just(new Expr.ArraySubquery(subquery(), 0)),
                Combinators.combine(sub, sub, sub.injectNull(0.5), flag)
                        .as((b, i, u, slice) -> new Expr.Subscript(b, i, slice ? u : null,
                                slice, 0)),
                Combinators.combine(sub, Arbitraries.of(NAMES))
                        .as((b, f) -> new Expr.FieldSelection(b, f, 0)),
                Combinators.combine(sub, sub).as((v, z) -> new Expr.AtTimeZone(v, z, 0)),
                Combinators.combine(sub, Arbitraries.of(List.of("C"),
                        List.of("pg_catalog", "default"))).as((x, c) -> new Expr.Collate(x, c, 0)),
                Combinators.combine(sub, Arbitraries.of(Expr.BinaryOp.EQ, Expr.BinaryOp.GE),
                        Arbitraries.of(Expr.Quantifier.class), sub)
                        .as((x, op, q, a) -> new Expr.QuantifiedArray(x, op, q, a, 0))
                        .filter(q -> !(q.array() instanceof Expr.ScalarSubquery)));
    }

    private Arbitrary<Expr> calls(Arbitrary<Expr> sub) {
        Arbitrary<List<Expr>> args = sub.list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<SortItem>> order = Combinators.combine(sub,
                Arbitraries.of(SortItem.Direction.class), Arbitraries.of(SortItem.Nulls.class))
                .as(SortItem::new).list().ofMaxSize(2);
        Arbitrary<WindowSpec> window = Combinators.combine(sub.list().ofMaxSize(2), order,
                Arbitraries.of(frames())).as((p, o, f) -> new WindowSpec(null, p, o, f))
                .injectNull(0.6);
        Arbitrary<Expr> plain = Combinators.combine(Arbitraries.of(FUNCTIONS), args)
                .as((n, a) -> new Expr.FunctionCall(List.of(n), a, false, false, List.of(), null,
                        null, 0));
        Arbitrary<Expr> aggregate = Combinators.combine(Arbitraries.of("f", "count", "sum"),
                args, Arbitraries.of(true, false), order, sub.injectNull(0.5), window)
                .as((n, a, d, o, f, w) -> new Expr.FunctionCall(List.of("s", n), a, d, false, o,
                        f, w, 0));
        Arbitrary<Expr> star = window.map(w -> new Expr.FunctionCall(List.of("count"), List.of(),
                false, true, List.of(), null, w, 0));
        return Arbitraries.oneOf(plain, aggregate, star);
    }

    private static List<WindowSpec.Frame> frames() {
        WindowSpec.Bound current = new WindowSpec.Bound(WindowSpec.BoundKind.CURRENT_ROW, null);
        WindowSpec.Bound preceding = new WindowSpec.Bound(WindowSpec.BoundKind.PRECEDING,
                new Expr.Literal(Expr.LiteralKind.INTEGER, "2", 0));
        WindowSpec.Bound unbounded = new WindowSpec.Bound(
                WindowSpec.BoundKind.UNBOUNDED_FOLLOWING, null);
        return java.util.Arrays.asList(null,
                new WindowSpec.Frame(WindowSpec.FrameUnit.ROWS, preceding, current),
                new WindowSpec.Frame(WindowSpec.FrameUnit.RANGE, current, null),
                new WindowSpec.Frame(WindowSpec.FrameUnit.GROUPS, current, unbounded));
    }
}
