package dev.cutaway.sql.system;

import dev.cutaway.kv.EngineStats;
import dev.cutaway.kv.Node;
import dev.cutaway.log.LogStats;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.types.SqlType;
import dev.cutaway.txn.TxnStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code cutaway.*} system views over the storage side of one database: key spaces and
 * their caches ({@code buffer_pool}), the write-ahead log ({@code log}), tables and the
 * engines under them ({@code tables}, {@code engine_stats}); the transaction side is in
 * {@link TxnViews}. Every column is documented in docs/system-views.md.
 *
 * <p>Mapping tables to engines: a table created with {@code WITH (engine = ...)} has a key
 * space (an engine) of its own; every other table (and the catalog) lives in key space 0 and
 * shares its engine, so that engine's counters are the sum over all of them ({@code
 * shares_space} says so). Rows are read from live counters at scan time (ADR 0017); the table
 * list comes from the catalog as the statement's transaction sees it.
 */
public final class CutawayViews {
    static final String SCHEMA = "cutaway";

    private CutawayViews() {}

    /** Registers every {@code cutaway.*} view of the database over {@code node}. */
    public static void registerAll(SystemTables registry, Node node, TxnStore store) {
        registry.register(bufferPool(node));
        registry.register(log(node));
        registry.register(tables(node));
        registry.register(engineStats(node));
        TxnViews.registerAll(registry, store);
    }

    private static SystemTable bufferPool(Node node) {
        return SystemTable.of(SCHEMA, "buffer_pool",
                "per key space: the page cache (B+tree) or block cache (LSM) and its hit rate",
                cx -> bufferPoolRows(node, cx),
                "space", SqlType.INTEGER, "engine", SqlType.TEXT, "tables", SqlType.TEXT,
                "cache", SqlType.TEXT, "capacity_pages", SqlType.BIGINT,
                "pinned_pages", SqlType.BIGINT, "dirty_pages", SqlType.BIGINT,
                "hits", SqlType.BIGINT, "misses", SqlType.BIGINT, "hit_ratio", SqlType.DOUBLE,
                "evictions", SqlType.BIGINT, "pages_read", SqlType.BIGINT,
                "pages_written", SqlType.BIGINT, "cached_bytes", SqlType.BIGINT);
    }

    private static List<Object[]> bufferPoolRows(Node node, ExecContext cx) {
        Map<Integer, String> names = tablesBySpace(cx);
        List<Object[]> rows = new ArrayList<>();
        for (Node.Space s : node.spaces().values()) {
            EngineStats st = s.engine().stats();
            Map<String, Long> c = st.counters();
            boolean btree = s.kind() == dev.cutaway.kv.NodeOptions.EngineKind.BTREE;
            Long hits = btree ? c.get("hits") : c.get("block_cache_hits");
            Long misses = btree ? c.get("misses") : c.get("block_cache_misses");
            rows.add(new Object[] {s.id(), engineName(s), names.getOrDefault(s.id(), ""),
                btree ? "page cache" : "block cache", btree ? c.get("frames") : null,
                btree ? c.get("frames_pinned") : null, btree ? c.get("frames_dirty") : null,
                hits, misses, ratio(hits, misses), btree ? c.get("evictions") : null,
                btree ? c.get("pages_read") : null, btree ? c.get("pages_written") : null,
                btree ? pagesBytes(c) : c.get("block_cache_bytes")});
        }
        return rows;
    }

    private static Long pagesBytes(Map<String, Long> c) {
        Long frames = c.get("frames");
        Long pageSize = c.get("page_size_bytes");
        return frames == null || pageSize == null ? null : frames * pageSize;
    }

    private static Double ratio(Long hits, Long misses) {
        if (hits == null || misses == null || hits + misses == 0) {
            return null;
        }
        return (double) hits / (hits + misses);
    }

    private static SystemTable log(Node node) {
        return SystemTable.of(SCHEMA, "log",
                "the write-ahead log: LSNs, segments, appends, fsyncs and group commit",
                cx -> List.<Object[]>of(logRow(node.log().stats())),
                "last_lsn", SqlType.BIGINT, "durable_lsn", SqlType.BIGINT,
                "first_lsn", SqlType.BIGINT, "segments", SqlType.INTEGER,
                "records_appended", SqlType.BIGINT, "bytes_appended", SqlType.BIGINT,
                "fsyncs", SqlType.BIGINT, "flushes", SqlType.BIGINT,
                "records_per_flush_max", SqlType.BIGINT,
                "records_per_flush_mean", SqlType.DOUBLE,
                "segments_removed", SqlType.BIGINT, "segments_recycled", SqlType.BIGINT);
    }

    private static Object[] logRow(LogStats s) {
        return new Object[] {s.lastLsn(), s.durableLsn(), s.firstLsn(), s.segments(),
            s.recordsAppended(), s.bytesAppended(), s.fsyncs(), s.flushes(),
            s.recordsPerFlushMax(), s.recordsPerFlushMean(), s.segmentsRemoved(),
            s.segmentsRecycled()};
    }

    private static SystemTable tables(Node node) {
        return SystemTable.of(SCHEMA, "tables",
                "per table: its key space and engine, with that engine's main figures",
                cx -> tableRows(node, cx),
                "schema", SqlType.TEXT, "name", SqlType.TEXT, "relation_id", SqlType.BIGINT,
                "space", SqlType.INTEGER, "engine", SqlType.TEXT,
                "shares_space", SqlType.BOOLEAN, "entries", SqlType.BIGINT,
                "btree_pages", SqlType.BIGINT, "btree_height", SqlType.BIGINT,
                "lsm_levels", SqlType.BIGINT, "lsm_sstables", SqlType.BIGINT,
                "lsm_bytes", SqlType.BIGINT, "memtable_bytes", SqlType.BIGINT,
                "bloom_skips", SqlType.BIGINT, "compactions", SqlType.BIGINT);
    }

    private static List<Object[]> tableRows(Node node, ExecContext cx) {
        Map<Integer, Map<String, Long>> counters = new TreeMap<>();
        for (Node.Space s : node.spaces().values()) {
            counters.put(s.id(), s.engine().stats().counters());
        }
        List<Object[]> rows = new ArrayList<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (!(r instanceof Relation.Table t)) {
                continue;
            }
            Node.Space s = node.spaces().get(t.space());
            Map<String, Long> c = counters.getOrDefault(t.space(), Map.of());
            boolean lsm = s != null && s.kind() == dev.cutaway.kv.NodeOptions.EngineKind.LSM;
            long[] levels = lsmLevels(c);
            rows.add(new Object[] {t.schema(), t.name(), t.id(), t.space(),
                s == null ? null : engineName(s), t.space() == Node.DEFAULT_SPACE,
                lsm ? null : c.get("entries"), lsm ? null : c.get("page_count"),
                lsm ? null : c.get("tree_height"), lsm ? levels[0] : null,
                lsm ? levels[1] : null, lsm ? levels[2] : null,
                lsm ? c.get("memtable_bytes") : null, lsm ? c.get("bloom_useful") : null,
                lsm ? c.get("compactions") : null});
        }
        return rows;
    }

    /** Non-empty levels, SSTable files and their bytes, from an LSM engine's counters. */
    private static long[] lsmLevels(Map<String, Long> c) {
        long[] out = new long[3];
        for (int level = 0; c.containsKey("level" + level + "_files"); level++) {
            long files = c.get("level" + level + "_files");
            out[0] += files > 0 ? 1 : 0;
            out[1] += files;
            out[2] += c.getOrDefault("level" + level + "_bytes", 0L);
        }
        return out;
    }

    private static SystemTable engineStats(Node node) {
        return SystemTable.of(SCHEMA, "engine_stats",
                "every counter of every key space's engine, one row each",
                cx -> engineStatRows(node, cx),
                "space", SqlType.INTEGER, "engine", SqlType.TEXT, "tables", SqlType.TEXT,
                "counter", SqlType.TEXT, "value", SqlType.BIGINT);
    }

    private static List<Object[]> engineStatRows(Node node, ExecContext cx) {
        Map<Integer, String> names = tablesBySpace(cx);
        List<Object[]> rows = new ArrayList<>();
        for (Node.Space s : node.spaces().values()) {
            String tables = names.getOrDefault(s.id(), "");
            s.engine().stats().counters().forEach((k, v) -> rows.add(new Object[] {s.id(),
                engineName(s), tables, k, v}));
        }
        return rows;
    }

    static String engineName(Node.Space s) {
        return s.kind().name().toLowerCase(Locale.ROOT);
    }

    /**
     * Names of the tables per key space ({@code schema.name}, comma-separated; the catalog is
     * always in space 0), as the statement's transaction sees the catalog.
     */
    private static Map<Integer, String> tablesBySpace(ExecContext cx) {
        Map<Integer, List<String>> lists = new TreeMap<>();
        for (Relation r : Catalog.all(cx.txn())) {
            if (r instanceof Relation.Table t) {
                lists.computeIfAbsent(t.space(), k -> new ArrayList<>())
                        .add(t.schema() + "." + t.name());
            }
        }
        Map<Integer, String> out = new TreeMap<>();
        lists.forEach((k, v) -> out.put(k, String.join(", ", v)));
        return out;
    }
}
