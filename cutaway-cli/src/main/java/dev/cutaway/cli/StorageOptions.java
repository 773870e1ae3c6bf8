package dev.cutaway.cli;

import dev.cutaway.kv.NodeOptions;
import dev.cutaway.sql.engine.DatabaseOptions;
import picocli.CommandLine.Option;

/**
 * The storage options every command that opens a data directory accepts, as a picocli mixin:
 * the engine of a new directory and whether a commit waits for its log record to reach the
 * disk. Parsed here once, so {@code kv}, {@code shell}, {@code sql} and {@code server} refuse
 * a bad value with the same message.
 */
final class StorageOptions {
    @Option(names = "--engine", paramLabel = "btree|lsm",
            description = "engine of a new data directory (an existing one keeps its own): "
                    + "${DEFAULT-VALUE}")
    String engine = "btree";

    @Option(names = "--synchronous-commit", paramLabel = "on|off",
            description = "on: a commit returns after its log record is on disk (default); "
                    + "off: before, risking the last moments of work on a crash")
    String synchronousCommit = "on";

    boolean synchronous() {
        return switch (synchronousCommit) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(
                    "--synchronous-commit must be on or off, not " + synchronousCommit);
        };
    }

    NodeOptions.EngineKind engineKind() {
        return switch (engine) {
            case "btree" -> NodeOptions.EngineKind.BTREE;
            case "lsm" -> NodeOptions.EngineKind.LSM;
            default -> throw new IllegalArgumentException(
                    "--engine must be btree or lsm, not " + engine);
        };
    }

    NodeOptions nodeOptions() {
        return NodeOptions.defaults().withSynchronousCommit(synchronous())
                .withEngine(engineKind());
    }

    DatabaseOptions databaseOptions() {
        return DatabaseOptions.defaults().withSynchronousCommit(synchronous())
                .withEngine(engineKind());
    }
}
