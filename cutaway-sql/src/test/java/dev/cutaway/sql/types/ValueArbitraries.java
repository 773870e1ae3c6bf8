package dev.cutaway.sql.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of SQL values of each type, biased to edge cases (shared by tests). */
final class ValueArbitraries {
    private ValueArbitraries() {}

    static Arbitrary<Object> of(SqlType type) {
        Arbitrary<?> values = switch (type.id()) {
            case SMALLINT -> Arbitraries.shorts();
            case INTEGER -> Arbitraries.integers();
            case BIGINT -> Arbitraries.longs();
            case NUMERIC -> decimals();
            case REAL -> Arbitraries.oneOf(Arbitraries.floats(), Arbitraries.of(0f, -0f,
                    Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY));
            case DOUBLE -> Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(0.0, -0.0,
                    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MIN_VALUE));
            case TEXT, VARCHAR, UNKNOWN -> Arbitraries.of("a", "b", " ", "\u00e9",
                    "\uD83D\uDE00", "\uFFFF", "\u0001").list().ofMaxSize(4)
                    .map(parts -> String.join("", parts));
            case CHAR -> Arbitraries.strings().ofMaxLength(3).withChars("ab ")
                    .map(s -> (String) Casts.applyModifiers(Casts.stripTrailingSpaces(s), type,
                            CastContext.EXPLICIT));
            case BOOLEAN -> Arbitraries.of(true, false);
            case DATE -> Arbitraries.longs().between(LocalDate.of(-4712, 1, 1).toEpochDay(),
                    LocalDate.of(5_874_897, 12, 31).toEpochDay()).map(LocalDate::ofEpochDay);
            case TIME -> Arbitraries.longs().between(0, Interval.MICROS_PER_DAY - 1)
                    .map(m -> LocalTime.ofNanoOfDay(m * 1000));
            case TIMESTAMP -> timestamps();
            case TIMESTAMPTZ -> timestamps().map(t -> t.toInstant(ZoneOffset.UTC));
            case INTERVAL -> Combinators.combine(Arbitraries.integers().between(-1000, 1000),
                    Arbitraries.integers().between(-40, 40), Arbitraries.oneOf(
                            Arbitraries.longs().between(-3 * Interval.MICROS_PER_DAY,
                                    3 * Interval.MICROS_PER_DAY), Arbitraries.longs()))
                    .as(Interval::new);
            case BYTEA -> Arbitraries.bytes().array(byte[].class).ofMaxSize(4).map(Bytea::of);
            case ARRAY, INT2VECTOR, OIDVECTOR -> of(type.elementType()).injectNull(0.2).list()
                    .ofMaxSize(4).map(l -> new SqlArray(type.id() == TypeId.ARRAY ? 1 : 0, l));
            case RECORD -> throw new IllegalArgumentException("no generator for records");
        };
        return values.map(v -> (Object) v);
    }

    static Arbitrary<BigDecimal> decimals() {
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.bigIntegers().between(
                BigInteger.valueOf(-1000), BigInteger.valueOf(1000)), Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40))),
                Arbitraries.integers().between(0, 30)).as(BigDecimal::new);
    }

    private static Arbitrary<LocalDateTime> timestamps() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(
                LocalDateTime.of(-4712, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                LocalDateTime.of(294_275, 12, 31, 0, 0).toEpochSecond(ZoneOffset.UTC));
        return Combinators.combine(seconds, Arbitraries.integers().between(0, 999_999))
                .as((s, m) -> LocalDateTime.ofEpochSecond(s, m * 1000, ZoneOffset.UTC));
    }

    static Instant instant(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC);
    }
}
