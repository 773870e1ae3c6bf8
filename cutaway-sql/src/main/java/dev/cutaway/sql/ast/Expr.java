package dev.cutaway.sql.ast;

import java.util.List;

/**
 * A scalar expression of the AST. Every node carries {@code position}: the 1-based character
 * offset in the statement text where the expression starts (for an operator, where its left
 * operand starts; {@link Binary#operatorPosition()} points at the operator itself, which is where
 * PostgreSQL points "operator does not exist"). Later errors ("column does not exist") point there.
 *
 * <p>Names are stored as the lexer produced them: unquoted folded to lower case, quoted as
 * written. Optional parts are {@code null} when absent; lists are never null (empty instead).
 * Equality is record equality and includes positions; compare printed forms
 * ({@code SqlPrinter}) to compare two trees modulo positions.
 */
public sealed interface Expr {

    /** 1-based start of this expression in the statement text. */
    int position();

    /** Kinds of constant; {@code value} holds the text (string unescaped, number as written). */
    enum LiteralKind { INTEGER, NUMERIC, STRING, BOOLEAN, NULL }

    /** A constant: 42, 4.2, 'text', TRUE, NULL ({@code value} "true"/"false"/"null" for those). */
    record Literal(LiteralKind kind, String value, int position) implements Expr {}

    /** A column reference a, t.a or s.t.a (names in order, at least one). */
    record ColumnRef(List<String> names, int position) implements Expr {}

    /** {@code *} or {@code t.*} in a target list or a row constructor; qualifier may be empty. */
    record Star(List<String> qualifier, int position) implements Expr {}

    /** A parameter {@code $n}, 1-based. */
    record Parameter(int index, int position) implements Expr {}

    /** The DEFAULT keyword where a value may be defaulted (INSERT VALUES, UPDATE SET). */
    record DefaultValue(int position) implements Expr {}

    /** Prefix operators; BIT_NOT is PostgreSQL's {@code ~}. */
    enum UnaryOp { PLUS, MINUS, NOT, BIT_NOT }

    record Unary(UnaryOp op, Expr operand, int position) implements Expr {}

    /**
     * Binary operators, with PostgreSQL's spelling. The bitwise ones (&amp; | # &lt;&lt; &gt;&gt;)
     * and the regular-expression matches (~ !~ ~* !~*) parse at the level of "other operators",
     * like ||.
     */
    enum BinaryOp {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%"), POWER("^"),
        CONCAT("||"), EQ("="), NE("<>"), LT("<"), GT(">"), LE("<="), GE(">="), AND("AND"),
        OR("OR"), BIT_AND("&"), BIT_OR("|"), BIT_XOR("#"), SHIFT_LEFT("<<"),
        SHIFT_RIGHT(">>"), REGEX_MATCH("~"), REGEX_NOT_MATCH("!~"), REGEX_IMATCH("~*"),
        REGEX_NOT_IMATCH("!~*");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** Whether this is one of the six comparisons. */
        public boolean isComparison() {
            return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right, int position, int operatorPosition)
            implements Expr {}

    /** {@code x IS [NOT] NULL} (also ISNULL, NOTNULL). */
    record IsNull(Expr operand, boolean negated, int position) implements Expr {}

    enum TruthValue { TRUE, FALSE, UNKNOWN }

    /** {@code x IS [NOT] TRUE | FALSE | UNKNOWN}. */
    record IsTruth(Expr operand, TruthValue value, boolean negated, int position)
            implements Expr {}

    /** {@code x IS [NOT] DISTINCT FROM y}. */
    record IsDistinctFrom(Expr left, Expr right, boolean negated, int position)
            implements Expr {}

    /** {@code x [NOT] BETWEEN [SYMMETRIC] low AND high}. */
    record Between(Expr operand, Expr low, Expr high, boolean negated, boolean symmetric,
            int position) implements Expr {}

    /** {@code x [NOT] IN (a, b, ...)}. */
    record InList(Expr operand, List<Expr> items, boolean negated, int position)
            implements Expr {}

    /** {@code x [NOT] IN (SELECT ...)}; operand may be a row constructor. */
    record InSubquery(Expr operand, Query query, boolean negated, int position)
            implements Expr {}

    /** {@code EXISTS (SELECT ...)}. */
    record Exists(Query query, int position) implements Expr {}

    /** {@code (SELECT ...)} used as a value. */
    record ScalarSubquery(Query query, int position) implements Expr {}

    enum Quantifier { ANY, ALL }

    /** {@code x op ANY|ALL (SELECT ...)} (SOME is ANY). */
    record Quantified(Expr left, BinaryOp op, Quantifier quantifier, Query query, int position)
            implements Expr {}

    /** {@code x op ANY|ALL (array)}, the array form: {@code x = ANY(current_schemas(true))}. */
    record QuantifiedArray(Expr left, BinaryOp op, Quantifier quantifier, Expr array,
            int position) implements Expr {}

    /** {@code ARRAY[a, b, ...]}. */
    record ArrayConstructor(List<Expr> items, int position) implements Expr {}

    /** {@code ARRAY(SELECT ...)}. */
    record ArraySubquery(Query query, int position) implements Expr {}

    /** {@code base[index]}, or the slice {@code base[index:upper]} (either bound may be null). */
    record Subscript(Expr base, Expr index, Expr upper, boolean slice, int position)
            implements Expr {}

    /** {@code (base).field}: a field of a composite value. */
    record FieldSelection(Expr base, String field, int position) implements Expr {}

    /** {@code x AT TIME ZONE zone}. */
    record AtTimeZone(Expr value, Expr zone, int position) implements Expr {}

    /** {@code x COLLATE name}. */
    record Collate(Expr operand, List<String> collation, int position) implements Expr {}

    /** {@code x [NOT] LIKE|ILIKE pattern [ESCAPE e]}; escape may be null. */
    record Like(Expr operand, Expr pattern, Expr escape, boolean caseInsensitive,
            boolean negated, int position) implements Expr {}

    /** One WHEN of a CASE. */
    record When(Expr condition, Expr result) {}

    /** CASE; operand is null for a searched CASE, elseResult null when absent. */
    record Case(Expr operand, List<When> whens, Expr elseResult, int position) implements Expr {}

    /** How a cast was written, so the printer gives it back the same way. */
    enum CastSyntax { CAST, DOUBLE_COLON, TYPED_LITERAL }

    /** CAST(x AS t), x::t, or a typed literal {@code date '2024-01-01'} (operand a string). */
    record Cast(Expr operand, TypeName type, CastSyntax syntax, int position) implements Expr {}

    /**
     * A function call: name (possibly qualified), arguments, and the aggregate and window parts.
     * {@code star} is count(*); {@code orderBy} is string_agg(x, ',' ORDER BY y); filter and
     * window may be null. COALESCE, NULLIF, GREATEST, LEAST and SUBSTRING with commas arrive as
     * calls of those names.
     */
    record FunctionCall(List<String> name, List<Expr> args, boolean distinct, boolean star,
            List<SortItem> orderBy, Expr filter, WindowSpec window, int position)
            implements Expr {}

    /** EXTRACT(field FROM source); field as written, lower case for a keyword. */
    record Extract(String field, Expr source, int position) implements Expr {}

    /** SUBSTRING(source FROM start FOR count); start or count may be null (not both). */
    record Substring(Expr source, Expr start, Expr count, int position) implements Expr {}

    /** POSITION(needle IN haystack). */
    record Position(Expr needle, Expr haystack, int position) implements Expr {}

    enum TrimSide { BOTH, LEADING, TRAILING }

    /** TRIM([side] [characters] FROM source); characters null means spaces. */
    record Trim(TrimSide side, Expr characters, Expr source, int position) implements Expr {}

    enum CurrentKind {
        CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP,
        CURRENT_CATALOG, CURRENT_SCHEMA, CURRENT_ROLE, CURRENT_USER, SESSION_USER, USER
    }

    /**
     * CURRENT_DATE, CURRENT_TIMESTAMP, CURRENT_USER, ... (the SQL value functions written
     * without parentheses; {@code current_schema()} with them is a plain call).
     */
    record CurrentValue(CurrentKind kind, int position) implements Expr {}

    /** A row constructor (a, b) or ROW(a, b); {@code explicitRow} when written with ROW. */
    record Row(List<Expr> items, boolean explicitRow, int position) implements Expr {}
}
