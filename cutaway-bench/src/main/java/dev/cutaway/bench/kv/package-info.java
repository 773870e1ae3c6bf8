/**
 * {@code cutaway bench kv}: db_bench-style KV workloads (fillseq, fillrandom, overwrite,
 * readrandom, readseq; sync on and off) on Cutaway's engines and their peers, interleaved in
 * one process run. See docs/benchmarks.md for how to run it and the fairness rules.
 *
 * <p>Public API: {@link dev.cutaway.bench.kv.KvCommand}, the picocli subcommand that
 * {@link dev.cutaway.bench.BenchMain} mounts. Everything else is package-private: the engine
 * adapters behind {@code BenchEngine} (cutaway-btree over {@code dev.cutaway.kv.Node}, MVStore,
 * RocksDB), the workload list, the run ({@code KvRun}) and its timed loops.
 */
package dev.cutaway.bench.kv;
