/**
 * The executor: bound expressions ({@link dev.cutaway.sql.exec.BoundExpr}) and pull-based
 * physical operators ({@link dev.cutaway.sql.exec.Plan} / {@link
 * dev.cutaway.sql.exec.RowCursor}) over {@code Object[]} rows — scans and primary-key
 * lookups ({@link dev.cutaway.sql.exec.Scans}), filter/project/sort/limit/distinct ({@link
 * dev.cutaway.sql.exec.RowOps}), nested-loop and hash joins ({@link
 * dev.cutaway.sql.exec.Joins}), hash aggregation ({@link dev.cutaway.sql.exec.Aggregation}),
 * window functions with frames ({@link dev.cutaway.sql.exec.Window}, {@link
 * dev.cutaway.sql.exec.WindowFrame}), set operations — and the KV layout of rows and index
 * entries ({@link dev.cutaway.sql.exec.TableRows}). Correlated subqueries see outer rows
 * through {@link dev.cutaway.sql.exec.Frame}s. {@link dev.cutaway.sql.exec.ColumnPruning}
 * tells the scan of a {@code Project [Filter] scan} plan which columns to decode (ADR 0027).
 * Internal to the SQL layer.
 *
 * <p>Memory: operators hold at most {@code rowsInMemoryMax} rows each and spill beyond it
 * into the statement's temporary files (ADR 0015): {@link dev.cutaway.sql.exec.Spill} (run
 * files, deleted when the statement ends), {@link dev.cutaway.sql.exec.SpillArea} (the
 * database's {@code DIR/tmp}), {@link dev.cutaway.sql.exec.SpillCodec} (record format),
 * {@link dev.cutaway.sql.exec.ExternalSort} (merge sort, top-N), {@link
 * dev.cutaway.sql.exec.Partitions} (hash partitioning with re-seeded levels), {@link
 * dev.cutaway.sql.exec.GraceHashJoin}, {@link dev.cutaway.sql.exec.BlockNestedLoop} and
 * {@link dev.cutaway.sql.exec.RowBuffer}. What cannot spill fails with 53200.
 */
package dev.cutaway.sql.exec;
