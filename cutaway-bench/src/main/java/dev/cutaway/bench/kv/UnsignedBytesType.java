package dev.cutaway.bench.kv;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * MVStore data type for byte[] keys and values that orders keys the way every Cutaway engine
 * and RocksDB's default comparator do: unsigned bytes, lexicographically. (H2's own
 * {@code ByteArrayDataType} does not compare, so it cannot be a key type.)
 *
 * <p>Serialized form: varint length, then the bytes.
 */
final class UnsignedBytesType extends BasicDataType<byte[]> {
    static final UnsignedBytesType INSTANCE = new UnsignedBytesType();

    /** Object header plus length field of a byte[] on a 64-bit JVM, roughly. */
    private static final int ARRAY_OVERHEAD_BYTES = 24;

    private UnsignedBytesType() {}

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public int getMemory(byte[] value) {
        return ARRAY_OVERHEAD_BYTES + value.length;
    }

    @Override
    public void write(WriteBuffer buffer, byte[] value) {
        buffer.putVarInt(value.length).put(value);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalStateException("mvstore byte[] length " + length
                    + " exceeds the " + buffer.remaining() + " bytes left in the page");
        }
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }

    // Stateless singleton: equal to itself only, as BasicDataType's equals (class) expects.
    @Override
    public boolean equals(Object other) {
        return other instanceof UnsignedBytesType;
    }

    @Override
    public int hashCode() {
        return UnsignedBytesType.class.hashCode();
    }
}
