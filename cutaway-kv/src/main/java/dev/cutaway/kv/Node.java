package dev.cutaway.kv;

import dev.cutaway.io.CorruptionException;
import dev.cutaway.io.FileSystem;
import dev.cutaway.kv.btree.BTreeEngine;
import dev.cutaway.kv.lsm.LsmEngine;
import dev.cutaway.log.LogReader;
import dev.cutaway.log.LogRecord;
import dev.cutaway.log.WriteAheadLog;
import dev.cutaway.log.WriteBatch;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Cutaway node: the write-ahead log and the storage engine that materialises it. This class
 * is where "the log is the database" (DESIGN.md) happens:
 *
 * <pre>
 *   write(batch):  lsn = log.append(batch) ; engine.apply(batch, lsn) ; [await log fsync]
 *   checkpoint():  log durable up to engine.appliedLsn ; engine.checkpoint() ;
 *                  log.appendCheckpoint ; remove log segments the engine no longer needs
 *   open():        engine opens at its last checkpoint ; replay log from checkpointLsn + 1
 * </pre>
 *
 * <p>Directory layout: {@code DIR/LOCK} (held while the node is open, so a second process
 * cannot open the same directory), {@code DIR/wal/} (log segments), and the default key
 * space's engine:
 * {@code DIR/space-0.btree} (a B+tree file) or {@code DIR/space-0.lsm/} (an LSM directory of
 * SSTables and a manifest). Which one exists decides the engine; the option only chooses for a
 * new directory.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Batches are applied to the engine in strictly increasing LSN order, one writer at a time
 *       (the write lock covers append and apply, so LSN order equals apply order).</li>
 *   <li>WAL rule: the log is durable up to an LSN before any engine image complete to that LSN
 *       becomes durable ({@link #checkpoint()} awaits the log first).</li>
 *   <li>A log segment is removed only once the engine's durable image covers all its records.</li>
 *   <li>After a failure while appending or applying, the in-memory engine may disagree with the
 *       log: the node refuses all further work ("failed") until it is reopened, when recovery
 *       rebuilds the engine from its checkpoint and the log.</li>
 * </ol>
 *
 * <p>Visibility: a batch is visible to readers once applied, which is before it is durable under
 * synchronous commit. Readers at this layer may therefore observe a batch that a crash then
 * loses; the transaction layer decides visibility by commit status and waits for durability
 * before it reports a commit.
 */
public final class Node implements Closeable {
    /** The only key space so far; tables choose spaces (and engines) once the catalog exists. */
    public static final int DEFAULT_SPACE = 0;

    private final Path dir;
    private final Closeable dirLock;
    private final NodeOptions options;
    private final WriteAheadLog log;
    private final KvEngine engine;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final RecoveryStats recovery;
    private long logBytesSinceCheckpoint;
    private long logBytesSinceFlush;
    private volatile boolean checkpointDue;
    private volatile Throwable failure;
    private volatile boolean closed;

    /** What opening the node found and did, for the shell and for tests. */
    public record RecoveryStats(String logReport, long engineCheckpointLsn,
            long recordsReplayed, long lastLsn) {
        @Override
        public String toString() {
            return logReport + "\nengine image complete to LSN " + engineCheckpointLsn
                    + "; replayed " + recordsReplayed + " batch records up to LSN " + lastLsn;
        }
    }

    private Node(Path dir, Closeable dirLock, NodeOptions options, WriteAheadLog log,
            KvEngine engine, RecoveryStats recovery) {
        this.dir = dir;
        this.dirLock = dirLock;
        this.options = options;
        this.log = log;
        this.engine = engine;
        this.recovery = recovery;
    }

    /** Opens (or creates) the node in {@code dir}, recovering from the log if needed. */
    public static Node open(FileSystem fs, Path dir, NodeOptions options) throws IOException {
        fs.createDirectories(dir);
        Closeable dirLock = fs.lockExclusive(dir.resolve("LOCK"));
        WriteAheadLog log = null;
        KvEngine engine = null;
        try {
            log = WriteAheadLog.open(fs, dir.resolve("wal"), options.log());
            engine = openEngine(fs, dir, options, log);
            if (dir.getParent() != null) {
                fs.syncDirectory(dir.getParent());
            }
            fs.syncDirectory(dir);
            RecoveryStats stats = replay(dir, log, engine);
            return new Node(dir, dirLock, options, log, engine, stats);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(engine, e);
            closeQuietly(log, e);
            closeQuietly(dirLock, e);
            throw e;
        }
    }

    /** The engine of the default space: the kind already on disk, else the option's kind. */
    private static KvEngine openEngine(FileSystem fs, Path dir, NodeOptions options,
            WriteAheadLog log) throws IOException {
        Path btree = dir.resolve("space-0.btree");
        Path lsm = dir.resolve("space-0.lsm");
        boolean hasBTree = fs.exists(btree);
        boolean hasLsm = fs.exists(lsm);
        if (hasBTree && hasLsm) {
            throw new CorruptionException(dir, "space 0",
                    "both a B+tree file and an LSM directory exist; remove the stray one");
        }
        NodeOptions.EngineKind kind = hasBTree ? NodeOptions.EngineKind.BTREE
                : hasLsm ? NodeOptions.EngineKind.LSM : options.engine();
        return switch (kind) {
            case BTREE -> BTreeEngine.open(fs, btree, options.btree());
            case LSM -> LsmEngine.open(fs, lsm, options.lsm(), options.background(),
                    log::durableLsn);
        };
    }

    private static RecoveryStats replay(Path dir, WriteAheadLog log, KvEngine engine)
            throws IOException {
        long from = engine.checkpointLsn() + 1;
        if (engine.checkpointLsn() > log.lastLsn()) {
            throw new CorruptionException(dir.resolve("space-0"),
                    "checkpoint LSN " + engine.checkpointLsn(),
                    "the engine's image is ahead of the log (last LSN " + log.lastLsn()
                            + "): log segments are missing");
        }
        if (from < log.firstLsn()) {
            throw new CorruptionException(dir.resolve("wal"), "LSN " + from,
                    "the engine needs log records from LSN " + from
                            + " but the log starts at " + log.firstLsn());
        }
        long replayed = 0;
        try (LogReader reader = log.read(from)) {
            for (LogRecord r = reader.next(); r != null; r = reader.next()) {
                if (r instanceof LogRecord.Batch b) {
                    engine.apply(b.batch(), b.lsn());
                    replayed++;
                }
            }
        }
        return new RecoveryStats(log.recoveryReport().toString(), engine.checkpointLsn(),
                replayed, log.lastLsn());
    }

    /**
     * Appends {@code batch} to the log and applies it. Returns once durable if synchronous
     * commit is on. @return the batch's LSN
     */
    public long write(WriteBatch batch) throws IOException {
        long lsn = writeNoWait(batch);
        awaitCommit(lsn);
        return lsn;
    }

    /**
     * Appends {@code batch} to the log and applies it, without waiting for durability: the
     * first half of {@link #write}, for a caller (the transaction layer) that must order its
     * own bookkeeping with the append and wait for the fsync outside its locks. The caller must
     * call {@link #awaitCommit} before it reports the batch as committed. @return the LSN
     */
    public long writeNoWait(WriteBatch batch) throws IOException {
        checkUsable();
        for (WriteBatch.Mutation m : batch.mutations()) {
            if (m.space() != DEFAULT_SPACE) {
                throw new IllegalArgumentException("unknown key space " + m.space());
            }
        }
        long lsn;
        boolean flushDue;
        writeLock.lock();
        try {
            checkUsable();
            try {
                lsn = log.appendBatch(batch);
                engine.apply(batch, lsn);
            } catch (IOException | RuntimeException | Error e) {
                failure = e;   // invariant 4: engine and log may now disagree
                throw e;
            }
            long bytes = batch.payloadBytes() + 16L * batch.size();
            logBytesSinceCheckpoint += bytes;
            logBytesSinceFlush += bytes;
            if (options.checkpointLogBytes() > 0
                    && logBytesSinceCheckpoint >= options.checkpointLogBytes()) {
                checkpointDue = true;
            }
            // Synchronous commit off still bounds un-synced work by size, so an engine that
            // waits for the log (the LSM's flush obeys the WAL rule) always makes progress.
            flushDue = !options.synchronousCommit()
                    && logBytesSinceFlush >= options.log().bufferBytesMax();
            if (flushDue || options.synchronousCommit()) {
                logBytesSinceFlush = 0;
            }
        } finally {
            writeLock.unlock();
        }
        if (flushDue) {
            log.awaitDurable(lsn);
        }
        return lsn;
    }

    /**
     * The second half of {@link #write}: waits until {@code lsn} is durable if synchronous
     * commit is on (group commit: concurrent callers share one fsync), and runs a checkpoint
     * if the log has grown past its bound.
     */
    public void awaitCommit(long lsn) throws IOException {
        if (options.synchronousCommit()) {
            log.awaitDurable(lsn);
        }
        if (checkpointDue) {
            checkpointDue = false;
            checkpoint();
        }
    }

    /** True if {@link #awaitCommit} waits for the fsync of each commit. */
    public boolean synchronousCommit() {
        return options.synchronousCommit();
    }

    /** The value of {@code key} in the default space, or null. */
    public byte[] get(byte[] key) throws IOException {
        checkUsable();
        return engine.get(key);
    }

    /** The default space's engine, for cursors, stats and invariant checks. */
    public KvEngine engine() {
        return engine;
    }

    public WriteAheadLog log() {
        return log;
    }

    public Path dir() {
        return dir;
    }

    public RecoveryStats recovery() {
        return recovery;
    }

    /** Makes the log durable up to everything written so far (synchronous commit off). */
    public void flush() throws IOException {
        checkUsable();
        log.flush();
    }

    /**
     * Makes the engine's on-disk image complete as of the last applied batch and removes the log
     * segments it no longer needs. @return the checkpoint's LSN
     */
    public long checkpoint() throws IOException {
        writeLock.lock();
        try {
            checkUsable();
            long applied = engine.appliedLsn();
            log.awaitDurable(applied);                         // invariant 2
            long checkpointLsn = engine.checkpoint();
            log.appendCheckpoint(DEFAULT_SPACE, checkpointLsn);
            log.removeSegmentsBefore(checkpointLsn + 1);       // invariant 3
            logBytesSinceCheckpoint = 0;
            return checkpointLsn;
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /** Counters of the log and the engine, prefixed {@code log.} and {@code engine.}. */
    public Map<String, Number> stats() {
        Map<String, Number> all = new LinkedHashMap<>();
        log.stats().counters().forEach((k, v) -> all.put("log." + k, v));
        engine.stats().counters().forEach((k, v) -> all.put("engine." + k, v));
        return all;
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("node " + dir + " is closed");
        }
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("node " + dir + " failed earlier and must be "
                    + "reopened to recover: " + f, f);
        }
    }

    /**
     * Takes a shutdown checkpoint (as PostgreSQL does, so that reopening replays nothing) and
     * closes. A failed node closes without one; reopening recovers from the log.
     */
    @Override
    public void close() throws IOException {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            try {
                if (failure == null) {
                    checkpoint();
                }
            } finally {
                closed = true;
                try {
                    engine.close();
                } finally {
                    try {
                        log.close();
                    } finally {
                        dirLock.close();
                    }
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Closeable c, Throwable primary) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            primary.addSuppressed(e);
        }
    }
}
