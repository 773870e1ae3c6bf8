package dev.cutaway.kv.tuple;

import dev.cutaway.check.Invariants;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Order-preserving encoding of tuples of typed values into byte[] keys (DESIGN.md: "keys are
 * encoded order-preservingly so SQL rows, index entries and MVCC versions are all plain keys").
 * {@link Arrays#compareUnsigned(byte[], byte[])} on two encodings has the sign of
 * {@link #compare(List, List)} on the tuples.
 *
 * <p>Element types: {@code null}, {@link Boolean}, {@link Long} (an {@link Integer} is encoded
 * as a long and decodes as a {@link Long}), {@link Double}, {@link String}, {@code byte[]}, and
 * {@link Descending} wrapping one of those (that element sorts in reverse).
 *
 * <p>Byte layout: a tuple is the concatenation of its elements' encodings, with no header and
 * no terminator (so a tuple's encoding is a byte prefix of its extensions' and sorts first).
 * An ascending element is a tag byte and a body:
 * <pre>
 *   0x10 null                    (no body)
 *   0x20 false, 0x21 true        (no body)
 *   0x30 long    8 bytes big-endian, sign bit flipped (so MIN_VALUE is 00.. and -1 is 7F FF..)
 *   0x40 double  8 bytes big-endian of bits = doubleToLongBits(d) (NaN made canonical), then
 *                bits &lt; 0 (negative) ? ~bits : bits ^ 0x8000000000000000
 *   0x50 string  UTF-8 bytes, each 0x00 written as 00 FF, then the terminator 00 01
 *   0x60 bytes   the bytes, each 0x00 written as 00 FF, then the terminator 00 01
 * </pre>
 * A descending element is the bitwise complement of every byte of its ascending encoding, tag
 * included (so descending tags are 0x9F..0xEF and a decoder knows the direction from the tag).
 *
 * <p>The order this realises (what {@link #compare} computes):
 * <ol>
 *   <li>Element by element; a tuple that is a prefix of another sorts first.</li>
 *   <li>Different types order by tag: null &lt; boolean &lt; long &lt; double &lt; string
 *       &lt; bytes (a long and a double never compare numerically). Every ascending element
 *       sorts before every descending one at the same position.</li>
 *   <li>Doubles order like {@link Double#compare}: -Infinity &lt; ... &lt; -0.0 &lt; 0.0 &lt;
 *       ... &lt; +Infinity &lt; NaN, all NaNs equal (they decode as the canonical NaN).</li>
 *   <li>Strings order by Unicode code point (= UTF-8 byte order), which differs from
 *       {@link String#compareTo} (UTF-16 units) for characters above U+FFFF. A string with an
 *       unpaired surrogate cannot be encoded in UTF-8 and is rejected.</li>
 *   <li>Byte strings order unsigned-lexicographically.</li>
 *   <li>A descending element reverses 2-5 for its position (so a descending null sorts last).</li>
 * </ol>
 *
 * <p>Invariants: (1) the encoding of one element is never a byte prefix of the encoding of a
 * different element (fixed-width bodies; string bodies end at 00 01 and contain 00 only before
 * FF) — this is why complementing an element reverses its order; (2) decode(encode(t)) equals
 * t (byte arrays by content, Integers as Longs, NaNs canonical); (3) ascending tags are
 * &lt; 0x80, descending tags &gt; 0x80, and no tag is 0x00 or 0xFF.
 */
public final class TupleEncoding {
    static final int TAG_NULL = 0x10;
    static final int TAG_FALSE = 0x20;
    static final int TAG_TRUE = 0x21;
    static final int TAG_LONG = 0x30;
    static final int TAG_DOUBLE = 0x40;
    static final int TAG_STRING = 0x50;
    static final int TAG_BYTES = 0x60;
    private static final int ESCAPE = 0xFF;
    private static final int TERMINATOR = 0x01;

    /**
     * An element that sorts in reverse (e.g. a commit timestamp, newest first). Equality
     * compares a wrapped byte[] by content.
     */
    public record Descending(Object value) {
        public Descending {
            if (value instanceof Descending) {
                throw new IllegalArgumentException("Descending cannot wrap Descending");
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Descending d && Objects.deepEquals(value, d.value);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(new Object[] {value});
        }
    }

    private TupleEncoding() {}

    /** Wraps {@code value} so that it sorts in reverse within its tuple position. */
    public static Descending descending(Object value) {
        return new Descending(value);
    }

    /** Encodes a tuple; see the class comment for types and layout. */
    public static byte[] encode(Object... elements) {
        return encode(Arrays.asList(elements));
    }

    /** Encodes a tuple; see the class comment for types and layout. */
    public static byte[] encode(List<?> elements) {
        Sink sink = new Sink(16 + 12 * elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Object e = elements.get(i);
            if (e instanceof Descending(Object inner)) {
                int start = sink.size;
                appendAscending(sink, inner, i);
                sink.complementFrom(start);
            } else {
                appendAscending(sink, e, i);
            }
        }
        return sink.toArray();
    }

    /**
     * {@code encode(value)} of the one-element tuple of a long, built straight into an array of
     * its exact size (a table's key prefix is made per statement).
     */
    public static byte[] encodeLong(long value) {
        byte[] out = new byte[9];
        out[0] = (byte) TAG_LONG;
        long bits = value ^ Long.MIN_VALUE;
        for (int i = 8; i >= 1; i--) {
            out[i] = (byte) bits;
            bits >>>= 8;
        }
        return out;
    }

    /**
     * {@code encode((Object) bytes)}, the one-element tuple of a byte string, built straight
     * into an array of its exact size (the MVCC layer escapes a user key per read).
     */
    public static byte[] encodeBytes(byte[] bytes) {
        int zeros = 0;
        for (byte b : bytes) {
            if (b == 0) {
                zeros++;
            }
        }
        byte[] out = new byte[bytes.length + zeros + 3];
        out[0] = (byte) TAG_BYTES;
        int at = 1;
        if (zeros == 0) {
            System.arraycopy(bytes, 0, out, 1, bytes.length);
            at += bytes.length;
        } else {
            for (byte b : bytes) {
                out[at++] = b;
                if (b == 0) {
                    out[at++] = (byte) ESCAPE;
                }
            }
        }
        out[at] = 0;
        out[at + 1] = TERMINATOR;
        return out;
    }

    private static void appendAscending(Sink sink, Object value, int index) {
        switch (value) {
            case null -> sink.put(TAG_NULL);
            case Boolean b -> sink.put(b ? TAG_TRUE : TAG_FALSE);
            case Long l -> appendLong(sink, TAG_LONG, l ^ Long.MIN_VALUE);
            case Integer n -> appendLong(sink, TAG_LONG, n.longValue() ^ Long.MIN_VALUE);
            case Double d -> appendLong(sink, TAG_DOUBLE, orderedBits(d));
            case String s -> appendEscaped(sink, TAG_STRING, utf8(s, index));
            case byte[] bytes -> appendEscaped(sink, TAG_BYTES, bytes);
            default -> throw new IllegalArgumentException("tuple element " + index
                    + " has unsupported type " + value.getClass().getName());
        }
    }

    private static void appendLong(Sink sink, int tag, long bits) {
        sink.put(tag);
        for (int shift = 56; shift >= 0; shift -= 8) {
            sink.put((int) (bits >>> shift) & 0xFF);
        }
    }

    private static void appendEscaped(Sink sink, int tag, byte[] bytes) {
        byte[] out = sink.reserve(2 * bytes.length + 3);   // the worst case: all zeros
        int at = sink.size;
        out[at++] = (byte) tag;
        for (byte b : bytes) {
            out[at++] = b;
            if (b == 0) {
                out[at++] = (byte) ESCAPE;
            }
        }
        out[at++] = 0;
        out[at++] = (byte) TERMINATOR;
        sink.size = at;
    }

    /** IEEE-754 bits rearranged so that unsigned order equals {@link Double#compare}. */
    static long orderedBits(double d) {
        long bits = Double.doubleToLongBits(d);
        return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    }

    static double fromOrderedBits(long ordered) {
        long bits = ordered < 0 ? ordered ^ Long.MIN_VALUE : ~ordered;
        return Double.longBitsToDouble(bits);
    }

    private static byte[] utf8(String s, int index) {
        try {
            ByteBuffer out = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
            return Arrays.copyOfRange(out.array(), out.position(), out.limit());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("tuple element " + index
                    + " is a string with an unpaired surrogate; it has no UTF-8 encoding", e);
        }
    }

    /**
     * Decodes an encoding made by {@link #encode}. Descending elements come back wrapped in
     * {@link Descending}; longs as {@link Long}. Malformed input throws
     * {@link IllegalArgumentException} naming the offset of the problem.
     */
    public static List<Object> decode(byte[] encoded) {
        return TupleDecoder.decode(encoded);
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}: the bound that
     * makes [prefix, prefixEnd(prefix)) the range of all its extensions. Null when there is
     * none (prefix empty or all 0xFF), meaning "unbounded".
     */
    public static byte[] prefixEnd(byte[] prefix) {
        int last = prefix.length - 1;
        while (last >= 0 && prefix[last] == (byte) 0xFF) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        byte[] end = Arrays.copyOf(prefix, last + 1);
        end[last]++;
        return end;
    }

    /** The tuple order the encoding realises; see the class comment. */
    public static int compare(List<?> a, List<?> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compareElements(a.get(i), b.get(i), i);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareElements(Object x, Object y, int index) {
        boolean xDescending = x instanceof Descending;
        boolean yDescending = y instanceof Descending;
        if (xDescending != yDescending) {
            return xDescending ? 1 : -1;
        }
        if (xDescending) {
            return -compareAscending(((Descending) x).value(), ((Descending) y).value(), index);
        }
        return compareAscending(x, y, index);
    }

    private static int compareAscending(Object x, Object y, int index) {
        int tagX = tagOf(x, index);
        int tagY = tagOf(y, index);
        if (tagX != tagY) {
            return Integer.compare(tagX, tagY);
        }
        return switch (x) {
            case null -> 0;
            case Boolean b -> 0; // the tag already holds the value
            case Long l -> Long.compare(l, ((Number) y).longValue());
            case Integer n -> Long.compare(n, ((Number) y).longValue());
            case Double d -> Double.compare(d, (Double) y);
            case String s -> Arrays.compareUnsigned(utf8(s, index), utf8((String) y, index));
            case byte[] bytes -> Arrays.compareUnsigned(bytes, (byte[]) y);
            default -> throw Invariants.violation("TupleEncoding tagOf accepted a type",
                    x.getClass().getName());
        };
    }

    private static int tagOf(Object value, int index) {
        return switch (value) {
            case null -> TAG_NULL;
            case Boolean b -> b ? TAG_TRUE : TAG_FALSE;
            case Long l -> TAG_LONG;
            case Integer n -> TAG_LONG;
            case Double d -> TAG_DOUBLE;
            case String s -> TAG_STRING;
            case byte[] bytes -> TAG_BYTES;
            default -> throw new IllegalArgumentException("tuple element " + index
                    + " has unsupported type " + value.getClass().getName());
        };
    }

    /** A growable byte buffer, bounded by what a Java array can hold. */
    private static final class Sink {
        private byte[] bytes;
        private int size;

        Sink(int capacity) {
            bytes = new byte[capacity];
        }

        void put(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(16, bytes.length * 2));
            }
            bytes[size++] = (byte) b;
        }

        /** The buffer, with room for {@code more} bytes after {@code size}. */
        byte[] reserve(int more) {
            if (bytes.length - size < more) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
            return bytes;
        }

        void complementFrom(int start) {
            for (int i = start; i < size; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** Unmodifiable list view that permits null elements. */
    static List<Object> frozen(List<Object> values) {
        return Collections.unmodifiableList(new ArrayList<>(values));
    }
}
