/**
 * The embedded JDBC driver (DESIGN.md's interface layer, above sql and beside cli).
 *
 * <p>Public API: {@link dev.cutaway.jdbc.CutawayDriver}, registered through
 * {@code META-INF/services/java.sql.Driver}, so {@code DriverManager.getConnection(url)} is all
 * a program needs:
 * <ul>
 *   <li>{@code jdbc:cutaway:mem:} a database in memory, private to its connection;</li>
 *   <li>{@code jdbc:cutaway:mem:NAME} shared by every connection of the JVM naming it, closed
 *       (and forgotten) when its last connection closes;</li>
 *   <li>{@code jdbc:cutaway:file:DIR} one database per directory per JVM, shared and
 *       reference-counted like a named one.</li>
 * </ul>
 * Errors the SQL user causes are {@link dev.cutaway.jdbc.CutawaySqlException} with the
 * engine's SQLSTATE ({@code getSQLState()}) and position; unsupported JDBC methods throw
 * {@link java.sql.SQLFeatureNotSupportedException} (SQLSTATE 0A000). Everything else is
 * package-private and reached through the {@code java.sql} interfaces. ADR 0014 records the
 * decisions (transactions as SQL statements, parameters rendered as literals); since ADR 0022
 * a prepared statement executes through the engine's {@code Session.prepare} (parsed and bound
 * once), the literal path remaining for what it does not cover.
 */
package dev.cutaway.jdbc;
