package dev.cutaway.sql.exec;

import dev.cutaway.io.FileSystem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A database's directory of temporary files, {@code DIR/tmp}: each statement gets a
 * {@link Spill} with its own file-name prefix ({@code s<statement number>-}). Opening the area
 * deletes everything in it: temporary files outlive nothing but a crash, and the next open
 * cleans up after one. It sums the spill counters of finished statements.
 * Thread-safe (statement numbers come from an atomic counter).
 */
public final class SpillArea {
    public static final String DIRECTORY = "tmp";

    private final FileSystem fs;
    private final Path dir;
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong filesWritten = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();

    private SpillArea(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    /** Creates (or empties) {@code databaseDir/tmp}. */
    public static SpillArea open(FileSystem fs, Path databaseDir) throws IOException {
        Path dir = databaseDir.resolve(DIRECTORY);
        fs.createDirectories(dir);
        for (Path p : fs.list(dir)) {
            fs.delete(p);
        }
        return new SpillArea(fs, dir);
    }

    /** The temporary files of a new statement. */
    public Spill statement() {
        return new Spill(fs, dir, statements.incrementAndGet(), this);
    }

    /** Adds a finished statement's counters to the totals. */
    void account(long files, long bytes) {
        filesWritten.addAndGet(files);
        bytesWritten.addAndGet(bytes);
    }

    /** Temporary files written by all finished statements since open. */
    public long filesWritten() {
        return filesWritten.get();
    }

    /** Bytes written to temporary files by all finished statements since open. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** The temporary files that exist now (for tests and diagnostics). */
    public List<Path> files() throws IOException {
        return fs.list(dir);
    }
}
