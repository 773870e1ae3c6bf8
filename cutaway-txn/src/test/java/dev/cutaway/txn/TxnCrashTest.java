package dev.cutaway.txn;

import static dev.cutaway.txn.TxnFixture.key;
import static dev.cutaway.txn.TxnFixture.num;
import static dev.cutaway.txn.TxnFixture.val;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.SimulatedCrashException;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.btree.BTreeOptions;
import dev.cutaway.kv.lsm.LsmOptions;
import dev.cutaway.log.LogOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crashes the transaction layer at random file-system operations — in the middle of commits,
 * group-commit fsyncs, checkpoints and garbage-collection passes — and checks what recovery
 * shows: the committed transactions are exactly a prefix of the commit attempts (all of the
 * acknowledged ones under synchronous commit), each fully visible; every other transaction
 * (rolled back, left open, or cut off before its commit record) fully invisible. Some
 * transactions are big enough that their commit is written as several log parts, so crashes
 * also cut parted commits: recovery must show all of such a transaction or none of it.
 * {@code -Dcutaway.seed=S} replays one iteration.
 */
class TxnCrashTest {
    private static final Path DIR = Path.of("/txn");
    private static final int KEYS = 12;
    private static final int MARKER_BASE = 1000;
    private static final FaultyFileSystem.CrashMode[] MODES = FaultyFileSystem.CrashMode.values();

    /** Keys of big transactions: BIG_BASE + number * BIG_KEYS + j, for j below bigKeys. */
    private static final long BIG_BASE = 1_000_000;
    private static final int BIG_KEYS = 80;
    /** Parts this small make every big transaction's commit several log records (ADR 0029). */
    private static final TxnOptions TXN_OPTIONS =
            TxnOptions.defaults().withCommitPartBytes(TxnOptions.COMMIT_PART_BYTES_MIN);

    /**
     * One attempted transaction: its number, the keys it wrote (all with its number), and how
     * many big keys it wrote besides (0, or enough that its commit is written in parts).
     */
    private record Attempt(long number, List<Integer> keys, boolean commitAttempted,
            int bigKeys) {}

    private static NodeOptions nodeOptions(EngineKind engine, boolean sync) {
        return NodeOptions.defaults()
                .withEngine(engine)
                .withLsm(LsmOptions.tiny())
                .withSynchronousCommit(sync)
                .withLog(new LogOptions(16 * 1024, 8 * 1024, 200, null))
                .withBTree(BTreeOptions.defaults().withBufferPoolFrames(24))
                .withCheckpointLogBytes(12 * 1024);
    }

    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void committedTransactionsAreWholeAndOthersInvisible(EngineKind engine) throws Exception {
        long replay = Long.getLong("cutaway.seed", -1);
        long base = new SplittableRandom().nextLong(1L << 40);
        int iterations = Integer.getInteger("cutaway.txn.crash.iterations", 400);
        int hit = 0;
        for (int i = 0; i < (replay >= 0 ? 1 : iterations); i++) {
            long seed = replay >= 0 ? replay : base + i;
            try {
                hit += crashOnce(engine, seed) ? 1 : 0;
            } catch (Throwable t) {
                throw new AssertionError("crash iteration failed; replay with -Dcutaway.seed="
                        + seed, t);
            }
        }
        if (replay < 0) {
            assertThat(hit).as("crashes in the middle of work").isGreaterThan(iterations / 2);
        }
    }

    private static boolean crashOnce(EngineKind engine, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        boolean sync = r.nextInt(4) != 0;
        FaultyFileSystem fs = new FaultyFileSystem(seed);
        fs.crashAfterOperations(1 + r.nextInt(r.nextBoolean() ? 200 : 2000));
        List<Attempt> attempts = new ArrayList<>();
        long lastAcked = 0;
        boolean hit = false;
        TxnFixture fx = null;
        try {
            fx = new TxnFixture(fs, DIR, nodeOptions(engine, sync), TXN_OPTIONS);
            Transaction leftOpen = fx.store.begin(Isolation.REPEATABLE_READ);
            leftOpen.put(key(0), val(-1));   // never committed: must never be seen
            for (long n = 1; n <= 300; n++) {
                Transaction t = fx.store.begin(Isolation.values()[r.nextInt(4)]);
                List<Integer> keys = new ArrayList<>();
                for (int j = 1 + r.nextInt(4); j > 0; j--) {
                    int k = 1 + r.nextInt(KEYS - 1);
                    t.put(key(k), val(n));
                    keys.add(k);
                }
                t.put(key(MARKER_BASE + n), val(n));
                int bigKeys = r.nextInt(6) == 0 ? BIG_KEYS / 2 + r.nextInt(BIG_KEYS / 2) : 0;
                for (int j = 0; j < bigKeys; j++) {
                    t.put(key(BIG_BASE + n * BIG_KEYS + j), val(n));
                }
                boolean commit = r.nextInt(8) != 0;
                attempts.add(new Attempt(n, keys, commit, bigKeys));
                if (commit) {
                    t.commit();
                    lastAcked = n;
                } else {
                    t.rollback();
                }
                int action = r.nextInt(30);
                if (action == 0) {
                    fx.store.collectGarbage();
                } else if (action == 1) {
                    fx.node.checkpoint();
                }
            }
        } catch (SimulatedCrashException expected) {
            hit = true;
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof SimulatedCrashException)) {
                throw e;
            }
            hit = true;
        }
        FaultyFileSystem after = fs.crash(MODES[r.nextInt(MODES.length)]);
        verify(engine, after, sync, attempts, sync ? lastAcked : 0);
        return hit;
    }

    private static void verify(EngineKind engine, FaultyFileSystem fs, boolean sync,
            List<Attempt> attempts, long mustHave) throws IOException {
        try (TxnFixture fx = new TxnFixture(fs, DIR, nodeOptions(engine, sync), TXN_OPTIONS)) {
            fx.node.engine().checkInvariants();
            try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ, true)) {
                assertThat(t.get(key(0))).as("an uncommitted write").isNull();
                long prefix = 0;
                for (Attempt a : attempts) {
                    boolean present = t.get(key(MARKER_BASE + a.number())) != null;
                    for (int j = 0; j < a.bigKeys(); j++) {
                        assertThat(t.get(key(BIG_BASE + a.number() * BIG_KEYS + j)) != null)
                                .as("txn %d: big key %d is there iff its marker is",
                                        a.number(), j).isEqualTo(present);
                    }
                    if (present) {
                        assertThat(a.commitAttempted()).as("txn %d was rolled back",
                                a.number()).isTrue();
                        assertThat(prefix).as("commits recovered are a prefix: txn %d",
                                a.number()).isEqualTo(lastCommitAttemptBefore(attempts, a));
                        prefix = a.number();
                    }
                }
                assertThat(prefix).as("acknowledged commits survive (sync=%s)", sync)
                        .isGreaterThanOrEqualTo(mustHave);
                Map<Integer, Long> model = new HashMap<>();
                for (Attempt a : attempts) {
                    if (a.commitAttempted() && a.number() <= prefix) {
                        a.keys().forEach(k -> model.put(k, a.number()));
                    }
                }
                for (int k = 1; k < KEYS; k++) {
                    assertThat(num(t.get(key(k)))).as("key %d after %d commits", k, prefix)
                            .isEqualTo(model.get(k));
                }
            }
            try (Transaction t = fx.store.begin(Isolation.SERIALIZABLE)) {
                t.put(key(1), val(7));   // the store keeps working after recovery
                t.commit();
            }
        }
    }

    private static long lastCommitAttemptBefore(List<Attempt> attempts, Attempt a) {
        long last = 0;
        for (Attempt b : attempts) {
            if (b.number() >= a.number()) {
                break;
            }
            if (b.commitAttempted()) {
                last = b.number();
            }
        }
        return last;
    }
}
