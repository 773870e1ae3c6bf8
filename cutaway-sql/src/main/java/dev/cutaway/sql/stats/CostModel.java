package dev.cutaway.sql.stats;

import dev.cutaway.kv.NodeOptions;

/**
 * Costs in PostgreSQL's units (one sequential page read = 1.0), aware of the engine under a
 * table and of the cache in front of it (ADR 0018).
 *
 * <ul>
 *   <li>Pages of a table: {@code rows × (row bytes + 24 bytes of MVCC version key) / page
 *       bytes}.</li>
 *   <li>A random page read costs {@code seq + (random − seq) × miss}, where {@code miss = 1 −
 *       min(1, cache bytes / table bytes)}: a table that fits the buffer pool (B+tree) or
 *       block cache (LSM) pays little more for random access than for sequential.</li>
 *   <li>B+tree point get: one leaf page read (inner pages are few and stay cached) plus a
 *       binary search per level of {@code 1 + log_256(pages)} levels.</li>
 *   <li>LSM point get: one block read for the run holding the key, plus a bloom-filter check
 *       per level and the filters' 1% false positives costing a block read each; levels
 *       {@code ≈ 1 + log10(table bytes / 64 MiB)}.</li>
 *   <li>Sequential scans read every page once; on an LSM every row also goes through the
 *       merge of the memtable and each level (CPU per row times the number of runs) and the
 *       pages carry about 10% of space amplification.</li>
 * </ul>
 */
public record CostModel(double seqPageCost, double randomPageCost, double cpuTupleCost,
        double cpuIndexTupleCost, double cpuOperatorCost, int pageBytes, long cacheBytes) {
    private static final int VERSION_BYTES = 24;
    private static final double BLOOM_FALSE_POSITIVE = 0.01;
    private static final double LSM_LEVEL_BYTES = 64.0 * 1024 * 1024;

    /** PostgreSQL's cost constants, 8 KiB pages, a 256 MiB cache (the defaults of both). */
    public static CostModel defaults() {
        return new CostModel(1.0, 4.0, 0.01, 0.005, 0.0025, 8192, 256L << 20);
    }

    public double pages(double rows, int rowBytes) {
        return Math.max(1, Math.ceil(rows * (rowBytes + VERSION_BYTES) / pageBytes));
    }

    private double tableBytes(double rows, int rowBytes) {
        return rows * (rowBytes + VERSION_BYTES);
    }

    /** One random page read of a table of this size, discounted by the cache. */
    public double randomPage(double rows, int rowBytes) {
        double miss = 1 - Math.min(1, cacheBytes / Math.max(1, tableBytes(rows, rowBytes)));
        return seqPageCost + (randomPageCost - seqPageCost) * miss;
    }

    private double lsmLevels(double rows, int rowBytes) {
        return 1 + Math.max(0, Math.ceil(Math.log10(tableBytes(rows, rowBytes)
                / LSM_LEVEL_BYTES)));
    }

    /** The cost of one point get of a row in a table of {@code rows} rows. */
    public double pointGet(NodeOptions.EngineKind engine, double rows, int rowBytes) {
        double page = randomPage(rows, rowBytes);
        return switch (engine) {
            case BTREE -> {
                double levels = 1 + Math.log(pages(rows, rowBytes)) / Math.log(256);
                yield page + levels * cpuOperatorCost * 8 + cpuTupleCost;
            }
            case LSM -> {
                double levels = lsmLevels(rows, rowBytes);
                yield page * (1 + BLOOM_FALSE_POSITIVE * levels)
                        + levels * cpuOperatorCost * 4 + cpuTupleCost;
            }
        };
    }

    /** The cost of reading every row of a table in key order. */
    public double scan(NodeOptions.EngineKind engine, double rows, int rowBytes) {
        double pages = pages(rows, rowBytes);
        return switch (engine) {
            case BTREE -> pages * seqPageCost + rows * cpuTupleCost;
            case LSM -> pages * 1.1 * seqPageCost
                    + rows * cpuTupleCost * (1 + lsmLevels(rows, rowBytes));
        };
    }
}
