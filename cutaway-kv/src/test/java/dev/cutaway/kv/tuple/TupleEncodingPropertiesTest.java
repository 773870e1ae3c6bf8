package dev.cutaway.kv.tuple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link TupleEncoding}: unsigned byte order of encodings is the tuple order,
 * decode inverts encode, and malformed input fails cleanly. Elements come from small alphabets
 * (zeros, 0xFF, code points around U+FFFF) so that ties and embedded zeros are common. jqwik
 * prints the seed of a failing run; {@code @Property(seed = "...")} replays it.
 */
class TupleEncodingPropertiesTest {

    @Property(tries = 2000)
    void byteOrderIsTupleOrder(@ForAll("tuples") List<Object> prefix,
            @ForAll("tuples") List<Object> suffixA, @ForAll("tuples") List<Object> suffixB) {
        List<Object> a = concat(prefix, suffixA);
        List<Object> b = concat(prefix, suffixB);
        int expected = Integer.signum(TupleEncoding.compare(a, b));
        int actual = Integer.signum(
                Arrays.compareUnsigned(TupleEncoding.encode(a), TupleEncoding.encode(b)));
        assertThat(actual).as("a=%s b=%s", show(a), show(b)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void oneElementEncodersEqualTheGeneralOne(@ForAll long value, @ForAll byte[] bytes) {
        assertThat(TupleEncoding.encodeLong(value)).isEqualTo(TupleEncoding.encode(value));
        assertThat(TupleEncoding.encodeBytes(bytes))
                .isEqualTo(TupleEncoding.encode((Object) bytes));
        byte[] zeros = new byte[bytes.length % 5];   // all zeros: every byte escaped
        assertThat(TupleEncoding.encodeBytes(zeros))
                .isEqualTo(TupleEncoding.encode((Object) zeros));
    }

    @Property(tries = 1000)
    void decodeInvertsEncode(@ForAll("tuples") List<Object> tuple) {
        byte[] encoded = TupleEncoding.encode(tuple);
        List<Object> decoded = TupleEncoding.decode(encoded);
        assertThat(decoded).hasSameSizeAs(tuple);
        assertThat(TupleEncoding.compare(decoded, tuple)).as(show(tuple)).isZero();
        for (Object e : decoded) {
            Object inner = e instanceof TupleEncoding.Descending(Object v) ? v : e;
            assertThat(inner instanceof Integer).as("Integer decodes as Long").isFalse();
        }
        assertThat(TupleEncoding.encode(decoded)).isEqualTo(encoded);
    }

    @Property(tries = 1000)
    void prefixEndBoundsEveryExtension(@ForAll("tuples") List<Object> prefix,
            @ForAll("tuples") List<Object> suffix, @ForAll("tuples") List<Object> other) {
        byte[] p = TupleEncoding.encode(prefix);
        byte[] end = TupleEncoding.prefixEnd(p);
        byte[] extended = TupleEncoding.encode(concat(prefix, suffix));
        byte[] o = TupleEncoding.encode(other);
        if (end != null) {
            assertThat(Arrays.compareUnsigned(extended, end)).isNegative();
            boolean inRange = Arrays.compareUnsigned(o, p) >= 0
                    && Arrays.compareUnsigned(o, end) < 0;
            boolean hasPrefix = o.length >= p.length
                    && Arrays.equals(o, 0, p.length, p, 0, p.length);
            assertThat(inRange).isEqualTo(hasPrefix);
        }
    }

    @Property(tries = 3000)
    void arbitraryBytesDecodeOrFailWithAnOffset(@ForAll("garbage") byte[] input) {
        try {
            List<Object> decoded = TupleEncoding.decode(input);
            assertThat(TupleEncoding.encode(decoded)).isEqualTo(input);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("malformed tuple at offset ");
        }
    }

    @Property(tries = 500)
    void truncatedEncodingsFailWithAnOffset(@ForAll("tuples") List<Object> tuple) {
        byte[] encoded = TupleEncoding.encode(tuple);
        for (int cut = 1; cut < encoded.length; cut++) {
            byte[] truncated = Arrays.copyOf(encoded, cut);
            try {
                TupleEncoding.decode(truncated);
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).startsWith("malformed tuple at offset ");
            }
        }
        if (encoded.length > 0) {
            byte[] withUnknownTag = Arrays.copyOf(encoded, encoded.length + 1);
            withUnknownTag[encoded.length] = (byte) 0x80;
            assertThatThrownBy(() -> TupleEncoding.decode(withUnknownTag))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("offset " + encoded.length);
        }
    }

    @Provide
    Arbitrary<List<Object>> tuples() {
        return element().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<Byte> interesting = Arbitraries.of((byte) 0x00, (byte) 0x01, (byte) 0xFF,
                (byte) 0x10, (byte) 0x21, (byte) 0x30, (byte) 0x50, (byte) 0x60, (byte) 0xAF,
                (byte) 0x9F, (byte) 0xC3, (byte) 0x80);
        return Arbitraries.oneOf(interesting, Arbitraries.bytes())
                .list().ofMaxSize(24)
                .map(TupleEncodingPropertiesTest::toArray);
    }

    private static Arbitrary<Object> element() {
        Arbitrary<Object> plain = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false),
                Arbitraries.longs().edgeCases(c -> c.add(Long.MIN_VALUE, Long.MAX_VALUE, 0L))
                        .map(l -> (Object) l),
                Arbitraries.integers().between(-3, 3).map(i -> (Object) i),
                Arbitraries.longs().between(-3, 3).map(l -> (Object) l),
                doubles(),
                strings(),
                bytes());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, plain),
                net.jqwik.api.Tuple.of(1, plain.map(TupleEncoding::descending)));
    }

    private static Arbitrary<Object> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.of(0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE,
                        Double.MAX_VALUE, -Double.MAX_VALUE,
                        Double.longBitsToDouble(0x7ff0_0000_0000_0001L)),
                Arbitraries.doubles().map(d -> (Object) d));
    }

    private static Arbitrary<Object> strings() {
        Arbitrary<Integer> codePoints = Arbitraries.of(0, 1, (int) 'a', (int) 'b', 0x7F, 0xE9,
                0xFFFF, 0xE000, 0x10000, 0x1F600);
        return codePoints.list().ofMaxSize(5).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    private static Arbitrary<Object> bytes() {
        return Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF)
                .list().ofMaxSize(5).map(TupleEncodingPropertiesTest::toArray);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    private static List<Object> concat(List<Object> a, List<Object> b) {
        List<Object> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String show(List<Object> tuple) {
        List<String> parts = new ArrayList<>();
        for (Object e : tuple) {
            parts.add(e instanceof byte[] b ? Arrays.toString(b) : String.valueOf(e));
        }
        return parts.toString();
    }
}
