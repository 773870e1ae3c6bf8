package dev.cutaway.sql.engine;

import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.stats.Analyzer;
import dev.cutaway.sql.stats.StatsSource;
import dev.cutaway.sql.stats.StatsStore;
import dev.cutaway.sql.stats.TableStats;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.Transaction;
import dev.cutaway.txn.TxnStore;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's statistics (ADR 0018): a cache of each table's catalog entry for the planner
 * (read once through a read-only transaction of its own, so planning never adds to a
 * serializable transaction's reads; replaced by every ANALYZE, even one not yet committed),
 * ANALYZE itself, and auto-analyze: rows changed since a table's last ANALYZE are counted
 * when the INSERT/UPDATE/DELETE commits, and once they exceed {@code 50 + 10%} of the rows
 * the last ANALYZE saw (PostgreSQL's autovacuum_analyze_threshold and _scale_factor), the
 * table is analyzed on the background executor, off the writing path. A table is
 * auto-analyzed at most once per {@value #AUTO_ANALYZE_INTERVAL_MILLIS} ms, and after an
 * analyze that took d ms not again for {@value #AUTO_ANALYZE_DUTY_FACTOR}·d ms (PostgreSQL's
 * autovacuum looks at a table once per {@code autovacuum_naptime}, a minute): a hot ten-row
 * table in TPC-B crosses its threshold after 51 updates, dozens of times a second, and
 * re-analyzing it each time cost about 6% of the server's CPU; the growing history table's
 * analyses another 9% at once a second. Statistics of a table changing that fast are
 * approximate anyway; ANALYZE refreshes them at once. Without background threads there is no
 * auto-analyze.
 */
final class Statistics implements StatsSource {
    static final long THRESHOLD_ROWS = 50;
    static final double THRESHOLD_FRACTION = 0.1;
    /** Least time between two auto-analyzes of one table. */
    static final long AUTO_ANALYZE_INTERVAL_MILLIS = 10_000;
    /** An auto-analyze of d ms is followed by at least this many times d ms without one. */
    static final long AUTO_ANALYZE_DUTY_FACTOR = 50;

    private final TxnStore store;
    private final Node node;
    private final DatabaseOptions options;
    private final ScheduledExecutorService background;
    private final Map<Long, Optional<TableStats>> cache = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> modified = new ConcurrentHashMap<>();
    private final Set<Long> scheduled = ConcurrentHashMap.newKeySet();
    /** Explicit ANALYZEs per table, so a slower auto-analyze does not replace their result. */
    private final Map<Long, Long> generations = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> autoAnalyzes = new ConcurrentHashMap<>();
    /** When each table may be auto-analyzed again, by the database's clock. */
    private final Map<Long, Long> nextAutoAnalyzeMillis = new ConcurrentHashMap<>();

    Statistics(TxnStore store, Node node, DatabaseOptions options,
            ScheduledExecutorService background) {
        this.store = store;
        this.node = node;
        this.options = options;
        this.background = background;
    }

    @Override
    public TableStats stats(Relation.Table table) {
        TableStats s = cache.computeIfAbsent(table.id(), id -> Optional.ofNullable(load(table)))
                .orElse(null);
        return s != null && s.columns().size() == table.columns().size() ? s : null;
    }

    private TableStats load(Relation.Table table) {
        try (Transaction t = store.begin(Isolation.READ_COMMITTED, true)) {
            return StatsStore.get(t, table);
        }
    }

    @Override
    public NodeOptions.EngineKind engine(Relation.Table table) {
        Node.Space space = node.spaces().get(table.space());
        return space == null ? NodeOptions.EngineKind.BTREE : space.kind();
    }

    /** Analyzes {@code table} as {@code txn} sees it and stores the result in {@code txn}. */
    TableStats analyze(Transaction txn, Relation.Table table) {
        TableStats s = Analyzer.analyze(txn, table, options.randomSeed(), Analyzer.SAMPLE_ROWS,
                options.clock().millis());
        StatsStore.put(txn, table, s);
        generations.merge(table.id(), 1L, Long::sum);
        cache.put(table.id(), Optional.of(s));
        modified.remove(table.id());
        return s;
    }

    /** Counts rows an INSERT/UPDATE/DELETE changed; may schedule an auto-analyze. */
    void rowsModified(Relation.Table table, long rows) {
        if (rows <= 0 || background == null) {
            return;
        }
        long total = modified.computeIfAbsent(table.id(), id -> new AtomicLong()).addAndGet(rows);
        TableStats s = stats(table);
        double threshold = THRESHOLD_ROWS + THRESHOLD_FRACTION * (s == null ? 0 : s.rowCount());
        if (total > threshold && scheduled.add(table.id())) {
            long next = nextAutoAnalyzeMillis.getOrDefault(table.id(), 0L);
            long delay = Math.max(0, next - options.clock().millis());
            try {
                background.schedule(() -> autoAnalyze(table), delay, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                scheduled.remove(table.id());   // executor shut down: the database is closing
            }
        }
    }

    /**
     * Auto-analyzes in a repeatable-read transaction of its own, so a concurrent ANALYZE's
     * committed entry is never overwritten with older figures (first updater wins: this one
     * fails and is dropped); the cache takes the result only if no ANALYZE ran meanwhile.
     */
    private void autoAnalyze(Relation.Table planned) {
        long generation = generations.getOrDefault(planned.id(), 0L);
        long started = options.clock().millis();
        try (Transaction t = store.begin(Isolation.REPEATABLE_READ)) {
            Relation r = Catalog.lookup(t, planned.schema(), planned.name());
            if (r instanceof Relation.Table table && table.id() == planned.id()) {
                modified.remove(table.id());
                TableStats s = Analyzer.analyze(t, table, options.randomSeed(),
                        Analyzer.SAMPLE_ROWS, options.clock().millis());
                StatsStore.put(t, table, s);
                t.commit();
                if (generations.getOrDefault(table.id(), 0L) == generation) {
                    cache.put(table.id(), Optional.of(s));
                }
                autoAnalyzes.computeIfAbsent(table.id(), id -> new AtomicLong())
                        .incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            // a conflict or a closing database: the count stays, the next change retries
        } finally {
            long took = Math.max(0, options.clock().millis() - started);
            nextAutoAnalyzeMillis.put(planned.id(), started
                    + Math.max(AUTO_ANALYZE_INTERVAL_MILLIS, AUTO_ANALYZE_DUTY_FACTOR * took));
            scheduled.remove(planned.id());
        }
    }

    /** Committed rows changed in {@code table} since its last ANALYZE. */
    long modifiedSinceAnalyze(Relation.Table table) {
        AtomicLong n = modified.get(table.id());
        return n == null ? 0 : n.get();
    }

    /** Auto-analyzes of {@code table} finished since the database opened. */
    long autoAnalyzes(Relation.Table table) {
        AtomicLong n = autoAnalyzes.get(table.id());
        return n == null ? 0 : n.get();
    }
}
