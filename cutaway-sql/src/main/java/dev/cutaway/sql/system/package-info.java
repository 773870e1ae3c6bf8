/**
 * System tables (virtual relations): relations in the reserved schemas {@code cutaway},
 * {@code pg_catalog} and {@code information_schema} whose rows a Java supplier produces at
 * scan time from live state (ADR 0017, columns documented in docs/system-views.md).
 *
 * <p>API (small on purpose; the wire server registers {@code pg_catalog.*} and
 * {@code information_schema.*} tables the same way as the {@code cutaway.*} views):
 * <ul>
 *   <li>{@link dev.cutaway.sql.system.SystemTable} — schema, name, description, typed
 *       columns and a {@link dev.cutaway.sql.system.SystemTable.RowSource} ({@code
 *       ExecContext -> List<Object[]>}); {@code SystemTable.of(schema, name, description,
 *       source, "col", SqlType.X, ...)} builds one.</li>
 *   <li>{@link dev.cutaway.sql.system.SystemTables} — the registry a {@code Database} owns
 *       ({@code Database.systemTables()}): {@code register}, {@code lookup}, {@code resolve},
 *       {@code all} (for {@code \d}-style listings).</li>
 *   <li>{@link dev.cutaway.sql.system.SystemScan} — the plan leaf the binder puts where the
 *       table is named.</li>
 *   <li>{@link dev.cutaway.sql.system.CutawayViews} — the {@code cutaway.*} views over the
 *       node (buffer pool, log, engines) and the transaction store (transactions,
 *       locks).</li>
 *   <li>{@link dev.cutaway.sql.system.PgOids} — the OIDs the {@code pg_catalog} tables and
 *       the catalog helper functions agree on (ADR 0025); {@link
 *       dev.cutaway.sql.system.PgDefinitions} — the statement's {@code CatalogLookup}
 *       behind {@code pg_get_indexdef}, {@code pg_get_constraintdef} and the
 *       {@code ::regclass}-style casts.</li>
 * </ul>
 * Resolution: {@code schema.name} in a reserved schema is looked up here only; an unqualified
 * name is looked up in {@code pg_catalog} first (as PostgreSQL does), then in the stored
 * catalog. Writes fail with 55000, DDL in a reserved schema with 42501. A scan shows live
 * state at the moment it is opened, not the transaction's snapshot.
 */
package dev.cutaway.sql.system;
