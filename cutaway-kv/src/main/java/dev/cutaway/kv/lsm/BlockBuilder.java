package dev.cutaway.kv.lsm;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.Checksums;
import java.util.Arrays;

/**
 * Builds one SSTable block (data or index). Layout (little-endian, varints LEB128):
 *
 * <pre>
 *   entry*        shared varint · unshared varint · valueLengthPlusOne varint (0 = tombstone)
 *                 · seq varlong · key[shared..] (unshared bytes) · value
 *   restarts      int32 offset of each restart entry, then int32 restart count
 *   trailer       compression byte (0 = none) · int32 crc32c of everything before it
 * </pre>
 *
 * With LZ4 ({@link Lz4Block}), when it saves at least an eighth, the entries and restarts are
 * stored compressed: {@code lz4 bytes · int32 uncompressed length · compression byte 1 ·
 * crc32c}; the checksum covers what is on disk.
 *
 * Keys are prefix-compressed against the previous key ({@code shared} bytes kept); every
 * {@code restartInterval}-th entry is a restart point storing its whole key (shared = 0), so a
 * reader binary-searches the restart points and then scans at most one interval.
 *
 * <p>Invariants: (1) entries are added in strictly increasing internal order; (2) the first
 * entry is a restart point; (3) a finished block is never added to.
 */
final class BlockBuilder {
    /** Compression byte plus crc32c. */
    static final int TRAILER_BYTES = 5;
    static final byte COMPRESSION_NONE = 0;
    static final byte COMPRESSION_LZ4 = 1;

    private final int restartInterval;
    private final boolean lz4;
    private final ByteSink sink;
    private int[] restarts = new int[16];
    private int restartCount;
    private int entriesSinceRestart;
    private int entryCount;
    private byte[] lastKey = new byte[0];
    private long lastSeq;

    BlockBuilder(int restartInterval, int capacityBytes) {
        this(restartInterval, capacityBytes, false);
    }

    BlockBuilder(int restartInterval, int capacityBytes, boolean lz4) {
        this.restartInterval = restartInterval;
        this.lz4 = lz4;
        this.sink = new ByteSink(capacityBytes);
    }

    void add(byte[] key, long seq, byte[] value, int valueOffset, int valueLength) {
        if (entryCount > 0 && Sequences.compare(lastKey, lastSeq, key, seq) >= 0) {
            // no varargs on the hot path: box only when failing
            throw Invariants.violation("BlockBuilder.1 entries in increasing internal order",
                    seq, lastSeq);
        }
        int shared = 0;
        if (entriesSinceRestart == restartInterval || entryCount == 0) {
            if (restartCount == restarts.length) {
                restarts = Arrays.copyOf(restarts, restartCount * 2);
            }
            restarts[restartCount++] = sink.size();
            entriesSinceRestart = 0;
        } else {
            int max = Math.min(lastKey.length, key.length);
            while (shared < max && lastKey[shared] == key[shared]) {
                shared++;
            }
        }
        sink.putVarInt(shared);
        sink.putVarInt(key.length - shared);
        sink.putVarInt(value == null ? 0 : valueLength + 1);
        sink.putVarLong(seq);
        sink.put(key, shared, key.length - shared);
        if (value != null) {
            sink.put(value, valueOffset, valueLength);
        }
        lastKey = key;
        lastSeq = seq;
        entriesSinceRestart++;
        entryCount++;
    }

    void add(byte[] key, long seq, byte[] value) {
        add(key, seq, value, 0, value == null ? 0 : value.length);
    }

    boolean isEmpty() {
        return entryCount == 0;
    }

    int entryCount() {
        return entryCount;
    }

    byte[] lastKey() {
        return lastKey;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Size of the block if finished now. */
    int estimatedBytes() {
        return sink.size() + 4 * restartCount + 4 + TRAILER_BYTES;
    }

    /** The LZ4 form of raw[0, n) with its trailer, or null if it saves less than an eighth. */
    private static byte[] compressed(byte[] raw, int n) {
        byte[] out = new byte[Lz4Block.maxCompressedLength(n) + 4 + TRAILER_BYTES];
        int length = Lz4Block.compress(raw, n, out);
        if (length + 4 + TRAILER_BYTES > n - n / 8) {
            return null;
        }
        ByteSink.setInt(out, length, n);
        out[length + 4] = COMPRESSION_LZ4;
        ByteSink.setInt(out, length + 5, Checksums.crc32c(out, 0, length + 5));
        return java.util.Arrays.copyOf(out, length + 4 + TRAILER_BYTES);
    }

    /** Appends restarts and trailer; returns the encoded block and resets the builder. */
    byte[] finish() {
        Invariants.check(entryCount > 0, "BlockBuilder.2 a block holds at least one entry");
        for (int i = 0; i < restartCount; i++) {
            sink.putInt(restarts[i]);
        }
        sink.putInt(restartCount);
        byte[] block = lz4 ? compressed(sink.array(), sink.size()) : null;
        if (block == null) {
            sink.put(COMPRESSION_NONE);
            sink.putInt(Checksums.crc32c(sink.array(), 0, sink.size()));
            block = sink.toByteArray();
        }
        sink.reset();
        restartCount = 0;
        entriesSinceRestart = 0;
        entryCount = 0;
        lastKey = new byte[0];
        return block;
    }
}
