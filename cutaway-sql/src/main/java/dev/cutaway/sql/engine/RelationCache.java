package dev.cutaway.sql.engine;

import dev.cutaway.sql.bind.BindContext;
import dev.cutaway.sql.catalog.Catalog;
import dev.cutaway.sql.catalog.Relation;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The database's cache of relation descriptors by name, for one catalog version at a time
 * ({@link CatalogVersion}): binding a statement whose snapshot sees version {@code v} reads
 * descriptors from the generation of {@code v} instead of the KV store (a get and a decode per
 * table per statement). A newer version starts a new, empty generation; a statement of an
 * older or unknown version (a long repeatable-read snapshot, a transaction with DDL of its
 * own) reads through to the catalog.
 *
 * <p>Invariants: (1) a generation holds only descriptors read by transactions whose snapshot
 * sees exactly its version (so all its entries agree with each other and with that catalog
 * state); (2) generations only move forward; (3) at most {@link #ENTRIES_MAX} names per
 * generation (beyond, lookups read through), so lookups of made-up names cannot grow it
 * without bound. Thread-safe.
 */
final class RelationCache {
    static final int ENTRIES_MAX = 10_000;

    private record Generation(long version,
            ConcurrentHashMap<String, Optional<Relation>> byName) {}

    private final AtomicReference<Generation> current = new AtomicReference<>(
            new Generation(CatalogVersion.UNKNOWN, new ConcurrentHashMap<>()));

    /** Where a statement whose snapshot sees {@code version} reads descriptors. */
    BindContext.Relations at(long version) {
        if (version == CatalogVersion.UNKNOWN) {
            return Catalog::lookup;
        }
        Generation g = current.get();
        while (g.version() < version) {
            Generation next = new Generation(version, new ConcurrentHashMap<>());
            g = current.compareAndSet(g, next) ? next : current.get();
        }
        if (g.version() != version) {
            return Catalog::lookup;
        }
        Generation gen = g;
        return (txn, schema, name) -> {
            String key = schema + '\u0000' + name;
            Optional<Relation> cached = gen.byName().get(key);
            if (cached != null) {
                return cached.orElse(null);
            }
            Relation r = Catalog.lookup(txn, schema, name);
            if (gen.byName().size() < ENTRIES_MAX) {
                gen.byName().putIfAbsent(key, Optional.ofNullable(r));
            }
            return r;
        };
    }
}
