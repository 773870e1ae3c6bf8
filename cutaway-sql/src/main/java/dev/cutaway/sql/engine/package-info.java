/**
 * The SQL engine's public face: what the shell, the JDBC driver, the wire server and the
 * sqllogictest runner are written against.
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link dev.cutaway.sql.engine.Database} — {@code open(Path, DatabaseOptions)},
 *       {@code open(FileSystem, Path, DatabaseOptions)}, {@code inMemory()},
 *       {@code newSession()}, {@code checkpoint()}, {@code close()}; {@code node()} and
 *       {@code txnStore()} for system views and tests.</li>
 *   <li>{@link dev.cutaway.sql.engine.Session} — {@code execute(String script)} (one
 *       {@link dev.cutaway.sql.engine.Result} per statement, the first error thrown as a
 *       {@link dev.cutaway.sql.SqlException} with SQLSTATE and position),
 *       {@code executeOne(String)}, {@code executeOne(String, List<String> parameters)}
 *       ($1.. as text), {@code run(Statement)}, {@code inTransaction()},
 *       {@code inFailedTransaction()}, {@code setting(name)}, {@code close()} (rolls
 *       back).</li>
 *   <li>{@link dev.cutaway.sql.engine.Result} — command tag, column names and types, rows,
 *       row count.</li>
 *   <li>{@link dev.cutaway.sql.engine.DatabaseOptions} — node and transaction settings,
 *       default isolation, the per-operator row budget, background threads.</li>
 * </ul>
 * Statement execution (DML, DDL, ALTER TABLE, settings, ANALYZE and EXPLAIN) is
 * package-private here, as are the planner statistics cache and auto-analyze
 * ({@code Statistics}, ADR 0018) and their views; binding is in
 * {@code dev.cutaway.sql.bind}, operators in {@code dev.cutaway.sql.exec}, the catalog in
 * {@code dev.cutaway.sql.catalog}. Decisions: docs/adr/0013-sql-catalog-and-rows.md.
 */
package dev.cutaway.sql.engine;
