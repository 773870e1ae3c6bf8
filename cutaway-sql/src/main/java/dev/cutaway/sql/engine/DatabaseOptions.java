package dev.cutaway.sql.engine;

import dev.cutaway.kv.NodeOptions;
import dev.cutaway.txn.Isolation;
import dev.cutaway.txn.TxnOptions;
import java.time.Clock;
import java.util.Objects;

/**
 * Settings of a {@link Database}.
 *
 * @param node the node's settings (log, engines, synchronous commit)
 * @param txn the transaction layer's settings; its clock is also the SQL clock ({@code now()})
 * @param defaultIsolation the isolation level of transactions that do not choose one
 *     (PostgreSQL's {@code default_transaction_isolation}, read committed)
 * @param rowsInMemoryMax how many rows one operator (sort, hash aggregate, hash join, ...) may
 *     hold before it spills to temporary files in {@code DIR/tmp} (ADR 0015); operators that
 *     cannot spill fail with 53200 beyond it
 * @param randomSeed seed of {@code random()} in each session (sessions get seed + n)
 * @param backgroundThreads threads of the executor the database owns for LSM flushes and
 *     compactions and version GC; 0 runs that work on the writing threads (no GC task)
 * @param gcIntervalMillis delay between background garbage-collection passes
 */
public record DatabaseOptions(NodeOptions node, TxnOptions txn, Isolation defaultIsolation,
        long rowsInMemoryMax, long randomSeed, int backgroundThreads, long gcIntervalMillis) {

    public DatabaseOptions {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(txn, "txn");
        Objects.requireNonNull(defaultIsolation, "defaultIsolation");
        if (rowsInMemoryMax <= 0 || backgroundThreads < 0 || gcIntervalMillis <= 0) {
            throw new IllegalArgumentException("bad database options");
        }
    }

    /** Durable commits, read committed, one background thread, GC every 10 s. */
    public static DatabaseOptions defaults() {
        return new DatabaseOptions(NodeOptions.defaults(), TxnOptions.defaults(),
                Isolation.READ_COMMITTED, 10_000_000, 42, 1, 10_000);
    }

    public Clock clock() {
        return txn.clock();
    }

    public DatabaseOptions withNode(NodeOptions options) {
        return new DatabaseOptions(options, txn, defaultIsolation, rowsInMemoryMax, randomSeed,
                backgroundThreads, gcIntervalMillis);
    }

    public DatabaseOptions withTxn(TxnOptions options) {
        return new DatabaseOptions(node, options, defaultIsolation, rowsInMemoryMax, randomSeed,
                backgroundThreads, gcIntervalMillis);
    }

    public DatabaseOptions withEngine(NodeOptions.EngineKind kind) {
        return withNode(node.withEngine(kind));
    }

    public DatabaseOptions withSynchronousCommit(boolean on) {
        return withNode(node.withSynchronousCommit(on));
    }

    public DatabaseOptions withRowsInMemoryMax(long rows) {
        return new DatabaseOptions(node, txn, defaultIsolation, rows, randomSeed,
                backgroundThreads, gcIntervalMillis);
    }

    public DatabaseOptions withBackgroundThreads(int threads) {
        return new DatabaseOptions(node, txn, defaultIsolation, rowsInMemoryMax, randomSeed,
                threads, gcIntervalMillis);
    }
}
