package dev.cutaway.sql.stats;

import dev.cutaway.kv.NodeOptions;
import dev.cutaway.sql.catalog.Relation;

/**
 * Where the planner finds a table's statistics and the engine that stores it (the database's
 * statistics cache; tests pass fixed ones).
 */
public interface StatsSource {
    /** No statistics for any table, every table on the B+tree. */
    StatsSource NONE = new StatsSource() {
        @Override
        public TableStats stats(Relation.Table table) {
            return null;
        }

        @Override
        public NodeOptions.EngineKind engine(Relation.Table table) {
            return NodeOptions.EngineKind.BTREE;
        }
    };

    /** The table's statistics as of its last ANALYZE, or null. */
    TableStats stats(Relation.Table table);

    /** The engine holding the table's rows. */
    NodeOptions.EngineKind engine(Relation.Table table);
}
