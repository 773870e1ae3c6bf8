package dev.cutaway.sql.engine;

import dev.cutaway.io.FileSystem;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.catalog.Sequences;
import dev.cutaway.sql.exec.SpillArea;
import dev.cutaway.sql.exec.TableRows;
import dev.cutaway.sql.system.CutawayViews;
import dev.cutaway.sql.system.SystemTables;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnOptions;
import dev.cutaway.txn.TxnStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Cutaway SQL database: one node (log and storage engines) in a directory, the transaction
 * layer over it, the catalog and sequences, and the sessions that run SQL. The entry point
 * for embedding, the shell, the JDBC driver and the wire server.
 *
 * <pre>{@code
 * try (Database db = Database.open(dir, DatabaseOptions.defaults());
 *      Session s = db.newSession()) {
 *     s.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
 *     Result r = s.executeOne("SELECT * FROM t");
 * }
 * }</pre>
 *
 * <p>Thread safety: any number of sessions may run concurrently, each on one thread at a time.
 * The database owns its node, transaction store and background executor and closes them;
 * close sessions first (open transactions are rolled back by the node's recovery otherwise).
 */
public final class Database implements AutoCloseable {
    private final Node node;
    private final TxnStore store;
    private final Sequences sequences;
    private final DatabaseOptions options;
    private final ScheduledExecutorService background;
    private final AtomicLong sessionsOpened = new AtomicLong();
    private final Statistics statistics;
    private final StatementStats statementStats = new StatementStats();
    private final CatalogVersion catalogVersion = new CatalogVersion();
    private final SystemTables systemTables = new SystemTables();
    /** Set when a transaction scheduled dropped keys for reclaiming ({@link Reclaim}). */
    private final AtomicBoolean reclaimPending = new AtomicBoolean();
    /** Whether a background sweep is queued or running (at most one at a time). */
    private final AtomicBoolean reclaimRunning = new AtomicBoolean();
    private final SpillArea spillArea;
    private final RelationCache relationCache = new RelationCache();

    private Database(Node node, TxnStore store, DatabaseOptions options,
            ScheduledExecutorService background, SpillArea spillArea) {
        this.spillArea = spillArea;
        this.node = node;
        this.store = store;
        this.options = options;
        this.background = background;
        this.sequences = new Sequences(node);
        this.statistics = new Statistics(store, node, options, background);
        CutawayViews.registerAll(systemTables, node, store);
        StatsViews.register(systemTables, statistics);
        StatsViews.registerStatements(systemTables, statementStats);
    }

    /** Opens (or creates) the database in {@code dir} on the real file system. */
    public static Database open(Path dir, DatabaseOptions options) throws IOException {
        return open(new RealFileSystem(), dir, options);
    }

    /** Opens (or creates) the database in {@code dir} of {@code fs} (tests pass fault ones). */
    public static Database open(FileSystem fs, Path dir, DatabaseOptions options)
            throws IOException {
        ScheduledExecutorService background = options.backgroundThreads() == 0 ? null
                : Executors.newScheduledThreadPool(options.backgroundThreads(), daemons());
        Node node = null;
        try {
            node = Node.open(fs, dir,
                    TxnStore.nodeOptions(options.node().withBackground(background)));
            TxnOptions txnOptions = background == null ? options.txn()
                    : options.txn().withBackgroundGc(background, options.gcIntervalMillis());
            TxnStore store = TxnStore.open(node, txnOptions);
            Database db = new Database(node, store, options, background,
                    SpillArea.open(fs, dir));
            db.mapKeySpaces();
            db.reclaimScheduled();   // finishes sweeps a crash interrupted
            db.afterCommit();
            return db;
        } catch (IOException | RuntimeException e) {
            if (node != null) {
                node.close();
            }
            if (background != null) {
                background.shutdownNow();
            }
            throw e;
        }
    }

    /** A database in memory only (nothing survives close): {@code --mem} and tests. */
    public static Database inMemory() {
        return inMemory(DatabaseOptions.defaults().withSynchronousCommit(false));
    }

    public static Database inMemory(DatabaseOptions options) {
        try {
            MemoryFileSystem fs = new MemoryFileSystem();
            Path dir = Path.of("/cutaway-mem");
            fs.createDirectories(dir);
            return open(fs, dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ThreadFactory daemons() {
        ThreadFactory base = Executors.defaultThreadFactory();
        return r -> {
            Thread t = base.newThread(r);
            t.setDaemon(true);
            t.setName("cutaway-background-" + t.getName());
            return t;
        };
    }

    /** Routes the key prefix of every table stored outside the default space (ADR 0012). */
    private void mapKeySpaces() {
        try (Transaction t = store.begin(Isolation.REPEATABLE_READ, true)) {
            for (Relation r : Catalog.all(t)) {
                if (r instanceof Relation.Table table && table.space() != Node.DEFAULT_SPACE) {
                    store.mapPrefix(TableRows.prefix(table.id()), table.space());
                }
            }
        }
    }

    /** Notes that a transaction scheduled dropped keys; swept after the next commit. */
    void reclaimScheduled() {
        reclaimPending.set(true);
    }

    /**
     * After a commit: deletes the keys of tables and indexes dropped (ADR 0016) — on a
     * background thread when the database has them, so a DROP of a million-row table (pgbench
     * -i on an existing database) returns at once instead of after the sweep; else here.
     */
    void afterCommit() {
        if (!reclaimPending.get()) {
            return;
        }
        if (background == null) {
            reclaim();
            return;
        }
        if (reclaimRunning.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    boolean done;
                    try {
                        done = reclaim();
                    } finally {
                        reclaimRunning.set(false);
                    }
                    if (done) {
                        afterCommit();   // a DROP that committed meanwhile
                    }
                });
            } catch (RejectedExecutionException e) {
                reclaimRunning.set(false);   // closing: the to-do keys stay for the next open
            }
        }
    }

    /** One sweep of the pending to-do keys. @return whether it finished them */
    private boolean reclaim() {
        if (!reclaimPending.getAndSet(false)) {
            return false;
        }
        boolean done;
        try {
            done = Reclaim.run(store);
        } catch (RuntimeException e) {
            done = false;   // the to-do keys stay; the next commit or open retries
        }
        if (!done) {
            reclaimPending.set(true);
        }
        return done;
    }

    /** A new session (not thread-safe itself; one per connection). */
    public Session newSession() {
        return new Session(this, sessionsOpened.incrementAndGet());
    }

    public Node node() {
        return node;
    }

    CatalogVersion catalogVersion() {
        return catalogVersion;
    }

    RelationCache relationCache() {
        return relationCache;
    }

    public TxnStore txnStore() {
        return store;
    }

    /**
     * The system tables (ADR 0017): the {@code cutaway.*} views are registered at open; other
     * components (the wire server's {@code pg_catalog}) register theirs here.
     */
    public SystemTables systemTables() {
        return systemTables;
    }

    public DatabaseOptions options() {
        return options;
    }

    /** The temporary files of spilling operators, {@code DIR/tmp} (ADR 0015). */
    public SpillArea spillArea() {
        return spillArea;
    }

    Sequences sequences() {
        return sequences;
    }

    /** Per normalised statement: calls, time, rows, buffers (cutaway.statements). */
    StatementStats statementStats() {
        return statementStats;
    }

    /** The planner's statistics cache, ANALYZE and auto-analyze. */
    Statistics statistics() {
        return statistics;
    }

    /** Checkpoints the node (makes engine images current and trims the log). */
    public void checkpoint() throws IOException {
        node.checkpoint();
    }

    @Override
    public void close() throws IOException {
        try {
            store.close();
            node.close();
        } finally {
            if (background != null) {
                background.shutdownNow();
            }
        }
    }
}
