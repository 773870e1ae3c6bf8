package dev.cutaway.txn;

import static dev.cutaway.txn.TxnFixture.key;
import static dev.cutaway.txn.TxnFixture.num;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.KilledChild;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.kv.lsm.LsmOptions;
import dev.cutaway.log.LogOptions;
import dev.cutaway.log.LogReader;
import dev.cutaway.log.LogRecord;

import java.io.IOException;


import java.nio.file.Path;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGKILL during big commits (ADR 0029): a child JVM ({@link BigTxnKillWriter}) commits
 * transactions whose writes go to the log as dozens of parts, with synchronous commit, a small
 * log buffer (parts reach the file before their commit record) and, for the LSM, small
 * memtables flushed in the background (so flushed tables can hold parts of a commit whose
 * later parts are still being applied). It is killed at random moments; after each kill the
 * store reopens and every row must show one generation, the generation key's, which is at
 * least the last acknowledged one: a commit is all there or not at all. The child continues
 * from there, so later rounds also recover from recoveries.
 */
class BigTxnKillTest {
    private static final int KILLS = Integer.getInteger("cutaway.kill.rounds", 12);
    private static final int ROWS = 3_000;
    static final TxnOptions TXN_OPTIONS = TxnOptions.defaults().withCommitPartBytes(8 * 1024);

    static NodeOptions nodeOptions(EngineKind engine) {
        return NodeOptions.defaults()
                .withEngine(engine)
                .withSynchronousCommit(true)
                .withLsm(LsmOptions.defaults().withMemtableBytesMax(48 * 1024))
                .withLog(new LogOptions(256 * 1024, 4 * 1024, 200, null))
                .withBTree(BTreeOptions.defaults().withBufferPoolFrames(64))
                .withCheckpointLogBytes(1 << 20);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void sigkillDuringBigCommitsLeavesEachAllOrNothing(EngineKind engine, @TempDir Path dir)
            throws Exception {
        long seed = Long.getLong("cutaway.seed", new SplittableRandom().nextLong(1L << 40));
        SplittableRandom random = new SplittableRandom(seed);
        long ackedMax = 0;
        int cutRuns = 0;
        for (int round = 0; round < KILLS; round++) {
            long acked = runAndKill(engine, dir, 30 + random.nextInt(400));
            ackedMax = Math.max(ackedMax, acked);
            cutRuns += logEndsInAnUnclosedRun(engine, dir) ? 1 : 0;
            try (TxnFixture fx = new TxnFixture(new RealFileSystem(), dir,
                    nodeOptions(engine), TXN_OPTIONS)) {
                fx.node.engine().checkInvariants();
                long generation = fx.readCommitted(BigTxnKillWriter.GENERATION_KEY);
                assertThat(generation).as("round %d, seed %d: acknowledged commits survive",
                        round, seed).isGreaterThanOrEqualTo(ackedMax);
                assertThat(rowsAt(fx, generation)).as("round %d, seed %d: rows at generation"
                        + " %d", round, seed, generation).isEqualTo(ROWS);
                ackedMax = generation;
            }
        }
        System.out.println("BigTxnKillTest " + engine + ": " + cutRuns + " of " + KILLS
                + " kills left a run of parts without its commit record; last generation "
                + ackedMax);
        assertThat(ackedMax).as("the children made progress").isGreaterThan(KILLS / 2);
    }

    /** Rows (keys 0..ROWS-1) whose value is {@code generation}; fails on any other value. */
    private static long rowsAt(TxnFixture fx, long generation) throws IOException {
        long n = 0;
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ, true);
                KvCursor c = t.scan(key(0), key(ROWS), true)) {
            while (c.next()) {
                assertThat(num(c.value())).as("row %d", num(c.key())).isEqualTo(generation);
                n++;
            }
        }
        return n;
    }

    /** True if the log, as the kill left it, ends in parts whose commit record is missing. */
    private static boolean logEndsInAnUnclosedRun(EngineKind engine, Path dir)
            throws IOException {
        try (var log = dev.cutaway.log.WriteAheadLog.open(new RealFileSystem(),
                dir.resolve("wal"), nodeOptions(engine).log());
                LogReader reader = log.read(log.firstLsn())) {
            LogRecord last = null;
            for (LogRecord r = reader.next(); r != null; r = reader.next()) {
                last = r;
            }
            return last instanceof LogRecord.Part;
        }
    }

    /** Starts the writer, lets it run {@code millis} after its first ack, kills it. */
    private static long runAndKill(EngineKind engine, Path dir, long millis) throws Exception {
        return KilledChild.runAndKill(BigTxnKillWriter.class,
                List.of(dir.toString(), engine.name(), Integer.toString(ROWS)), millis);
    }
}
