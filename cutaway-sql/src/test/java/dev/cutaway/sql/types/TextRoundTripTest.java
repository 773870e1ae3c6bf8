package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every type's text output reads back as the same value: floats in shortest form (bit for
 * bit, -0 and NaN included), numeric with its scale, dates and timestamps (BC included),
 * timestamptz in any zone, intervals field for field.
 */
class TextRoundTripTest {
    @Property(tries = 5000)
    void doubleTextRoundTripsBitForBit(@ForAll double d) {
        String text = NumberText.formatDouble(d);
        double back = NumberText.parseDouble(text);
        assertThat(Double.doubleToRawLongBits(back)).as(text)
                .isEqualTo(Double.doubleToRawLongBits(Double.isNaN(d) ? Double.NaN : d));
        assertThat(text.length()).isLessThanOrEqualTo(24);
    }

    @Property(tries = 2000)
    void doubleTextIsShortest(@ForAll double d) {
        String text = NumberText.formatDouble(d);
        if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
            return;
        }
        int digits = significantDigits(text);
        // no representation with fewer significant digits reads back as d
        BigDecimal shorter = new BigDecimal(d).round(new java.math.MathContext(
                Math.max(1, digits - 1)));
        assertThat(shorter.doubleValue() == d && digits > 1).as(text).isFalse();
    }

    private static int significantDigits(String text) {
        String mantissa = text.replace("-", "").split("e")[0].replace(".", "");
        return new BigDecimal(new BigInteger(mantissa)).stripTrailingZeros().precision();
    }

    @Property(tries = 5000)
    void realTextRoundTripsBitForBit(@ForAll float f) {
        String text = NumberText.formatReal(f);
        float back = NumberText.parseReal(text);
        assertThat(Float.floatToRawIntBits(back)).as(text)
                .isEqualTo(Float.floatToRawIntBits(Float.isNaN(f) ? Float.NaN : f));
    }

    @Property(tries = 2000)
    void numericTextKeepsValueAndScale(@ForAll BigInteger unscaled,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 40) int scale) {
        BigDecimal value = new BigDecimal(unscaled, scale);
        BigDecimal back = NumberText.parseNumeric(NumberText.formatNumeric(value));
        assertThat(back).isEqualTo(value);
    }

    @Provide
    Arbitrary<LocalDateTime> timestamps() {
        Arbitrary<Long> seconds = Arbitraries.longs().between(
                LocalDateTime.of(-4712, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                LocalDateTime.of(294275, 12, 31, 0, 0).toEpochSecond(ZoneOffset.UTC));
        Arbitrary<Integer> micros = Arbitraries.oneOf(Arbitraries.just(0),
                Arbitraries.integers().between(0, 999_999));
        return Combinators.combine(seconds, micros).as((s, m) ->
                LocalDateTime.ofEpochSecond(s, m * 1000, ZoneOffset.UTC));
    }

    @Property(tries = 3000)
    void timestampAndDateTextRoundTrip(@ForAll("timestamps") LocalDateTime t) {
        assertThat(DateTimeText.parseTimestamp(DateTimeText.formatTimestamp(t))).isEqualTo(t);
        LocalDate d = t.toLocalDate();
        assertThat(DateTimeText.parseDate(DateTimeText.formatDate(d))).isEqualTo(d);
        assertThat(DateTimeText.parseTime(DateTimeText.formatTime(t.toLocalTime())))
                .isEqualTo(t.toLocalTime());
    }

    @Property(tries = 2000)
    void timestamptzTextRoundTripsInAnyZone(@ForAll("timestamps") LocalDateTime t,
            @ForAll("zones") ZoneId zone) {
        Instant instant = t.toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        if (t.getYear() < 2 || t.getYear() > 294_000) {
            return; // a zone offset could carry the local time out of range
        }
        String text = DateTimeText.formatTimestamptz(instant, zone);
        assertThat(DateTimeText.parseTimestamptz(text, ZoneOffset.UTC)).as(text)
                .isEqualTo(instant);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(ZoneOffset.UTC, ZoneId.of("Europe/Paris"),
                ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kolkata"),
                ZoneOffset.ofHoursMinutes(-9, -30), ZoneId.of("Pacific/Chatham"));
    }

    @Provide
    Arbitrary<Interval> intervals() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(),
                Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE))
                .as(Interval::new);
    }

    @Property(tries = 3000)
    void intervalTextRoundTripsFieldForField(@ForAll("intervals") Interval i) {
        String text = IntervalText.format(i);
        assertThat(IntervalText.parse(text)).as(text).isEqualTo(i);
    }
}
