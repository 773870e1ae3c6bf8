package dev.cutaway.cli;

import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.DatabaseOptions;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The database an SQL command works on, as an exclusive option group: a data directory
 * ({@code --data DIR}, by default {@code cutaway-data}, the shell's) or a private in-memory
 * database ({@code --mem}). Shared by {@code shell}, {@code sql} and {@code server}, so the
 * three name and open their database alike.
 */
final class DatabaseTarget {
    static final Path DEFAULT_DIR = Path.of("cutaway-data");

    @Option(names = {"-d", "--data", "--dir"}, paramLabel = "DIR",
            description = "data directory (default: cutaway-data)")
    Path dir;

    @Option(names = "--mem", description = "a private in-memory database, gone on exit")
    boolean memory;

    /** The data directory (the default when none was named); meaningless with {@code --mem}. */
    Path dir() {
        return dir == null ? DEFAULT_DIR : dir;
    }

    Database open(DatabaseOptions options) throws IOException {
        return memory ? Database.inMemory() : Database.open(dir(), options);
    }

    /** What the database is, for a greeting: the in-memory kind or the directory's path. */
    String description() {
        return memory ? "a private in-memory database, gone on exit"
                : "data directory " + dir().toAbsolutePath().normalize();
    }
}
