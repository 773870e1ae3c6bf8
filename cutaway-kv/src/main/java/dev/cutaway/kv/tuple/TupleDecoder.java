package dev.cutaway.kv.tuple;

import static dev.cutaway.kv.tuple.TupleEncoding.TAG_BYTES;
import static dev.cutaway.kv.tuple.TupleEncoding.TAG_DOUBLE;
import static dev.cutaway.kv.tuple.TupleEncoding.TAG_FALSE;
import static dev.cutaway.kv.tuple.TupleEncoding.TAG_LONG;
import static dev.cutaway.kv.tuple.TupleEncoding.TAG_NULL;
import static dev.cutaway.kv.tuple.TupleEncoding.TAG_STRING;
import static dev.cutaway.kv.tuple.TupleEncoding.TAG_TRUE;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the layout written by {@link TupleEncoding} (see its header). Each element is read
 * through a mask: 0x00 for an ascending element, 0xFF for a descending one (its tag is
 * &gt; 0x80), so one code path decodes both directions.
 *
 * <p>Invariants: (1) every read is bounds-checked first, so malformed input fails with an
 * {@link IllegalArgumentException} naming the offset, never an index exception; (2) the offset
 * only moves forward and ends exactly at the input's length on success.
 */
final class TupleDecoder {
    private final byte[] in;
    private int offset;
    private int mask;

    private TupleDecoder(byte[] in) {
        this.in = in;
    }

    static List<Object> decode(byte[] encoded) {
        if (encoded == null) {
            throw new IllegalArgumentException("encoded tuple is null");
        }
        TupleDecoder d = new TupleDecoder(encoded);
        List<Object> values = new ArrayList<>();
        while (d.offset < encoded.length) {
            values.add(d.element());
        }
        return TupleEncoding.frozen(values);
    }

    private Object element() {
        int tagOffset = offset;
        int raw = in[offset] & 0xFF;
        mask = raw > 0x80 ? 0xFF : 0x00;
        int tag = raw ^ mask;
        offset++;
        Object value = switch (tag) {
            case TAG_NULL -> null;
            case TAG_FALSE -> Boolean.FALSE;
            case TAG_TRUE -> Boolean.TRUE;
            case TAG_LONG -> readLong() ^ Long.MIN_VALUE;
            case TAG_DOUBLE -> TupleEncoding.fromOrderedBits(readLong());
            case TAG_STRING -> utf8(readEscaped(), tagOffset);
            case TAG_BYTES -> readEscaped();
            default -> throw malformed(tagOffset, String.format("unknown type tag 0x%02X", raw));
        };
        return mask == 0 ? value : new TupleEncoding.Descending(value);
    }

    private int next() {
        return (in[offset++] & 0xFF) ^ mask;
    }

    private long readLong() {
        if (in.length - offset < 8) {
            throw malformed(offset, "an 8-byte number needs " + 8 + " bytes, "
                    + (in.length - offset) + " remain");
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | next();
        }
        return bits;
    }

    private byte[] readEscaped() {
        byte[] out = new byte[16];
        int size = 0;
        while (true) {
            if (offset >= in.length) {
                throw malformed(offset, "string or bytes element has no 00 01 terminator");
            }
            int zeroOffset = offset;
            int b = next();
            if (b == 0) {
                if (offset >= in.length) {
                    throw malformed(zeroOffset, "0x00 at the end without 01 or FF after it");
                }
                int after = next();
                if (after == 0x01) {
                    return Arrays.copyOf(out, size);
                }
                if (after != 0xFF) {
                    throw malformed(zeroOffset, String.format(
                            "0x00 followed by 0x%02X (expected 01 terminator or FF escape)",
                            after));
                }
            }
            if (size == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[size++] = (byte) b;
        }
    }

    private static String utf8(byte[] bytes, int tagOffset) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("malformed tuple at offset " + tagOffset
                    + ": string element is not valid UTF-8", e);
        }
    }

    private static IllegalArgumentException malformed(int offset, String what) {
        return new IllegalArgumentException("malformed tuple at offset " + offset + ": " + what);
    }
}
