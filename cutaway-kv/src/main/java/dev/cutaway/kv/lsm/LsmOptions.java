package dev.cutaway.kv.lsm;

import dev.cutaway.kv.KeyPrefix;

/**
 * The knobs of one {@link LsmEngine} instance. Every size is a bound, not a hint.
 *
 * <ul>
 *   <li>{@code memtableBytesMax}: an active memtable is sealed (made immutable and handed to a
 *       flush) once its approximate size reaches this.</li>
 *   <li>{@code immutableMemtablesMax}: writes stall while this many sealed memtables wait for a
 *       flush (the memory bound).</li>
 *   <li>{@code blockBytes}: target size of an SSTable data block before it is cut.</li>
 *   <li>{@code restartInterval}: keys between two restart points in a block.</li>
 *   <li>{@code bloomBitsPerKey}: bloom filter bits per key; 0 disables the filter.</li>
 *   <li>{@code fileBytesTarget}: compaction cuts output files at this size.</li>
 *   <li>{@code level1BytesMax}, {@code levelSizeMultiplier}, {@code levelsMax}: leveled
 *       compaction targets (level n holds level1BytesMax * multiplier^(n-1)).</li>
 *   <li>{@code level0CompactionTrigger}, {@code level0SlowdownTrigger},
 *       {@code level0StopTrigger}: level 0 file (or, tiered, sorted run) counts that start a
 *       compaction, slow each write down, and stop writes until compaction catches up.</li>
 *   <li>{@code style}: LEVELED (RocksDB's default) or TIERED (size-tiered, all runs in level
 *       0, merged when {@code tieredMergeWidthMin} runs of similar size exist).</li>
 *   <li>{@code compactionBytesPerSecondMax}: rate limit on compaction writes; 0 = unlimited.</li>
 *   <li>{@code blockCacheBytes}: bytes of decoded data blocks kept in memory; 0 disables.</li>
 *   <li>{@code compression}: NONE or LZ4 for data blocks (our own codec, {@code Lz4Block}).</li>
 *   <li>{@code bloomPrefix}: the prefix extractor of the layer above (null: none). With one,
 *       tables' bloom filters also hold every key's prefix, and a range within one prefix
 *       skips tables that lack it (ADR 0024).</li>
 * </ul>
 */
public record LsmOptions(
        long memtableBytesMax,
        int immutableMemtablesMax,
        int blockBytes,
        int restartInterval,
        int bloomBitsPerKey,
        long fileBytesTarget,
        long level1BytesMax,
        int levelSizeMultiplier,
        int levelsMax,
        int level0CompactionTrigger,
        int level0SlowdownTrigger,
        int level0StopTrigger,
        CompactionStyle style,
        int tieredMergeWidthMin,
        long compactionBytesPerSecondMax,
        long blockCacheBytes,
        Compression compression,
        KeyPrefix bloomPrefix) {

    /** How an engine instance compacts. */
    public enum CompactionStyle { LEVELED, TIERED }

    /** How data blocks are stored: as is, or LZ4-compressed when that saves 1/8 or more. */
    public enum Compression { NONE, LZ4 }

    public LsmOptions {
        require(memtableBytesMax >= 1024, "memtableBytesMax must be >= 1024", memtableBytesMax);
        require(immutableMemtablesMax >= 1, "immutableMemtablesMax must be >= 1",
                immutableMemtablesMax);
        require(blockBytes >= 64 && blockBytes <= 1 << 24, "blockBytes out of [64, 16M]",
                blockBytes);
        require(restartInterval >= 1 && restartInterval <= 1024, "restartInterval out of range",
                restartInterval);
        require(bloomBitsPerKey >= 0 && bloomBitsPerKey <= 64, "bloomBitsPerKey out of [0, 64]",
                bloomBitsPerKey);
        require(fileBytesTarget >= blockBytes, "fileBytesTarget < blockBytes", fileBytesTarget);
        require(level1BytesMax >= fileBytesTarget, "level1BytesMax < fileBytesTarget",
                level1BytesMax);
        require(levelSizeMultiplier >= 2, "levelSizeMultiplier must be >= 2",
                levelSizeMultiplier);
        require(levelsMax >= 2 && levelsMax <= 12, "levelsMax out of [2, 12]", levelsMax);
        require(level0CompactionTrigger >= 1, "level0CompactionTrigger must be >= 1",
                level0CompactionTrigger);
        require(level0SlowdownTrigger >= level0CompactionTrigger,
                "level0SlowdownTrigger < level0CompactionTrigger", level0SlowdownTrigger);
        require(level0StopTrigger >= level0SlowdownTrigger,
                "level0StopTrigger < level0SlowdownTrigger", level0StopTrigger);
        require(style != null, "style is null", style);
        require(tieredMergeWidthMin >= 2, "tieredMergeWidthMin must be >= 2",
                tieredMergeWidthMin);
        require(compactionBytesPerSecondMax >= 0, "negative rate limit",
                compactionBytesPerSecondMax);
        require(blockCacheBytes >= 0, "negative block cache", blockCacheBytes);
        require(compression != null, "compression is null", compression);
    }

    /** Defaults close to RocksDB's, scaled for a teaching machine. */
    public static LsmOptions defaults() {
        return new LsmOptions(32L << 20, 2, 4096, 16, 10, 8L << 20, 64L << 20, 10, 7,
                4, 20, 36, CompactionStyle.LEVELED, 4, 0, 64L << 20, Compression.NONE, null);
    }

    /** Tiny sizes that force many flushes, compactions and cache evictions, for tests. */
    public static LsmOptions tiny() {
        return new LsmOptions(4096, 2, 256, 4, 10, 2048, 8192, 4, 5, 2, 6, 12,
                CompactionStyle.LEVELED, 3, 0, 16 * 1024, Compression.NONE, null);
    }

    public LsmOptions withStyle(CompactionStyle newStyle) {
        return new LsmOptions(memtableBytesMax, immutableMemtablesMax, blockBytes,
                restartInterval, bloomBitsPerKey, fileBytesTarget, level1BytesMax,
                levelSizeMultiplier, levelsMax, level0CompactionTrigger, level0SlowdownTrigger,
                level0StopTrigger, newStyle, tieredMergeWidthMin, compactionBytesPerSecondMax,
                blockCacheBytes, compression, bloomPrefix);
    }

    public LsmOptions withMemtableBytesMax(long bytes) {
        return new LsmOptions(bytes, immutableMemtablesMax, blockBytes, restartInterval,
                bloomBitsPerKey, fileBytesTarget, level1BytesMax, levelSizeMultiplier, levelsMax,
                level0CompactionTrigger, level0SlowdownTrigger, level0StopTrigger, style,
                tieredMergeWidthMin, compactionBytesPerSecondMax, blockCacheBytes, compression,
                bloomPrefix);
    }

    public LsmOptions withBloomBitsPerKey(int bits) {
        return new LsmOptions(memtableBytesMax, immutableMemtablesMax, blockBytes,
                restartInterval, bits, fileBytesTarget, level1BytesMax, levelSizeMultiplier,
                levelsMax, level0CompactionTrigger, level0SlowdownTrigger, level0StopTrigger,
                style, tieredMergeWidthMin, compactionBytesPerSecondMax, blockCacheBytes,
                compression, bloomPrefix);
    }

    public LsmOptions withBlockCacheBytes(long bytes) {
        return new LsmOptions(memtableBytesMax, immutableMemtablesMax, blockBytes,
                restartInterval, bloomBitsPerKey, fileBytesTarget, level1BytesMax,
                levelSizeMultiplier, levelsMax, level0CompactionTrigger, level0SlowdownTrigger,
                level0StopTrigger, style, tieredMergeWidthMin, compactionBytesPerSecondMax,
                bytes, compression, bloomPrefix);
    }

    public LsmOptions withCompactionBytesPerSecondMax(long bytesPerSecond) {
        return new LsmOptions(memtableBytesMax, immutableMemtablesMax, blockBytes,
                restartInterval, bloomBitsPerKey, fileBytesTarget, level1BytesMax,
                levelSizeMultiplier, levelsMax, level0CompactionTrigger, level0SlowdownTrigger,
                level0StopTrigger, style, tieredMergeWidthMin, bytesPerSecond, blockCacheBytes,
                compression, bloomPrefix);
    }

    public LsmOptions withCompression(Compression newCompression) {
        return new LsmOptions(memtableBytesMax, immutableMemtablesMax, blockBytes,
                restartInterval, bloomBitsPerKey, fileBytesTarget, level1BytesMax,
                levelSizeMultiplier, levelsMax, level0CompactionTrigger, level0SlowdownTrigger,
                level0StopTrigger, style, tieredMergeWidthMin, compactionBytesPerSecondMax,
                blockCacheBytes, newCompression, bloomPrefix);
    }

    public LsmOptions withBloomPrefix(KeyPrefix prefix) {
        return new LsmOptions(memtableBytesMax, immutableMemtablesMax, blockBytes,
                restartInterval, bloomBitsPerKey, fileBytesTarget, level1BytesMax,
                levelSizeMultiplier, levelsMax, level0CompactionTrigger, level0SlowdownTrigger,
                level0StopTrigger, style, tieredMergeWidthMin, compactionBytesPerSecondMax,
                blockCacheBytes, compression, prefix);
    }

    /** Bytes level {@code level} (1 or more) may hold before it is compacted down. */
    public long levelBytesMax(int level) {
        long bytes = level1BytesMax;
        for (int i = 1; i < level; i++) {
            bytes = bytes > Long.MAX_VALUE / levelSizeMultiplier
                    ? Long.MAX_VALUE : bytes * levelSizeMultiplier;
        }
        return bytes;
    }

    private static void require(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ": " + value);
        }
    }
}
