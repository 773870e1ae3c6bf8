package dev.cutaway.txn;

import java.nio.ByteBuffer;

/**
 * A timestamp as 12 bytes (physical millis, logical counter, big-endian), the value of the
 * store's clock-floor key. Short input is corruption, reported as such by the caller.
 */
final class TimestampCodec {
    static final int BYTES = 12;

    private TimestampCodec() {}

    static byte[] encode(Timestamp t) {
        return ByteBuffer.allocate(BYTES).putLong(t.physicalMillis()).putInt(t.logical()).array();
    }

    static Timestamp decode(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("clock floor value has " + bytes.length
                    + " bytes, expected " + BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new Timestamp(b.getLong(), b.getInt());
    }
}
