package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Operator, function and common-type resolution picks what PostgreSQL 15 picks (the result
 * types below were checked with {@code pg_typeof} on PostgreSQL 15), and the cast table has
 * PostgreSQL's contexts.
 */
class ResolutionTest {
    private static SqlType result(String op, SqlType l, SqlType r) {
        return Operators.resolveBinary(op, l, r).resultType();
    }

    @Test
    void arithmeticPromotesAsPostgres() {
        assertThat(result("+", SqlType.SMALLINT, SqlType.SMALLINT)).isEqualTo(SqlType.SMALLINT);
        assertThat(result("+", SqlType.SMALLINT, SqlType.INTEGER)).isEqualTo(SqlType.INTEGER);
        assertThat(result("*", SqlType.INTEGER, SqlType.BIGINT)).isEqualTo(SqlType.BIGINT);
        assertThat(result("+", SqlType.INTEGER, SqlType.NUMERIC)).isEqualTo(SqlType.NUMERIC);
        assertThat(result("+", SqlType.INTEGER, SqlType.REAL)).isEqualTo(SqlType.DOUBLE);
        assertThat(result("+", SqlType.REAL, SqlType.REAL)).isEqualTo(SqlType.REAL);
        assertThat(result("+", SqlType.NUMERIC, SqlType.REAL)).isEqualTo(SqlType.DOUBLE);
        assertThat(result("^", SqlType.INTEGER, SqlType.INTEGER)).isEqualTo(SqlType.DOUBLE);
        assertThat(result("^", SqlType.INTEGER, SqlType.NUMERIC)).isEqualTo(SqlType.NUMERIC);
        assertThat(result("+", SqlType.UNKNOWN, SqlType.INTEGER)).isEqualTo(SqlType.INTEGER);
        assertThat(result("-", SqlType.DATE, SqlType.UNKNOWN)).isEqualTo(SqlType.INTEGER);
        assertThat(result("+", SqlType.TIMESTAMP, SqlType.UNKNOWN)).isEqualTo(SqlType.TIMESTAMP);
        assertThat(result("||", SqlType.UNKNOWN, SqlType.UNKNOWN)).isEqualTo(SqlType.TEXT);
        assertThat(result("||", SqlType.VARCHAR, SqlType.INTEGER)).isEqualTo(SqlType.TEXT);
        assertThat(result("=", SqlType.VARCHAR, SqlType.CHAR)).isEqualTo(SqlType.BOOLEAN);
        BoundOperator eq = Operators.resolveBinary("=", SqlType.CHAR, SqlType.TEXT);
        assertThat(eq.leftType()).isEqualTo(SqlType.TEXT);
        BoundOperator mixed = Operators.resolveBinary("<", SqlType.INTEGER, SqlType.DOUBLE);
        assertThat(mixed.leftType()).isEqualTo(SqlType.DOUBLE);
    }

    @Test
    void missingAndAmbiguousOperatorsAreUserErrors() {
        assertThatThrownBy(() -> Operators.resolveBinary("+", SqlType.TEXT, SqlType.INTEGER))
                .hasMessage("operator does not exist: text + integer")
                .extracting("sqlState").isEqualTo("42883");
        assertThatThrownBy(() -> Operators.resolveBinary("+", SqlType.UNKNOWN, SqlType.UNKNOWN))
                .hasMessage("operator is not unique: unknown + unknown")
                .extracting("sqlState").isEqualTo("42725");
        assertThatThrownBy(() -> Operators.resolveUnary("-", SqlType.TEXT))
                .hasMessage("operator does not exist: - text");
        assertThatThrownBy(() -> Operators.resolveBinary("AND", SqlType.INTEGER,
                SqlType.BOOLEAN)).hasMessage("argument of AND must be type boolean, not type "
                + "integer").extracting("sqlState").isEqualTo("42804");
        assertThatThrownBy(() -> Operators.resolveBinary("%", SqlType.DOUBLE, SqlType.INTEGER))
                .hasMessage("operator does not exist: double precision % integer");
    }

    @Test
    void functionsResolveByArgumentTypes() {
        assertThat(Functions.resolve("sqrt", List.of(SqlType.INTEGER)).resultType())
                .isEqualTo(SqlType.DOUBLE);
        assertThat(Functions.resolve("round", List.of(SqlType.NUMERIC)).resultType())
                .isEqualTo(SqlType.NUMERIC);
        assertThat(Functions.resolve("ROUND", List.of(SqlType.INTEGER, SqlType.INTEGER))
                .resultType()).isEqualTo(SqlType.NUMERIC);
        assertThat(Functions.resolve("abs", List.of(SqlType.SMALLINT)).resultType())
                .isEqualTo(SqlType.SMALLINT);
        assertThat(Functions.resolve("length", List.of(SqlType.UNKNOWN)).resultType())
                .isEqualTo(SqlType.INTEGER);
        assertThat(Functions.resolve("now", List.of()).isVolatile()).isTrue();
        assertThat(Functions.resolve("upper", List.of(SqlType.TEXT)).isVolatile()).isFalse();
        assertThatThrownBy(() -> Functions.resolve("foo", List.of(SqlType.INTEGER)))
                .hasMessage("function foo(integer) does not exist")
                .extracting("sqlState").isEqualTo("42883");
        assertThatThrownBy(() -> Functions.resolve("upper", List.of(SqlType.INTEGER)))
                .hasMessage("function upper(integer) does not exist");
    }

    @Test
    void castContextsAreThoseOfPgCast() {
        assertThat(Casts.castContext(TypeId.INTEGER, TypeId.BIGINT))
                .isEqualTo(CastContext.IMPLICIT);
        assertThat(Casts.castContext(TypeId.BIGINT, TypeId.INTEGER))
                .isEqualTo(CastContext.ASSIGNMENT);
        assertThat(Casts.castContext(TypeId.DOUBLE, TypeId.NUMERIC))
                .isEqualTo(CastContext.ASSIGNMENT);
        assertThat(Casts.castContext(TypeId.INTEGER, TypeId.TEXT))
                .isEqualTo(CastContext.ASSIGNMENT);
        assertThat(Casts.castContext(TypeId.TEXT, TypeId.INTEGER)).isEqualTo(CastContext.EXPLICIT);
        assertThat(Casts.castContext(TypeId.INTEGER, TypeId.BOOLEAN))
                .isEqualTo(CastContext.EXPLICIT);
        assertThat(Casts.castContext(TypeId.BIGINT, TypeId.BOOLEAN)).isNull();
        assertThat(Casts.castContext(TypeId.DATE, TypeId.TIMESTAMPTZ))
                .isEqualTo(CastContext.IMPLICIT);
        assertThat(Casts.castContext(TypeId.TIMESTAMPTZ, TypeId.DATE))
                .isEqualTo(CastContext.ASSIGNMENT);
        assertThat(Casts.castContext(TypeId.UNKNOWN, TypeId.BYTEA))
                .isEqualTo(CastContext.IMPLICIT);
        assertThatThrownBy(() -> Casts.cast(1, SqlType.INTEGER, SqlType.DATE))
                .hasMessage("cannot cast type integer to date")
                .extracting("sqlState").isEqualTo("42846");
    }

    @Test
    void assignmentToVarcharRaisesUnlessOnlySpacesAreCut() {
        SqlType v3 = SqlType.varchar(3);
        assertThatThrownBy(() -> Casts.cast("abcd", SqlType.TEXT, v3, CastContext.ASSIGNMENT,
                java.time.ZoneOffset.UTC)).hasMessage("value too long for type character "
                + "varying(3)").extracting("sqlState").isEqualTo("22001");
        assertThat(Casts.cast("ab   ", SqlType.TEXT, v3, CastContext.ASSIGNMENT,
                java.time.ZoneOffset.UTC)).isEqualTo("ab ");
        assertThat(Casts.cast("abcd", SqlType.TEXT, v3)).isEqualTo("abc");
        assertThat(Casts.cast("ab", SqlType.TEXT, SqlType.character(4), CastContext.ASSIGNMENT,
                java.time.ZoneOffset.UTC)).isEqualTo("ab  ");
        assertThat(Casts.cast(12345, SqlType.INTEGER, SqlType.varchar(3), CastContext.EXPLICIT,
                java.time.ZoneOffset.UTC)).isEqualTo("123");
    }

    @Test
    void commonTypesFollowSelectCommonType() {
        assertThat(Conditionals.commonType(List.of(SqlType.INTEGER, SqlType.NUMERIC), "CASE"))
                .isEqualTo(SqlType.NUMERIC);
        assertThat(Conditionals.commonType(List.of(SqlType.INTEGER, SqlType.UNKNOWN), "CASE"))
                .isEqualTo(SqlType.INTEGER);
        assertThat(Conditionals.commonType(List.of(SqlType.UNKNOWN, SqlType.UNKNOWN), "UNION"))
                .isEqualTo(SqlType.TEXT);
        assertThat(Conditionals.commonType(List.of(SqlType.varchar(5), SqlType.varchar(5)),
                "UNION")).isEqualTo(SqlType.varchar(5));
        assertThat(Conditionals.commonType(List.of(SqlType.varchar(5), SqlType.varchar(7)),
                "UNION")).isEqualTo(SqlType.VARCHAR);
        // text and varchar convert implicitly both ways: the first one wins (PostgreSQL 15)
        assertThat(Conditionals.commonType(List.of(SqlType.varchar(5), SqlType.TEXT), "UNION"))
                .isEqualTo(SqlType.VARCHAR);
        assertThat(Conditionals.commonType(List.of(SqlType.TEXT, SqlType.VARCHAR), "UNION"))
                .isEqualTo(SqlType.TEXT);
        assertThat(Conditionals.commonType(List.of(SqlType.INTEGER, SqlType.NUMERIC,
                SqlType.REAL), "COALESCE")).isEqualTo(SqlType.REAL);
        assertThat(Conditionals.commonType(List.of(SqlType.DATE, SqlType.TIMESTAMPTZ), "CASE"))
                .isEqualTo(SqlType.TIMESTAMPTZ);
        assertThat(Conditionals.commonType(List.of(SqlType.DOUBLE, SqlType.INTEGER), "CASE"))
                .isEqualTo(SqlType.DOUBLE);
        assertThatThrownBy(() -> Conditionals.commonType(List.of(SqlType.INTEGER, SqlType.TEXT),
                "UNION")).hasMessage("UNION types integer and text cannot be matched")
                .extracting("sqlState").isEqualTo("42804");
    }

    @Test
    void aggregateResultTypesAreThoseOfPgAggregate() {
        assertThat(AggregateTypes.resultType("sum", SqlType.INTEGER)).isEqualTo(SqlType.BIGINT);
        assertThat(AggregateTypes.resultType("SUM", SqlType.SMALLINT)).isEqualTo(SqlType.BIGINT);
        assertThat(AggregateTypes.resultType("sum", SqlType.BIGINT)).isEqualTo(SqlType.NUMERIC);
        assertThat(AggregateTypes.resultType("sum", SqlType.REAL)).isEqualTo(SqlType.REAL);
        assertThat(AggregateTypes.resultType("avg", SqlType.INTEGER)).isEqualTo(SqlType.NUMERIC);
        assertThat(AggregateTypes.resultType("avg", SqlType.DOUBLE)).isEqualTo(SqlType.DOUBLE);
        assertThat(AggregateTypes.resultType("count", null)).isEqualTo(SqlType.BIGINT);
        assertThat(AggregateTypes.resultType("max", SqlType.varchar(3))).isEqualTo(SqlType.TEXT);
        assertThat(AggregateTypes.average(new java.math.BigDecimal(3), 2).toPlainString())
                .isEqualTo("1.5000000000000000");
        assertThatThrownBy(() -> AggregateTypes.resultType("sum", SqlType.TEXT))
                .hasMessage("function sum(text) does not exist");
    }
}
