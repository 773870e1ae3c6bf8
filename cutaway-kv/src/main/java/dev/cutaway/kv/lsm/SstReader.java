package dev.cutaway.kv.lsm;

import dev.cutaway.io.Checksums;
import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.KeyPrefix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An open SSTable (layout in {@link SstWriter}): the footer, index block and bloom filter are
 * read and verified once at open and pinned in memory; data blocks come from the shared
 * {@link BlockCache} or are read and verified on demand. Thread-safe: positional reads only.
 *
 * <p>Reads both table formats: 1 (whole-key filter) and 2 (filter block with a kind and the
 * prefix extractor's name, ADR 0024).
 *
 * <p>Checked on both sides of the boundary: the footer's magic, version and checksum, every
 * block's checksum, every block handle lying inside the data region.
 */
final class SstReader implements AutoCloseable {
    final Path path;
    final long number;
    final long sizeBytes;
    final long entryCount;
    final long tombstoneCount;
    final long seqMin;
    final long seqMax;
    final Block index;
    /** Format version from the footer ({@link SstWriter#FORMAT_WHOLE_KEY_FILTER} or 2). */
    final int formatVersion;
    /** Bloom filter payload, or null when the table has none. */
    final byte[] filter;
    /**
     * Name of the prefix extractor whose prefixes the filter also holds, or null (format 1, no
     * filter, or a whole-key-only format 2 filter).
     */
    final String prefixName;
    final long filterOffset;
    private final FileHandle file;
    private final BlockCache cache;
    /** Cached data blocks by ordinal (null without a cache). */
    final BlockCache.Slots cached;

    private SstReader(Path path, long number, FileHandle file, BlockCache cache, long sizeBytes,
            byte[] footer, Block index, Filter filter) {
        this.path = path;
        this.number = number;
        this.file = file;
        this.cache = cache;
        this.cached = cache == null ? null : new BlockCache.Slots(index.restartCount);
        this.sizeBytes = sizeBytes;
        this.index = index;
        this.filter = filter == null ? null : filter.bloom();
        this.prefixName = filter == null ? null : filter.prefixName();
        this.formatVersion = ByteSink.getInt(footer, 56);
        this.filterOffset = ByteSink.getLong(footer, 12);
        this.entryCount = ByteSink.getLong(footer, 24);
        this.tombstoneCount = ByteSink.getLong(footer, 32);
        this.seqMin = ByteSink.getLong(footer, 40);
        this.seqMax = ByteSink.getLong(footer, 48);
    }

    static SstReader open(FileSystem fs, Path path, long number, BlockCache cache)
            throws IOException {
        FileHandle file = fs.openReadOnly(path);
        try {
            long size = file.size();
            if (size < SstWriter.FOOTER_BYTES) {
                throw new CorruptionException(path, 0, "not an SSTable: " + size
                        + " bytes is shorter than the footer");
            }
            long footerAt = size - SstWriter.FOOTER_BYTES;
            byte[] footer = read(file, footerAt, SstWriter.FOOTER_BYTES);
            checkFooter(path, footerAt, footer);
            long indexOffset = ByteSink.getLong(footer, 0);
            int indexLength = ByteSink.getInt(footer, 8);
            long filterOffset = ByteSink.getLong(footer, 12);
            int filterLength = ByteSink.getInt(footer, 20);
            checkRange(path, footerAt, "index block", indexOffset, indexLength, footerAt);
            checkRange(path, footerAt, "filter block", filterOffset, filterLength, indexOffset);
            Block index = Block.parse(path, indexOffset, read(file, indexOffset, indexLength));
            checkIndexHasARestartPerEntry(path, index);
            Filter filter = null;
            if (filterLength > 0) {
                filter = readFilter(path, filterOffset, read(file, filterOffset, filterLength),
                        ByteSink.getInt(footer, 56));
            }
            return new SstReader(path, number, file, cache, size, footer, index, filter);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static void checkFooter(Path path, long at, byte[] footer)
            throws CorruptionException {
        if (ByteSink.getLong(footer, 64) != SstWriter.MAGIC) {
            throw new CorruptionException(path, at + 64, "not an SSTable: bad magic");
        }
        int stored = ByteSink.getInt(footer, 60);
        if (stored != Checksums.crc32c(footer, 0, 60)) {
            throw new CorruptionException(path, at, "footer checksum mismatch");
        }
        int version = ByteSink.getInt(footer, 56);
        if (version != SstWriter.FORMAT_WHOLE_KEY_FILTER
                && version != SstWriter.FORMAT_PREFIX_FILTER) {
            throw new CorruptionException(path, at + 56, "unknown format version " + version);
        }
    }

    /** Block ordinals are restart indexes: the index block must restart at every entry. */
    private static void checkIndexHasARestartPerEntry(Path path, Block index)
            throws CorruptionException {
        BlockCursor c = new BlockCursor();
        c.reset(index);
        int entries = 0;
        for (c.seekFirst(); c.valid(); c.next()) {
            if (c.restartOrdinal() != entries++) {
                throw new CorruptionException(path, index.fileOffset,
                        "index entry " + (entries - 1) + " is not a restart point");
            }
        }
    }

    private static void checkRange(Path path, long at, String what, long offset, long length,
            long limit) throws CorruptionException {
        if (offset < 0 || length < 0 || offset + length > limit) {
            throw new CorruptionException(path, at, what + " [" + offset + ", +" + length
                    + ") lies outside [0, " + limit + ")");
        }
    }

    /** A filter block's bloom payload and the extractor name its prefixes were made with. */
    private record Filter(byte[] bloom, String prefixName) {}

    private static Filter readFilter(Path path, long offset, byte[] raw, int version)
            throws CorruptionException {
        int n = raw.length;
        if (n < BlockBuilder.TRAILER_BYTES + 2
                || ByteSink.getInt(raw, n - 4) != Checksums.crc32c(raw, 0, n - 4)) {
            throw new CorruptionException(path, offset, "filter block checksum mismatch");
        }
        int end = n - BlockBuilder.TRAILER_BYTES;
        int at = 0;
        String prefixName = null;
        if (version == SstWriter.FORMAT_PREFIX_FILTER) {
            int kind = raw[0];
            int nameBytes = raw[1] & 0xFF;
            if (kind != SstWriter.FILTER_KIND_WHOLE_KEYS
                    && kind != SstWriter.FILTER_KIND_WITH_PREFIXES
                    || nameBytes > KeyPrefix.NAME_BYTES_MAX || 2 + nameBytes + 2 > end) {
                throw new CorruptionException(path, offset, "filter block header: kind " + kind
                        + ", name of " + nameBytes + " bytes in a block of " + end);
            }
            at = 2 + nameBytes;
            if (kind == SstWriter.FILTER_KIND_WITH_PREFIXES) {
                prefixName = new String(raw, 2, nameBytes, StandardCharsets.US_ASCII);
            }
        }
        byte[] bloom = Arrays.copyOfRange(raw, at, end);
        int probes = BloomFilter.probes(bloom);
        if (probes < 1 || probes > 30) {
            throw new CorruptionException(path, offset, "filter has " + probes + " probes");
        }
        return new Filter(bloom, prefixName);
    }

    private static byte[] read(FileHandle file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        file.readFully(ByteBuffer.wrap(bytes), offset);
        return bytes;
    }

    boolean mayContain(long keyHash) {
        return filter == null || BloomFilter.mayContain(filter, keyHash);
    }


    /** The data block the index cursor points at. */
    Block dataBlock(BlockCursor indexCursor) throws IOException {
        byte[] b = indexCursor.block().bytes;
        int at = indexCursor.valueOffset();
        int end = at + indexCursor.valueLength();
        long offset = 0;
        int shift = 0;
        while (at < end && shift < 64) {
            byte x = b[at++];
            offset |= (long) (x & 0x7F) << shift;
            shift += 7;
            if (x >= 0) {
                break;
            }
        }
        long length = 0;
        shift = 0;
        while (at < end && shift < 35) {
            byte x = b[at++];
            length |= (long) (x & 0x7F) << shift;
            shift += 7;
            if (x >= 0) {
                break;
            }
        }
        checkRange(path, index.fileOffset, "data block", offset, length, filterOffset);
        if (cache == null) {
            return Block.parse(path, offset, read(file, offset, (int) length));
        }
        int ordinal = indexCursor.restartOrdinal();
        Block block = cache.get(cached, ordinal);
        if (block == null) {
            block = Block.parse(path, offset, read(file, offset, (int) length));
            cache.put(cached, ordinal, block);
        }
        return block;
    }

    /**
     * Looks up the newest version of {@code key} at or below {@code snapshotSeq}. On success
     * leaves {@code data} on the entry and returns true.
     */
    boolean get(byte[] key, long snapshotSeq, BlockCursor indexCursor, BlockCursor data)
            throws IOException {
        indexCursor.reset(index);
        indexCursor.seekGE(key, snapshotSeq);
        if (!indexCursor.valid()) {
            return false;
        }
        data.reset(dataBlock(indexCursor));
        data.seekGE(key, snapshotSeq);
        return data.valid() && Arrays.equals(data.keyBuffer(), 0, data.keyLength(),
                key, 0, key.length);
    }

    EntryIterator iterator() {
        return new SstIterator(this);
    }

    @Override
    public void close() throws IOException {
        if (cache != null) {
            cache.evict(cached);
        }
        file.close();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
