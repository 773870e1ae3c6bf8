package dev.cutaway.cli;

import dev.cutaway.kv.NodeOptions;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The threads an interactive node runs on, owned by the command that opens it (engine code
 * starts no threads): two daemon threads for the LSM engine's flushes and compactions and for
 * the log's background flusher under synchronous commit off. Closed after the node.
 */
final class Background implements AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "cutaway-background");
        t.setDaemon(true);
        return t;
    });

    /** The options with this executor as the engine's background and the log's flusher. */
    NodeOptions configure(NodeOptions options) {
        return options.withBackground(executor)
                .withLog(options.log().withBackgroundFlusher(executor,
                        options.log().flushDelayMillis()));
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
