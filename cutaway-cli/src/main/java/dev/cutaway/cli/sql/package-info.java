/**
 * The SQL side of the command line: the psql-like shell ({@link dev.cutaway.cli.sql.SqlShell},
 * its statement splitting, meta commands, describe and engine commands, completion and JLine
 * input) and the psql-exact printers ({@link dev.cutaway.cli.sql.TablePrinter},
 * {@link dev.cutaway.cli.sql.ResultPrinter}, {@link dev.cutaway.cli.sql.ErrorPrinter}) that
 * {@code cutaway sql} shares. Above the sql layer; uses the engine's Java APIs (catalog,
 * {@code Node}, {@code TxnStore}, the log) for what no system view shows yet. ADR 0021.
 */
package dev.cutaway.cli.sql;
