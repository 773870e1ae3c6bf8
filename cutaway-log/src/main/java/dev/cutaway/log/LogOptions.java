package dev.cutaway.log;

import java.util.concurrent.ScheduledExecutorService;

/**
 * How a {@link WriteAheadLog} is sized and flushed.
 *
 * @param segmentSizeBytes a segment file is closed and a new one started when the next record
 *     would take it past this size (a single larger record gets a segment of its own)
 * @param bufferBytesMax bound on appended-but-unwritten bytes; an append that would pass it
 *     writes the buffer out first (back-pressure). A record larger than this is written directly.
 *     While one buffer is being written, appends fill a second one, so the log holds at most
 *     {@code 2 * bufferBytesMax} bytes of records in memory.
 * @param flushDelayMillis with a background flusher, an append becomes durable at most this long
 *     after it was made, even if nobody awaits it (synchronous_commit = off)
 * @param backgroundFlusher executor that runs those delayed flushes; null for none (then only
 *     {@code awaitDurable}, {@code flush}, back-pressure and {@code close} write the log)
 */
public record LogOptions(long segmentSizeBytes, int bufferBytesMax, long flushDelayMillis,
                         ScheduledExecutorService backgroundFlusher) {

    /** Smallest segment accepted: a header and a few small records. */
    public static final long SEGMENT_SIZE_BYTES_MIN = 256;
    /** Smallest buffer accepted. */
    public static final int BUFFER_BYTES_MIN = 64;

    public LogOptions {
        if (segmentSizeBytes < SEGMENT_SIZE_BYTES_MIN) {
            throw new IllegalArgumentException("segmentSizeBytes " + segmentSizeBytes
                    + " is below the minimum of " + SEGMENT_SIZE_BYTES_MIN);
        }
        if (bufferBytesMax < BUFFER_BYTES_MIN) {
            throw new IllegalArgumentException("bufferBytesMax " + bufferBytesMax
                    + " is below the minimum of " + BUFFER_BYTES_MIN);
        }
        if (flushDelayMillis < 0) {
            throw new IllegalArgumentException("flushDelayMillis is negative: "
                    + flushDelayMillis);
        }
    }

    /** 16 MiB segments, a 4 MiB buffer, 200 ms flush delay, no background flusher. */
    public static LogOptions defaults() {
        return new LogOptions(16L << 20, 4 << 20, 200, null);
    }

    public LogOptions withSegmentSizeBytes(long bytes) {
        return new LogOptions(bytes, bufferBytesMax, flushDelayMillis, backgroundFlusher);
    }

    public LogOptions withBufferBytesMax(int bytes) {
        return new LogOptions(segmentSizeBytes, bytes, flushDelayMillis, backgroundFlusher);
    }

    public LogOptions withBackgroundFlusher(ScheduledExecutorService flusher, long delayMillis) {
        return new LogOptions(segmentSizeBytes, bufferBytesMax, delayMillis, flusher);
    }
}
