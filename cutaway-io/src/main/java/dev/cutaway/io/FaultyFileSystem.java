package dev.cutaway.io;

import dev.cutaway.io.Namespace.DirectoryEntry;
import dev.cutaway.io.Namespace.Entry;
import dev.cutaway.io.Namespace.FileEntry;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An in-memory {@link FileSystem} that models a disk with a volatile cache, for crash tests:
 * it keeps what a sync made durable apart from what is only cached, and on a simulated power
 * loss ({@link #crash(CrashMode)}) hands back a new file system holding what a disk might have
 * kept. It follows the durability contract of {@link FileSystem} to the letter, and takes the
 * pessimistic reading wherever a real file system might be kinder.
 *
 * <p>The model. Each file is an {@link Inode}: durable content plus the ordered writes and
 * truncates made since its last {@link FileHandle#sync()}; reads see the latest content. Names
 * live in two maps from path to file or directory: the volatile namespace that every operation
 * sees, and the durable namespace that a crash keeps. {@link #syncDirectory(Path)} copies the
 * volatile entries directly inside that directory to the durable namespace, and nothing else
 * does. So after a crash:
 * <ul>
 *   <li>an unsynced write, truncate or extension is lost, kept or torn as the mode says;</li>
 *   <li>an unsynced create vanishes — even if the file's data was synced, because data and
 *       directory entry are made durable separately (ext4 really does this);</li>
 *   <li>an unsynced delete comes back, with the file's durable content;</li>
 *   <li>an unsynced rename is undone; a synced one is complete. The target never holds a
 *       mixture: renames swap whole directory entries;</li>
 *   <li>a directory made by {@link #createDirectories(Path)} vanishes, with everything in it,
 *       unless its parent was synced after it was made (roots — {@code /}, or the empty path
 *       for relative paths — always exist).</li>
 * </ul>
 * That is {@link DirectoryCrashMode#UNDO_UNSYNCED}, the default. Real file systems often keep
 * unsynced directory changes too, so recovery must also cope with, say, a stray file whose
 * create was never synced: {@link DirectoryCrashMode#RANDOM_UNSYNCED} lets each directory keep
 * all or none of its unsynced changes. A rename across two directories links them until one of
 * them is synced, and then both are synced together: journaling file systems commit a rename as
 * one transaction, and the model must never show a file under two names or none.
 *
 * <p>Typical use in a crash test:
 * <pre>{@code
 * var fs = new FaultyFileSystem(seed);
 * fs.createDirectories(dir);
 * fs.syncDirectory(dir.getParent());        // or dir vanishes in the crash, with its files
 * fs.crashAfterOperations(k);               // k from 0 to a clean run's mutatingOperationCount()
 * try { workload(fs); } catch (SimulatedCrashException expected) { } // the crash point
 * var recovered = fs.crash(CrashMode.RANDOM_UNSYNCED);
 * check(recovered);                         // everything acknowledged before the crash is there
 * }</pre>
 *
 * <p>Faults: {@link #crash(CrashMode)} (power loss), {@link #crashAfterOperations(long)} (the
 * process dies between two operations), {@link #limitTotalBytes(long)} (disk full) and
 * {@link #flipBits(Path, long, int)} (media corruption). All randomness comes from the seed
 * given to the constructor, so one seed replays one failure; the post-crash instance derives
 * its own seed from it.
 *
 * <p>Paths are keys: they are {@link Path#normalize() normalized} but never made absolute.
 * Directories can be created, listed, synced and (when empty) deleted, not renamed. Thread-safe:
 * one lock guards the whole file system and its handles. The names live in a
 * {@link Namespace}, each file's bytes in an {@link Inode}.
 *
 * <p>Invariants (checked by {@link #checkInvariants()} where they can be):
 * <ol>
 *   <li>F1: the namespace and every inode keep their own invariants (N1–N3, I1–I4).</li>
 *   <li>F2: a mutating call that throws {@link SimulatedCrashException} changed nothing, and
 *       was not counted.</li>
 *   <li>F3: once {@link #crash(CrashMode)} returned, nothing in this instance changes; every
 *       call on it or its handles throws.</li>
 * </ol>
 */
public final class FaultyFileSystem implements FileSystem {

    /** What a power loss does to writes that were not synced. */
    public enum CrashMode {
        /** Only durable state survives: every unsynced write and truncate is lost. */
        LOSE_UNSYNCED,
        /**
         * Every unsynced change is kept, except the last write of the most recently written
         * file, of which only a prefix survives (sometimes sector-aligned, sometimes not).
         */
        TEAR_LAST_UNSYNCED,
        /**
         * Each unsynced write is independently lost, kept or torn to a prefix, and each unsynced
         * truncate lost or kept: a disk that writes back its cache in any order.
         */
        RANDOM_UNSYNCED,
        /** Every unsynced change is kept, with one to three bits flipped in the last write. */
        FLIP_BITS_LAST_UNSYNCED
    }

    /** What a power loss does to creates, deletes and renames that were not synced. */
    public enum DirectoryCrashMode {
        /** Every unsynced directory change is undone: the contract's strict reading. */
        UNDO_UNSYNCED,
        /**
         * Each directory independently keeps all or none of its unsynced changes, as if the
         * file system had written back some directory blocks: a file whose create was never
         * synced may survive (often short or empty), a deleted file may stay deleted. Renames
         * stay atomic.
         */
        RANDOM_UNSYNCED
    }

    private final long seed;
    private final SplittableRandom random;
    private final Namespace namespace = new Namespace();
    private long mutatingOperations;
    private long syncs;
    private long writeSequence;
    /** Mutating operations still allowed before the simulated crash; -1 for no limit. */
    private long operationsBeforeCrash = -1;
    private boolean halted;
    private boolean crashed;
    private final java.util.Set<Path> locks = new java.util.HashSet<>();
    private long totalBytesMax = Long.MAX_VALUE;

    public FaultyFileSystem(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** The seed this instance draws all its randomness from; print it when a test fails. */
    public long seed() {
        return seed;
    }

    // ---- fault controls -------------------------------------------------------------------

    /**
     * After {@code n} more mutating operations (write, sync, truncate, open with create,
     * createDirectories, delete, rename, syncDirectory — each call counts, whether or not it
     * changes anything) every operation throws {@link SimulatedCrashException}; the (n+1)-th
     * throws before doing anything. {@link #crash(CrashMode)} then takes the image.
     */
    public synchronized void crashAfterOperations(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("operation count must be >= 0: " + n);
        }
        requireNotCrashed();
        operationsBeforeCrash = n;
    }

    /**
     * Crashes after a random number of mutating operations in {@code [0, maxOps]}, drawn from
     * the seed.
     * @return the number chosen, for the test's failure message
     */
    public synchronized long crashAtRandomOperation(long maxOps) {
        if (maxOps < 0) {
            throw new IllegalArgumentException("maxOps must be >= 0: " + maxOps);
        }
        long n = random.nextLong(maxOps + 1);
        crashAfterOperations(n);
        return n;
    }

    /** Mutating operations attempted so far (see {@link #crashAfterOperations(long)}). */
    public synchronized long mutatingOperationCount() {
        return mutatingOperations;
    }

    /** Number of file syncs performed so far (directory syncs not included). */
    public synchronized long syncCount() {
        return syncs;
    }

    /**
     * Disk full: a write that would take the sum of file sizes past {@code bytes} throws
     * {@code IOException("No space left on device: ...")} and changes nothing.
     */
    public synchronized void limitTotalBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte limit must be >= 0: " + bytes);
        }
        requireNotCrashed();
        totalBytesMax = bytes;
    }

    /** Sum of the current sizes of all files that have a name. */
    public synchronized long totalBytes() {
        return namespace.totalBytes();
    }

    /** Every file path in the current (volatile) namespace, sorted. */
    public synchronized List<Path> listAll() {
        return namespace.allFiles();
    }

    /**
     * Media corruption: flips {@code bitCount} consecutive bits starting at the lowest bit of
     * the byte at {@code offset}, in the durable content and in what reads see. Not an
     * operation of the code under test: it is not counted and never crashes. A file deleted
     * but not yet durably is still found.
     */
    public synchronized void flipBits(Path file, long offset, int bitCount) {
        requireNotCrashed();
        if (offset < 0 || bitCount < 1) {
            throw new IllegalArgumentException("need offset >= 0 and bitCount >= 1: "
                    + offset + ", " + bitCount);
        }
        Path path = key(file);
        if (!(namespace.getVolatileOrDurable(path) instanceof FileEntry(Inode inode))) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        if (!inode.flipBits(offset, bitCount)) {
            throw new IllegalArgumentException(bitCount + " bits at offset " + offset
                    + " lie past the end of " + path + " (size " + inode.size() + ")");
        }
    }

    /**
     * Power loss. Returns a new file system holding what the disk kept: durable names whose
     * directories are durable, each file with its durable content plus the unsynced changes
     * {@code mode} lets through. This instance and its handles then throw
     * {@link SimulatedCrashException} on every call. Works after
     * {@link #crashAfterOperations(long)} fired; may be called once. Unsynced directory
     * changes are all undone ({@link DirectoryCrashMode#UNDO_UNSYNCED}).
     */
    public FaultyFileSystem crash(CrashMode mode) {
        return crash(mode, DirectoryCrashMode.UNDO_UNSYNCED);
    }

    /**
     * Power loss, choosing also what happens to unsynced creates, deletes and renames; see
     * {@link #crash(CrashMode)}.
     */
    public synchronized FaultyFileSystem crash(CrashMode mode, DirectoryCrashMode directories) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(directories, "directories");
        requireNotCrashed();
        if (directories == DirectoryCrashMode.RANDOM_UNSYNCED) {
            namespace.syncRandomDirectories(random);
        }
        crashed = true;
        TreeMap<Path, Entry> surviving = namespace.survivingEntries();
        Inode lastWritten = null;
        long lastSequence = 0;
        for (Entry entry : surviving.values()) {
            if (entry instanceof FileEntry(Inode inode)
                    && inode.lastPendingWriteSequence() > lastSequence) {
                lastSequence = inode.lastPendingWriteSequence();
                lastWritten = inode;
            }
        }
        FaultyFileSystem next = new FaultyFileSystem(random.nextLong());
        next.totalBytesMax = totalBytesMax;
        for (Map.Entry<Path, Entry> e : surviving.entrySet()) {
            Entry kept = switch (e.getValue()) {
                case DirectoryEntry d -> d;
                case FileEntry(Inode inode) -> new FileEntry(new Inode(
                        inode.contentAfterCrash(mode, random, inode == lastWritten)));
            };
            next.namespace.putDurable(e.getKey(), kept);
        }
        next.checkInvariants();
        return next;
    }

    // ---- FileSystem -----------------------------------------------------------------------

    @Override
    public synchronized FileHandle open(Path path, boolean create) throws IOException {
        if (create) {
            beginMutation("open(create) " + path);
        } else {
            beginOperation();
        }
        Path p = key(path);
        return switch (namespace.get(p)) {
            case FileEntry(Inode inode) -> new FaultyFileHandle(this, p, inode, true);
            case DirectoryEntry d -> throw isADirectory(p);
            case null -> {
                if (Namespace.isRoot(p)) {
                    throw isADirectory(p);
                }
                if (!create) {
                    throw new NoSuchFileException(p.toString());
                }
                yield new FaultyFileHandle(this, p, namespace.createFile(p), true);
            }
        };
    }

    @Override
    public synchronized FileHandle openReadOnly(Path path) throws IOException {
        beginOperation();
        Path p = key(path);
        if (namespace.get(p) instanceof FileEntry(Inode inode)) {
            return new FaultyFileHandle(this, p, inode, false);
        }
        if (namespace.isDirectory(p)) {
            throw isADirectory(p);
        }
        throw new NoSuchFileException(p.toString());
    }

    /** Throws {@link UncheckedIOException} wrapping {@link SimulatedCrashException} if crashed. */
    @Override
    public synchronized boolean exists(Path path) {
        try {
            beginOperation();
        } catch (SimulatedCrashException e) {
            throw new UncheckedIOException(e);
        }
        return namespace.exists(key(path));
    }

    /** Size of a file; 0 for a directory. */
    @Override
    public synchronized long size(Path path) throws IOException {
        beginOperation();
        Path p = key(path);
        if (namespace.get(p) instanceof FileEntry(Inode inode)) {
            return inode.size();
        }
        if (namespace.isDirectory(p)) {
            return 0;
        }
        throw new NoSuchFileException(p.toString());
    }

    @Override
    public synchronized void createDirectories(Path dir) throws IOException {
        beginMutation("createDirectories " + dir);
        namespace.createDirectories(key(dir));
    }

    @Override
    public synchronized List<Path> list(Path dir) throws IOException {
        beginOperation();
        return namespace.listFiles(key(dir));
    }

    /** Deletes a file, or an empty directory; does nothing if {@code path} does not exist. */
    @Override
    public synchronized void delete(Path path) throws IOException {
        beginMutation("delete " + path);
        namespace.delete(key(path));
    }

    /** Renames a file (directories cannot be renamed), replacing a file at {@code to}. */
    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        beginMutation("rename " + from + " to " + to);
        namespace.rename(key(from), key(to));
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        beginMutation("syncDirectory " + dir);
        namespace.syncDirectory(key(dir));
    }

    // ---- handle operations, called by FaultyFileHandle -------------------------------------

    synchronized int read(FaultyFileHandle handle, ByteBuffer dst, long position)
            throws IOException {
        beginOperation();
        handle.requireOpen();
        requireNonNegative(position);
        return handle.inode().read(dst, position);
    }

    synchronized void write(FaultyFileHandle handle, ByteBuffer src, long position)
            throws IOException {
        beginMutation("write " + handle.path());
        handle.requireOpen();
        handle.requireWritable();
        requireNonNegative(position);
        int length = src.remaining();
        Inode.checkWriteBound(handle.path(), position, length);
        long growthBytes = Math.max(0, position + length - handle.inode().size());
        if (growthBytes > 0 && totalBytesMax != Long.MAX_VALUE) {
            long totalBytes = namespace.totalBytes();
            if (totalBytes + growthBytes > totalBytesMax) {
                throw new IOException("No space left on device: writing " + length
                        + " bytes at offset " + position + " of " + handle.path()
                        + " needs " + growthBytes + " more bytes; " + totalBytes
                        + " of " + totalBytesMax + " bytes in use");
            }
        }
        handle.inode().write(src, position, ++writeSequence);
    }

    synchronized long size(FaultyFileHandle handle) throws IOException {
        beginOperation();
        handle.requireOpen();
        return handle.inode().size();
    }

    synchronized void truncate(FaultyFileHandle handle, long sizeBytes) throws IOException {
        beginMutation("truncate " + handle.path());
        handle.requireOpen();
        handle.requireWritable();
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("Negative size: " + sizeBytes);
        }
        handle.inode().truncate(sizeBytes);
    }

    synchronized void sync(FaultyFileHandle handle) throws IOException {
        beginMutation("sync " + handle.path());
        handle.requireOpen();
        handle.inode().sync();
        syncs++;
    }

    synchronized void close(FaultyFileHandle handle) throws IOException {
        beginOperation();
        handle.markClosed();
    }

    /**
     * An in-memory lock (no file is created, no mutating operation is counted); a crash
     * releases every lock, as process death does.
     */
    @Override
    public synchronized Closeable lockExclusive(Path path) throws IOException {
        beginOperation();
        Path p = key(path);
        if (!locks.add(p)) {
            throw new FileLockedException(p);
        }
        return () -> {
            synchronized (this) {
                locks.remove(p);
            }
        };
    }

    // ---- invariants and helpers -----------------------------------------------------------

    /** Checks F1 (the namespace's and every inode's invariants). */
    public synchronized void checkInvariants() {
        namespace.checkInvariants();
    }

    private void beginOperation() throws SimulatedCrashException {
        if (crashed) {
            throw new SimulatedCrashException("file system crashed");
        }
        if (halted) {
            throw new SimulatedCrashException("file system crashed (after "
                    + mutatingOperations + " mutating operations, as crashAfterOperations said)");
        }
    }

    private void beginMutation(String operation) throws SimulatedCrashException {
        beginOperation();
        if (operationsBeforeCrash == 0) {
            halted = true;
            throw new SimulatedCrashException("file system crashed before mutating operation "
                    + (mutatingOperations + 1) + " (" + operation + ")");
        }
        if (operationsBeforeCrash > 0) {
            operationsBeforeCrash--;
        }
        mutatingOperations++;
    }

    private void requireNotCrashed() {
        if (crashed) {
            throw new IllegalStateException("file system crashed: use the instance crash() "
                    + "returned");
        }
    }

    private static void requireNonNegative(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("Negative position: " + position);
        }
    }

    private static Path key(Path path) {
        return Objects.requireNonNull(path, "path").normalize();
    }

    private static FileSystemException isADirectory(Path path) {
        return new FileSystemException(path.toString(), null, "Is a directory");
    }
}
