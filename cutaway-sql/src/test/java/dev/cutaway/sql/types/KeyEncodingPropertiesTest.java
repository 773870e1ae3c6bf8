package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.types.KeyEncoding.Direction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Keys sort exactly as SQL compares: for every type and direction, the unsigned byte order of
 * two encoded keys is the order {@link ValueOrder} gives the values (NULLs where the direction
 * puts them), SQL-equal values encode to equal bytes, and decoding gives an SQL-equal value.
 */
class KeyEncodingPropertiesTest {
    record Case(SqlType type, Direction direction, Object a, Object b) {}

    private static final List<SqlType> TYPES = List.of(SqlType.SMALLINT, SqlType.INTEGER,
            SqlType.BIGINT, SqlType.NUMERIC, SqlType.REAL, SqlType.DOUBLE, SqlType.TEXT,
            SqlType.character(3), SqlType.BOOLEAN, SqlType.DATE, SqlType.TIME,
            SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.INTERVAL, SqlType.BYTEA);

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(TYPES).flatMap(type -> {
            Arbitrary<Object> v = Arbitraries.oneOf(ValueArbitraries.of(type),
                    Arbitraries.just(null)).injectDuplicates(0.1);
            return Combinators.combine(Arbitraries.of(Direction.values()), v, v)
                    .as((d, a, b) -> new Case(type, d, a, b));
        });
    }

    private static int sqlOrder(Case c) {
        Object a = c.a();
        Object b = c.b();
        if (a == null || b == null) {
            int nulls = Boolean.compare(a == null, b == null); // null above a value
            boolean nullLow = !c.direction().nullsLast();
            return nullLow ? -nulls : nulls;
        }
        int order = ValueOrder.compare(a, b, c.type().id());
        return c.direction() == Direction.ASC_NULLS_LAST
                || c.direction() == Direction.ASC_NULLS_FIRST ? order : -order;
    }

    @Property(tries = 2000)
    void keyOrderIsSqlOrder(@ForAll("cases") Case c) {
        byte[] ka = KeyEncoding.encode(Arrays.asList(c.a()), List.of(c.type()),
                List.of(c.direction()));
        byte[] kb = KeyEncoding.encode(Arrays.asList(c.b()), List.of(c.type()),
                List.of(c.direction()));
        assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb))).as("%s", c)
                .isEqualTo(Integer.signum(sqlOrder(c)));
        List<Object> back = KeyEncoding.decode(ka, List.of(c.type()));
        if (c.a() == null) {
            assertThat(back.get(0)).isNull();
        } else {
            assertThat(ValueOrder.equal(back.get(0), c.a(), c.type().id())).as("%s", c).isTrue();
        }
    }

    @Property(tries = 700)
    void compositeKeysSortColumnByColumn(@ForAll("cases") Case first,
            @ForAll("cases") Case second) {
        List<SqlType> types = List.of(first.type(), second.type());
        List<Direction> directions = List.of(first.direction(), second.direction());
        byte[] ka = KeyEncoding.encode(Arrays.asList(first.a(), second.a()), types, directions);
        byte[] kb = KeyEncoding.encode(Arrays.asList(first.a(), second.b()), types, directions);
        assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb)))
                .isEqualTo(Integer.signum(sqlOrder(second)));
    }

    @Property(tries = 3000)
    void decimalKeysOrderLikeBigDecimal(@ForAll("decimalPairs") List<BigDecimal> pair) {
        BigDecimal a = pair.get(0);
        BigDecimal b = pair.get(1);
        byte[] ka = DecimalKey.encode(a);
        byte[] kb = DecimalKey.encode(b);
        assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb)))
                .isEqualTo(Integer.signum(a.compareTo(b)));
        assertThat(DecimalKey.decode(ka).compareTo(a)).isZero();
    }

    @Provide
    Arbitrary<List<BigDecimal>> decimalPairs() {
        Arbitrary<BigDecimal> d = Arbitraries.oneOf(ValueArbitraries.decimals(),
                ValueArbitraries.decimals().map(BigDecimal::negate),
                Arbitraries.of(new BigDecimal("1.2"), new BigDecimal("1.23"),
                        new BigDecimal("-1.2"), new BigDecimal("-1.23"), new BigDecimal("0.00"),
                        new BigDecimal("10"), new BigDecimal("9.99"), new BigDecimal("-10"),
                        new BigDecimal("1E+40"), new BigDecimal("-1E-40")));
        return d.list().ofSize(2);
    }

    @Property(tries = 1000)
    void sqlEqualValuesEncodeToEqualBytes(@ForAll("cases") Case c) {
        if (c.a() == null) {
            return;
        }
        Object twin = switch (c.a()) {
            case BigDecimal d -> d.setScale(d.scale() + 2);
            case Double d when d == 0 -> -d;
            case Interval i when i.months() > 0 && i.days() < 1000 ->
                    new Interval(i.months() - 1, i.days() + 30, i.micros());
            default -> c.a();
        };
        List<Object> a = new ArrayList<>(Arrays.asList(c.a()));
        List<Object> b = new ArrayList<>(Arrays.asList(twin));
        assertThat(KeyEncoding.encode(a, List.of(c.type())))
                .isEqualTo(KeyEncoding.encode(b, List.of(c.type())));
    }
}
