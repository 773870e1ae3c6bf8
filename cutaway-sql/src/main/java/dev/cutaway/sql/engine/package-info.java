/**
 * The SQL engine's public face: what the shell, the JDBC driver, the wire server and the
 * sqllogictest runner are written against.
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link dev.cutaway.sql.engine.Database} — {@code open(Path, DatabaseOptions)},
 *       {@code open(FileSystem, Path, DatabaseOptions)}, {@code inMemory()},
 *       {@code newSession()}, {@code checkpoint()}, {@code close()}; {@code node()} and
 *       {@code txnStore()} for system views and tests; {@code systemTables()}, the registry
 *       of system tables (ADR 0017, package {@code dev.cutaway.sql.system}).</li>
 *   <li>{@link dev.cutaway.sql.engine.Session} — {@code execute(String script)} (one
 *       {@link dev.cutaway.sql.engine.Result} per statement, the first error thrown as a
 *       {@link dev.cutaway.sql.SqlException} with SQLSTATE and position),
 *       {@code executeOne(String)}, {@code executeOne(String, List<String> parameters)}
 *       ($1.. as text), {@code prepare(String)}, {@code run(Statement)},
 *       {@code inTransaction()},
 *       {@code inFailedTransaction()}, {@code setting(name)}, {@code close()} (rolls
 *       back).</li>
 *   <li>{@link dev.cutaway.sql.engine.Prepared} — a prepared statement:
 *       {@code parameterTypes()} (inferred from each {@code $n}'s use),
 *       {@code resultColumns()} (names and types, described without executing),
 *       {@code execute(List<?>)} (Java values) and {@code executeText(List<String>)}. Parse
 *       and bind are done once; a query's plan is cached under the catalog version its
 *       snapshot saw ({@code CatalogVersion}: DDL commits raise it) and re-bound
 *       transparently when the version differs or the transaction ran DDL of its own; binding
 *       reads table descriptors from {@code RelationCache} at that version
 *       (docs/adr/0022-prepared-statements-and-plan-cache.md).</li>
 *   <li>{@link dev.cutaway.sql.engine.Result} — command tag, column names and types, rows,
 *       row count.</li>
 *   <li>{@link dev.cutaway.sql.engine.DatabaseOptions} — node and transaction settings,
 *       default isolation, the per-operator row budget, background threads.</li>
 * </ul>
 * Statement execution (DML, DDL, ALTER TABLE, settings, ANALYZE and EXPLAIN) is
 * package-private here, as are the planner statistics cache and auto-analyze
 * ({@code Statistics}, ADR 0018) and their views; binding is in
 * {@code dev.cutaway.sql.bind}, operators in {@code dev.cutaway.sql.exec}, the catalog in
 * {@code dev.cutaway.sql.catalog}. Foreign keys ({@code ForeignKeys}, {@code ForeignKeyDefs}),
 * view dependencies ({@code Dependents}, {@code ViewRewrites}) and the reclaiming of dropped
 * tables ({@code Reclaim}) are here too. Decisions: docs/adr/0013-sql-catalog-and-rows.md,
 * docs/adr/0016-constraints-and-dependencies.md.
 */
package dev.cutaway.sql.engine;
