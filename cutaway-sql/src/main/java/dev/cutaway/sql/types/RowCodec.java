package dev.cutaway.sql.types;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * A compact binary encoding of one table row (an {@code Object[]} of values with known column
 * types) for storing rows as KV values. Not order-preserving (keys use {@link KeyEncoding});
 * values come back exactly as written (numeric scale, char padding, interval fields).
 *
 * <p>Layout (big-endian; varint = unsigned LEB128, at most 5 bytes for an int):
 * <pre>
 *   [0]         format version, 0x01
 *   varint      column count n
 *   ceil(n/8)   null bitmap: bit (i % 8) of byte (i / 8) set when column i is NULL
 *   then, for each non-null column in order:
 *     smallint 2 · integer 4 · bigint 8 · real 4 (IEEE bits) · double 8 · boolean 1 (0/1)
 *     date 4 (days since 1970-01-01) · time 8 (micros of day)
 *     timestamp, timestamptz 8 (micros since 2000-01-01 00:00 UTC, PostgreSQL's epoch)
 *     interval 4 months · 4 days · 8 micros
 *     numeric  varint zigzag(scale) · varint length · two's-complement unscaled bytes
 *     text, varchar, char, unknown  varint length · UTF-8 bytes
 *     bytea    varint length · bytes
 *     array, int2vector, oidvector  varint zigzag(lower bound) · varint count m ·
 *              ceil(m/8) null bitmap · each non-null element as its element type above
 *     record   varint count m · ceil(m/8) null bitmap · each non-null field by its type
 * </pre>
 * Invariants: (1) {@code decode(encode(row)) } equals the row (by {@code equals}; bytea by
 * content); (2) the encoding ends exactly after the last column — {@link #decode} rejects
 * trailing bytes, a short buffer, an unknown version or a column count that differs from the
 * types with {@link MalformedRowException} naming the offset (the caller adds the file).
 * Bounds: a row has at most {@link #COLUMNS_MAX} columns, a value at most
 * {@link #VALUE_BYTES_MAX} bytes.
 */
public final class RowCodec {
    public static final int FORMAT_VERSION = 1;
    public static final int COLUMNS_MAX = 1600; // PostgreSQL's MaxHeapAttributeNumber
    public static final int VALUE_BYTES_MAX = 64 << 20;

    /** A row encoding that cannot be decoded: bad input, not our bug. */
    public static final class MalformedRowException extends RuntimeException {
        private final int offset;

        MalformedRowException(int offset, String whatIsWrong) {
            super("malformed row at byte " + offset + ": " + whatIsWrong);
            this.offset = offset;
        }

        /** Byte offset in the encoded row where decoding failed. */
        public int offset() {
            return offset;
        }
    }

    private RowCodec() {}

    /** Encodes {@code row}, whose values must be of {@code types}. */
    public static byte[] encode(Object[] row, List<SqlType> types) {
        if (row.length != types.size() || row.length > COLUMNS_MAX) {
            throw new IllegalArgumentException("row of " + row.length + " values for "
                    + types.size() + " columns (at most " + COLUMNS_MAX + ")");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + row.length * 8);
        out.write(FORMAT_VERSION);
        writeVarint(out, row.length);
        byte[] nulls = new byte[(row.length + 7) / 8];
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null) {
                nulls[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        out.writeBytes(nulls);
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                Values.checkRepresentation(row[i], types.get(i));
                writeValue(out, row[i]);
            }
        }
        return out.toByteArray();
    }

    private static void writeValue(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case Short s -> writeLong(out, s, 2);
            case Integer i -> writeLong(out, i, 4);
            case Long l -> writeLong(out, l, 8);
            case Float f -> writeLong(out, Float.floatToRawIntBits(f), 4);
            case Double d -> writeLong(out, Double.doubleToRawLongBits(d), 8);
            case Boolean b -> out.write(b ? 1 : 0);
            case LocalDate d -> writeLong(out, Math.toIntExact(d.toEpochDay()), 4);
            case LocalTime t -> writeLong(out, t.toNanoOfDay() / 1000, 8);
            case LocalDateTime t -> writeLong(out, Values.pgMicros(t), 8);
            case Instant t -> writeLong(out, Values.pgMicros(t), 8);
            case Interval i -> {
                writeLong(out, i.months(), 4);
                writeLong(out, i.days(), 4);
                writeLong(out, i.micros(), 8);
            }
            case BigDecimal d -> {
                writeVarint(out, (d.scale() << 1) ^ (d.scale() >> 31));
                writeBytes(out, d.unscaledValue().toByteArray());
            }
            case String s -> writeBytes(out, utf8(s));
            case Bytea b -> writeBytes(out, b.bytes());
            case SqlArray a -> {
                writeVarint(out, (a.lowerBound() << 1) ^ (a.lowerBound() >> 31));
                writeElements(out, a.elements());
            }
            case SqlRecord r -> writeElements(out, r.values());
            default -> throw new IllegalArgumentException("not a SQL value: " + value);
        }
    }

    private static void writeElements(ByteArrayOutputStream out, List<Object> elements) {
        writeVarint(out, elements.size());
        byte[] nulls = new byte[(elements.size() + 7) / 8];
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) == null) {
                nulls[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        out.writeBytes(nulls);
        for (Object e : elements) {
            if (e != null) {
                writeValue(out, e);
            }
        }
    }

    /** UTF-8 bytes; a string with an unpaired surrogate has none and is refused. */
    private static byte[] utf8(String s) {
        byte[] fast = s.getBytes(StandardCharsets.UTF_8);   // an intrinsic copy when ASCII
        if (fast.length == s.length() && indexOfQuestionMark(fast) < 0) {
            return fast;   // one byte per char and no replacement '?': ASCII, no surrogate
        }
        try {
            java.nio.ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .encode(java.nio.CharBuffer.wrap(s));
            return java.util.Arrays.copyOf(b.array(), b.limit());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("string with an unpaired surrogate has no UTF-8 "
                    + "form", e);
        }
    }

    private static int indexOfQuestionMark(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '?') {
                return i;
            }
        }
        return -1;
    }

    private static void writeBytes(ByteArrayOutputStream out, byte[] bytes) {
        if (bytes.length > VALUE_BYTES_MAX) {
            throw new IllegalArgumentException("value of " + bytes.length + " bytes exceeds "
                    + VALUE_BYTES_MAX);
        }
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeLong(ByteArrayOutputStream out, long value, int width) {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    /** Decodes a row encoded for {@code types}. */
    public static Object[] decode(byte[] encoded, List<SqlType> types) {
        return decode(encoded, types, null);
    }

    /**
     * Decodes the columns of a row that {@code wanted} marks (null: all of them); the others
     * are stepped over (their bytes still checked for length) and come back as null. A scan
     * whose plan reads two of five columns builds no strings for the other three.
     */
    public static Object[] decode(byte[] encoded, List<SqlType> types, boolean[] wanted) {
        return decode(encoded, 0, encoded.length, types, wanted);
    }

    /**
     * {@link #decode(byte[], List, boolean[])} of the row encoded at {@code buf[offset ..
     * offset+length)}, read in place (a scan decodes from its cursor's buffer without copying
     * the value out first). Offsets in errors count from {@code offset}.
     */
    public static Object[] decode(byte[] buf, int offset, int length, List<SqlType> types,
            boolean[] wanted) {
        java.util.Objects.checkFromIndexSize(offset, length, buf.length);
        Reader in = new Reader(buf, offset, offset + length);
        int version = in.u8();
        if (version != FORMAT_VERSION) {
            throw new MalformedRowException(0, "unknown format version " + version);
        }
        int count = in.varint();
        if (count != types.size()) {
            throw new MalformedRowException(1, count + " columns, expected " + types.size());
        }
        int nulls = in.position;   // the bitmap is read in place, not copied
        in.skip((count + 7) / 8);
        Object[] row = new Object[count];
        for (int i = 0; i < count; i++) {
            if ((buf[nulls + i / 8] & (1 << (i % 8))) == 0) {
                int start = in.position;
                if (wanted != null && !wanted[i]) {
                    skipValue(in, types.get(i));
                    continue;
                }
                try {
                    row[i] = readValue(in, types.get(i));
                } catch (java.time.DateTimeException | ArithmeticException
                        | NumberFormatException e) {
                    throw new MalformedRowException(start - offset,
                            "column " + i + ": " + e.getMessage());
                }
            }
        }
        if (in.position != in.end) {
            throw new MalformedRowException(in.position - offset, (in.end - in.position)
                    + " trailing bytes");
        }
        return row;
    }

    /** Steps over one value of {@code type} without building it. */
    private static void skipValue(Reader in, SqlType type) {
        switch (type.id()) {
            case BOOLEAN -> in.skip(1);
            case SMALLINT -> in.skip(2);
            case INTEGER, REAL, DATE -> in.skip(4);
            case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ -> in.skip(8);
            case INTERVAL -> in.skip(16);
            case NUMERIC -> {
                in.varint();
                in.skip(in.valueLength());
            }
            case TEXT, VARCHAR, CHAR, UNKNOWN, BYTEA -> in.skip(in.valueLength());
            default -> readValue(in, type);   // a type without a skip of its own: decode, drop
        }
    }

    private static Object readValue(Reader in, SqlType type) {
        return switch (type.id()) {
            case SMALLINT -> (short) in.fixed(2);
            case INTEGER -> (int) in.fixed(4);
            case BIGINT -> in.fixed(8);
            case REAL -> Float.intBitsToFloat((int) in.fixed(4));
            case DOUBLE -> Double.longBitsToDouble(in.fixed(8));
            case BOOLEAN -> in.u8() != 0;
            case DATE -> LocalDate.ofEpochDay((int) in.fixed(4));
            case TIME -> LocalTime.ofNanoOfDay(in.fixed(8) * 1000);
            case TIMESTAMP -> Values.timestampOfPgMicros(in.fixed(8));
            case TIMESTAMPTZ -> Values.instantOfPgMicros(in.fixed(8));
            case INTERVAL -> new Interval((int) in.fixed(4), (int) in.fixed(4), in.fixed(8));
            case NUMERIC -> {
                int zigzag = in.varint();
                int scale = (zigzag >>> 1) ^ -(zigzag & 1);
                yield new BigDecimal(new BigInteger(in.lengthPrefixed()), scale);
            }
            case TEXT, VARCHAR, CHAR, UNKNOWN -> in.string();
            case BYTEA -> Bytea.wrap(in.lengthPrefixed());
            case ARRAY, INT2VECTOR, OIDVECTOR -> {
                int zigzag = in.varint();
                int lower = (zigzag >>> 1) ^ -(zigzag & 1);
                yield new SqlArray(lower, readElements(in, null, type.elementType()));
            }
            case RECORD -> new SqlRecord(readElements(in, type.fields(), null));
        };
    }

    /** Elements of one type, or (with {@code fields}) one per field. */
    private static List<Object> readElements(Reader in, List<SqlType.Field> fields,
            SqlType element) {
        int count = in.varint();
        if (count < 0 || count > SqlArray.ELEMENTS_MAX
                || (fields != null && count != fields.size())) {
            throw new MalformedRowException(in.position - in.start, "element count " + count);
        }
        byte[] nulls = in.bytes((count + 7) / 8);
        List<Object> out = new java.util.ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            boolean isNull = (nulls[i / 8] & (1 << (i % 8))) != 0;
            out.add(isNull ? null
                    : readValue(in, fields == null ? element : fields.get(i).type()));
        }
        return out;
    }

    /** A bounds-checked cursor over an encoded row at {@code bytes[start .. end)}. */
    private static final class Reader {
        private final byte[] bytes;
        private final int start;
        private final int end;
        private int position;

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            this.position = start;
        }

        private void need(int n) {
            if (n < 0 || n > end - position) {
                throw new MalformedRowException(position - start, "needs " + n + " bytes, has "
                        + (end - position));
            }
        }

        int u8() {
            need(1);
            return bytes[position++] & 0xFF;
        }

        long fixed(int width) {
            need(width);
            long v = 0;
            for (int i = 0; i < width; i++) {
                v = v << 8 | (bytes[position++] & 0xFF);
            }
            return width == 8 ? v : (v << (64 - width * 8)) >> (64 - width * 8);
        }

        int varint() {
            int result = 0;
            for (int shift = 0; shift < 35; shift += 7) {
                int b = u8();
                result |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new MalformedRowException(position - start, "varint longer than 5 bytes");
        }

        byte[] bytes(int n) {
            need(n);
            byte[] out = java.util.Arrays.copyOfRange(bytes, position, position + n);
            position += n;
            return out;
        }

        void skip(int n) {
            need(n);
            position += n;
        }

        /** A length-prefixed UTF-8 string, decoded straight from the row (no copy). */
        String string() {
            int length = valueLength();
            need(length);
            String s = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }

        int valueLength() {
            int length = varint();
            if (length > VALUE_BYTES_MAX) {
                throw new MalformedRowException(position - start, "value length " + length);
            }
            return length;
        }

        byte[] lengthPrefixed() {
            int length = varint();
            if (length > VALUE_BYTES_MAX) {
                throw new MalformedRowException(position - start, "value length " + length);
            }
            return bytes(length);
        }
    }
}
