/**
 * The executor: bound expressions ({@link dev.cutaway.sql.exec.BoundExpr}) and pull-based
 * physical operators ({@link dev.cutaway.sql.exec.Plan} / {@link
 * dev.cutaway.sql.exec.RowCursor}) over {@code Object[]} rows — scans and primary-key
 * lookups ({@link dev.cutaway.sql.exec.Scans}), filter/project/sort/limit/distinct ({@link
 * dev.cutaway.sql.exec.RowOps}), nested-loop and hash joins ({@link
 * dev.cutaway.sql.exec.Joins}), hash aggregation ({@link dev.cutaway.sql.exec.Aggregation}),
 * set operations — and the KV layout of rows and index entries ({@link
 * dev.cutaway.sql.exec.TableRows}). Correlated subqueries see outer rows through
 * {@link dev.cutaway.sql.exec.Frame}s. Internal to the SQL layer.
 */
package dev.cutaway.sql.exec;
