package dev.cutaway.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.TypeName;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The tree the parser builds (shapes and positions that golden files do not show), the depth
 * bound on hostile input, and the script entry points.
 */
class ParserTest {

    private static QueryBody.Select select(String sql) {
        return (QueryBody.Select) ((Query) Parser.parse(sql)).body();
    }

    private static SqlException error(String sql) {
        try {
            Parser.parseScript(sql);
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("parsed: " + sql);
    }

    @Test
    void expressionsCarryTheirStartAndOperatorPositions() {
        QueryBody.Select s = select("SELECT a,\n  bb + 1 FROM t");
        assertThat(s.targets().get(0).expr()).isEqualTo(new Expr.ColumnRef(List.of("a"), 8));
        var sum = (Expr.Binary) s.targets().get(1).expr();
        assertThat(sum.position()).isEqualTo(13);
        assertThat(sum.operatorPosition()).isEqualTo(16);
        assertThat(sum.left()).isEqualTo(new Expr.ColumnRef(List.of("bb"), 13));
        assertThat(sum.right()).isEqualTo(new Expr.Literal(Expr.LiteralKind.INTEGER, "1", 18));
        assertThat(((FromItem.TableRef) s.from().get(0)).position()).isEqualTo(25);
    }

    @Test
    void unquotedNamesFoldAndQuotedNamesKeepTheirCase() {
        QueryBody.Select s = select("SELECT Abc, \"Abc\", \"a\"\"b\", ÉtÉ FROM S.\"T\"");
        assertThat(s.targets()).extracting(t -> ((Expr.ColumnRef) t.expr()).names().get(0))
                .containsExactly("abc", "Abc", "a\"b", "ÉtÉ");
        assertThat(((FromItem.TableRef) s.from().get(0)).name()).containsExactly("s", "T");
    }

    @Test
    void typedLiteralsAreCastsOfStrings() {
        Expr e = select("SELECT timestamp with time zone '2024-01-01'").targets().get(0).expr();
        assertThat(e).isEqualTo(new Expr.Cast(
                new Expr.Literal(Expr.LiteralKind.STRING, "2024-01-01", 33),
                new TypeName("timestamptz", List.of(), 8), Expr.CastSyntax.TYPED_LITERAL, 8));
    }

    @Test
    void negativeNumbersAreUnaryMinusForTheBinderToFold() {
        Expr e = select("SELECT -9223372036854775808").targets().get(0).expr();
        assertThat(e).isEqualTo(new Expr.Unary(Expr.UnaryOp.MINUS,
                new Expr.Literal(Expr.LiteralKind.INTEGER, "9223372036854775808", 9), 8));
    }

    @Test
    void intersectBindsTighterThanUnionAndExcept() {
        var body = ((Query) Parser.parse("SELECT 1 EXCEPT SELECT 2 INTERSECT SELECT 3")).body();
        var except = (QueryBody.SetOperation) body;
        assertThat(except.op()).isEqualTo(QueryBody.SetOp.EXCEPT);
        assertThat(((QueryBody.SetOperation) except.right()).op())
                .isEqualTo(QueryBody.SetOp.INTERSECT);
    }

    @Test
    void syntaxErrorsPointAtTheOffendingToken() {
        SqlException e = error("SELECT a\nFROM t WHERE FROM");
        assertThat(e.sqlState()).isEqualTo("42601");
        assertThat(e.getMessage()).isEqualTo("syntax error at or near \"FROM\"");
        assertThat(e.position()).isEqualTo(23);
        SqlException end = error("SELECT (1");
        assertThat(end.getMessage()).isEqualTo("syntax error at end of input");
        assertThat(end.position()).isEqualTo(10);
    }

    @Test
    void deepNestingIsRefusedWithStackDepthLimitExceeded() {
        String parens = "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000);
        String subqueries = "SELECT " + "(SELECT ".repeat(3000) + "1" + ")".repeat(3000);
        String calls = "SELECT " + "f(".repeat(3000) + "1" + ")".repeat(3000);
        String cases = "SELECT " + "CASE WHEN ".repeat(3000) + "1" + " THEN 1 END".repeat(3000);
        String nots = "SELECT " + "NOT ".repeat(5000) + "TRUE";
        String chain = "SELECT 1" + " + 1".repeat(50_000);
        String unions = "SELECT 1" + " UNION SELECT 1".repeat(5000);
        String joins = "SELECT * FROM t" + " JOIN t ON TRUE".repeat(5000);
        for (String sql : List.of(parens, subqueries, calls, cases, nots, chain, unions,
                joins)) {
            SqlException e = onSmallStack(sql);
            assertThat(e.sqlState()).as(sql.substring(0, 30)).isEqualTo("54001");
            assertThat(e.getMessage()).isEqualTo("stack depth limit exceeded");
            assertThat(e.hint()).startsWith("Nesting is limited");
        }
    }

    @Test
    void nestingBelowTheBoundParsesOnADefaultThreadStack() {
        String parens = "SELECT " + "(".repeat(900) + "1" + ")".repeat(900);
        String subqueries = "SELECT " + "(SELECT ".repeat(240) + "1" + ")".repeat(240);
        String calls = "SELECT " + "f(".repeat(450) + "1" + ")".repeat(450);
        for (String sql : List.of(parens, subqueries, calls)) {
            assertThat(onSmallStack(sql)).isNull();
            assertThat(SqlPrinter.print(Parser.parse(sql))).startsWith("SELECT ");
        }
    }

    /** Parses on a thread with a 1 MiB stack (the JVM's default); the error, or null. */
    private static SqlException onSmallStack(String sql) {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                Parser.parse(sql);
            } catch (SqlException | StackOverflowError e) {
                outcome.set(e);
            }
        }, "small-stack", 1024 * 1024);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(outcome.get() instanceof StackOverflowError).as("stack overflow").isFalse();
        return (SqlException) outcome.get();
    }

    @Test
    void parseWantsExactlyOneStatement() {
        assertThat(Parser.parseScript("  ;; -- nothing")).isEmpty();
        assertThatThrownBy(() -> Parser.parse("  ;; -- nothing"))
                .hasMessage("syntax error at end of input");
        assertThatThrownBy(() -> Parser.parse("SELECT 1; SELECT 2"))
                .hasMessage("cannot insert multiple commands into a prepared statement");
        assertThat(Parser.parse("SELECT 1;;")).isInstanceOf(Query.class);
    }

    @Test
    void scriptsSplitOutsideStringsCommentsAndDollarQuotes() {
        String script = "SELECT ';'; /* ; */ INSERT INTO t VALUES ($$;$$);\n-- ;\n;COMMIT";
        assertThat(Parser.parseScript(script)).hasSize(3)
                .extracting(s -> s.getClass().getSimpleName())
                .containsExactly("Query", "Insert", "Commit");
        assertThat(Parser.splitScript(script)).containsExactly("SELECT ';'",
                "INSERT INTO t VALUES ($$;$$)", "COMMIT");
        assertThat(Parser.parseScript(script).get(2).position()).isEqualTo(script.length() - 5);
    }

    @Test
    void defaultIsAValueOnlyInValuesAndSet() {
        var insert = (Statement.Insert) Parser.parse("INSERT INTO t VALUES (DEFAULT, 1)");
        var values = (QueryBody.Values) insert.source().body();
        assertThat(values.rows().get(0).get(0)).isInstanceOf(Expr.DefaultValue.class);
        assertThat(error("SELECT DEFAULT").position()).isEqualTo(8);
    }

    @Test
    void nonReservedKeywordsAreNamesAndReservedOnesAreNot() {
        assertThat(Parser.parse("CREATE TABLE key (value text, name int, date date, year int)"))
                .isInstanceOf(Statement.CreateTable.class);
        assertThat(error("CREATE TABLE user (a int)").getMessage())
                .isEqualTo("syntax error at or near \"user\"");
        assertThat(Parser.parse("CREATE TABLE \"user\" (\"from\" int)"))
                .isInstanceOf(Statement.CreateTable.class);
    }
}
