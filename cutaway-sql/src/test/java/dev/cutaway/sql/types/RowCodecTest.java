package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Rows come back exactly as written (scales, padding, -0, NaN, interval fields, NULLs), every
 * truncation of an encoding and any trailing garbage are rejected as malformed rather than
 * misread, and the layout is the documented one.
 */
class RowCodecTest {
    record Row(List<SqlType> types, Object[] values) {
        @Override
        public String toString() {
            return types + " " + Arrays.deepToString(values);
        }
    }

    private static final List<SqlType> TYPES = List.of(SqlType.SMALLINT, SqlType.INTEGER,
            SqlType.BIGINT, SqlType.numeric(30, 5), SqlType.REAL, SqlType.DOUBLE, SqlType.TEXT,
            SqlType.varchar(4), SqlType.character(3), SqlType.BOOLEAN, SqlType.DATE,
            SqlType.TIME, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ, SqlType.INTERVAL,
            SqlType.BYTEA, SqlType.arrayOf(SqlType.INTEGER), SqlType.arrayOf(SqlType.TEXT),
            SqlType.arrayOf(SqlType.DOUBLE), SqlType.INT2VECTOR);

    @Provide
    Arbitrary<Row> rows() {
        return Arbitraries.of(TYPES).list().ofMaxSize(20).flatMap(types -> {
            List<Arbitrary<Object>> columns = types.stream().map(t -> Arbitraries.oneOf(
                    ValueArbitraries.of(t), Arbitraries.just(null))).toList();
            return Combinators.combine(columns).as(values -> new Row(types,
                    values.toArray()));
        });
    }

    @Property(tries = 400)
    void rowsRoundTripExactly(@ForAll("rows") Row row) {
        byte[] encoded = RowCodec.encode(row.values(), row.types());
        Object[] back = RowCodec.decode(encoded, row.types());
        assertThat(back).hasSameSizeAs(row.values());
        for (int i = 0; i < back.length; i++) {
            Object expected = row.values()[i];
            if (expected instanceof Double d && Double.isNaN(d)) {
                assertThat((Double) back[i]).isNaN();
            } else if (expected instanceof Float f && Float.isNaN(f)) {
                assertThat((Float) back[i]).isNaN();
            } else {
                assertThat(back[i]).as("column %d of %s", i, row).isEqualTo(expected);
            }
        }
    }

    @Property(tries = 400)
    void decodingSomeColumnsGivesThoseColumnsAndNullsElsewhere(@ForAll("rows") Row row,
            @ForAll long maskSeed) {
        byte[] encoded = RowCodec.encode(row.values(), row.types());
        Object[] all = RowCodec.decode(encoded, row.types());
        boolean[] wanted = new boolean[row.types().size()];
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = (maskSeed >>> (i % 64) & 1) != 0;
        }
        Object[] some = RowCodec.decode(encoded, row.types(), wanted);
        assertThat(some).hasSameSizeAs(all);
        for (int i = 0; i < some.length; i++) {
            if (!wanted[i]) {
                assertThat(some[i]).as("skipped column %d of %s", i, row).isNull();
            } else {
                assertThat(some[i]).as("column %d of %s", i, row).isEqualTo(all[i]);   // NaN
            }   // too: Double.equals compares bits
        }
    }

    @Property(tries = 60)
    void truncatedEncodingsAreRejectedWhenColumnsAreSkipped(@ForAll("rows") Row row) {
        byte[] encoded = RowCodec.encode(row.values(), row.types());
        boolean[] none = new boolean[row.types().size()];
        for (int cut = 0; cut < encoded.length; cut++) {
            byte[] shorter = Arrays.copyOf(encoded, cut);
            assertThatThrownBy(() -> RowCodec.decode(shorter, row.types(), none))
                    .isInstanceOf(RowCodec.MalformedRowException.class);
        }
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> RowCodec.decode(longer, row.types(), none))
                .isInstanceOf(RowCodec.MalformedRowException.class);
    }

    @Property(tries = 60)
    void truncatedOrExtendedEncodingsAreRejected(@ForAll("rows") Row row) {
        byte[] encoded = RowCodec.encode(row.values(), row.types());
        for (int length = 0; length < encoded.length; length++) {
            byte[] truncated = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> RowCodec.decode(truncated, row.types()))
                    .isInstanceOf(RowCodec.MalformedRowException.class);
        }
        byte[] extended = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> RowCodec.decode(extended, row.types()))
                .isInstanceOf(RowCodec.MalformedRowException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void stringsEncodeAsUtf8AndAnUnpairedSurrogateIsRefused() {
        List<SqlType> text = List.of(SqlType.TEXT);
        for (String s : List.of("", "plain ascii", "why?", "?", "caf\u00e9", "\uD83D\uDE00 ok")) {
            byte[] encoded = RowCodec.encode(new Object[] {s}, text);
            assertThat(RowCodec.decode(encoded, text)).containsExactly(s);
        }
        for (String bad : List.of("a\uD800", "\uDC00", "x?\uD800")) {
            assertThatThrownBy(() -> RowCodec.encode(new Object[] {bad}, text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpaired surrogate");
        }
    }

    @Test
    void layoutIsVersionCountBitmapThenValues() {
        Object[] row = {7, null, "é", true};
        List<SqlType> types = List.of(SqlType.INTEGER, SqlType.TEXT, SqlType.TEXT,
                SqlType.BOOLEAN);
        byte[] encoded = RowCodec.encode(row, types);
        assertThat(encoded).containsExactly(1, 4, 0b0010, 0, 0, 0, 7, 2, 0xC3 - 256,
                0xA9 - 256, 1);
        assertThatThrownBy(() -> RowCodec.decode(encoded, List.of(SqlType.INTEGER)))
                .hasMessageContaining("4 columns, expected 1");
        encoded[0] = 9;
        assertThatThrownBy(() -> RowCodec.decode(encoded, types))
                .hasMessageContaining("unknown format version 9");
    }
}
