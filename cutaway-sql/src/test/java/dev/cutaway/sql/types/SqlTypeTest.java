package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Type names, OIDs, typmods and display names as PostgreSQL has them. */
class SqlTypeTest {
    @Test
    void oidsAreThoseOfPostgres() {
        Map<TypeId, Integer> expected = Map.ofEntries(Map.entry(TypeId.SMALLINT, 21),
                Map.entry(TypeId.INTEGER, 23), Map.entry(TypeId.BIGINT, 20),
                Map.entry(TypeId.NUMERIC, 1700), Map.entry(TypeId.REAL, 700),
                Map.entry(TypeId.DOUBLE, 701), Map.entry(TypeId.TEXT, 25),
                Map.entry(TypeId.VARCHAR, 1043), Map.entry(TypeId.CHAR, 1042),
                Map.entry(TypeId.BOOLEAN, 16), Map.entry(TypeId.DATE, 1082),
                Map.entry(TypeId.TIME, 1083), Map.entry(TypeId.TIMESTAMP, 1114),
                Map.entry(TypeId.TIMESTAMPTZ, 1184), Map.entry(TypeId.INTERVAL, 1186),
                Map.entry(TypeId.BYTEA, 17), Map.entry(TypeId.UNKNOWN, 705),
                Map.entry(TypeId.ARRAY, 2277), Map.entry(TypeId.INT2VECTOR, 22),
                Map.entry(TypeId.OIDVECTOR, 30), Map.entry(TypeId.RECORD, 2249));
        assertThat(expected).hasSize(TypeId.values().length);
        expected.forEach((id, oid) -> {
            assertThat(id.oid()).as(id.name()).isEqualTo(oid);
            assertThat(TypeId.byOid(oid)).isEqualTo(id);
        });
        assertThat(TypeId.byOid(1)).isNull();
    }

    @Test
    void arrayTypesTakeTheirElementsArrayOidNameAndModifiers() {
        SqlType ints = SqlType.arrayOf(SqlType.INTEGER);
        assertThat(ints.oid()).isEqualTo(1007);
        assertThat(ints.pgName()).isEqualTo("_int4");
        assertThat(ints.displayName()).isEqualTo("integer[]");
        assertThat(SqlType.arrayOf(SqlType.TEXT).oid()).isEqualTo(1009);
        SqlType codes = SqlType.arrayOf(SqlType.varchar(3));
        assertThat(codes.typmod()).isEqualTo(7);
        assertThat(codes.displayName()).isEqualTo("character varying(3)[]");
        assertThat(codes.base()).isEqualTo(SqlType.arrayOf(SqlType.VARCHAR));
        assertThat(SqlType.INT2VECTOR.elementType()).isEqualTo(SqlType.SMALLINT);
        assertThat(TypeNames.resolve("_int4")).isEqualTo(ints);
        assertThatThrownBy(() -> SqlType.arrayOf(ints))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlType.of(TypeId.ARRAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesResolveAsInPostgres() {
        assertThat(TypeNames.resolve("int")).isEqualTo(SqlType.INTEGER);
        assertThat(TypeNames.resolve("INT4")).isEqualTo(SqlType.INTEGER);
        assertThat(TypeNames.resolve("integer")).isEqualTo(SqlType.INTEGER);
        assertThat(TypeNames.resolve("int2")).isEqualTo(SqlType.SMALLINT);
        assertThat(TypeNames.resolve("bigint")).isEqualTo(SqlType.BIGINT);
        assertThat(TypeNames.resolve("double  precision")).isEqualTo(SqlType.DOUBLE);
        assertThat(TypeNames.resolve("float")).isEqualTo(SqlType.DOUBLE);
        assertThat(TypeNames.resolve("float", List.of(24))).isEqualTo(SqlType.REAL);
        assertThat(TypeNames.resolve("float", List.of(25))).isEqualTo(SqlType.DOUBLE);
        assertThat(TypeNames.resolve("decimal", List.of(10, 2)))
                .isEqualTo(SqlType.numeric(10, 2));
        assertThat(TypeNames.resolve("numeric", List.of(5))).isEqualTo(SqlType.numeric(5, 0));
        assertThat(TypeNames.resolve("character varying", List.of(10)))
                .isEqualTo(SqlType.varchar(10));
        assertThat(TypeNames.resolve("varchar")).isEqualTo(SqlType.VARCHAR);
        assertThat(TypeNames.resolve("char")).isEqualTo(SqlType.character(1));
        assertThat(TypeNames.resolve("character", List.of(3))).isEqualTo(SqlType.character(3));
        assertThat(TypeNames.resolve("bpchar")).isEqualTo(SqlType.CHAR);
        assertThat(TypeNames.resolve("bool")).isEqualTo(SqlType.BOOLEAN);
        assertThat(TypeNames.resolve("timestamp with time zone")).isEqualTo(SqlType.TIMESTAMPTZ);
        assertThat(TypeNames.resolve("timestamptz", List.of(3)).precision()).isEqualTo(3);
        assertThat(TypeNames.resolve("time without time zone")).isEqualTo(SqlType.TIME);
        assertThat(TypeNames.resolve("timestamp", List.of(9)).precision()).isEqualTo(6);
    }

    @Test
    void badNamesAndModifiersAreUserErrors() {
        assertThatThrownBy(() -> TypeNames.resolve("foo")).hasMessage("type \"foo\" does not exist")
                .extracting("sqlState").isEqualTo("42704");
        assertThatThrownBy(() -> TypeNames.resolve("numeric", List.of(3, 5)))
                .hasMessage("NUMERIC scale 5 must be between 0 and precision 3")
                .extracting("sqlState").isEqualTo("22023");
        assertThatThrownBy(() -> TypeNames.resolve("numeric", List.of(0)))
                .hasMessage("NUMERIC precision 0 must be between 1 and 1000");
        assertThatThrownBy(() -> TypeNames.resolve("varchar", List.of(0)))
                .hasMessage("length for type varchar must be at least 1");
        assertThatThrownBy(() -> TypeNames.resolve("int", List.of(3)))
                .extracting("sqlState").isEqualTo("42601");
        assertThatThrownBy(() -> TypeNames.resolve("timetz"))
                .extracting("sqlState").isEqualTo("0A000");
        assertThatThrownBy(() -> TypeNames.resolve("interval day to second"))
                .hasMessage("interval field qualifiers (day to second) are not supported")
                .extracting("sqlState").isEqualTo("0A000");
    }

    @Test
    void typmodsAndDisplayNamesAreThoseOfTheWireAndFormatType() {
        assertThat(SqlType.INTEGER.typmod()).isEqualTo(-1);
        assertThat(SqlType.varchar(10).typmod()).isEqualTo(14);
        assertThat(SqlType.character(3).typmod()).isEqualTo(7);
        assertThat(SqlType.numeric(10, 2).typmod()).isEqualTo((10 << 16 | 2) + 4);
        assertThat(SqlType.withFractionDigits(TypeId.TIMESTAMP, 3).typmod()).isEqualTo(3);
        assertThat(SqlType.numeric(10, 2).displayName()).isEqualTo("numeric(10,2)");
        assertThat(SqlType.varchar(10).displayName()).isEqualTo("character varying(10)");
        assertThat(SqlType.character(2).displayName()).isEqualTo("character(2)");
        assertThat(SqlType.withFractionDigits(TypeId.TIMESTAMPTZ, 3).displayName())
                .isEqualTo("timestamp(3) with time zone");
        assertThat(SqlType.DOUBLE.toString()).isEqualTo("double precision");
        assertThat(SqlType.numeric(10, 2).base()).isEqualTo(SqlType.NUMERIC);
    }

    @Test
    void literalsAreTypedAsPostgresTypesThem() {
        assertThat(Literals.number("2147483647").type()).isEqualTo(SqlType.INTEGER);
        assertThat(Literals.number("-2147483648")).isEqualTo(
                new Literals.TypedValue(Integer.MIN_VALUE, SqlType.INTEGER));
        assertThat(Literals.number("2147483648").type()).isEqualTo(SqlType.BIGINT);
        assertThat(Literals.number("9223372036854775808").type()).isEqualTo(SqlType.NUMERIC);
        assertThat(Literals.number("1.50").value()).isEqualTo(new java.math.BigDecimal("1.50"));
        assertThat(Literals.number("1e3").value()).isEqualTo(new java.math.BigDecimal("1000"));
        assertThat(Literals.negate(Literals.negate("5"))).isEqualTo("5");
        assertThat(Literals.string("x").type()).isEqualTo(SqlType.UNKNOWN);
        assertThatThrownBy(() -> Literals.number("1x")).extracting("sqlState")
                .isEqualTo("42601");
    }

    @Test
    void invalidModifierCombinationsAreOurBugs() {
        assertThatThrownBy(() -> new SqlType(TypeId.INTEGER, 3, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SqlType(TypeId.NUMERIC, 3, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTypeHasAJavaRepresentation() {
        for (TypeId id : TypeId.values()) {
            assertThat(Values.javaClass(id)).as(id.name()).isNotNull();
        }
        assertThat(Values.isValid(1, SqlType.INTEGER)).isTrue();
        assertThat(Values.isValid(1L, SqlType.INTEGER)).isFalse();
        assertThat(Values.isValid(null, SqlType.DATE)).isTrue();
    }
}
