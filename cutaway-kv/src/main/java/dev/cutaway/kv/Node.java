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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Cutaway node: the write-ahead log and the storage engines that materialise it, one engine
 * per key space. This class is where "the log is the database" (DESIGN.md) happens:
 *
 * <pre>
 *   write(batch):  lsn = log.append(batch) ; each space's engine.apply(its mutations, lsn) ;
 *                  [await log fsync]
 *   writeParts:    log.appendPart(each part) ; lsn = log.appendPartsCommit(first, commit) ;
 *                  await log fsync of lsn ; apply each part at its LSN, then commit at lsn
 *   checkpoint():  log durable up to its last LSN ; idle engines marked complete to it ;
 *                  every engine.checkpoint() ; log.appendCheckpoint per space ;
 *                  remove log segments no engine still needs
 *   open():        engines open at their checkpoints ; replay the log from the oldest
 *                  checkpoint + 1, each batch's mutations to the spaces that lack them
 * </pre>
 *
 * <p>Directory layout: {@code DIR/LOCK} (held while the node is open, so a second process
 * cannot open the same directory), {@code DIR/wal/} (log segments), {@code DIR/SPACES} (the
 * spaces beyond space 0, see {@link SpaceRegistry}), and one engine per space N:
 * {@code DIR/space-N.btree} (a B+tree file) or {@code DIR/space-N.lsm/} (an LSM directory of
 * SSTables and a manifest). For space 0, which one exists decides the engine; the option only
 * chooses for a new directory. Other spaces are made by {@link #createSpace}.
 *
 * <p>Invariants:
 * <ol>
 *   <li>Batches are applied to the engines in strictly increasing LSN order, one writer at a
 *       time (the write lock covers append and apply, so LSN order equals apply order).</li>
 *   <li>WAL rule: the log is durable up to an LSN before any engine image complete to that LSN
 *       becomes durable ({@link #checkpoint()} awaits the log first).</li>
 *   <li>A log segment is removed only once every engine's durable image covers all its
 *       records.</li>
 *   <li>After a failure while appending or applying, the in-memory engines may disagree with
 *       the log: the node refuses all further work ("failed") until it is reopened, when
 *       recovery rebuilds the engines from their checkpoints and the log.</li>
 *   <li>A space is named in {@code SPACES} only once its engine exists on disk with a
 *       checkpoint at or after the log's last LSN at creation, so replay never needs records
 *       from before it existed.</li>
 *   <li>A parted write ({@link #writePartsNoWait}) is all or nothing: its part records and
 *       closing record are consecutive LSNs (appended under the write lock), nothing of it is
 *       applied before the closing record is durable, and replay applies parts only when it
 *       meets their closing record. An engine image may hold some parts of a run only if its
 *       closing record is durable, so replay completes it.</li>
 * </ol>
 *
 * <p>Visibility: a batch is visible to readers once applied, which is before it is durable under
 * synchronous commit. Readers at this layer may therefore observe a batch that a crash then
 * loses; the transaction layer decides visibility by commit status and waits for durability
 * before it reports a commit.
 */
public final class Node implements Closeable {
    /** The space every node has; the transaction layer keeps its metadata here. */
    public static final int DEFAULT_SPACE = 0;
    /** Bound on the mutations of one batch (the LSM numbers them within a batch's LSN). */
    public static final int BATCH_MUTATIONS_MAX = (1 << 20) - 1;
    /** Bound on the number of spaces (each holds open files). */
    public static final int SPACES_MAX = 10_000;

    /** One key space: its id, its engine's kind and the engine. */
    public record Space(int id, NodeOptions.EngineKind kind, KvEngine engine) {}

    private final FileSystem fs;
    private final Path dir;
    private final Closeable dirLock;
    private final NodeOptions options;
    private final WriteAheadLog log;
    /** Immutable; replaced under the write lock when a space is created. */
    private volatile Map<Integer, Space> spaces;
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
            return logReport + "\nengine images complete to LSN " + engineCheckpointLsn
                    + " (the oldest of all spaces); replayed " + recordsReplayed
                    + " batch records up to LSN " + lastLsn;
        }
    }

    private Node(FileSystem fs, Path dir, Closeable dirLock, NodeOptions options,
            WriteAheadLog log, Map<Integer, Space> spaces, RecoveryStats recovery) {
        this.fs = fs;
        this.dir = dir;
        this.dirLock = dirLock;
        this.options = options;
        this.log = log;
        this.spaces = spaces;
        this.recovery = recovery;
    }

    /** Opens (or creates) the node in {@code dir}, recovering from the log if needed. */
    public static Node open(FileSystem fs, Path dir, NodeOptions options) throws IOException {
        fs.createDirectories(dir);
        Closeable dirLock = fs.lockExclusive(dir.resolve("LOCK"));
        WriteAheadLog log = null;
        Map<Integer, Space> spaces = new TreeMap<>();
        try {
            log = WriteAheadLog.open(fs, dir.resolve("wal"), options.log());
            NodeOptions.EngineKind kind0 = defaultSpaceKind(fs, dir, options);
            spaces.put(DEFAULT_SPACE, openSpace(fs, dir, options, log, DEFAULT_SPACE, kind0));
            for (Map.Entry<Integer, NodeOptions.EngineKind> e
                    : SpaceRegistry.read(fs, dir).entrySet()) {
                spaces.put(e.getKey(), openSpace(fs, dir, options, log, e.getKey(),
                        e.getValue()));
            }
            if (dir.getParent() != null) {
                fs.syncDirectory(dir.getParent());
            }
            fs.syncDirectory(dir);
            RecoveryStats stats = replay(dir, log, spaces);
            return new Node(fs, dir, dirLock, options, log,
                    Collections.unmodifiableMap(spaces), stats);
        } catch (IOException | RuntimeException | Error e) {
            for (Space s : spaces.values()) {
                closeQuietly(s.engine(), e);
            }
            closeQuietly(log, e);
            closeQuietly(dirLock, e);
            throw e;
        }
    }

    /** The engine kind of space 0: the kind already on disk, else the option's kind. */
    private static NodeOptions.EngineKind defaultSpaceKind(FileSystem fs, Path dir,
            NodeOptions options) throws IOException {
        boolean hasBTree = fs.exists(enginePath(dir, DEFAULT_SPACE, NodeOptions.EngineKind.BTREE));
        boolean hasLsm = fs.exists(enginePath(dir, DEFAULT_SPACE, NodeOptions.EngineKind.LSM));
        if (hasBTree && hasLsm) {
            throw new CorruptionException(dir, "space 0",
                    "both a B+tree file and an LSM directory exist; remove the stray one");
        }
        return hasBTree ? NodeOptions.EngineKind.BTREE
                : hasLsm ? NodeOptions.EngineKind.LSM : options.engine();
    }

    private static Path enginePath(Path dir, int space, NodeOptions.EngineKind kind) {
        return dir.resolve("space-" + space
                + (kind == NodeOptions.EngineKind.BTREE ? ".btree" : ".lsm"));
    }

    private static Space openSpace(FileSystem fs, Path dir, NodeOptions options,
            WriteAheadLog log, int id, NodeOptions.EngineKind kind) throws IOException {
        Path path = enginePath(dir, id, kind);
        KvEngine engine = switch (kind) {
            case BTREE -> BTreeEngine.open(fs, path, options.btree());
            case LSM -> LsmEngine.open(fs, path, options.lsm(), options.background(),
                    log::durableLsn);
        };
        return new Space(id, kind, engine);
    }

    private static RecoveryStats replay(Path dir, WriteAheadLog log, Map<Integer, Space> spaces)
            throws IOException {
        long oldest = Long.MAX_VALUE;
        for (Space s : spaces.values()) {
            long cp = s.engine().checkpointLsn();
            if (cp > log.lastLsn()) {
                throw new CorruptionException(dir.resolve("space-" + s.id()),
                        "checkpoint LSN " + cp,
                        "the engine's image is ahead of the log (last LSN " + log.lastLsn()
                                + "): log segments are missing");
            }
            oldest = Math.min(oldest, cp);
        }
        long from = oldest + 1;
        if (from < log.firstLsn()) {
            throw new CorruptionException(dir.resolve("wal"), "LSN " + from,
                    "an engine needs log records from LSN " + from
                            + " but the log starts at " + log.firstLsn());
        }
        long replayed = 0;
        try (LogReader reader = log.read(from)) {
            for (LogRecord r = reader.next(); r != null; r = reader.next()) {
                switch (r) {
                    case LogRecord.Batch b -> {
                        applyToSpaces(dir, spaces, b.batch(), b.lsn(), true);
                        replayed++;
                    }
                    case LogRecord.PartsCommit c -> {
                        replayed += replayParts(dir, log, spaces, c);
                        applyToSpaces(dir, spaces, c.batch(), c.lsn(), true);
                        replayed++;
                    }
                    // A part takes effect with the commit that closes its run (invariant 6);
                    // one whose run was cut off by a crash has none and is ignored.
                    case LogRecord.Part p -> { }
                    case LogRecord.Checkpoint c -> { }
                }
            }
        }
        return new RecoveryStats(log.recoveryReport().toString(), oldest, replayed,
                log.lastLsn());
    }

    /**
     * Applies the parts that {@code commit} closes, read again from the log at their own LSNs
     * (a space whose image already covers a part skips it). @return parts read
     */
    private static long replayParts(Path dir, WriteAheadLog log, Map<Integer, Space> spaces,
            LogRecord.PartsCommit commit) throws IOException {
        if (commit.firstPartLsn() < log.firstLsn()) {
            throw new CorruptionException(dir.resolve("wal"), "LSN " + commit.lsn(),
                    "a parts commit needs its parts from LSN " + commit.firstPartLsn()
                            + " but the log starts at " + log.firstLsn());
        }
        long count = 0;
        try (LogReader parts = log.read(commit.firstPartLsn())) {
            for (long lsn = commit.firstPartLsn(); lsn < commit.lsn(); lsn++) {
                LogRecord r = parts.next();
                if (!(r instanceof LogRecord.Part p) || p.lsn() != lsn) {
                    throw new CorruptionException(dir.resolve("wal"), "LSN " + lsn,
                            "the parts commit at LSN " + commit.lsn() + " expects a part here"
                                    + " but the log holds " + r);
                }
                applyToSpaces(dir, spaces, p.batch(), lsn, true);
                count++;
            }
        }
        return count;
    }

    /**
     * Applies each space's share of {@code batch} at {@code lsn}; when replaying, a space whose
     * image already covers {@code lsn} is skipped.
     */
    private static void applyToSpaces(Path dir, Map<Integer, Space> spaces, WriteBatch batch,
            long lsn, boolean replaying) throws IOException {
        List<WriteBatch.Mutation> mutations = batch.mutations();
        int first = mutations.isEmpty() ? DEFAULT_SPACE : mutations.getFirst().space();
        boolean oneSpace = true;
        for (WriteBatch.Mutation m : mutations) {
            if (m.space() != first) {
                oneSpace = false;
                break;
            }
        }
        if (oneSpace) {
            applyTo(dir, spaces, first, batch, lsn, replaying);
            return;
        }
        Map<Integer, WriteBatch> bySpace = new TreeMap<>();
        for (WriteBatch.Mutation m : mutations) {
            WriteBatch part = bySpace.computeIfAbsent(m.space(), x -> new WriteBatch());
            if (m.isDelete()) {
                part.delete(m.space(), m.key());
            } else {
                part.put(m.space(), m.key(), m.value());
            }
        }
        for (Map.Entry<Integer, WriteBatch> e : bySpace.entrySet()) {
            applyTo(dir, spaces, e.getKey(), e.getValue(), lsn, replaying);
        }
    }

    private static void applyTo(Path dir, Map<Integer, Space> spaces, int space,
            WriteBatch part, long lsn, boolean replaying) throws IOException {
        Space s = spaces.get(space);
        if (s == null) {
            if (replaying) {
                throw new CorruptionException(dir.resolve("wal"), "LSN " + lsn,
                        "a batch writes to space " + space + ", which " + SpaceRegistry.FILE
                                + " does not name");
            }
            throw new IllegalArgumentException("unknown key space " + space);
        }
        if (!replaying || lsn > s.engine().appliedLsn()) {
            s.engine().apply(part, lsn);
        }
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
        // Refuse what cannot be logged or applied before anything happens: a failure after the
        // append would leave log and engines apart and fail the node (invariant 4).
        checkBatch(batch);
        long lsn;
        boolean flushDue;
        writeLock.lock();
        try {
            checkUsable();
            try {
                lsn = log.appendBatch(batch);
                applyToSpaces(dir, spaces, batch, lsn, false);
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
     * The parts of one change too large for one batch ({@link #writePartsNoWait}), made on
     * demand: each part is asked for twice (to log it, then to apply it) and must be the same
     * both times.
     */
    public interface Parts {
        /** How many parts; at least one. */
        int count();

        /** Part {@code index} (0-based), within the bounds of one batch. */
        WriteBatch part(int index);
    }

    /**
     * Writes a change too large for one batch as one atomic unit (ADR 0029): every part is
     * appended as a part record, then {@code commit} as the record that closes the run; once
     * that record is durable (always awaited here, whatever synchronous commit says), the parts
     * and then {@code commit} are applied, each at its own LSN. Nothing is applied before the
     * closing record is durable, so no engine image (a checkpoint, an LSM flush) can hold a
     * part whose commit a crash could lose (invariant 6). A part that fails validation throws
     * IllegalArgumentException with only unclosed parts logged, which replay ignores.
     * @return the LSN of the closing record, which the caller passes to {@link #awaitCommit}
     */
    public long writePartsNoWait(Parts parts, WriteBatch commit) throws IOException {
        checkUsable();
        checkBatch(commit);
        if (parts.count() < 1) {
            throw new IllegalArgumentException("a parted write needs at least one part");
        }
        writeLock.lock();
        try {
            checkUsable();
            long firstLsn = 0;
            long bytes = commit.payloadBytes() + 16L * commit.size();
            for (int i = 0; i < parts.count(); i++) {
                WriteBatch part = parts.part(i);
                checkBatch(part);
                long lsn = appendFailing(part, 0, true);
                firstLsn = i == 0 ? lsn : firstLsn;
                bytes += part.payloadBytes() + 16L * part.size();
            }
            long lsn = appendFailing(commit, firstLsn, false);
            try {
                log.awaitDurable(lsn);
                for (int i = 0; i < parts.count(); i++) {
                    applyToSpaces(dir, spaces, parts.part(i), firstLsn + i, false);
                }
                applyToSpaces(dir, spaces, commit, lsn, false);
            } catch (IOException | RuntimeException | Error e) {
                failure = e;   // invariant 4
                throw e;
            }
            logBytesSinceCheckpoint += bytes;
            logBytesSinceFlush = 0;
            if (options.checkpointLogBytes() > 0
                    && logBytesSinceCheckpoint >= options.checkpointLogBytes()) {
                checkpointDue = true;
            }
            return lsn;
        } finally {
            writeLock.unlock();
        }
    }

    /** Appends a part, or the closing record of parts from {@code firstLsn}; fails the node. */
    private long appendFailing(WriteBatch batch, long firstLsn, boolean part) throws IOException {
        try {
            return part ? log.appendPart(batch) : log.appendPartsCommit(firstLsn, batch);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;   // the log's state is unknown: only recovery may decide it
            throw e;
        }
    }

    /** Refuses a batch that cannot be logged or applied, before anything happens. */
    private void checkBatch(WriteBatch batch) {
        if (batch.size() > BATCH_MUTATIONS_MAX) {
            throw new IllegalArgumentException("write batch of " + batch.size()
                    + " mutations exceeds the limit of " + BATCH_MUTATIONS_MAX);
        }
        WriteAheadLog.checkFits(batch);
        Map<Integer, Space> current = spaces;
        for (WriteBatch.Mutation m : batch.mutations()) {
            if (!current.containsKey(m.space())) {
                throw new IllegalArgumentException("unknown key space " + m.space());
            }
        }
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
        return get(DEFAULT_SPACE, key);
    }

    /** The value of {@code key} in {@code space}, or null. */
    public byte[] get(int space, byte[] key) throws IOException {
        checkUsable();
        return engine(space).get(key);
    }

    /** The default space's engine, for cursors, stats and invariant checks. */
    public KvEngine engine() {
        return engine(DEFAULT_SPACE);
    }

    /** The engine of {@code space}; IllegalArgumentException if there is no such space. */
    public KvEngine engine(int space) {
        Space s = spaces.get(space);
        if (s == null) {
            throw new IllegalArgumentException("unknown key space " + space);
        }
        return s.engine();
    }

    /** Every space, by id. */
    public Map<Integer, Space> spaces() {
        return spaces;
    }

    /**
     * Creates a key space with its own engine of {@code kind} and returns its id. Durable when
     * this returns: the engine's files exist with a checkpoint at the log's last LSN, and
     * {@code SPACES} names it (invariant 5).
     */
    public int createSpace(NodeOptions.EngineKind kind) throws IOException {
        writeLock.lock();
        try {
            checkUsable();
            Map<Integer, Space> current = spaces;
            if (current.size() >= SPACES_MAX) {
                throw new IllegalStateException("too many key spaces: " + current.size());
            }
            int id = current.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            Space s;
            try {
                removeStray(enginePath(dir, id, kind));
                s = openSpace(fs, dir, options, log, id, kind);
                long last = log.lastLsn();
                log.awaitDurable(last);
                if (last > 0) {
                    s.engine().apply(new WriteBatch(), last);
                }
                s.engine().checkpoint();
                fs.syncDirectory(dir);
                Map<Integer, Space> next = new TreeMap<>(current);
                next.put(id, s);
                Map<Integer, NodeOptions.EngineKind> kinds = new TreeMap<>();
                next.forEach((k, v) -> kinds.put(k, v.kind()));
                SpaceRegistry.write(fs, dir, kinds);
                spaces = Collections.unmodifiableMap(next);
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
                throw e;
            }
            return id;
        } finally {
            writeLock.unlock();
        }
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
            long last = log.lastLsn();
            log.awaitDurable(last);                            // invariant 2
            long oldest = Long.MAX_VALUE;
            for (Space s : spaces.values()) {
                if (s.engine().appliedLsn() < last) {
                    // Idle since its last write: complete as of the log's end, so that its
                    // old checkpoint does not pin log segments (invariant 3).
                    s.engine().apply(new WriteBatch(), last);
                }
                long checkpointLsn = s.engine().checkpoint();
                log.appendCheckpoint(s.id(), checkpointLsn);
                oldest = Math.min(oldest, checkpointLsn);
            }
            log.removeSegmentsBefore(oldest + 1);              // invariant 3
            logBytesSinceCheckpoint = 0;
            return oldest;
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Counters of the log and the engines, prefixed {@code log.}, {@code engine.} (space 0) and
     * {@code space.N.} (other spaces).
     */
    public Map<String, Number> stats() {
        Map<String, Number> all = new LinkedHashMap<>();
        log.stats().counters().forEach((k, v) -> all.put("log." + k, v));
        for (Space s : spaces.values()) {
            String prefix = s.id() == DEFAULT_SPACE ? "engine." : "space." + s.id() + ".";
            s.engine().stats().counters().forEach((k, v) -> all.put(prefix + k, v));
        }
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
                    closeEngines();
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

    /**
     * Removes what an interrupted {@link #createSpace} left (files of a space that SPACES does
     * not name, so no log record can refer to them).
     */
    private void removeStray(Path path) throws IOException {
        if (!fs.exists(path)) {
            return;
        }
        if (path.getFileName().toString().endsWith(".lsm")) {
            for (Path f : fs.list(path)) {
                fs.delete(f);
            }
        }
        fs.delete(path);
        fs.syncDirectory(dir);
    }

    private void closeEngines() throws IOException {
        IOException first = null;
        for (Space s : spaces.values()) {
            try {
                s.engine().close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
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
