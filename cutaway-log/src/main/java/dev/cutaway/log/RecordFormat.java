package dev.cutaway.log;

import dev.cutaway.check.Invariants;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte layout of one log record, and its encoder and (defensive) decoder.
 *
 * <p>Layout, little-endian; offsets relative to the record's start in its segment:
 * <pre>
 *   [0..4)   bodyBytes  u32  bytes after the CRC: 9 + payload; in [9, RECORD_BODY_BYTES_MAX]
 *   [4..8)   crc        u32  CRC32C of [0..4) followed by [8..8+bodyBytes)
 *   [8..16)  lsn        i64  record sequence number, consecutive within and across segments
 *   [16]     type       u8   1 = batch, 2 = checkpoint, 3 = part, 4 = parts commit
 *                            (0 never written: a zeroed tail is bad)
 *   [17..)   payload
 *
 *   batch payload:      count u32, then count times:
 *                         space i32 · keyLength u16 · key ·
 *                         valueLength i32 (-1 = delete) · value
 *   checkpoint payload: space i32 · checkpointLsn i64 (0 <= checkpointLsn < lsn)
 *   part payload:       a batch payload
 *   parts commit:       firstPartLsn i64 (1 <= firstPartLsn < lsn) · a batch payload
 * </pre>
 *
 * <p>Invariants: (1) the encoder writes exactly {@link #batchRecordBytes} bytes;
 * (2) whatever the decoder is given, it returns a record or throws {@link Malformed} — never an
 * out-of-bounds error or an allocation larger than the record (lengths and counts are checked
 * against what is left in the record before they are used).
 */
final class RecordFormat {
    static final int PREFIX_BYTES = 8;
    static final int BODY_HEADER_BYTES = 9;
    static final int HEADER_BYTES = PREFIX_BYTES + BODY_HEADER_BYTES;
    /** Bound on a record's body: one maximal value with room to spare. */
    static final int RECORD_BODY_BYTES_MAX = 64 << 20;
    static final byte TYPE_BATCH = 1;
    static final byte TYPE_CHECKPOINT = 2;
    static final byte TYPE_PART = 3;
    static final byte TYPE_PARTS_COMMIT = 4;
    /** Bytes a parts-commit record adds before its batch payload (the first part's LSN). */
    static final int PARTS_COMMIT_PREFIX_BYTES = 8;
    static final int TOMBSTONE = -1;
    static final int MUTATION_FIXED_BYTES = 4 + 2 + 4;
    static final int CHECKPOINT_PAYLOAD_BYTES = 4 + 8;

    /** A record whose bytes (checksum included) are intact but do not make sense. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private RecordFormat() {}

    /** Encoded size of a batch record; IllegalArgumentException if it exceeds the bound. */
    static int batchRecordBytes(WriteBatch batch) {
        List<WriteBatch.Mutation> mutations = batch.mutations();
        long bytes = HEADER_BYTES + 4L;
        for (int i = 0; i < mutations.size(); i++) {
            WriteBatch.Mutation m = mutations.get(i);
            bytes += MUTATION_FIXED_BYTES + m.key().length
                    + (m.value() == null ? 0 : m.value().length);
        }
        if (bytes - PREFIX_BYTES > RECORD_BODY_BYTES_MAX) {
            throw new IllegalArgumentException("write batch of " + bytes
                    + " encoded bytes exceeds the log record limit of " + RECORD_BODY_BYTES_MAX);
        }
        return (int) bytes;
    }

    static int checkpointRecordBytes() {
        return HEADER_BYTES + CHECKPOINT_PAYLOAD_BYTES;
    }

    /** Writes a batch record at {@code dst}'s position (a little-endian heap buffer). */
    static void encodeBatch(ByteBuffer dst, long lsn, WriteBatch batch, int recordBytes,
                            CRC32C crc) {
        encodeMutations(dst, lsn, TYPE_BATCH, 0, batch, recordBytes, crc);
    }

    /**
     * Writes a record carrying a batch payload: a batch, a part, or (with its
     * {@code firstPartLsn} prefix) a parts commit. {@code recordBytes} includes the prefix.
     */
    static void encodeMutations(ByteBuffer dst, long lsn, byte type, long firstPartLsn,
                                WriteBatch batch, int recordBytes, CRC32C crc) {
        int start = dst.position();
        dst.putInt(recordBytes - PREFIX_BYTES).putInt(0).putLong(lsn).put(type);
        if (type == TYPE_PARTS_COMMIT) {
            dst.putLong(firstPartLsn);
        }
        List<WriteBatch.Mutation> mutations = batch.mutations();
        dst.putInt(mutations.size());
        for (int i = 0; i < mutations.size(); i++) {
            WriteBatch.Mutation m = mutations.get(i);
            dst.putInt(m.space()).putShort((short) m.key().length).put(m.key());
            if (m.value() == null) {
                dst.putInt(TOMBSTONE);
            } else {
                dst.putInt(m.value().length).put(m.value());
            }
        }
        seal(dst, start, recordBytes, crc);
    }

    static void encodeCheckpoint(ByteBuffer dst, long lsn, int space, long checkpointLsn,
                                 CRC32C crc) {
        int start = dst.position();
        int recordBytes = checkpointRecordBytes();
        dst.putInt(recordBytes - PREFIX_BYTES).putInt(0).putLong(lsn).put(TYPE_CHECKPOINT);
        dst.putInt(space).putLong(checkpointLsn);
        seal(dst, start, recordBytes, crc);
    }

    private static void seal(ByteBuffer dst, int start, int recordBytes, CRC32C crc) {
        int written = dst.position() - start;
        Invariants.check(written == recordBytes,
                "RecordFormat.1 encoder writes exactly the computed size", written, recordBytes);
        dst.putInt(start + 4, checksum(dst, start, recordBytes - PREFIX_BYTES, crc));
    }

    /** CRC of the record at {@code start} of a heap buffer: length field, then the body. */
    static int checksum(ByteBuffer buffer, int start, int bodyBytes, CRC32C crc) {
        byte[] array = buffer.array();
        int base = buffer.arrayOffset() + start;
        crc.reset();
        crc.update(array, base, 4);
        crc.update(array, base + PREFIX_BYTES, bodyBytes);
        return (int) crc.getValue();
    }

    /**
     * Decodes a record's type and payload. {@code payload} holds exactly the payload bytes
     * (position at its start, limit at its end), little-endian.
     */
    static LogRecord decode(long lsn, byte type, ByteBuffer payload) throws Malformed {
        return switch (type) {
            case TYPE_BATCH -> new LogRecord.Batch(lsn, decodeBatch(payload));
            case TYPE_CHECKPOINT -> decodeCheckpoint(lsn, payload);
            case TYPE_PART -> new LogRecord.Part(lsn, decodeBatch(payload));
            case TYPE_PARTS_COMMIT -> decodePartsCommit(lsn, payload);
            default -> throw new Malformed("unknown record type " + (type & 0xff));
        };
    }

    private static WriteBatch decodeBatch(ByteBuffer in) throws Malformed {
        need(in, 4, "mutation count");
        int count = in.getInt();
        if (count < 0 || (long) count * MUTATION_FIXED_BYTES > in.remaining()) {
            throw new Malformed("mutation count " + Integer.toUnsignedString(count)
                    + " overruns the record (" + in.remaining() + " payload bytes left)");
        }
        WriteBatch batch = new WriteBatch();
        for (int i = 0; i < count; i++) {
            need(in, MUTATION_FIXED_BYTES, "mutation " + i);
            int space = in.getInt();
            int keyLength = Short.toUnsignedInt(in.getShort());
            if (keyLength > WriteBatch.KEY_BYTES_MAX) {
                throw new Malformed("mutation " + i + ": key length " + keyLength
                        + " exceeds " + WriteBatch.KEY_BYTES_MAX);
            }
            need(in, keyLength + 4, "mutation " + i + " key");
            byte[] key = new byte[keyLength];
            in.get(key);
            int valueLength = in.getInt();
            byte[] value = null;
            if (valueLength != TOMBSTONE) {
                if (valueLength < 0 || valueLength > WriteBatch.VALUE_BYTES_MAX) {
                    throw new Malformed("mutation " + i + ": bad value length " + valueLength);
                }
                need(in, valueLength, "mutation " + i + " value");
                value = new byte[valueLength];
                in.get(value);
            }
            batch.add(new WriteBatch.Mutation(space, key, value));
        }
        if (in.hasRemaining()) {
            throw new Malformed(in.remaining() + " stray bytes after the last mutation");
        }
        return batch;
    }

    private static LogRecord decodePartsCommit(long lsn, ByteBuffer in) throws Malformed {
        need(in, PARTS_COMMIT_PREFIX_BYTES, "first part LSN");
        long firstPartLsn = in.getLong();
        if (firstPartLsn < 1 || firstPartLsn >= lsn) {
            throw new Malformed("first part LSN " + firstPartLsn + " not in [1, " + lsn + ")");
        }
        return new LogRecord.PartsCommit(lsn, firstPartLsn, decodeBatch(in));
    }

    private static LogRecord decodeCheckpoint(long lsn, ByteBuffer in) throws Malformed {
        if (in.remaining() != CHECKPOINT_PAYLOAD_BYTES) {
            throw new Malformed("checkpoint payload of " + in.remaining() + " bytes, expected "
                    + CHECKPOINT_PAYLOAD_BYTES);
        }
        int space = in.getInt();
        long checkpointLsn = in.getLong();
        if (checkpointLsn < 0 || checkpointLsn >= lsn) {
            throw new Malformed("checkpoint LSN " + checkpointLsn + " not below record LSN "
                    + lsn);
        }
        return new LogRecord.Checkpoint(lsn, space, checkpointLsn);
    }

    private static void need(ByteBuffer in, int bytes, String what) throws Malformed {
        if (in.remaining() < bytes) {
            throw new Malformed(what + " needs " + bytes + " bytes but only " + in.remaining()
                    + " are left in the record");
        }
    }

    static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
