package dev.cutaway.kv.lsm;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.Checksums;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.KeyPrefix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes one immutable SSTable. File layout (little-endian):
 *
 * <pre>
 *   data block*     entries in internal order ({@link BlockBuilder} layout), cut near
 *                   blockBytes, each ending in compression byte + crc32c
 *   filter block    format 1: bloom filter payload ({@link BloomFilter}) over whole keys ·
 *                   compression byte · crc32c
 *                   format 2: kind byte (1 whole keys, 2 whole keys and prefixes) · name
 *                   length byte · extractor name (ASCII, {@link dev.cutaway.kv.KeyPrefix}) ·
 *                   bloom payload over whole keys and their prefixes · compression byte ·
 *                   crc32c
 *                   (absent in both, length 0, when bloomBitsPerKey is 0)
 *   index block     one entry per data block: key and seq of the block's last entry, value =
 *                   varlong block offset · varint block length (trailer included)
 *   footer (72 B)   [0,8) index offset · [8,12) index length · [12,20) filter offset ·
 *                   [20,24) filter length · [24,32) entry count · [32,40) tombstone count ·
 *                   [40,48) seq min · [48,56) seq max · [56,60) format version ·
 *                   [60,64) crc32c of [0,60) · [64,72) magic "CUTAWSST"
 * </pre>
 *
 * Without a prefix extractor the writer writes format 1, byte for byte what it wrote before
 * prefix filters existed (so older readers still read those tables); with one, format 2 (ADR
 * 0024). Readers read both.
 *
 * <p>A table is written, synced and closed before any manifest edit names it (files are
 * immutable once visible). Invariants: (1) entries arrive in strictly increasing internal
 * order; (2) every block is written before the index entry naming it; (3) in format 2 every
 * distinct prefix of the keys added is in the filter (keys of one prefix are adjacent).
 */
final class SstWriter implements AutoCloseable {
    static final int FOOTER_BYTES = 72;
    /** Whole-key filter only (also what every table written before ADR 0024 is). */
    static final int FORMAT_WHOLE_KEY_FILTER = 1;
    /** Filter block with a kind and an extractor name; whole keys and prefixes. */
    static final int FORMAT_PREFIX_FILTER = 2;
    static final byte FILTER_KIND_WHOLE_KEYS = 1;
    static final byte FILTER_KIND_WITH_PREFIXES = 2;
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
    private final KeyPrefix prefix;
    private final int formatVersion;
    private byte[] lastPrefixKey;
    private int lastPrefixLength = -1;
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
        this.prefix = options.bloomBitsPerKey() > 0 ? options.bloomPrefix() : null;
        this.formatVersion = prefix == null ? FORMAT_WHOLE_KEY_FILTER : FORMAT_PREFIX_FILTER;
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
            addHash(BloomFilter.hash(key));
            if (prefix != null) {
                addPrefix(key);
            }
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

    private void addHash(long hash) {
        if (keyHashCount == keyHashes.length) {
            keyHashes = Arrays.copyOf(keyHashes, keyHashCount * 2);
        }
        keyHashes[keyHashCount++] = hash;
    }

    /**
     * Adds the key's prefix unless it equals the previous key's: keys arrive sorted and the
     * extractor is prefix-closed, so the keys sharing a prefix are adjacent.
     */
    private void addPrefix(byte[] key) {
        int n = prefix.lengthOf(key);
        if (n < 0 || (n == lastPrefixLength
                && Arrays.equals(key, 0, n, lastPrefixKey, 0, n))) {
            return;
        }
        addHash(BloomFilter.hash(key, n));
        lastPrefixKey = key;
        lastPrefixLength = n;
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
            byte[] filter = filterHeader();
            int at = filter.length;
            byte[] bloom = BloomFilter.build(keyHashes, keyHashCount, options.bloomBitsPerKey());
            filter = Arrays.copyOf(filter, at + bloom.length);
            System.arraycopy(bloom, 0, filter, at, bloom.length);
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

    /** Format 2's kind, name length and name; nothing in format 1. */
    private byte[] filterHeader() {
        if (formatVersion == FORMAT_WHOLE_KEY_FILTER) {
            return new byte[0];
        }
        byte[] name = prefix.name().getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[2 + name.length];
        header[0] = FILTER_KIND_WITH_PREFIXES;
        header[1] = (byte) name.length;
        System.arraycopy(name, 0, header, 2, name.length);
        return header;
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
        f.putInt(formatVersion);
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
