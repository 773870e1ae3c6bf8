/**
 * Side-by-side benchmarks of Cutaway against its peers, run in one process so that a ratio
 * taken in one run is meaningful even on a noisy shared machine ({@code shared/BENCHMARKS.md}).
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link dev.cutaway.bench.BenchMain} — the {@code cutaway bench} command
 *       (subcommands: {@code kv}; later {@code txn}, {@code sql}).</li>
 *   <li>{@link dev.cutaway.bench.BenchLine}, {@link dev.cutaway.bench.RatioLine} — the
 *       machine-readable output lines, with {@code format()} and {@code parse(String)}, so
 *       that scripts and tests read results the way the harness writes them.</li>
 *   <li>{@link dev.cutaway.bench.LatencySamples} — a preallocated latency recorder
 *       (no boxing) that yields percentiles.</li>
 * </ul>
 *
 * <p>Standard output carries only {@code bench ...} and {@code ratio ...} lines; everything
 * else (machine facts, progress, checks) goes to standard error.
 */
package dev.cutaway.bench;
