package dev.cutaway.kv.btree;

/**
 * How a {@link BTreeEngine} is configured.
 *
 * @param pageSizeBytes page size for a new file: 8192 (default), 16384 or 32768. An existing
 *     file keeps the page size it was created with.
 * @param bufferPoolFrames frames in the buffer pool (a bound: the pool never holds more pages);
 *     the default 32768 frames of 8 KiB hold 256 MiB of pages
 */
public record BTreeOptions(int pageSizeBytes, int bufferPoolFrames) {
    public static final int PAGE_SIZE_BYTES_DEFAULT = 8192;
    public static final int BUFFER_POOL_FRAMES_DEFAULT = 32768;

    public BTreeOptions {
        if (!PageFormat.validPageSize(pageSizeBytes)) {
            throw new IllegalArgumentException(
                    "page size must be 8192, 16384 or 32768 bytes: " + pageSizeBytes);
        }
        if (bufferPoolFrames < 16) {
            throw new IllegalArgumentException(
                    "buffer pool needs at least 16 frames: " + bufferPoolFrames);
        }
    }

    public static BTreeOptions defaults() {
        return new BTreeOptions(PAGE_SIZE_BYTES_DEFAULT, BUFFER_POOL_FRAMES_DEFAULT);
    }

    public BTreeOptions withBufferPoolFrames(int frames) {
        return new BTreeOptions(pageSizeBytes, frames);
    }

    public BTreeOptions withPageSizeBytes(int bytes) {
        return new BTreeOptions(bytes, bufferPoolFrames);
    }
}
