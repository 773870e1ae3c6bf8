/**
 * EXPLAIN and EXPLAIN ANALYZE (ADR 0018): {@link dev.cutaway.sql.explain.ExplainOptions}
 * parses the option list; {@link dev.cutaway.sql.explain.Instrumentation} wraps every
 * operator of a plan in an {@link dev.cutaway.sql.explain.Instrumented} node that counts
 * loops, rows, time (from the database clock) and the KV read evidence of
 * {@link dev.cutaway.kv.ReadEvidence} while the statement runs;
 * {@link dev.cutaway.sql.explain.ExplainText} and {@link dev.cutaway.sql.explain.ExplainJson}
 * print the tree with the estimates of {@link dev.cutaway.sql.stats.PlanEstimator}, and
 * {@link dev.cutaway.sql.explain.Diagnostics} names the problems the evidence shows.
 * Internal to the SQL layer.
 */
package dev.cutaway.sql.explain;
