package dev.cutaway.log;

import static dev.cutaway.log.LogFixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class RecordFormatTest {

    @Provide
    Arbitrary<WriteBatch.Mutation> mutations() {
        Arbitrary<byte[]> keys = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> values = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.just(null));
        Arbitrary<Integer> spaces = Arbitraries.oneOf(Arbitraries.integers().between(0, 3),
                Arbitraries.integers());
        return Combinators.combine(spaces, keys, values).as(WriteBatch.Mutation::new);
    }

    @Provide
    Arbitrary<WriteBatch> batches() {
        return mutations().list().ofMaxSize(20).map(list -> {
            WriteBatch batch = new WriteBatch();
            for (WriteBatch.Mutation m : list) {
                if (m.value() == null) {
                    batch.delete(m.space(), m.key());
                } else {
                    batch.put(m.space(), m.key(), m.value());
                }
            }
            return batch;
        });
    }

    /** Encodes at an offset inside a larger buffer, as the append buffer does. */
    private static ByteBuffer encode(long lsn, WriteBatch batch, int offset) {
        int recordBytes = RecordFormat.batchRecordBytes(batch);
        ByteBuffer buffer = RecordFormat.allocate(offset + recordBytes + 7);
        buffer.position(offset);
        RecordFormat.encodeBatch(buffer, lsn, batch, recordBytes, new CRC32C());
        assertThat(buffer.position()).isEqualTo(offset + recordBytes);
        return buffer;
    }

    /** Decodes the record at {@code offset}: checks length and CRC, then the payload. */
    private static LogRecord decode(ByteBuffer buffer, int offset) throws RecordFormat.Malformed {
        int bodyBytes = buffer.getInt(offset);
        int crc = RecordFormat.checksum(buffer, offset, bodyBytes, new CRC32C());
        assertThat(crc).isEqualTo(buffer.getInt(offset + 4));
        long lsn = buffer.getLong(offset + RecordFormat.PREFIX_BYTES);
        byte type = buffer.get(offset + RecordFormat.PREFIX_BYTES + 8);
        ByteBuffer payload = buffer.duplicate().order(buffer.order())
                .limit(offset + RecordFormat.PREFIX_BYTES + bodyBytes)
                .position(offset + RecordFormat.HEADER_BYTES);
        return RecordFormat.decode(lsn, type, payload);
    }

    @Property
    void batchesEncodeAndDecodeIdentically(@ForAll("batches") WriteBatch batch,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE - 1) long lsn,
            @ForAll @IntRange(max = 50) int offset) throws RecordFormat.Malformed {
        ByteBuffer buffer = encode(lsn, batch, offset);
        LogRecord decoded = decode(buffer, offset);
        assertThat(describe(decoded)).isEqualTo(describe(new LogRecord.Batch(lsn, batch)));
        assertThat(((LogRecord.Batch) decoded).batch().payloadBytes())
                .isEqualTo(batch.payloadBytes());
    }

    @Property
    void partsAndPartsCommitsEncodeAndDecodeIdentically(@ForAll("batches") WriteBatch batch,
            @ForAll @LongRange(min = 2, max = Long.MAX_VALUE - 1) long lsn,
            @ForAll @LongRange(min = 1) long first, @ForAll boolean commit)
            throws RecordFormat.Malformed {
        long firstPartLsn = 1 + (first - 1) % (lsn - 1);
        byte type = commit ? RecordFormat.TYPE_PARTS_COMMIT : RecordFormat.TYPE_PART;
        int recordBytes = RecordFormat.batchRecordBytes(batch)
                + (commit ? RecordFormat.PARTS_COMMIT_PREFIX_BYTES : 0);
        ByteBuffer buffer = RecordFormat.allocate(recordBytes);
        RecordFormat.encodeMutations(buffer, lsn, type, firstPartLsn, batch, recordBytes,
                new CRC32C());
        LogRecord expected = commit ? new LogRecord.PartsCommit(lsn, firstPartLsn, batch)
                : new LogRecord.Part(lsn, batch);
        assertThat(describe(decode(buffer, 0))).isEqualTo(describe(expected));
    }

    /** A parts commit naming a first part at or after itself is malformed, not a record. */
    @Property
    void partsCommitWithAFirstPartNotBeforeItIsMalformed(
            @ForAll @LongRange(min = 1, max = 1000) long lsn,
            @ForAll @LongRange(min = 0, max = 2000) long first) {
        if (first >= 1 && first < lsn) {
            return;
        }
        WriteBatch batch = new WriteBatch().put(new byte[] {1}, new byte[] {2});
        int recordBytes = RecordFormat.batchRecordBytes(batch)
                + RecordFormat.PARTS_COMMIT_PREFIX_BYTES;
        ByteBuffer buffer = RecordFormat.allocate(recordBytes);
        RecordFormat.encodeMutations(buffer, lsn, RecordFormat.TYPE_PARTS_COMMIT, first, batch,
                recordBytes, new CRC32C());
        try {
            decode(buffer, 0);
            throw new AssertionError("first part LSN " + first + " of LSN " + lsn + " decoded");
        } catch (RecordFormat.Malformed expected) {
            assertThat(expected.getMessage()).contains("first part LSN");
        }
    }

    @Property
    void checkpointsEncodeAndDecodeIdentically(@ForAll int space,
            @ForAll @IntRange(min = 1) int lsn, @ForAll @IntRange(min = 0) int upTo)
            throws RecordFormat.Malformed {
        long checkpointLsn = Math.min(upTo, lsn - 1);
        ByteBuffer buffer = RecordFormat.allocate(RecordFormat.checkpointRecordBytes());
        RecordFormat.encodeCheckpoint(buffer, lsn, space, checkpointLsn, new CRC32C());
        assertThat(decode(buffer, 0)).isEqualTo(new LogRecord.Checkpoint(lsn, space,
                checkpointLsn));
    }

    /** Decoding arbitrary payload bytes gives a record or Malformed, nothing else. */
    @Property
    void decoderRejectsGarbageWithoutCrashing(@ForAll @Size(max = 200) List<Byte> bytes,
            @ForAll byte type) {
        ByteBuffer payload = RecordFormat.allocate(bytes.size());
        bytes.forEach(payload::put);
        payload.flip();
        try {
            LogRecord record = RecordFormat.decode(5, type, payload);
            assertThat(record.lsn()).isEqualTo(5);
        } catch (RecordFormat.Malformed expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Truncating an encoded batch's payload anywhere is caught by the decoder. */
    @Property
    void truncatedPayloadIsMalformed(@ForAll("batches") WriteBatch batch,
            @ForAll @IntRange(min = 1, max = 1000) int cut) {
        ByteBuffer buffer = encode(1, batch, 0);
        int payloadBytes = buffer.getInt(0) - RecordFormat.BODY_HEADER_BYTES;
        int kept = payloadBytes - Math.min(cut, payloadBytes);
        ByteBuffer payload = buffer.duplicate().order(buffer.order())
                .position(RecordFormat.HEADER_BYTES).limit(RecordFormat.HEADER_BYTES + kept);
        try {
            RecordFormat.decode(1, RecordFormat.TYPE_BATCH, payload);
            throw new AssertionError("a payload cut by " + cut + " bytes decoded");
        } catch (RecordFormat.Malformed expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
