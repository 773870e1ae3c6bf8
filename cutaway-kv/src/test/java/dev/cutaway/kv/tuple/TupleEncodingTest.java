package dev.cutaway.kv.tuple;

import static dev.cutaway.kv.tuple.TupleEncoding.descending;
import static dev.cutaway.kv.tuple.TupleEncoding.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named edge cases of {@link TupleEncoding}: the byte layout, orders, and malformed input. */
class TupleEncodingTest {

    private static void assertOrdered(byte[]... encodings) {
        for (int i = 1; i < encodings.length; i++) {
            assertThat(Arrays.compareUnsigned(encodings[i - 1], encodings[i]))
                    .as("encoding %d < encoding %d", i - 1, i).isNegative();
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    @Test
    void layoutMatchesTheHeader() {
        assertThat(hex(encode((Object) null))).isEqualTo("10");
        assertThat(hex(encode(false, true))).isEqualTo("2021");
        assertThat(hex(encode(1L))).isEqualTo("308000000000000001");
        assertThat(hex(encode(-1))).isEqualTo("307FFFFFFFFFFFFFFF");
        assertThat(hex(encode(1.0))).isEqualTo("40BFF0000000000000");
        assertThat(hex(encode("a\0b"))).isEqualTo("506100FF620001");
        assertThat(hex(encode((Object) new byte[] {0}))).isEqualTo("6000FF0001");
        assertThat(hex(encode(descending(1L)))).isEqualTo("CF7FFFFFFFFFFFFFFE");
        assertThat(hex(encode(descending(null)))).isEqualTo("EF");
    }

    @Test
    void longsOrderSignedAcrossTheSignBoundary() {
        assertOrdered(encode(Long.MIN_VALUE), encode(-1L), encode(0L), encode(1L),
                encode(Long.MAX_VALUE));
        assertThat(encode(7)).isEqualTo(encode(7L));
    }

    @Test
    void doublesOrderLikeDoubleCompareWithNegativeZeroAndNaN() {
        assertOrdered(encode(Double.NEGATIVE_INFINITY), encode(-Double.MAX_VALUE),
                encode(-1.0), encode(-Double.MIN_VALUE), encode(-0.0), encode(0.0),
                encode(Double.MIN_VALUE), encode(1.0), encode(Double.MAX_VALUE),
                encode(Double.POSITIVE_INFINITY), encode(Double.NaN));
        double otherNaN = Double.longBitsToDouble(0x7ff0_0000_0000_0001L);
        assertThat(encode(otherNaN)).isEqualTo(encode(Double.NaN));
        assertThat((Double) TupleEncoding.decode(encode(-0.0)).getFirst())
                .isEqualTo(-0.0).matches(d -> 1 / d < 0);
    }

    @Test
    void embeddedZerosKeepStringAndBytesOrder() {
        assertOrdered(encode(""), encode("\0"), encode("\0\0"), encode("\1"), encode("a"),
                encode("a\0"), encode("a\0\1"), encode("a\1"), encode("ab"));
        assertOrdered(encode((Object) new byte[] {}), encode((Object) new byte[] {0}),
                encode((Object) new byte[] {0, (byte) 0xFF}), encode((Object) new byte[] {1}),
                encode((Object) new byte[] {(byte) 0xFF}));
    }

    @Test
    void aStringElementIsNotConfusedWithItsExtensionFollowedByMoreElements() {
        assertOrdered(encode("a"), encode("a", Long.MIN_VALUE), encode("a", "z"),
                encode("a\0"), encode("ab"));
    }

    @Test
    void stringsOrderByCodePointNotUtf16Units() {
        String bmpHigh = "\uFFFF";
        String supplementary = new String(Character.toChars(0x1F600));
        assertThat(bmpHigh.compareTo(supplementary)).isPositive();
        assertOrdered(encode(bmpHigh), encode(supplementary));
        assertThat(TupleEncoding.compare(List.of(bmpHigh), List.of(supplementary))).isNegative();
    }

    @Test
    void prefixSortsFirstAndNullSortsFirstInAnyType() {
        assertOrdered(encode(), encode(1L), encode(1L, null), encode(1L, false),
                encode(1L, 0L), encode(1L, 0.0), encode(1L, ""), encode(1L, (Object) new byte[0]));
    }

    @Test
    void descendingReversesOneElementAndPutsNullLast() {
        assertOrdered(encode("k", descending(9L)), encode("k", descending(2L)),
                encode("k", descending(Long.MIN_VALUE)), encode("k", descending(null)));
        assertOrdered(encode(descending("ab")), encode(descending("a\0")),
                encode(descending("a")), encode(descending("")));
        assertOrdered(encode(descending("a"), 1L), encode(descending("a"), 2L));
        assertThat(TupleEncoding.decode(encode("k", descending(5L))))
                .containsExactly("k", descending(5L));
        assertThat(TupleEncoding.decode(encode(descending(new byte[] {0, 1}))))
                .containsExactly(descending(new byte[] {0, 1}));
    }

    @Test
    void unencodableValuesAreRejectedNamingTheElement() {
        assertThatThrownBy(() -> encode(1L, "\uD800x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 1").hasMessageContaining("surrogate");
        assertThatThrownBy(() -> encode(1L, 2L, new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 2");
        assertThatThrownBy(() -> descending(descending(1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedInputNamesTheOffset() {
        assertMalformed("3080", "offset 1", "8-byte number");
        assertMalformed("10 77", "offset 1", "unknown type tag 0x77");
        assertMalformed("50 61 62", "offset 3", "no 00 01 terminator");
        assertMalformed("50 61 00", "offset 2", "0x00 at the end");
        assertMalformed("50 61 00 02 ", "offset 2", "0x00 followed by 0x02");
        assertMalformed("50 C3 00 01", "offset 0", "not valid UTF-8");
        assertMalformed("AF 9E", "offset 2", "no 00 01 terminator");
        assertThatThrownBy(() -> TupleEncoding.decode(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertMalformed(String hexInput, String offset, String what) {
        byte[] input = HexFormat.of().parseHex(hexInput.replace(" ", ""));
        assertThatThrownBy(() -> TupleEncoding.decode(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed tuple at " + offset)
                .hasMessageContaining(what);
    }

    @Test
    void prefixEndSkipsTrailingFfAndIsNullWhenUnbounded() {
        assertThat(TupleEncoding.prefixEnd(new byte[] {1, (byte) 0xFF, (byte) 0xFF}))
                .containsExactly(2);
        assertThat(TupleEncoding.prefixEnd(new byte[] {(byte) 0xFF})).isNull();
        assertThat(TupleEncoding.prefixEnd(new byte[0])).isNull();
    }
}
