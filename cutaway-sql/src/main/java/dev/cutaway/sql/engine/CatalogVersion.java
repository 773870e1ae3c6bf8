package dev.cutaway.sql.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's catalog version: a number that names one committed state of the catalog, so a
 * plan bound against it can be reused while a statement's snapshot sees that same state.
 *
 * <p>Two counters of commits of catalog-writing transactions (DDL): {@code begun} is raised
 * before such a commit starts, {@code ended} after it returns (committed or failed). Always
 * {@code ended <= begun}. The version is {@code ended}; a snapshot taken between reading
 * {@code ended = e} and then reading {@code begun = e} saw no DDL commit in flight, and every
 * DDL commit counted in {@code e} had returned before it (visible to it): the snapshot sees
 * exactly catalog state {@code e}. When the two reads differ the state is ambiguous and the
 * statement gets {@link #UNKNOWN}: it binds afresh and caches nothing. A failed commit raises
 * the version without changing the catalog, which only costs a re-bind.
 */
final class CatalogVersion {
    /** A snapshot whose catalog state is not known to match a version. */
    static final long UNKNOWN = -1;

    private final AtomicLong begun = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();

    /** Read before taking a snapshot. */
    long beforeSnapshot() {
        return ended.get();
    }

    /** Read after taking a snapshot: the version it sees, or {@link #UNKNOWN}. */
    long afterSnapshot(long before) {
        return begun.get() == before ? before : UNKNOWN;
    }

    /** Runs a catalog-writing transaction's commit between the two counters. */
    void aroundDdlCommit(Runnable commit) {
        begun.incrementAndGet();
        try {
            commit.run();
        } finally {
            ended.incrementAndGet();
        }
    }
}
