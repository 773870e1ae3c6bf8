package dev.cutaway.kv.lsm;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.Checksums;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes one immutable SSTable. File layout (little-endian):
 *
 * <pre>
 *   data block*     entries in internal order ({@link BlockBuilder} layout), cut near
 *                   blockBytes, each ending in compression byte + crc32c
 *   filter block    bloom filter payload ({@link BloomFilter}) · compression byte · crc32c
 *                   (absent, length 0, when bloomBitsPerKey is 0)
 *   index block     one entry per data block: key and seq of the block's last entry, value =
 *                   varlong block offset · varint block length (trailer included)
 *   footer (72 B)   [0,8) index offset · [8,12) index length · [12,20) filter offset ·
 *                   [20,24) filter length · [24,32) entry count · [32,40) tombstone count ·
 *                   [40,48) seq min · [48,56) seq max · [56,60) format version ·
 *                   [60,64) crc32c of [0,60) · [64,72) magic "CUTAWSST"
 * </pre>
 *
 * A table is written, synced and closed before any manifest edit names it (files are immutable
 * once visible). Invariants: (1) entries arrive in strictly increasing internal order; (2) every
 * block is written before the index entry naming it.
 */
final class SstWriter implements AutoCloseable {
    static final int FOOTER_BYTES = 72;
    static final int FORMAT_VERSION = 1;
    static final long MAGIC = 0x5453535741545543L; // the bytes "CUTAWSST"
    private static final int WRITE_BUFFER_BYTES = 256 * 1024;

    private final Path path;
    private final FileHandle file;
    private final LsmOptions options;
    private final CompactionThrottle throttle;
    private final BlockBuilder data;
    private final BlockBuilder index;
    private final ByteSink pending = new ByteSink(WRITE_BUFFER_BYTES);
    private long[] keyHashes = new long[1024];
    private int keyHashCount;
    private long offset;
    private long pendingOffset;
    private long entryCount;
    private long tombstoneCount;
    private long seqMin = Long.MAX_VALUE;
    private long seqMax = Long.MIN_VALUE;
    private byte[] smallestKey;
    private byte[] lastKey;
    private boolean finished;

    SstWriter(FileSystem fs, Path path, LsmOptions options, CompactionThrottle throttle)
            throws IOException {
        this.path = path;
        this.options = options;
        this.throttle = throttle;
        this.file = fs.open(path, true);
        file.truncate(0);
        this.data = new BlockBuilder(options.restartInterval(), options.blockBytes() * 2,
                options.compression() == LsmOptions.Compression.LZ4);
        this.index = new BlockBuilder(1, 4096);
    }

    void add(byte[] key, long seq, byte[] value) throws IOException {
        if (finished) {
            throw Invariants.violation("SstWriter: add after finish");
        }
        if (lastKey == null || !Arrays.equals(lastKey, key)) {
            if (keyHashCount == keyHashes.length) {
                keyHashes = Arrays.copyOf(keyHashes, keyHashCount * 2);
            }
            keyHashes[keyHashCount++] = BloomFilter.hash(key);
        }
        if (smallestKey == null) {
            smallestKey = key;
        }
        lastKey = key;
        data.add(key, seq, value);
        entryCount++;
        tombstoneCount += value == null ? 1 : 0;
        seqMin = Math.min(seqMin, seq);
        seqMax = Math.max(seqMax, seq);
        if (data.estimatedBytes() >= options.blockBytes()) {
            flushDataBlock();
        }
    }

    long entryCount() {
        return entryCount;
    }

    /** Bytes written or buffered so far. */
    long estimatedBytes() {
        return offset + data.estimatedBytes();
    }

    private void flushDataBlock() throws IOException {
        byte[] lastOfBlock = data.lastKey();
        long lastSeqOfBlock = data.lastSeq();
        byte[] block = data.finish();
        ByteSink handle = new ByteSink(16);
        handle.putVarLong(offset);
        handle.putVarInt(block.length);
        index.add(lastOfBlock, lastSeqOfBlock, handle.toByteArray());
        append(block);
    }

    private void append(byte[] bytes) throws IOException {
        pending.put(bytes);
        offset += bytes.length;
        if (pending.size() >= WRITE_BUFFER_BYTES) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        file.write(ByteBuffer.wrap(pending.array(), 0, pending.size()), pendingOffset);
        if (throttle != null) {
            throttle.acquire(pending.size());
        }
        pendingOffset += pending.size();
        pending.reset();
    }

    /** Writes filter, index and footer, syncs and closes. @return the table's metadata */
    SstMeta finish(long number) throws IOException {
        Invariants.check(entryCount > 0, "SstWriter: a table holds at least one entry");
        if (!data.isEmpty()) {
            flushDataBlock();
        }
        long filterOffset = offset;
        int filterLength = 0;
        if (options.bloomBitsPerKey() > 0) {
            byte[] filter = BloomFilter.build(keyHashes, keyHashCount, options.bloomBitsPerKey());
            byte[] block = Arrays.copyOf(filter, filter.length + BlockBuilder.TRAILER_BYTES);
            block[filter.length] = BlockBuilder.COMPRESSION_NONE;
            ByteSink.setInt(block, filter.length + 1, Checksums.crc32c(block, 0,
                    filter.length + 1));
            filterLength = block.length;
            append(block);
        }
        long indexOffset = offset;
        byte[] indexBlock = index.finish();
        append(indexBlock);
        append(footer(indexOffset, indexBlock.length, filterOffset, filterLength));
        drain();
        file.sync();
        file.close();
        finished = true;
        return new SstMeta(number, offset, smallestKey, lastKey, seqMin, seqMax, entryCount,
                tombstoneCount);
    }

    private byte[] footer(long indexOffset, int indexLength, long filterOffset,
            int filterLength) {
        ByteSink f = new ByteSink(FOOTER_BYTES);
        f.putLong(indexOffset);
        f.putInt(indexLength);
        f.putLong(filterOffset);
        f.putInt(filterLength);
        f.putLong(entryCount);
        f.putLong(tombstoneCount);
        f.putLong(seqMin);
        f.putLong(seqMax);
        f.putInt(FORMAT_VERSION);
        f.putInt(Checksums.crc32c(f.array(), 0, f.size()));
        f.putLong(MAGIC);
        Invariants.check(f.size() == FOOTER_BYTES, "SstWriter: footer size", f.size());
        return f.toByteArray();
    }

    Path path() {
        return path;
    }

    /** Closes an unfinished writer (after a failure); the caller deletes the file. */
    @Override
    public void close() throws IOException {
        if (!finished) {
            finished = true;
            file.close();
        }
    }
}
