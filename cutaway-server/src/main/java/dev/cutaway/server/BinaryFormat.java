package dev.cutaway.server;

import dev.cutaway.sql.types.Bytea;
import dev.cutaway.sql.types.DateTimeText;
import dev.cutaway.sql.types.Interval;
import dev.cutaway.sql.types.SqlArray;
import dev.cutaway.sql.types.SqlRecord;
import dev.cutaway.sql.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;

/**
 * PostgreSQL's binary formats (typsend/typreceive) for the common types, and each type's
 * RowDescription attributes (typlen, typmod).
 *
 * <p>Layouts (big-endian): int2/int4/int8 two's complement; float4/float8 IEEE 754; bool one
 * byte 0/1; date Int32 days since 2000-01-01; time Int64 µs since midnight; timestamp and
 * timestamptz Int64 µs since 2000-01-01 00:00 (UTC for timestamptz); interval Int64 µs,
 * Int32 days, Int32 months; numeric Int16 ndigits, Int16 weight, Int16 sign (0x0000 +,
 * 0x4000 -, 0xC000 NaN), Int16 dscale, then ndigits base-10000 digits, the first multiplying
 * 10000^weight; text types are their UTF-8 bytes; bytea its bytes; uuid 16 bytes.
 *
 * <p>Incoming binary parameters are turned into their text form, because the SQL layer types
 * parameters by their use, like untyped literals ({@code Session.executeOne(sql, params)}).
 */
final class BinaryFormat {
    static final LocalDate EPOCH_DATE = LocalDate.of(2000, 1, 1);
    static final LocalDateTime EPOCH = EPOCH_DATE.atStartOfDay();
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

    private BinaryFormat() {}

    /** pg_type.typlen: fixed size in bytes, -1 for varlena, -2 for C strings. */
    static int typlen(SqlType type) {
        return switch (type.id()) {
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE -> 4;
            case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
            case BOOLEAN -> 1;
            case INTERVAL -> 16;
            case UNKNOWN -> -2;
            default -> -1;
        };
    }

    /** The attribute type modifier RowDescription carries (-1 when none). */
    static int typmod(SqlType type) {
        return switch (type.id()) {
            case VARCHAR, CHAR -> type.precision() < 0 ? -1 : type.precision() + 4;
            case NUMERIC -> type.precision() < 0 ? -1
                    : ((type.precision() << 16) | type.scale()) + 4;
            case TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> type.precision();
            default -> -1;
        };
    }

    /** The binary form of a non-null value; 0A000 for a type without one here. */
    static byte[] encode(Object value, SqlType type) {
        return switch (type.id()) {
            case SMALLINT -> ByteBuffer.allocate(2).putShort((Short) value).array();
            case INTEGER -> ByteBuffer.allocate(4).putInt((Integer) value).array();
            case BIGINT -> ByteBuffer.allocate(8).putLong((Long) value).array();
            case REAL -> ByteBuffer.allocate(4).putFloat((Float) value).array();
            case DOUBLE -> ByteBuffer.allocate(8).putDouble((Double) value).array();
            case BOOLEAN -> new byte[] {(byte) ((Boolean) value ? 1 : 0)};
            case TEXT, VARCHAR, CHAR, UNKNOWN -> ((String) value).getBytes(StandardCharsets.UTF_8);
            case BYTEA -> ((Bytea) value).toByteArray();
            case DATE -> ByteBuffer.allocate(4)
                    .putInt((int) ChronoUnit.DAYS.between(EPOCH_DATE, (LocalDate) value)).array();
            case TIME -> ByteBuffer.allocate(8)
                    .putLong(((LocalTime) value).toNanoOfDay() / 1000).array();
            case TIMESTAMP -> ByteBuffer.allocate(8)
                    .putLong(ChronoUnit.MICROS.between(EPOCH, (LocalDateTime) value)).array();
            case TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(
                    EPOCH.toInstant(ZoneOffset.UTC), (Instant) value)).array();
            case INTERVAL -> {
                Interval i = (Interval) value;
                yield ByteBuffer.allocate(16).putLong(i.micros()).putInt(i.days())
                        .putInt(i.months()).array();
            }
            case NUMERIC -> encodeNumeric((BigDecimal) value);
            case ARRAY, INT2VECTOR, OIDVECTOR -> encodeArray((SqlArray) value, type);
            case RECORD -> encodeRecord((SqlRecord) value, type);
        };
    }

    /**
     * PostgreSQL's array_send (ADR 0028): int32 dimensions (0 when empty, else 1) · int32
     * has-nulls flag · int32 element type OID · per dimension int32 length and int32 lower
     * bound · per element int32 byte length (-1 for NULL) and the element's binary form.
     */
    static byte[] encodeArray(SqlArray value, SqlType type) {
        SqlType element = type.elementType();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean empty = value.length() == 0;
        writeInt(out, empty ? 0 : 1);
        writeInt(out, value.elements().contains(null) ? 1 : 0);
        writeInt(out, element.oid());
        if (!empty) {
            writeInt(out, value.length());
            writeInt(out, value.lowerBound());
        }
        for (Object e : value.elements()) {
            writeCell(out, e, element);
        }
        return out.toByteArray();
    }

    /** record_send: int32 field count · per field int32 type OID, int32 length, bytes. */
    static byte[] encodeRecord(SqlRecord value, SqlType type) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writeInt(out, value.values().size());
        for (int i = 0; i < value.values().size(); i++) {
            SqlType field = type.fields().get(i).type();
            writeInt(out, field.oid());
            writeCell(out, value.get(i), field);
        }
        return out.toByteArray();
    }

    private static void writeCell(java.io.ByteArrayOutputStream out, Object value,
            SqlType type) {
        if (value == null) {
            writeInt(out, -1);
            return;
        }
        byte[] bytes = encode(value, type);
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(java.io.ByteArrayOutputStream out, int v) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }

    static byte[] encodeNumeric(BigDecimal value) {
        int dscale = Math.max(value.scale(), 0);
        BigInteger unscaled = value.setScale(dscale).unscaledValue().abs();
        // Pad the fraction to a multiple of 4 digits so base-10000 groups align at the point.
        int fracGroups = (dscale + 3) / 4;
        unscaled = unscaled.multiply(BigInteger.TEN.pow(fracGroups * 4 - dscale));
        java.util.ArrayDeque<Short> digits = new java.util.ArrayDeque<>();
        while (unscaled.signum() > 0) {
            BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
            digits.addFirst(qr[1].shortValue());
            unscaled = qr[0];
        }
        int weight = digits.size() - fracGroups - 1;
        while (!digits.isEmpty() && digits.peekLast() == 0) {
            digits.removeLast();
        }
        while (!digits.isEmpty() && digits.peekFirst() == 0) {
            digits.removeFirst();
            weight--;
        }
        if (digits.isEmpty()) {
            weight = 0;
        }
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * digits.size());
        b.putShort((short) digits.size()).putShort((short) weight)
                .putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) dscale);
        for (short d : digits) {
            b.putShort(d);
        }
        return b.array();
    }

    /**
     * The text form of a binary parameter of type {@code oid}; 0A000 for an OID without a
     * binary decoder here, 22P03 for bytes of the wrong size.
     */
    static String decodeToText(int oid, byte[] v) throws ProtocolException {
        ByteBuffer b = ByteBuffer.wrap(v);
        try {
            return switch (oid) {
                case 21 -> Short.toString(sized(b, 2).getShort());
                case 23 -> Integer.toString(sized(b, 4).getInt());
                case 20 -> Long.toString(sized(b, 8).getLong());
                case 700 -> Float.toString(sized(b, 4).getFloat());
                case 701 -> Double.toString(sized(b, 8).getDouble());
                case 16 -> sized(b, 1).get() != 0 ? "true" : "false";
                case 25, 1043, 1042, 19, 705 -> new String(v, StandardCharsets.UTF_8);
                case 17 -> "\\x" + HexFormat.of().formatHex(v);
                case 1082 -> DateTimeText.formatDate(EPOCH_DATE.plusDays(sized(b, 4).getInt()));
                case 1083 -> DateTimeText.formatTime(
                        LocalTime.ofNanoOfDay(sized(b, 8).getLong() * 1000));
                case 1114 -> DateTimeText.formatTimestamp(
                        EPOCH.plus(sized(b, 8).getLong(), ChronoUnit.MICROS));
                case 1184 -> DateTimeText.formatTimestamptz(EPOCH.toInstant(ZoneOffset.UTC)
                        .plus(sized(b, 8).getLong(), ChronoUnit.MICROS), ZoneOffset.UTC);
                case 1700 -> decodeNumeric(b).toPlainString();
                case 2950 -> new UUID(sized(b, 16).getLong(), b.getLong()).toString();
                default -> throw new ProtocolException("0A000",
                        "binary format for parameters of type OID " + oid
                                + " is not supported");
            };
        } catch (java.nio.BufferUnderflowException | java.time.DateTimeException
                | ArithmeticException e) {
            throw new ProtocolException("22P03", "incorrect binary data format in bind parameter");
        }
    }

    private static ByteBuffer sized(ByteBuffer b, int n) throws ProtocolException {
        if (b.remaining() != n) {
            throw new ProtocolException("22P03", "incorrect binary data format in bind parameter");
        }
        return b;
    }

    static BigDecimal decodeNumeric(ByteBuffer b) throws ProtocolException {
        int ndigits = b.getShort();
        int weight = b.getShort();
        int sign = b.getShort() & 0xffff;
        int dscale = b.getShort();
        if (ndigits < 0 || dscale < 0 || b.remaining() != 2 * ndigits
                || (sign != 0 && sign != 0x4000)) {
            throw new ProtocolException("22P03", "invalid numeric in binary bind parameter");
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < ndigits; i++) {
            int d = b.getShort();
            if (d < 0 || d > 9999) {
                throw new ProtocolException("22P03", "invalid digit in binary numeric");
            }
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(d));
        }
        // value = unscaled * 10000^(weight - ndigits + 1)
        BigDecimal v = new BigDecimal(unscaled).scaleByPowerOfTen(4 * (weight - ndigits + 1));
        v = v.setScale(dscale, java.math.RoundingMode.HALF_UP);
        return sign == 0x4000 ? v.negate() : v;
    }
}
