package dev.cutaway.kv.lsm;

import dev.cutaway.io.Checksums;
import dev.cutaway.io.CorruptionException;
import java.nio.file.Path;

/**
 * A block read from an SSTable whose checksum has been verified (layout in
 * {@link BlockBuilder}). Immutable and shareable between threads (a block cache holds them);
 * {@link BlockCursor} walks one.
 */
final class Block {
    final Path file;
    final long fileOffset;
    final byte[] bytes;
    /** Bytes the block occupies in the file (compressed size if compressed). */
    final int diskBytes;
    /** End of the entries, start of the restart array. */
    final int entriesEnd;
    final int restartCount;

    private Block(Path file, long fileOffset, byte[] bytes, int diskBytes, int entriesEnd,
            int restartCount) {
        this.file = file;
        this.fileOffset = fileOffset;
        this.bytes = bytes;
        this.diskBytes = diskBytes;
        this.entriesEnd = entriesEnd;
        this.restartCount = restartCount;
    }

    /** Verifies trailer, checksum and restart array of {@code raw} read at {@code offset}. */
    static Block parse(Path file, long offset, byte[] raw) throws CorruptionException {
        int n = raw.length;
        if (n < 4 + BlockBuilder.TRAILER_BYTES) {
            throw new CorruptionException(file, offset, "block of " + n + " bytes is too short");
        }
        int stored = ByteSink.getInt(raw, n - 4);
        int actual = Checksums.crc32c(raw, 0, n - 4);
        if (stored != actual) {
            throw new CorruptionException(file, offset, "block checksum mismatch: stored "
                    + Integer.toHexString(stored) + ", computed " + Integer.toHexString(actual));
        }
        byte[] bytes = raw;
        if (raw[n - 5] == BlockBuilder.COMPRESSION_LZ4) {
            bytes = decompress(file, offset, raw);
        } else if (raw[n - 5] != BlockBuilder.COMPRESSION_NONE) {
            throw new CorruptionException(file, offset, "unknown compression " + raw[n - 5]);
        }
        return restarts(file, offset, bytes, n);
    }

    /** Uncompressed entries and restarts, followed by room for the (unused) trailer. */
    private static byte[] decompress(Path file, long offset, byte[] raw)
            throws CorruptionException {
        int n = raw.length;
        int compressedLength = n - 4 - BlockBuilder.TRAILER_BYTES;
        int length = compressedLength < 0 ? -1 : ByteSink.getInt(raw, compressedLength);
        if (length < 8 || length > 256 << 20) {
            throw new CorruptionException(file, offset, "lz4 block claims " + length + " bytes");
        }
        byte[] out = new byte[length + BlockBuilder.TRAILER_BYTES];
        Lz4Block.decompress(raw, compressedLength, out, length, file, offset);
        return out;
    }

    private static Block restarts(Path file, long offset, byte[] raw, int diskBytes)
            throws CorruptionException {
        int n = raw.length;
        int restartsEnd = n - BlockBuilder.TRAILER_BYTES;
        int count = ByteSink.getInt(raw, restartsEnd - 4);
        if (count < 1 || (long) count * 4 + 4 > restartsEnd) {
            throw new CorruptionException(file, offset, "bad restart count " + count);
        }
        int entriesEnd = restartsEnd - 4 - 4 * count;
        Block block = new Block(file, offset, raw, diskBytes, entriesEnd, count);
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int r = block.restartOffset(i);
            if (r <= previous || r >= entriesEnd) {
                throw new CorruptionException(file, offset, "restart " + i + " at " + r
                        + " out of order or outside the entries [0, " + entriesEnd + ")");
            }
            previous = r;
        }
        if (block.restartOffset(0) != 0) {
            throw new CorruptionException(file, offset, "first restart is not at offset 0");
        }
        return block;
    }

    int restartOffset(int index) {
        return ByteSink.getInt(bytes, entriesEnd + 4 * index);
    }

    /** Bytes this block occupies in memory (for the block cache's bound). */
    int memoryBytes() {
        return bytes.length + 64;
    }

    CorruptionException malformed(int at, String what) {
        return new CorruptionException(file, fileOffset, "malformed entry at block byte " + at
                + ": " + what);
    }
}
