/**
 * The sqllogictest conformance harness (test sources only; docs/sql-compatibility.md).
 *
 * <p>To run the corpus against an engine: implement {@link dev.cutaway.sql.slt.SltEngine}
 * (execute, query returning {@code SltRows}, optionally cancel), give an {@code
 * SltEngine.Factory} that opens a fresh database per script to {@link
 * dev.cutaway.sql.slt.SltRunner} with {@code SltRunner.Options.postgresql(deadlineMillis)},
 * and either run one script ({@code runner.run(name, path)} gives a {@code FileResult}) or the
 * whole dev set ({@code SltCorpus.run(SltCorpus.devSet(), runner, "postgresql", progress)}
 * gives an {@link dev.cutaway.sql.slt.SltReport} with {@code text()} and {@code
 * summaryLines()}). {@code JdbcEngine} runs it over JDBC, against PostgreSQL in {@code
 * PostgresReferenceRun}.
 */
package dev.cutaway.sql.slt;
