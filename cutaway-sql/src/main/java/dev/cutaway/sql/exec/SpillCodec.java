package dev.cutaway.sql.exec;

import dev.cutaway.sql.types.Bytea;
import dev.cutaway.sql.types.Interval;
import dev.cutaway.sql.types.SqlArray;
import dev.cutaway.sql.types.SqlRecord;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The encoding of rows in spill files: self-describing (a tag byte per value), because spilled
 * rows carry values whose Java class, not a declared column type, is what matters — hidden
 * sort columns, partially computed keys, values of UNKNOWN-typed columns. Every SQL value class
 * ({@code dev.cutaway.sql.types.Values}) round-trips exactly, NULL included; spill files live
 * only for one statement, so there is no version byte.
 *
 * <p>Record layout (big-endian): {@code u32 length of the rest · u16 value count n ·} then per
 * value a tag and its payload:
 * <pre>
 *   0 NULL · 1 smallint 2 · 2 integer 4 · 3 bigint 8 · 4 real 4 (raw IEEE bits) ·
 *   5 double 8 (raw bits) · 6 false · 7 true · 8 date 8 (epoch day) ·
 *   9 time 8 (nanos of day) · 10 timestamp 8 epoch seconds · 4 nanos ·
 *   11 timestamptz 8 epoch seconds · 4 nanos · 12 interval 4 months · 4 days · 8 micros ·
 *   13 numeric 4 scale · 4 length · unscaled two's-complement bytes ·
 *   14 text 4 length n · n UTF-16 code units of 2 bytes · 15 bytea 4 length · bytes ·
 *   16 array 4 lower bound · 4 count m · m values · 17 record 4 count m · m values
 * </pre>
 * Text is stored as UTF-16 code units rather than UTF-8 so that every Java string, even one
 * with an unpaired surrogate made by an expression, comes back identical.
 */
final class SpillCodec {
    private SpillCodec() {}

    /** Appends one record for {@code row} to {@code out}. */
    static void write(ByteArrayOutputStream out, Object[] row) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 + row.length * 9);
        writeInt(body, row.length, 2);
        for (Object v : row) {
            writeValue(body, v);
        }
        writeInt(out, body.size(), 4);
        out.writeBytes(body.toByteArray());
    }

    private static void writeValue(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case null -> out.write(0);
            case Short s -> tagged(out, 1, s, 2);
            case Integer i -> tagged(out, 2, i, 4);
            case Long l -> tagged(out, 3, l, 8);
            case Float f -> tagged(out, 4, Float.floatToRawIntBits(f), 4);
            case Double d -> tagged(out, 5, Double.doubleToRawLongBits(d), 8);
            case Boolean b -> out.write(b ? 7 : 6);
            case LocalDate d -> tagged(out, 8, d.toEpochDay(), 8);
            case LocalTime t -> tagged(out, 9, t.toNanoOfDay(), 8);
            case LocalDateTime t -> {
                tagged(out, 10, t.toEpochSecond(java.time.ZoneOffset.UTC), 8);
                writeInt(out, t.getNano(), 4);
            }
            case Instant t -> {
                tagged(out, 11, t.getEpochSecond(), 8);
                writeInt(out, t.getNano(), 4);
            }
            case Interval i -> {
                tagged(out, 12, i.months(), 4);
                writeInt(out, i.days(), 4);
                writeInt(out, i.micros(), 8);
            }
            case BigDecimal d -> {
                tagged(out, 13, d.scale(), 4);
                bytes(out, d.unscaledValue().toByteArray());
            }
            case String s -> {
                out.write(14);
                writeInt(out, s.length(), 4);
                for (int i = 0; i < s.length(); i++) {
                    writeInt(out, s.charAt(i), 2);
                }
            }
            case Bytea b -> {
                out.write(15);
                bytes(out, b.toByteArray());
            }
            case SqlArray a -> {
                tagged(out, 16, a.lowerBound(), 4);
                writeInt(out, a.length(), 4);
                for (Object e : a.elements()) {
                    writeValue(out, e);
                }
            }
            case SqlRecord r -> {
                tagged(out, 17, r.values().size(), 4);
                for (Object e : r.values()) {
                    writeValue(out, e);
                }
            }
            default -> throw new IllegalArgumentException("cannot spill a "
                    + value.getClass().getName());
        }
    }

    private static void tagged(ByteArrayOutputStream out, int tag, long value, int width) {
        out.write(tag);
        writeInt(out, value, width);
    }

    private static void bytes(ByteArrayOutputStream out, byte[] b) {
        writeInt(out, b.length, 4);
        out.writeBytes(b);
    }

    private static void writeInt(ByteArrayOutputStream out, long value, int width) {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
    }

    /** Decodes one record body (after its length prefix); {@code in} holds exactly the body. */
    static Object[] read(ByteBuffer in) {
        Object[] row = new Object[in.getShort() & 0xFFFF];
        for (int i = 0; i < row.length; i++) {
            row[i] = readValue(in);
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException("spill record with " + in.remaining()
                    + " trailing bytes");
        }
        return row;
    }

    private static Object readValue(ByteBuffer in) {
        int tag = in.get();
        return switch (tag) {
            case 0 -> null;
            case 1 -> in.getShort();
            case 2 -> in.getInt();
            case 3 -> in.getLong();
            case 4 -> Float.intBitsToFloat(in.getInt());
            case 5 -> Double.longBitsToDouble(in.getLong());
            case 6 -> Boolean.FALSE;
            case 7 -> Boolean.TRUE;
            case 8 -> LocalDate.ofEpochDay(in.getLong());
            case 9 -> LocalTime.ofNanoOfDay(in.getLong());
            case 10 -> LocalDateTime.ofEpochSecond(in.getLong(), in.getInt(),
                    java.time.ZoneOffset.UTC);
            case 11 -> Instant.ofEpochSecond(in.getLong(), in.getInt());
            case 12 -> new Interval(in.getInt(), in.getInt(), in.getLong());
            case 13 -> {
                int scale = in.getInt();
                yield new BigDecimal(new BigInteger(bytes(in)), scale);
            }
            case 14 -> {
                char[] chars = new char[in.getInt()];
                in.asCharBuffer().get(chars);
                in.position(in.position() + chars.length * 2);
                yield new String(chars);
            }
            case 15 -> Bytea.of(bytes(in));
            case 16 -> {
                int lower = in.getInt();
                yield new SqlArray(lower, readValues(in));
            }
            case 17 -> new SqlRecord(readValues(in));
            default -> throw new IllegalStateException("unknown spill value tag " + tag);
        };
    }

    private static java.util.List<Object> readValues(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalStateException("spilled array of " + count + " values");
        }
        java.util.List<Object> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(readValue(in));
        }
        return out;
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }
}
