package dev.cutaway.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The file system as Cutaway's storage layers see it: a few operations with precise durability
 * meaning, so that a fault-injecting implementation can model exactly what a crash keeps.
 *
 * <p>Durability contract, shared by every implementation:
 * <ol>
 *   <li>Data written to a file is durable only after {@link FileHandle#sync()} returns.</li>
 *   <li>A file's existence, deletion or rename is durable only after {@link #syncDirectory(Path)}
 *       of its parent directory returns.</li>
 *   <li>{@link #rename(Path, Path)} is atomic: after a crash the target holds either the old or
 *       the new content, never a mixture.</li>
 *   <li>Writes that were never synced may, after a crash, be lost, kept, or torn (a prefix kept),
 *       each independently. Code above must tolerate every such outcome.</li>
 * </ol>
 */
public interface FileSystem {

    /** Opens a file for reading and writing, creating it (empty) if {@code create} is set. */
    FileHandle open(Path path, boolean create) throws IOException;

    /** Opens an existing file for reading only. */
    FileHandle openReadOnly(Path path) throws IOException;

    boolean exists(Path path);

    /** Size in bytes of an existing file. */
    long size(Path path) throws IOException;

    /** Creates a directory and its parents; durable once the parent's directory is synced. */
    void createDirectories(Path dir) throws IOException;

    /** Lists the regular files directly inside {@code dir}, sorted by name. */
    List<Path> list(Path dir) throws IOException;

    /** Deletes a file if it exists. */
    void delete(Path path) throws IOException;

    /** Atomically renames {@code from} to {@code to}, replacing {@code to} if present. */
    void rename(Path from, Path to) throws IOException;

    /** Makes creations, deletions and renames inside {@code dir} durable. */
    void syncDirectory(Path dir) throws IOException;

    /**
     * Takes an exclusive lock named by {@code path} (a real file system creates the file), so
     * that a second opener — another process, or another open in this one — fails at once with
     * {@link FileLockedException} instead of corrupting shared files. Released by closing the
     * returned handle, or by the death of the process. Not durable: a crash releases it.
     */
    Closeable lockExclusive(Path path) throws IOException;
}
