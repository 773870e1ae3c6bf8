package dev.cutaway.log;

import dev.cutaway.check.Invariants;
import java.nio.ByteBuffer;

/**
 * The log's two append buffers: appends encode records into the <em>filling</em> buffer while
 * a leader writes the other one out; then they swap. The filling buffer starts small and grows
 * (doubling) up to {@code bufferBytesMax}, so a quiet log costs little memory. Guarded by the
 * log's lock.
 *
 * <p>Invariants: (1) the filling buffer never holds more than {@code bufferBytesMax} bytes;
 * (2) it holds whole records only, back to back, with consecutive LSNs.
 */
final class AppendBuffers {
    private static final int BUFFER_BYTES_INITIAL = 64 << 10;

    private final int bufferBytesMax;
    private ByteBuffer filling;
    private ByteBuffer spare;

    AppendBuffers(int bufferBytesMax) {
        this.bufferBytesMax = bufferBytesMax;
        this.filling = newBuffer();
    }

    private ByteBuffer newBuffer() {
        return RecordFormat.allocate(Math.min(BUFFER_BYTES_INITIAL, bufferBytesMax));
    }

    int bufferedBytes() {
        return filling.position();
    }

    boolean fits(int recordBytes) {
        return filling.position() + recordBytes <= bufferBytesMax;
    }

    /** The filling buffer, grown if needed so a record of {@code recordBytes} fits. */
    ByteBuffer reserve(int recordBytes) {
        Invariants.check(fits(recordBytes), "AppendBuffers.1 bounded", recordBytes,
                filling.position(), bufferBytesMax);
        if (filling.remaining() < recordBytes) {
            int wanted = Math.max(filling.capacity() * 2, filling.position() + recordBytes);
            ByteBuffer grown = RecordFormat.allocate(Math.min(wanted, bufferBytesMax));
            grown.put(filling.flip());
            filling = grown;
        }
        return filling;
    }

    boolean isFilling(ByteBuffer buffer) {
        return buffer == filling;
    }

    /** Hands the filled buffer (flipped, ready to write) to a leader; appends use the spare. */
    ByteBuffer take() {
        ByteBuffer taken = filling.flip();
        filling = spare != null ? spare : newBuffer();
        spare = null;
        return taken;
    }

    /** Returns a buffer from {@link #take()} once it is written. */
    void recycle(ByteBuffer written) {
        spare = written.clear();
    }

    /** Walks the buffered records: exactly LSNs {@code (writtenLsn, lastLsn]} (invariant 2). */
    void checkRecords(long writtenLsn, long lastLsn) {
        long lsn = writtenLsn;
        int at = 0;
        while (at < filling.position()) {
            int bodyBytes = filling.getInt(at);
            long recordLsn = filling.getLong(at + RecordFormat.PREFIX_BYTES);
            Invariants.check(recordLsn == lsn + 1 && bodyBytes >= RecordFormat.BODY_HEADER_BYTES,
                    "AppendBuffers.2 buffered records consecutive", recordLsn, lsn, bodyBytes);
            lsn = recordLsn;
            at += RecordFormat.PREFIX_BYTES + bodyBytes;
        }
        Invariants.check(at == filling.position() && lsn == lastLsn,
                "AppendBuffers.2 buffer ends at the last LSN", at, lsn, lastLsn);
    }
}
