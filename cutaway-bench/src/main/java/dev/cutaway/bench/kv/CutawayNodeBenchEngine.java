package dev.cutaway.bench.kv;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.log.LogOptions;
import dev.cutaway.log.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One of Cutaway's engines (the B+tree, {@code cutaway-btree}, or the LSM, {@code cutaway-lsm})
 * behind its node ({@link Node}: the write-ahead log plus the engine), on the real file system,
 * with default page and memtable sizes. Each put is one {@link WriteBatch} of one key.
 * <ul>
 *   <li>sync=on: the node's synchronous commit; {@code write} returns after the batch's log
 *       record is fsync'd (group commit).</li>
 *   <li>sync=off: {@code write} returns after append and apply; a background flusher writes
 *       and fsyncs the log at most {@link #FLUSH_DELAY_MILLIS} after an append (PostgreSQL's
 *       {@code synchronous_commit=off} with its 200 ms {@code wal_writer_delay}). Without it the
 *       log would sit in its in-memory buffer until back-pressure, a bigger loss window than
 *       the peers have.</li>
 * </ul>
 * The cache budget becomes buffer pool frames ({@code cacheMb} MiB over the page size) for the
 * B+tree, and the block cache for the LSM (whose memtables come on top, as RocksDB's write
 * buffers do). The LSM's flushes and compactions run on two background threads. Closing
 * takes the node's shutdown checkpoint (untimed, like every reopen). The node's own periodic
 * checkpoints (every 256 MiB of log by default) happen inside timed writes, as they would for
 * a user.
 *
 * <p>Invariant: (1) {@code node} is null exactly when closed; {@code flusher} is non-null
 * only while a node is open.
 */
final class CutawayNodeBenchEngine implements BenchEngine {
    static final long FLUSH_DELAY_MILLIS = 200;

    private final EngineKind kind;
    private final int cacheMb;
    private Node node;
    private ScheduledExecutorService flusher;

    CutawayNodeBenchEngine(EngineKind kind, int cacheMb) {
        this.kind = kind;
        this.cacheMb = cacheMb;
    }

    @Override
    public String name() {
        return kind == EngineKind.BTREE ? "cutaway-btree" : "cutaway-lsm";
    }

    @Override
    public void open(Path dir, boolean sync) throws IOException {
        if (node != null) {
            throw new IllegalStateException(name() + " already open");
        }
        BTreeOptions btree = BTreeOptions.defaults();
        long frames = cacheMb * 1024L * 1024L / btree.pageSizeBytes();
        flusher = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "cutaway-bench-background");
            thread.setDaemon(true);
            return thread;
        });
        LogOptions log = LogOptions.defaults();
        if (!sync) { // sync=on awaits every record itself; a flusher would only add fsyncs
            log = log.withBackgroundFlusher(flusher, FLUSH_DELAY_MILLIS);
        }
        NodeOptions options = NodeOptions.defaults()
                .withEngine(kind)
                .withSynchronousCommit(sync)
                .withLog(log)
                .withBackground(flusher)
                .withLsm(NodeOptions.defaults().lsm().withBlockCacheBytes(cacheMb * 1024L * 1024L))
                .withBTree(btree.withBufferPoolFrames(Math.toIntExact(frames)));
        try {
            node = Node.open(new RealFileSystem(), dir, options);
        } catch (IOException | RuntimeException | Error e) {
            stopFlusher();
            throw e;
        }
    }

    @Override
    public void put(byte[] key, byte[] value) throws IOException {
        node.write(new WriteBatch().put(key, value));
    }

    @Override
    public byte[] get(byte[] key) throws IOException {
        return node.get(key);
    }

    @Override
    public ScanCursor scanAll() throws IOException {
        KvCursor cursor = node.engine().cursor(null, null, true);
        return new ScanCursor() {
            @Override
            public boolean next() throws IOException {
                return cursor.next();
            }

            @Override
            public byte[] key() {
                return cursor.key();
            }

            @Override
            public byte[] value() {
                return cursor.value();
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    @Override
    public Map<String, Number> counters() {
        return node == null ? Map.of() : node.stats();
    }

    @Override
    public void close() throws IOException {
        if (node == null) {
            return;
        }
        try {
            node.close();
        } finally {
            node = null;
            stopFlusher();
        }
    }

    private void stopFlusher() throws IOException {
        if (flusher == null) {
            return;
        }
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IOException(name() + " background threads did not stop in 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping background threads", e);
        } finally {
            flusher = null;
        }
    }
}
