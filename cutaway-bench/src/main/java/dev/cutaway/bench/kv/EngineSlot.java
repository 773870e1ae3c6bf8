package dev.cutaway.bench.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One engine's place in a run: its adapter, its own database directory (kept across the
 * fill → overwrite → readrandom → readseq sequence) and what is known about its contents.
 *
 * <p>Invariants: (1) {@code openSync} is meaningful only while {@code open};
 * (2) {@code keysLoaded = k >= 0} means the database holds exactly keys 0..k-1 (each fill
 * resets it, overwrites keep it); -1 means unknown.
 */
final class EngineSlot {
    private final BenchEngine engine;
    private final Path dir;
    private boolean open;
    private boolean openSync;
    private long keysLoaded = -1;

    EngineSlot(BenchEngine engine, Path dir) {
        this.engine = engine;
        this.dir = dir;
    }

    /** A slot for the same engine over another directory (warm-up passes). */
    EngineSlot scratch(Path scratchDir) {
        if (open) {
            throw new IllegalStateException(name() + " is open over " + dir);
        }
        return new EngineSlot(engine, scratchDir);
    }

    String name() {
        return engine.name();
    }

    BenchEngine engine() {
        if (!open) {
            throw new IllegalStateException(name() + " is not open");
        }
        return engine;
    }

    boolean openSync() {
        return open && openSync;
    }

    long keysLoaded() {
        return keysLoaded;
    }

    void keysLoaded(long keys) {
        this.keysLoaded = keys;
    }

    /** Closes the engine, deletes its directory and opens an empty database. */
    void openFresh(boolean sync) throws IOException {
        close();
        deleteTree(dir);
        Files.createDirectories(dir);
        engine.open(dir, sync);
        open = true;
        openSync = sync;
        keysLoaded = 0;
    }

    /** Opens the existing database with {@code sync}, reopening if it is open otherwise. */
    void ensureOpen(boolean sync) throws IOException {
        if (open && openSync == sync) {
            return;
        }
        close();
        engine.open(dir, sync);
        open = true;
        openSync = sync;
    }

    void close() throws IOException {
        if (open) {
            open = false;
            engine.close();
        }
    }

    /** Closes the engine and deletes its directory. */
    void closeAndDelete() throws IOException {
        close();
        deleteTree(dir);
    }

    /** Bytes of all files in the database directory now (space used, for the log). */
    long diskBytes() throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                total += Files.size(p);
            }
        }
        return total;
    }

    /** Deletes {@code root} and everything below it, if it exists. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.delete(p);
        }
    }
}
