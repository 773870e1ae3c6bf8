package dev.cutaway.sql.engine;

import dev.cutaway.io.FileSystem;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.catalog.Sequences;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
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
    private final SystemTables systemTables = new SystemTables();

    private Database(Node node, TxnStore store, DatabaseOptions options,
            ScheduledExecutorService background) {
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
            node = Node.open(fs, dir, options.node().withBackground(background));
            TxnOptions txnOptions = background == null ? options.txn()
                    : options.txn().withBackgroundGc(background, options.gcIntervalMillis());
            TxnStore store = TxnStore.open(node, txnOptions);
            Database db = new Database(node, store, options, background);
            db.mapKeySpaces();
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

    /** A new session (not thread-safe itself; one per connection). */
    public Session newSession() {
        return new Session(this, sessionsOpened.incrementAndGet());
    }

    public Node node() {
        return node;
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
