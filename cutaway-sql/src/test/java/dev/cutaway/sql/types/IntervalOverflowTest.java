package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A field too big for a long is a data exception (22015), not a Java NumberFormatException:
 * found by {@code InputFuzzTest} with the input "9999999999999999999999".
 */
class IntervalOverflowTest {
    @Test
    void hugeFieldsOverflowWithASqlState() {
        for (String text : new String[] {"9999999999999999999999", "9999999999999999999999 days",
            "-9999999999999999999999 hours"}) {
            assertThatThrownBy(() -> ValueText.parse(text, SqlType.INTERVAL, ZoneOffset.UTC))
                    .isInstanceOf(SqlException.class)
                    .extracting(e -> ((SqlException) e).sqlState()).isEqualTo("22015");
        }
        assertThatThrownBy(() -> ValueText.parse("+05:30.", SqlType.INTERVAL, ZoneOffset.UTC))
                .isInstanceOf(SqlException.class)
                .extracting(e -> ((SqlException) e).sqlState()).asString().startsWith("22");
        assertThat(ValueText.parse("000000000000000000000001 day", SqlType.INTERVAL,
                ZoneOffset.UTC)).isEqualTo(new Interval(0, 1, 0));
    }
}
