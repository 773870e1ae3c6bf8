/**
 * The write-ahead log: the node's one durable, ordered sequence of logical records, and the one
 * source of truth for durability and (later) replication. Engines are materialisations of it:
 * they checkpoint, and recovery replays the log from each engine's checkpoint.
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link dev.cutaway.log.WriteAheadLog}: {@code open(FileSystem, Path, LogOptions)},
 *       {@code appendBatch(WriteBatch)}, {@code appendCheckpoint(int, long)},
 *       {@code appendPart(WriteBatch)} and {@code appendPartsCommit(long, WriteBatch)} (each
 *       returns the record's LSN), {@code awaitDurable(long)} (group commit) and {@code flush()},
 *       {@code firstLsn()}, {@code lastLsn()}, {@code durableLsn()}, {@code read(long)},
 *       {@code removeSegmentsBefore(long)}, {@code stats()}, {@code recoveryReport()},
 *       {@code close()}.</li>
 *   <li>{@link dev.cutaway.log.LogRecord}: sealed; {@code Batch(lsn, WriteBatch)},
 *       {@code Checkpoint(lsn, space, checkpointLsn)}, and for changes too large for one
 *       record (ADR 0029) {@code Part(lsn, WriteBatch)} and
 *       {@code PartsCommit(lsn, firstPartLsn, WriteBatch)}.</li>
 *   <li>{@link dev.cutaway.log.WriteBatch}: an atomic group of puts and deletes.</li>
 *   <li>{@link dev.cutaway.log.LogOptions}, {@link dev.cutaway.log.LogStats},
 *       {@link dev.cutaway.log.RecoveryReport}, {@link dev.cutaway.log.LogReader}.</li>
 *   <li>{@link dev.cutaway.log.LogInspector}: a read-only textual dump of a log directory.</li>
 * </ul>
 *
 * <p>Usage. synchronous_commit is the caller's choice:
 * <pre>{@code
 * long lsn = log.appendBatch(batch);   // buffered; LSNs are 1, 2, 3, ... without gaps
 * log.awaitDurable(lsn);               // "on": returns once the record is synced (group commit)
 * }</pre>
 * With "off" the caller skips {@code awaitDurable}; a background flusher given in
 * {@link dev.cutaway.log.LogOptions} makes the record durable within {@code flushDelayMillis}.
 *
 * <p>Failures: a caller's mistake is an {@link java.lang.IllegalArgumentException} (or
 * {@link java.lang.IllegalStateException} after close); damaged files are a
 * {@link dev.cutaway.io.CorruptionException} naming file, offset and LSN — except a torn tail
 * after a crash, which {@code open} cuts off and reports in its
 * {@link dev.cutaway.log.RecoveryReport}; after a failed write or sync the log refuses further
 * work until reopened.
 *
 * <p>Files: one directory of segment files named by their first LSN
 * ({@code 00000000000000000001.wal}), plus at most one {@code spare.wal}: zero-filled (or
 * recycled) space that becomes the next segment, so appends never grow a file and a commit's
 * fdatasync has no metadata to write ({@code SpareSegment}). The layouts are in
 * {@code SegmentFile} and {@code RecordFormat}, and ADR 0002 explains the choices.
 */
package dev.cutaway.log;
