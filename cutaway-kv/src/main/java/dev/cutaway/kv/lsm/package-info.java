/**
 * The LSM engine (issue 3): a second {@link dev.cutaway.kv.KvEngine}, so that the B+tree and a
 * log-structured merge tree can be put side by side on the same data.
 *
 * <p>Public API:
 * <ul>
 *   <li>{@link dev.cutaway.kv.lsm.LsmEngine#open(dev.cutaway.io.FileSystem, java.nio.file.Path,
 *       LsmOptions, java.util.concurrent.ScheduledExecutorService)}: open or create an engine
 *       in a directory; the executor runs flushes and compactions (null: inline).</li>
 *   <li>{@link dev.cutaway.kv.lsm.LsmEngine#open(dev.cutaway.io.FileSystem, java.nio.file.Path,
 *       LsmOptions, java.util.concurrent.ScheduledExecutorService,
 *       java.util.function.LongSupplier)}: the same, with automatic flushes held back until the
 *       node's log is durable past them (the WAL rule).</li>
 *   <li>{@link dev.cutaway.kv.lsm.LsmEngine#snapshot()}, {@link dev.cutaway.kv.lsm.LsmSnapshot}:
 *       registered read points; {@code get} and {@code cursor} take one.</li>
 *   <li>{@link dev.cutaway.kv.lsm.LsmOptions}: memtable size, block size, bloom bits per key,
 *       level sizes, level-0 triggers, compaction style (LEVELED or TIERED), rate limit, block
 *       cache size, compression (NONE or LZ4), and the prefix extractor
 *       ({@link dev.cutaway.kv.KeyPrefix}) whose prefixes the bloom filters also hold, so that
 *       a range within one prefix skips tables (ADR 0024).</li>
 *   <li>{@link dev.cutaway.kv.lsm.LsmInspector}: offline dumps of one SSTable and of a whole
 *       LSM directory, for {@code cutaway inspect sstable} and {@code cutaway inspect lsm}.</li>
 * </ul>
 *
 * <p>Everything else (memtable, blocks, tables, manifest, versions, iterators, compaction) is
 * package-private; each file's header describes its part and, for files on disk, the layout.
 */
package dev.cutaway.kv.lsm;
