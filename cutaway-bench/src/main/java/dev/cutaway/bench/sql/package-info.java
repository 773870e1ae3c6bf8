/**
 * {@code cutaway bench sql}: sysbench-like SQL workloads over JDBC on Cutaway (B+tree and LSM)
 * and, in the same run, H2, SQLite and HSQLDB (bench-only dependencies), all with durable
 * commits. {@link dev.cutaway.bench.sql.SqlCommand} runs it, {@link dev.cutaway.bench.sql.SqlPeer}
 * opens the engines, {@link dev.cutaway.bench.sql.SqlWorkload} holds the schema and the
 * operations, {@link dev.cutaway.bench.sql.SqlRun} times them on several threads.
 * {@code --workload joins} is a TPC-H-like query set on its own generated data:
 * {@link dev.cutaway.bench.sql.JoinsData} (schema, generator),
 * {@link dev.cutaway.bench.sql.JoinsQuery} (the queries and their engine-independent answers),
 * {@link dev.cutaway.bench.sql.JoinsBench}
 * (answer check, then timed runs). Results are recorded in docs/benchmarks.md.
 */
package dev.cutaway.bench.sql;
