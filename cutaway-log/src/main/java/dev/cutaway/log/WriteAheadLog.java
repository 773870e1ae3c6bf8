package dev.cutaway.log;

import dev.cutaway.check.Invariants;
import dev.cutaway.io.FileHandle;
import dev.cutaway.io.FileSystem;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The node's write-ahead log: an append-only sequence of logical records (write batches,
 * checkpoints), each numbered by its LSN and checksummed, kept in segment files in one directory.
 * "The log is the database": a change is durable when its record is; engines are
 * materialisations of the log (DESIGN.md).
 *
 * <p>Appends encode the record straight into an in-memory buffer under one lock and return its
 * LSN. Durability is group commit: a caller of {@link #awaitDurable} whose LSN is not yet durable
 * and who finds no write in progress becomes the <em>leader</em>: it takes the whole buffer
 * (appends continue into a second buffer), writes it and syncs the file without holding the lock,
 * then publishes the new durable LSN and wakes the <em>followers</em>, who wait on a condition.
 * One sync thus covers every record appended before the leader took the buffer.
 *
 * <p>Invariants (numbers are cited by the checks):
 * <ol>
 *   <li>{@code firstLsn - 1 <= durableLsn <= writtenLsn <= lastLsn}; LSNs are consecutive.</li>
 *   <li>At most one leader at a time ({@code flushing}); only the leader writes or syncs the
 *       active segment, and writes land in LSN order at {@code activeEndOffset}.</li>
 *   <li>With no leader, the append buffer holds exactly the records
 *       {@code (writtenLsn, lastLsn]}, encoded back to back.</li>
 *   <li>Segments are sorted by first LSN; the last one is active. A new segment is created only
 *       when every record before it is durable ({@code durableLsn == lastLsn}), so only the
 *       active segment can ever hold unsynced records (recovery relies on this).</li>
 *   <li>Buffered bytes never exceed {@code bufferBytesMax} (back-pressure); a record larger
 *       than that bypasses the buffer.</li>
 *   <li>After a failed write or sync the log accepts nothing more: what reached the disk is
 *       unknown, and only recovery (reopening) may decide it.</li>
 *   <li>Preallocation ({@link SpareSegment}): the active segment is at least
 *       {@code segmentSizeBytes} long while open, zeros past {@code activeEndOffset}, so
 *       appends overwrite allocated blocks and a sync has no size change to journal. A segment
 *       is trimmed to the end of its records (truncated and synced) before its successor is
 *       created, and the active one on close, so a sealed segment ends exactly at its last
 *       record and any bad byte in it is corruption, as before preallocation.</li>
 *   <li>At most one preparation of the spare runs at a time ({@code spareState}); nothing else
 *       touches the spare file while it is {@code RUNNING}.</li>
 * </ol>
 */
public final class WriteAheadLog implements Closeable {
    private final FileSystem fs;
    private final Path dir;
    private final LogOptions options;
    private final RecoveryReport recoveryReport;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition flushDone = lock.newCondition();
    private final CRC32C crc = new CRC32C();
    private final List<SegmentFile> segments;
    private final LogCounters counters = new LogCounters();
    private FileHandle activeFile;
    private long activeEndOffset;
    private final AppendBuffers buffers;
    private boolean flushing;
    private boolean flushScheduled;
    private boolean closed;
    private IOException failure;
    private volatile long firstLsn;
    private volatile long lastLsn;
    private volatile long writtenLsn;
    private volatile long durableLsn;
    /** The spare holds at least a segment's bytes, synced: a rollover can install it at once. */
    private boolean spareReady;
    private SpareState spareState = SpareState.IDLE;
    /** A background preparation that failed; kept for the next failure that stops the log. */
    private IOException spareFailure;

    /** Background preparation of the spare: none, submitted, or writing (invariant 8). */
    private enum SpareState { IDLE, QUEUED, RUNNING }

    private WriteAheadLog(FileSystem fs, Path dir, LogOptions options,
                          LogRecovery.Result recovered, FileHandle activeFile) {
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.recoveryReport = recovered.report();
        this.segments = new ArrayList<>(recovered.segments());
        this.activeFile = activeFile;
        this.activeEndOffset = recovered.activeEndOffset();
        this.buffers = new AppendBuffers(options.bufferBytesMax());
        this.firstLsn = segments.getFirst().firstLsn();
        this.lastLsn = recovered.lastLsn();
        this.writtenLsn = lastLsn;
        this.durableLsn = lastLsn;
        checkInvariants();
    }

    /**
     * Opens the log in {@code dir} (creating it if empty or absent) and recovers it: see
     * {@link LogRecovery} for what is checked, cut off or refused.
     *
     * @throws dev.cutaway.io.CorruptionException for damage that is not a torn tail
     */
    public static WriteAheadLog open(FileSystem fs, Path dir, LogOptions options)
            throws IOException {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        LogRecovery.Result recovered = LogRecovery.run(fs, dir);
        FileHandle active = fs.open(recovered.segments().getLast().path(), false);
        try {
            preallocateActive(active, recovered.activeEndOffset(), options.segmentSizeBytes());
        } catch (IOException | RuntimeException e) {
            SegmentFile.closeAfterFailure(active, e);
            throw e;
        }
        WriteAheadLog log = new WriteAheadLog(fs, dir, options, recovered, active);
        log.lock.lock();
        try {
            log.scheduleSparePreparationLocked();
        } finally {
            log.lock.unlock();
        }
        return log;
    }

    /**
     * Extends the recovered active segment with zeros up to the segment size and syncs it
     * (invariant 7). Recovery left the file ending at its last intact record, so no stale or
     * torn byte survives past the point where appends continue.
     */
    private static void preallocateActive(FileHandle active, long endOffset, long sizeBytes)
            throws IOException {
        long size = active.size();
        Invariants.check(size == endOffset, "WriteAheadLog.7 recovery ends the active segment"
                + " at its records", size, endOffset);
        if (size < sizeBytes) {
            SpareSegment.zeroFill(active, size, sizeBytes);
            active.sync();
        }
    }

    /** What {@link #open} found and did. */
    public RecoveryReport recoveryReport() {
        return recoveryReport;
    }

    /**
     * Throws IllegalArgumentException if {@code batch} cannot be one log record (its encoding
     * exceeds the record bound), without touching the log: callers check before they commit to
     * appending.
     */
    public static void checkFits(WriteBatch batch) {
        RecordFormat.batchRecordBytes(batch);
    }

    /** The largest encoded body of one record, in bytes. */
    public static int recordBodyBytesMax() {
        return RecordFormat.RECORD_BODY_BYTES_MAX;
    }

    /** Appends a batch record with the next LSN; it is durable after {@link #awaitDurable}. */
    public long appendBatch(WriteBatch batch) throws IOException {
        return appendMutations(RecordFormat.TYPE_BATCH, 0, batch);
    }

    /**
     * Appends one part of a change too large for one record ({@link LogRecord.Part}): it takes
     * effect only once {@link #appendPartsCommit} closes its run. The caller appends a run's
     * parts and its commit with no other record between them (the node's write lock).
     */
    public long appendPart(WriteBatch batch) throws IOException {
        return appendMutations(RecordFormat.TYPE_PART, 0, batch);
    }

    /**
     * Closes the run of parts at {@code [firstPartLsn, this record's LSN)} with {@code batch}
     * ({@link LogRecord.PartsCommit}): the run is committed once this record is durable.
     */
    public long appendPartsCommit(long firstPartLsn, WriteBatch batch) throws IOException {
        return appendMutations(RecordFormat.TYPE_PARTS_COMMIT, firstPartLsn, batch);
    }

    private long appendMutations(byte type, long firstPartLsn, WriteBatch batch)
            throws IOException {
        if (batch == null) {
            throw new IllegalArgumentException("batch is null");
        }
        boolean commit = type == RecordFormat.TYPE_PARTS_COMMIT;
        int recordBytes = RecordFormat.batchRecordBytes(batch)
                + (commit ? RecordFormat.PARTS_COMMIT_PREFIX_BYTES : 0);
        if (recordBytes - RecordFormat.PREFIX_BYTES > RecordFormat.RECORD_BODY_BYTES_MAX) {
            throw new IllegalArgumentException("write batch of " + recordBytes
                    + " encoded bytes exceeds the log record limit");
        }
        lock.lock();
        try {
            if (commit && (firstPartLsn < firstLsn || firstPartLsn > lastLsn)) {
                throw new IllegalArgumentException("first part LSN " + firstPartLsn
                        + " is not in [" + firstLsn + ", " + lastLsn + "]");
            }
            ByteBuffer dst = makeRoomLocked(recordBytes);
            long lsn = lastLsn + 1;
            RecordFormat.encodeMutations(dst, lsn, type, firstPartLsn, batch, recordBytes, crc);
            return appendedLocked(lsn, recordBytes, dst);
        } finally {
            lock.unlock();
        }
    }

    /** Appends a checkpoint: {@code space} is durable on its own up to {@code checkpointLsn}. */
    public long appendCheckpoint(int space, long checkpointLsn) throws IOException {
        int recordBytes = RecordFormat.checkpointRecordBytes();
        lock.lock();
        try {
            if (checkpointLsn < 0 || checkpointLsn > lastLsn) {
                throw new IllegalArgumentException("checkpoint LSN " + checkpointLsn
                        + " is not in [0, " + lastLsn + "], the LSNs appended so far");
            }
            ByteBuffer dst = makeRoomLocked(recordBytes);
            long lsn = lastLsn + 1;
            RecordFormat.encodeCheckpoint(dst, lsn, space, checkpointLsn, crc);
            return appendedLocked(lsn, recordBytes, dst);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns a buffer with room for a record of {@code recordBytes} at its position: the append
     * buffer, or a fresh one for a record too large to buffer (invariant 5). Rolls the segment
     * over and writes the buffer out (back-pressure) as needed. May release the lock meanwhile.
     */
    private ByteBuffer makeRoomLocked(int recordBytes) throws IOException {
        while (true) {
            checkOpenLocked();
            throwIfFailedLocked();
            long segmentEnd = activeEndOffset + buffers.bufferedBytes();
            if (segmentEnd > SegmentFile.HEADER_BYTES
                    && segmentEnd + recordBytes > options.segmentSizeBytes()) {
                if (flushing) {
                    awaitFlushLocked();
                } else if (durableLsn < lastLsn) {
                    writeBufferedLocked(true);
                } else {
                    rolloverLocked();
                }
            } else if (recordBytes > options.bufferBytesMax()) {
                if (flushing) {
                    awaitFlushLocked();
                } else if (buffers.bufferedBytes() > 0) {
                    writeBufferedLocked(false);
                } else {
                    return RecordFormat.allocate(recordBytes);
                }
            } else if (buffers.fits(recordBytes)) {
                return buffers.reserve(recordBytes);
            } else if (flushing) {
                awaitFlushLocked();
            } else {
                writeBufferedLocked(false);
            }
        }
    }

    private long appendedLocked(long lsn, int recordBytes, ByteBuffer dst) throws IOException {
        Invariants.check(lsn == lastLsn + 1, "WriteAheadLog.1 consecutive LSNs", lsn, lastLsn);
        lastLsn = lsn;
        counters.appended(recordBytes);
        if (!buffers.isFilling(dst)) {
            writeLocked(dst.flip(), lsn, false);
        }
        scheduleBackgroundFlushLocked();
        return lsn;
    }

    /**
     * Blocks until every record up to {@code lsn} is on disk. Group commit: the first waiter
     * that finds no write in progress writes and syncs everything buffered for all waiters.
     */
    public void awaitDurable(long lsn) throws IOException {
        if (lsn <= durableLsn) {
            return;
        }
        lock.lock();
        try {
            if (lsn > lastLsn) {
                throw new IllegalArgumentException("LSN " + lsn
                        + " was never appended; the last LSN is " + lastLsn);
            }
            awaitDurableLocked(lsn);
        } finally {
            lock.unlock();
        }
    }

    private void awaitDurableLocked(long lsn) throws IOException {
        while (durableLsn < lsn) {
            throwIfFailedLocked();
            if (flushing) {
                awaitFlushLocked();
            } else {
                writeBufferedLocked(true);
            }
        }
    }

    /** Makes every record appended so far durable: {@code awaitDurable(lastLsn())}. */
    public void flush() throws IOException {
        awaitDurable(lastLsn);
    }

    /**
     * Becomes the leader for the append buffer: hands it to {@link #writeLocked} and lets
     * appends continue in the spare buffer.
     */
    private void writeBufferedLocked(boolean sync) throws IOException {
        ByteBuffer out = buffers.take();
        writeLocked(out, lastLsn, sync);
        buffers.recycle(out);
    }

    /**
     * The leader's write: {@code out} holds the records {@code (writtenLsn, targetLsn]}. Writes
     * them at the end of the active segment and, if {@code sync}, syncs it — all without the
     * lock, so appends go on meanwhile. Publishes the result and wakes the waiters.
     */
    private void writeLocked(ByteBuffer out, long targetLsn, boolean sync) throws IOException {
        Invariants.check(!flushing && lock.isHeldByCurrentThread(),
                "WriteAheadLog.2 one leader at a time");
        flushing = true;
        long at = activeEndOffset;
        activeEndOffset += out.remaining();
        long records = targetLsn - writtenLsn;
        FileHandle file = activeFile;
        Throwable thrown = null;
        lock.unlock();
        try {
            if (out.hasRemaining()) {
                file.write(out, at);
            }
            if (sync) {
                file.sync();
            }
        } catch (IOException | RuntimeException | Error e) {
            thrown = e;
        } finally {
            lock.lock();
        }
        flushing = false;
        flushDone.signalAll();
        if (thrown != null) {
            failure = thrown instanceof IOException io ? io
                    : new IOException("log write failed unexpectedly", thrown);
            rethrow(thrown);
        }
        writtenLsn = targetLsn;
        if (sync) {
            durableLsn = targetLsn;
        }
        counters.wrote(records, sync);
    }

    private static void rethrow(Throwable thrown) throws IOException {
        switch (thrown) {
            case IOException io -> throw io;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw Invariants.violation("unexpected throwable", thrown);
        }
    }

    /**
     * Closes the active segment and starts the next one. Everything appended is durable
     * (invariant 4); the old segment is trimmed to its records and synced (invariant 7) before
     * the spare becomes the new segment. Prepares the spare here unless it is ready; if a
     * background preparation is running, only waits for it and returns, and the caller
     * ({@link #makeRoomLocked}) decides again.
     */
    private void rolloverLocked() throws IOException {
        Invariants.check(!flushing && durableLsn == lastLsn && buffers.bufferedBytes() == 0,
                "WriteAheadLog.4 roll over only with everything durable", durableLsn, lastLsn);
        if (spareState == SpareState.RUNNING) {
            awaitFlushLocked(); // the lock was released: the caller must look at the log again
            return;
        }
        SegmentFile next = SegmentFile.in(dir, lastLsn + 1);
        FileHandle nextFile;
        try {
            trimActiveLocked();
            if (!spareReady) {
                SpareSegment.prepare(fs, dir, options.segmentSizeBytes());
            }
            spareReady = false;
            nextFile = SpareSegment.install(fs, next);
        } catch (IOException e) {
            failure = e;
            if (spareFailure != null) {
                e.addSuppressed(spareFailure);
            }
            throw e;
        }
        FileHandle old = activeFile;
        activeFile = nextFile;
        activeEndOffset = SegmentFile.HEADER_BYTES;
        segments.add(next);
        old.close();
        scheduleSparePreparationLocked();
    }

    /** Cuts the preallocated rest off the active segment and syncs it (invariant 7). */
    private void trimActiveLocked() throws IOException {
        if (activeFile.size() > activeEndOffset) {
            activeFile.truncate(activeEndOffset);
            activeFile.sync();
        }
    }

    /**
     * Has the background executor, if any, prepare the spare ahead of the next rollover, so
     * that the zero-filling is off the commit path. Without an executor the rollover does it.
     */
    private void scheduleSparePreparationLocked() {
        ScheduledExecutorService executor = options.backgroundFlusher();
        if (executor == null || spareReady || spareState != SpareState.IDLE || closed
                || failure != null) {
            return;
        }
        try {
            executor.execute(this::prepareSpareInBackground);
            spareState = SpareState.QUEUED;
        } catch (RejectedExecutionException e) {
            // The executor is shutting down: the next rollover prepares the spare itself.
            spareState = SpareState.IDLE;
        }
    }

    /** Runs on the background executor: makes the spare ready (invariant 8). */
    private void prepareSpareInBackground() {
        lock.lock();
        try {
            if (spareState != SpareState.QUEUED || spareReady || closed || failure != null) {
                spareState = spareState == SpareState.QUEUED ? SpareState.IDLE : spareState;
                return;
            }
            spareState = SpareState.RUNNING;
        } finally {
            lock.unlock();
        }
        IOException failed = null;
        try {
            SpareSegment.prepare(fs, dir, options.segmentSizeBytes());
        } catch (IOException e) {
            failed = e;
        }
        lock.lock();
        try {
            spareState = SpareState.IDLE;
            if (failed == null) {
                spareReady = true;
                counters.sparePrepared();
            } else {
                // Not fatal: the next rollover prepares the spare itself and, if that fails
                // too, reports this failure with its own.
                spareFailure = failed;
            }
            flushDone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void scheduleBackgroundFlushLocked() {
        ScheduledExecutorService flusher = options.backgroundFlusher();
        if (flusher == null || flushScheduled) {
            return;
        }
        flusher.schedule(this::backgroundFlush, options.flushDelayMillis(),
                TimeUnit.MILLISECONDS);
        flushScheduled = true;
    }

    /** Runs on the background flusher: makes what was appended by now durable. */
    private void backgroundFlush() {
        lock.lock();
        try {
            flushScheduled = false;
            if (closed || failure != null) {
                return;
            }
            awaitDurableLocked(lastLsn);
        } catch (InterruptedIOException e) {
            // The executor is shutting down while this task waited for another leader; nothing
            // was written by this task, and the next awaitDurable or close flushes.
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // Nobody waits for this flush, so keep the failure for the next caller to see
            // (invariant 6) instead of losing it on the executor.
            if (failure == null) {
                failure = e;
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitFlushLocked() throws IOException {
        try {
            flushDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a log write");
        }
    }

    private void checkOpenLocked() {
        if (closed) {
            throw new IllegalStateException("the write-ahead log in " + dir + " is closed");
        }
    }

    private void throwIfFailedLocked() throws IOException {
        if (failure != null) {
            throw new IOException("the write-ahead log in " + dir + " failed earlier and must"
                    + " be reopened (recovery decides what survived)", failure);
        }
    }

    /** First LSN still in the log (1 until segments are removed). */
    public long firstLsn() {
        return firstLsn;
    }

    /** LSN of the last record appended, 0 in a log that never had one. */
    public long lastLsn() {
        return lastLsn;
    }

    /** Every record up to this LSN is on disk. */
    public long durableLsn() {
        return durableLsn;
    }

    /**
     * Reads the records with {@code lsn >= fromLsn} up to the durable LSN at the time of this
     * call (call {@link #flush()} first to see every append). A segment removed while the reader
     * is open makes it fail with an I/O error.
     *
     * @throws IllegalArgumentException if {@code fromLsn} was removed or lies past the log's end
     */
    public LogReader read(long fromLsn) throws IOException {
        List<SegmentFile> snapshot;
        long limitLsn;
        lock.lock();
        try {
            if (fromLsn < 1) {
                throw new IllegalArgumentException("LSN " + fromLsn + ": LSNs start at 1");
            }
            if (fromLsn < firstLsn) {
                throw new IllegalArgumentException("LSN " + fromLsn + " is no longer in the log:"
                        + " segments before LSN " + firstLsn + " were removed");
            }
            if (fromLsn > lastLsn + 1) {
                throw new IllegalArgumentException("LSN " + fromLsn
                        + " is past the end of the log (last LSN " + lastLsn + ")");
            }
            snapshot = List.copyOf(segments);
            limitLsn = durableLsn;
        } finally {
            lock.unlock();
        }
        return new SegmentChainReader(fs, snapshot, fromLsn, limitLsn);
    }

    /**
     * Deletes whole segments, oldest first, whose records all have LSNs below {@code lsn}. The
     * active segment is never removed. Each deletion is made durable before the next, so a crash
     * leaves the surviving segments a contiguous run. A removed segment is recycled (renamed to
     * the spare, {@link SpareSegment}) when there is no spare yet.
     *
     * @return how many segments were deleted
     */
    public int removeSegmentsBefore(long lsn) throws IOException {
        lock.lock();
        try {
            checkOpenLocked();
            throwIfFailedLocked();
            int removed = 0;
            while (segments.size() > 1 && segments.get(1).firstLsn() - 1 < lsn) {
                SegmentFile oldest = segments.getFirst();
                boolean recycle = spareState != SpareState.RUNNING
                        && !fs.exists(SpareSegment.path(dir));
                if (recycle) {
                    fs.rename(oldest.path(), SpareSegment.path(dir));
                } else {
                    fs.delete(oldest.path());
                }
                fs.syncDirectory(dir);
                segments.removeFirst();
                firstLsn = segments.getFirst().firstLsn();
                counters.segmentRemoved(recycle);
                removed++;
            }
            scheduleSparePreparationLocked();
            return removed;
        } finally {
            lock.unlock();
        }
    }

    public LogStats stats() {
        lock.lock();
        try {
            return counters.snapshot(segments.size(), firstLsn, lastLsn, durableLsn);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Checks invariants 1 to 5; with {@code -Dcutaway.invariants=true} also walks the append
     * buffer record by record.
     */
    public void checkInvariants() {
        lock.lock();
        try {
            Invariants.check(firstLsn - 1 <= durableLsn && durableLsn <= writtenLsn
                    && writtenLsn <= lastLsn, "WriteAheadLog.1 LSN order",
                    firstLsn, durableLsn, writtenLsn, lastLsn);
            Invariants.check(!segments.isEmpty()
                    && segments.getLast().firstLsn() <= lastLsn + 1
                    && activeEndOffset >= SegmentFile.HEADER_BYTES,
                    "WriteAheadLog.4 active segment", segments, lastLsn, activeEndOffset);
            for (int i = 1; i < segments.size(); i++) {
                Invariants.check(segments.get(i - 1).firstLsn() < segments.get(i).firstLsn(),
                        "WriteAheadLog.4 segments sorted", segments);
            }
            Invariants.check(buffers.bufferedBytes() <= options.bufferBytesMax(),
                    "WriteAheadLog.5 bounded buffer", buffers.bufferedBytes());
            if (!flushing) {
                Invariants.check((buffers.bufferedBytes() == 0) == (writtenLsn == lastLsn),
                        "WriteAheadLog.3 buffer holds the unwritten records",
                        buffers.bufferedBytes(), writtenLsn, lastLsn);
                if (Invariants.EXPENSIVE) {
                    buffers.checkRecords(writtenLsn, lastLsn);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes everything appended durable, trims the preallocated rest off the active segment
     * (invariant 7) and closes the log; later appends are refused.
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                while (flushing || durableLsn < lastLsn || spareState == SpareState.RUNNING) {
                    throwIfFailedLocked();
                    if (flushing || spareState == SpareState.RUNNING) {
                        awaitFlushLocked();
                    } else {
                        writeBufferedLocked(true);
                    }
                }
                throwIfFailedLocked(); // a failed log is left as it is for recovery to judge
                trimActiveLocked();
            } finally {
                closed = true;
                activeFile.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
