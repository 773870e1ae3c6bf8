package dev.cutaway.io;

import dev.cutaway.check.Invariants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * A rename across two directories links them until one of them is synced, and then both are
 * synced together: journaling file systems commit a rename as one transaction, and the model
 * must never show a file under two names or none.
 *
 * <p>Faults: {@link #crash(CrashMode)} (power loss), {@link #crashAfterOperations(long)} (the
 * process dies between two operations), {@link #limitTotalBytes(long)} (disk full) and
 * {@link #flipBits(Path, long, int)} (media corruption). All randomness comes from the seed
 * given to the constructor, so one seed replays one failure; the post-crash instance derives
 * its own seed from it.
 *
 * <p>Paths are keys: they are {@link Path#normalize() normalized} but never made absolute.
 * Directories can be created, listed, synced and (when empty) deleted, not renamed. Thread-safe:
 * one lock guards the whole file system and its handles.
 *
 * <p>Invariants (checked by {@link #checkInvariants()}):
 * <ol>
 *   <li>F1: every volatile entry's parent is a volatile directory or a root.</li>
 *   <li>F2: no file (inode) has two volatile names, nor two durable names.</li>
 *   <li>F3: rename links are symmetric.</li>
 *   <li>F4: every inode's own invariants hold (see {@link Inode}).</li>
 *   <li>F5: once {@link #crash(CrashMode)} returned, nothing in this instance changes.</li>
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

    /** A name in a namespace: a file (an inode) or a directory. */
    private sealed interface Entry permits FileEntry, DirectoryEntry {}

    private record FileEntry(Inode inode) implements Entry {}

    private enum DirectoryEntry implements Entry { INSTANCE }

    private static final Path RELATIVE_ROOT = Path.of("");

    private final long seed;
    private final SplittableRandom random;
    private final TreeMap<Path, Entry> names = new TreeMap<>();
    private final TreeMap<Path, Entry> durableNames = new TreeMap<>();
    /** Directories joined by a rename between them that neither has synced yet (F3). */
    private final Map<Path, Set<Path>> renameLinks = new HashMap<>();
    private long mutatingOperations;
    private long syncs;
    private long writeSequence;
    /** Mutating operations still allowed before the simulated crash; -1 for no limit. */
    private long operationsBeforeCrash = -1;
    private boolean halted;
    private boolean crashed;
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
        long total = 0;
        for (Entry entry : names.values()) {
            if (entry instanceof FileEntry file) {
                total += file.inode().size();
            }
        }
        return total;
    }

    /** Every file path in the current (volatile) namespace, sorted. */
    public synchronized List<Path> listAll() {
        List<Path> files = new ArrayList<>();
        names.forEach((path, entry) -> {
            if (entry instanceof FileEntry) {
                files.add(path);
            }
        });
        return files;
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
        Entry entry = names.containsKey(path) ? names.get(path) : durableNames.get(path);
        if (!(entry instanceof FileEntry(Inode inode))) {
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
     * {@link #crashAfterOperations(long)} fired; may be called once.
     */
    public synchronized FaultyFileSystem crash(CrashMode mode) {
        Objects.requireNonNull(mode, "mode");
        requireNotCrashed();
        crashed = true;
        TreeMap<Path, Entry> surviving = survivingEntries();
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
            next.names.put(e.getKey(), kept);
            next.durableNames.put(e.getKey(), kept);
        }
        next.checkInvariants();
        return next;
    }

    /** Durable entries all of whose ancestors are durable directories. */
    private TreeMap<Path, Entry> survivingEntries() {
        TreeMap<Path, Entry> surviving = new TreeMap<>();
        for (Map.Entry<Path, Entry> e : durableNames.entrySet()) {
            boolean reachable = true;
            for (Path dir = parentOf(e.getKey()); dir != null && !isRoot(dir);
                    dir = parentOf(dir)) {
                if (!(durableNames.get(dir) instanceof DirectoryEntry)) {
                    reachable = false;
                    break;
                }
            }
            if (reachable) {
                surviving.put(e.getKey(), e.getValue());
            }
        }
        return surviving;
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
        Entry entry = names.get(p);
        if (entry instanceof DirectoryEntry || isRoot(p)) {
            throw new FileSystemException(p.toString(), null, "Is a directory");
        }
        if (entry instanceof FileEntry(Inode inode)) {
            return new FaultyFileHandle(this, p, inode, true);
        }
        if (!create) {
            throw new NoSuchFileException(p.toString());
        }
        requireDirectory(parentOf(p), p);
        Inode inode = new Inode();
        names.put(p, new FileEntry(inode));
        return new FaultyFileHandle(this, p, inode, true);
    }

    @Override
    public synchronized FileHandle openReadOnly(Path path) throws IOException {
        beginOperation();
        Path p = key(path);
        Entry entry = names.get(p);
        if (entry instanceof FileEntry(Inode inode)) {
            return new FaultyFileHandle(this, p, inode, false);
        }
        if (entry instanceof DirectoryEntry || isRoot(p)) {
            throw new FileSystemException(p.toString(), null, "Is a directory");
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
        Path p = key(path);
        return isRoot(p) || names.containsKey(p);
    }

    @Override
    public synchronized long size(Path path) throws IOException {
        beginOperation();
        Path p = key(path);
        return switch (names.get(p)) {
            case FileEntry(Inode inode) -> inode.size();
            case DirectoryEntry d -> 0;
            case null -> {
                if (isRoot(p)) {
                    yield 0;
                }
                throw new NoSuchFileException(p.toString());
            }
        };
    }

    @Override
    public synchronized void createDirectories(Path dir) throws IOException {
        beginMutation("createDirectories " + dir);
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = key(dir); p != null && !isRoot(p); p = parentOf(p)) {
            Entry entry = names.get(p);
            if (entry instanceof FileEntry) {
                throw new FileAlreadyExistsException(p.toString(), null, "a file, not a directory");
            }
            if (entry instanceof DirectoryEntry) {
                break;
            }
            missing.push(p);
        }
        while (!missing.isEmpty()) {
            names.put(missing.pop(), DirectoryEntry.INSTANCE);
        }
    }

    @Override
    public synchronized List<Path> list(Path dir) throws IOException {
        beginOperation();
        Path d = key(dir);
        List<Path> files = new ArrayList<>();
        names.forEach((path, entry) -> {
            if (entry instanceof FileEntry && d.equals(parentOf(path))) {
                files.add(path);
            }
        });
        return files;
    }

    @Override
    public synchronized void delete(Path path) throws IOException {
        beginMutation("delete " + path);
        Path p = key(path);
        if (names.get(p) instanceof DirectoryEntry) {
            for (Path other : names.keySet()) {
                if (p.equals(parentOf(other))) {
                    throw new DirectoryNotEmptyException(p.toString());
                }
            }
        }
        names.remove(p);
    }

    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        beginMutation("rename " + from + " to " + to);
        Path source = key(from);
        Path target = key(to);
        Entry entry = names.get(source);
        if (entry == null) {
            throw new NoSuchFileException(source.toString());
        }
        if (entry instanceof DirectoryEntry) {
            throw new FileSystemException(source.toString(), target.toString(),
                    "FaultyFileSystem does not rename directories");
        }
        if (names.get(target) instanceof DirectoryEntry || isRoot(target)) {
            throw new FileSystemException(source.toString(), target.toString(),
                    "target is a directory");
        }
        requireDirectory(parentOf(target), target);
        if (source.equals(target)) {
            return;
        }
        names.remove(source);
        names.put(target, entry);
        Path sourceDir = parentOf(source);
        Path targetDir = parentOf(target);
        if (!sourceDir.equals(targetDir)) {
            renameLinks.computeIfAbsent(sourceDir, k -> new HashSet<>()).add(targetDir);
            renameLinks.computeIfAbsent(targetDir, k -> new HashSet<>()).add(sourceDir);
        }
    }

    @Override
    public synchronized void syncDirectory(Path dir) throws IOException {
        beginMutation("syncDirectory " + dir);
        Path d = key(dir);
        if (!isRoot(d) && !(names.get(d) instanceof DirectoryEntry)) {
            throw new NoSuchFileException(d.toString());
        }
        Set<Path> linked = new HashSet<>();
        Deque<Path> toVisit = new ArrayDeque<>(List.of(d));
        while (!toVisit.isEmpty()) {
            Path next = toVisit.pop();
            if (linked.add(next)) {
                toVisit.addAll(renameLinks.getOrDefault(next, Set.of()));
            }
        }
        for (Path each : linked) {
            renameLinks.remove(each);
        }
        durableNames.keySet().removeIf(path -> linked.contains(parentOf(path)));
        names.forEach((path, entry) -> {
            if (linked.contains(parentOf(path))) {
                durableNames.put(path, entry);
            }
        });
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
        if (growthBytes > 0) {
            long totalBytes = totalBytes();
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

    // ---- invariants and helpers -----------------------------------------------------------

    /** Checks F1–F4; cheap enough for tests to call after every step. */
    public synchronized void checkInvariants() {
        Map<Inode, Path> named = new IdentityHashMap<>();
        Map<Inode, Path> durablyNamed = new IdentityHashMap<>();
        names.forEach((path, entry) -> {
            Path parent = parentOf(path);
            Invariants.check(parent == null || isRoot(parent)
                    || names.get(parent) instanceof DirectoryEntry,
                    "FaultyFileSystem F1: parent of a name is a directory", path);
            if (entry instanceof FileEntry(Inode inode)) {
                Path other = named.put(inode, path);
                Invariants.check(other == null, "FaultyFileSystem F2: one volatile name per file",
                        path, other);
                inode.checkInvariants();
            }
        });
        durableNames.forEach((path, entry) -> {
            if (entry instanceof FileEntry(Inode inode)) {
                Path other = durablyNamed.put(inode, path);
                Invariants.check(other == null, "FaultyFileSystem F2: one durable name per file",
                        path, other);
                inode.checkInvariants();
            }
        });
        renameLinks.forEach((dir, others) -> {
            for (Path other : others) {
                Invariants.check(renameLinks.getOrDefault(other, Set.of()).contains(dir),
                        "FaultyFileSystem F3: rename links are symmetric", dir, other);
            }
        });
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

    private void requireDirectory(Path dir, Path forPath) throws NoSuchFileException {
        if (!isRoot(dir) && !(names.get(dir) instanceof DirectoryEntry)) {
            throw new NoSuchFileException(forPath.toString(), null,
                    "directory " + dir + " does not exist");
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

    /** A root always exists and is always durable: {@code /}, or {@code ""} for relative paths. */
    private static boolean isRoot(Path path) {
        return path.getParent() == null
                && (path.equals(path.getRoot()) || path.toString().isEmpty());
    }

    /** The directory holding {@code path}; null only for a root. */
    private static Path parentOf(Path path) {
        Path parent = path.getParent();
        if (parent != null) {
            return parent;
        }
        return isRoot(path) ? null : RELATIVE_ROOT;
    }
}
