/**
 * Planner statistics (ADR 0018): {@code ANALYZE} samples a table ({@link
 * dev.cutaway.sql.stats.Analyzer}: seeded reservoir, full scan under the sample size) and
 * keeps per-column null fraction, distinct count (Haas-Stokes Duj1 estimator for samples),
 * most-common values and an equi-depth histogram ({@link dev.cutaway.sql.stats.ColumnStats},
 * {@link dev.cutaway.sql.stats.TableStats}) in the catalog ({@link
 * dev.cutaway.sql.stats.StatsStore}); {@link dev.cutaway.sql.stats.Selectivity} turns them
 * into row estimates, {@link dev.cutaway.sql.stats.CostModel} into costs per plan node, and
 * {@link dev.cutaway.sql.stats.AutoAnalyze} re-analyzes tables after many changes. Internal
 * to the SQL layer.
 */
package dev.cutaway.sql.stats;
