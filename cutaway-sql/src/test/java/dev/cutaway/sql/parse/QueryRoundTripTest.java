package dev.cutaway.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.SortItem;
import dev.cutaway.sql.ast.Statement;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random query trees — set operations nested both ways, joins nested on either side,
 * subqueries, VALUES, WITH, ORDER BY, LIMIT, OFFSET, locking — print to text that parses back
 * to the same tree modulo positions. This is what keeps the printer's parenthesisation of set
 * operations and joins honest.
 */
class QueryRoundTripTest {
    private static final List<String> TABLES = List.of("t", "u", "Orders", "value");

    @Property(tries = 300)
    void printedQueriesParseBackToTheSameTree(@ForAll("queries") Query q) {
        String printed = SqlPrinter.print(q);
        Statement parsed;
        try {
            parsed = Parser.parse(printed);
        } catch (dev.cutaway.sql.SqlException e) {
            throw new AssertionError(e.getMessage() + " at " + e.position() + ": " + printed, e);
        }
        assertThat(SqlPrinter.print(parsed)).isEqualTo(printed);
        assertThat(Positions.strip(parsed)).as(printed).isEqualTo(Positions.strip(q));
    }

    @Provide
    Arbitrary<Query> queries() {
        return query(3);
    }

    private Arbitrary<Query> query(int depth) {
        Arbitrary<Query.With> with = depth == 0 ? Arbitraries.just(null)
                : Combinators.combine(Arbitraries.of(true, false), Arbitraries.lazy(
                        () -> query(depth - 1)))
                        .as((r, q) -> new Query.With(r, List.of(new Query.CommonTableExpr("c",
                                List.of("x"), q, 0)))).injectNull(0.8);
        Arbitrary<List<SortItem>> order = Combinators.combine(column(),
                Arbitraries.of(SortItem.Direction.class), Arbitraries.of(SortItem.Nulls.class))
                .as(SortItem::new).list().ofMaxSize(2);
        Arbitrary<Expr> count = Arbitraries.integers().between(0, 9)
                .map(i -> (Expr) new Expr.Literal(Expr.LiteralKind.INTEGER, "" + i, 0))
                .injectNull(0.6);
        Arbitrary<List<Query.Locking>> locking = Combinators.combine(
                Arbitraries.of(Query.LockStrength.class), Arbitraries.of(Query.LockWait.class))
                .as((s, w) -> new Query.Locking(s, List.of(), w)).list().ofMaxSize(1);
        return Combinators.combine(with, body(depth), order, count, count, locking)
                .as((w, b, o, l, off, lk) -> new Query(w, b, o, l, off, lk, 0))
                .filter(QueryRoundTripTest::notABareNestedQuery);
    }

    /** The parser reads a parenthesised query that adds nothing as the inner query itself. */
    private static boolean notABareNestedQuery(Query q) {
        return !(q.body() instanceof QueryBody.Nested) || q.with() != null
                || !q.orderBy().isEmpty() || q.limit() != null || q.offset() != null
                || !q.locking().isEmpty();
    }

    private Arbitrary<QueryBody> body(int depth) {
        if (depth == 0) {
            return select(0);
        }
        Arbitrary<QueryBody> sub = Arbitraries.lazy(() -> body(depth - 1));
        Arbitrary<QueryBody> setOperation = Combinators.combine(
                Arbitraries.of(QueryBody.SetOp.class), Arbitraries.of(true, false), sub, sub)
                .as((op, all, l, r) -> new QueryBody.SetOperation(op, all, l, r, 0));
        Arbitrary<QueryBody> nested = Arbitraries.lazy(() -> query(depth - 1))
                .filter(q -> q.limit() != null)
                .map(q -> new QueryBody.Nested(q, 0));
        Arbitrary<QueryBody> values = column().list().ofMinSize(2).ofMaxSize(2).list()
                .ofMinSize(1).ofMaxSize(2).map(rows -> new QueryBody.Values(rows, 0));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, select(depth)),
                net.jqwik.api.Tuple.of(3, setOperation), net.jqwik.api.Tuple.of(1, nested),
                net.jqwik.api.Tuple.of(1, values));
    }

    private Arbitrary<QueryBody> select(int depth) {
        Arbitrary<QueryBody.Target> target = Combinators.combine(column(),
                Arbitraries.of("a", "Alias", "select").injectNull(0.5))
                .as(QueryBody.Target::new);
        Arbitrary<Expr> condition = Combinators.combine(column(), column())
                .as((l, r) -> (Expr) new Expr.Binary(Expr.BinaryOp.LT, l, r, 0, 0))
                .injectNull(0.5);
        return Combinators.combine(Arbitraries.of(true, false), target.list().ofMinSize(1)
                .ofMaxSize(3), fromItem(depth).list().ofMaxSize(2), condition,
                column().list().ofMaxSize(2), condition)
                .as((d, t, f, w, g, h) -> new QueryBody.Select(d, List.of(), t, f, w, g, h,
                        List.of(), 0));
    }

    private Arbitrary<FromItem> fromItem(int depth) {
        Arbitrary<FromItem.Alias> alias = Combinators.combine(Arbitraries.of("x", "Y", "key"),
                Arbitraries.of(List.<String>of(), List.of("p", "q")))
                .as(FromItem.Alias::new);
        Arbitrary<FromItem> table = Combinators.combine(Arbitraries.of(TABLES),
                alias.injectNull(0.5)).as((n, a) -> new FromItem.TableRef(List.of(n), a, 0));
        if (depth == 0) {
            return table;
        }
        Arbitrary<FromItem> sub = Arbitraries.lazy(() -> fromItem(depth - 1));
        Arbitrary<FromItem> subquery = Combinators.combine(Arbitraries.lazy(
                () -> query(depth - 1)), alias.injectNull(0.3), Arbitraries.of(true, false))
                .as((q, a, l) -> new FromItem.SubqueryRef(q, a, l, 0));
        Arbitrary<FromItem> function = alias.map(a -> new FromItem.FunctionRef(
                new Expr.FunctionCall(List.of("generate_series"), List.of(lit("1"), lit("3")),
                        false, false, List.of(), null, null, 0), a != null, a, false, 0));
        Arbitrary<FromItem> join = Combinators.combine(Arbitraries.of(FromItem.JoinType.class),
                Arbitraries.integers().between(0, 2), sub, sub, column())
                .as(QueryRoundTripTest::join);
        return Arbitraries.oneOf(table, subquery, function, join);
    }

    private static FromItem join(FromItem.JoinType type, int qualifier, FromItem l, FromItem r,
            Expr on) {
        if (type == FromItem.JoinType.CROSS) {
            return new FromItem.Join(type, false, l, r, null, List.of(), 0);
        }
        return switch (qualifier) {
            case 0 -> new FromItem.Join(type, true, l, r, null, List.of(), 0);
            case 1 -> new FromItem.Join(type, false, l, r, null, List.of("k", "Key"), 0);
            default -> new FromItem.Join(type, false, l, r, on, List.of(), 0);
        };
    }

    private static Expr lit(String value) {
        return new Expr.Literal(Expr.LiteralKind.INTEGER, value, 0);
    }

    private Arbitrary<Expr> column() {
        return Arbitraries.oneOf(
                Arbitraries.of("a", "b", "x", "Mixed", "order")
                        .map(n -> (Expr) new Expr.ColumnRef(List.of(n), 0)),
                Arbitraries.integers().between(0, 99).map(i -> lit("" + i)));
    }
}
