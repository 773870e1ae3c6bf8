package dev.cutaway.io;

import dev.cutaway.check.Invariants;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * The names of a {@link FaultyFileSystem}: which paths are files (and which {@link Inode} each
 * names) and which are directories, twice over. The volatile map is what every operation sees;
 * the durable map is what a crash keeps. Only {@link #syncDirectory(Path)} moves entries from
 * the first to the second, and only those directly inside the synced directory, so an unsynced
 * create, delete or rename is undone by a crash. A rename swaps whole entries, so it is atomic.
 *
 * <p>A rename between two directories links them until one is synced; syncing either then
 * syncs both (as one journal transaction would), so that no file ever has two durable names,
 * or loses its only one, through a half-synced move.
 *
 * <p>Roots — {@code /}, and the empty path that relative paths hang from — always exist and
 * are always durable. Paths are normalized, never made absolute: they are keys, not locations.
 *
 * <p>Invariants (checked by {@link #checkInvariants()}):
 * <ol>
 *   <li>N1: every volatile entry's parent is a volatile directory or a root.</li>
 *   <li>N2: no inode has two volatile names, nor two durable names.</li>
 *   <li>N3: rename links are symmetric.</li>
 * </ol>
 *
 * <p>Not thread-safe: {@link FaultyFileSystem} calls it under its lock.
 */
final class Namespace {

    /** A name: a file (an inode) or a directory. */
    sealed interface Entry permits FileEntry, DirectoryEntry {}

    record FileEntry(Inode inode) implements Entry {}

    enum DirectoryEntry implements Entry { INSTANCE }

    private static final Path RELATIVE_ROOT = Path.of("");

    private final TreeMap<Path, Entry> names = new TreeMap<>();
    private final TreeMap<Path, Entry> durableNames = new TreeMap<>();
    /** Directories joined by a rename between them that neither has synced yet (N3). */
    private final Map<Path, Set<Path>> renameLinks = new HashMap<>();

    /** The volatile entry at {@code path}, or null. */
    Entry get(Path path) {
        return names.get(path);
    }

    /** The volatile entry, or else the durable one (a file deleted but not durably). */
    Entry getVolatileOrDurable(Path path) {
        Entry entry = names.get(path);
        return entry != null ? entry : durableNames.get(path);
    }

    boolean exists(Path path) {
        return isRoot(path) || names.containsKey(path);
    }

    boolean isDirectory(Path path) {
        return isRoot(path) || names.get(path) instanceof DirectoryEntry;
    }

    /** Adds an empty file; the caller checked that nothing is named {@code path}. */
    Inode createFile(Path path) throws NoSuchFileException {
        requireDirectory(parentOf(path), path);
        Inode inode = new Inode();
        names.put(path, new FileEntry(inode));
        return inode;
    }

    void createDirectories(Path dir) throws FileAlreadyExistsException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null && !isRoot(p); p = parentOf(p)) {
            Entry entry = names.get(p);
            if (entry instanceof FileEntry) {
                throw new FileAlreadyExistsException(p.toString(), null,
                        "a file, not a directory");
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

    /** Files directly inside {@code dir}, sorted; empty if {@code dir} does not exist. */
    List<Path> listFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        names.forEach((path, entry) -> {
            if (entry instanceof FileEntry && dir.equals(parentOf(path))) {
                files.add(path);
            }
        });
        return files;
    }

    List<Path> allFiles() {
        List<Path> files = new ArrayList<>();
        names.forEach((path, entry) -> {
            if (entry instanceof FileEntry) {
                files.add(path);
            }
        });
        return files;
    }

    /** Sum of the current sizes of all named files. */
    long totalBytes() {
        long total = 0;
        for (Entry entry : names.values()) {
            if (entry instanceof FileEntry(Inode inode)) {
                total += inode.size();
            }
        }
        return total;
    }

    /** Removes a file or an empty directory; nothing if absent. */
    void delete(Path path) throws DirectoryNotEmptyException {
        if (names.get(path) instanceof DirectoryEntry) {
            for (Path other : names.keySet()) {
                if (path.equals(parentOf(other))) {
                    throw new DirectoryNotEmptyException(path.toString());
                }
            }
        }
        names.remove(path);
    }

    /** Moves a file's entry to {@code target}, replacing any file there. */
    void rename(Path source, Path target) throws FileSystemException {
        Entry entry = names.get(source);
        if (entry == null) {
            throw new NoSuchFileException(source.toString());
        }
        if (entry instanceof DirectoryEntry) {
            throw new FileSystemException(source.toString(), target.toString(),
                    "FaultyFileSystem does not rename directories");
        }
        if (isDirectory(target)) {
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

    /** Makes the entries inside {@code dir}, and inside directories linked to it, durable. */
    void syncDirectory(Path dir) throws NoSuchFileException {
        if (!isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        syncLinked(dir);
    }

    private void syncLinked(Path dir) {
        Set<Path> linked = new HashSet<>();
        Deque<Path> toVisit = new ArrayDeque<>(List.of(dir));
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

    /**
     * Syncs a random subset of the directories, as a file system that wrote back some of its
     * cached directory blocks before losing power would have.
     */
    void syncRandomDirectories(RandomGenerator random) {
        TreeSet<Path> dirs = new TreeSet<>();
        for (Path path : names.keySet()) {
            dirs.add(parentOf(path));
        }
        for (Path path : durableNames.keySet()) {
            dirs.add(parentOf(path));
        }
        for (Path dir : dirs) {
            if (isDirectory(dir) && random.nextBoolean()) {
                syncLinked(dir);
            }
        }
    }

    /** What a crash keeps: durable entries all of whose ancestors are durable directories. */
    TreeMap<Path, Entry> survivingEntries() {
        TreeMap<Path, Entry> surviving = new TreeMap<>();
        for (Map.Entry<Path, Entry> e : durableNames.entrySet()) {
            boolean reachable = true;
            for (Path dir = parentOf(e.getKey()); !isRoot(dir); dir = parentOf(dir)) {
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

    /** Adds an entry that is durable already (building a post-crash image). */
    void putDurable(Path path, Entry entry) {
        names.put(path, entry);
        durableNames.put(path, entry);
    }

    /** Checks N1–N3 and the invariants of every inode. */
    void checkInvariants() {
        Map<Inode, Path> named = new IdentityHashMap<>();
        names.forEach((path, entry) -> {
            Invariants.check(isDirectory(parentOf(path)),
                    "Namespace N1: parent of a name is a directory", path);
            if (entry instanceof FileEntry(Inode inode)) {
                Path other = named.put(inode, path);
                Invariants.check(other == null, "Namespace N2: one volatile name per file",
                        path, other);
                inode.checkInvariants();
            }
        });
        Map<Inode, Path> durablyNamed = new IdentityHashMap<>();
        durableNames.forEach((path, entry) -> {
            if (entry instanceof FileEntry(Inode inode)) {
                Path other = durablyNamed.put(inode, path);
                Invariants.check(other == null, "Namespace N2: one durable name per file",
                        path, other);
                inode.checkInvariants();
            }
        });
        renameLinks.forEach((dir, others) -> {
            for (Path other : others) {
                Invariants.check(renameLinks.getOrDefault(other, Set.of()).contains(dir),
                        "Namespace N3: rename links are symmetric", dir, other);
            }
        });
    }

    private void requireDirectory(Path dir, Path forPath) throws NoSuchFileException {
        if (!isDirectory(dir)) {
            throw new NoSuchFileException(forPath.toString(), null,
                    "directory " + dir + " does not exist");
        }
    }

    /** A root: {@code /}, or {@code ""} for relative paths. */
    static boolean isRoot(Path path) {
        return path.getParent() == null
                && (path.equals(path.getRoot()) || path.toString().isEmpty());
    }

    /** The directory holding {@code path}; null only for a root. */
    static Path parentOf(Path path) {
        Path parent = path.getParent();
        if (parent != null) {
            return parent;
        }
        return isRoot(path) ? null : RELATIVE_ROOT;
    }
}
