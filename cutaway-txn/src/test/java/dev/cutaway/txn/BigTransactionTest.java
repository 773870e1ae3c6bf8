package dev.cutaway.txn;

import static dev.cutaway.txn.TxnFixture.key;
import static dev.cutaway.txn.TxnFixture.num;
import static dev.cutaway.txn.TxnFixture.val;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.FaultyFileSystem;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.NodeOptions.EngineKind;
import dev.cutaway.kv.lsm.LsmOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Transactions larger than one log record (ADR 0029): past the old bounds of one commit (about
 * a million rows, 63 MiB), read-your-writes inside them, all-or-nothing visibility to
 * concurrent readers while the parts are applied, rollback that leaves nothing, the write-set
 * bound's 54000, and recovery of a parted commit from the log alone.
 */
class BigTransactionTest {
    /** The bounds of one commit before ADR 0029. */
    private static final int OLD_KEYS_MAX = (1 << 20) - 2;
    private static final long OLD_BYTES_MAX = (64L << 20) - (1 << 20);

    @TempDir
    Path dir;
    TxnFixture fx;
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws IOException {
        pool.shutdownNow();
        if (fx != null) {
            fx.store.checkInvariants();
            fx.close();
        }
    }

    private void open(TxnOptions options) throws IOException {
        fx = new TxnFixture(new RealFileSystem(), dir,
                NodeOptions.defaults().withSynchronousCommit(false), options);
    }

    private static TxnOptions smallParts() {
        return TxnOptions.defaults().withCommitPartBytes(TxnOptions.COMMIT_PART_BYTES_MIN);
    }

    @Test
    void commitsMoreRowsThanOneRecordHeld() throws IOException {
        open(TxnOptions.defaults().withWriteSetBytesMax(1L << 30));
        int rows = OLD_KEYS_MAX + 50_000;
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            for (int k = 0; k < rows; k++) {
                t.put(key(k), val(k));
            }
            t.commit();
        }
        assertThat(fx.store.stats().counters().get("commits.parted")).isEqualTo(1L);
        assertThat(countAndCheck(rows)).isEqualTo(rows);
        fx.reopen();
        assertThat(countAndCheck(rows)).isEqualTo(rows);
    }

    @Test
    void commitsMoreBytesThanOneRecordHeld() throws IOException {
        open(TxnOptions.defaults());
        int values = (int) (OLD_BYTES_MAX >> 20) + 8;
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ)) {
            for (int k = 0; k < values; k++) {
                t.put(key(k), big(k));
            }
            t.commit();
        }
        fx.reopen();
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ, true)) {
            for (int k = 0; k < values; k++) {
                assertThat(Arrays.equals(t.get(key(k)), big(k))).as("value %d", k).isTrue();
            }
        }
    }

    /** A mebibyte filled with {@code k}. */
    private static byte[] big(int k) {
        byte[] value = new byte[1 << 20];
        Arrays.fill(value, (byte) k);
        return value;
    }

    /** Scans every row: value equals key; @return how many. */
    private long countAndCheck(long expected) throws IOException {
        long count = 0;
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ, true);
                KvCursor c = t.scan(null, null, true)) {
            while (c.next()) {
                assertThat(num(c.value())).isEqualTo(num(c.key()));
                count++;
            }
            assertThat(num(t.get(key(expected - 1)))).isEqualTo(expected - 1);
        }
        return count;
    }

    @Test
    void readsItsOwnWritesBeforeAPartedCommit() throws IOException {
        open(smallParts());
        fx.commitPut(7, -7);
        try (Transaction t = fx.store.begin(Isolation.SERIALIZABLE)) {
            for (int k = 0; k < 5_000; k++) {
                t.put(key(k), val(k));
            }
            t.delete(key(3));
            assertThat(num(t.get(key(7)))).isEqualTo(7);
            assertThat(t.get(key(3))).isNull();
            long seen = 0;
            try (KvCursor c = t.scan(key(0), key(5_000), true)) {
                while (c.next()) {
                    assertThat(num(c.value())).isEqualTo(num(c.key()));
                    seen++;
                }
            }
            assertThat(seen).isEqualTo(4_999);
            assertThat(fx.readCommitted(7)).isEqualTo(-7);
            t.commit();
        }
        assertThat(fx.store.stats().counters().get("commits.parted")).isEqualTo(1L);
        assertThat(fx.readCommitted(7)).isEqualTo(7);
        assertThat(fx.readCommitted(3)).isNull();
        assertThat(fx.readCommitted(4_999)).isEqualTo(4_999);
    }

    /**
     * Readers scanning in a loop while a commit of hundreds of parts is applied see every row
     * at the old value or every row at the new one, never a mix.
     */
    @ParameterizedTest
    @EnumSource(EngineKind.class)
    void concurrentReadersSeeAllOrNothingOfAPartedCommit(EngineKind engine) throws Exception {
        fx = new TxnFixture(new RealFileSystem(), dir, NodeOptions.defaults().withEngine(engine)
                .withLsm(LsmOptions.defaults().withMemtableBytesMax(256 * 1024))
                .withSynchronousCommit(false), smallParts());
        int rows = 20_000;
        writeAll(rows, 0);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong scans = new AtomicLong();
        CountDownLatch started = new CountDownLatch(2);
        CompletableFuture<?>[] readers = new CompletableFuture<?>[2];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = CompletableFuture.runAsync(() -> {
                try {
                    started.countDown();
                    while (!done.get()) {
                        uniformValue(rows);
                        scans.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, pool);
        }
        Transaction before = fx.store.begin(Isolation.REPEATABLE_READ, true);
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        writeAll(rows, 1);
        done.set(true);
        CompletableFuture.allOf(readers).get(60, TimeUnit.SECONDS);
        assertThat(scans.get()).as("scans while the commit ran").isPositive();
        assertThat(num(before.get(key(rows / 2)))).as("an older snapshot").isEqualTo(0);
        before.close();
        assertThat(uniformValue(rows)).isEqualTo(1);
    }

    private void writeAll(int rows, long value) throws IOException {
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            for (int k = 0; k < rows; k++) {
                t.put(key(k), val(value));
            }
            t.commit();
        }
    }

    /** Scans all rows in one snapshot: every value must be the same. @return that value */
    private long uniformValue(int rows) throws IOException {
        Long first = null;
        long count = 0;
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ, true);
                KvCursor c = t.scan(null, null, true)) {
            while (c.next()) {
                Long v = num(c.value());
                first = first == null ? v : first;
                assertThat(v).as("row %d in one snapshot", num(c.key())).isEqualTo(first);
                count++;
            }
        }
        assertThat(count).isEqualTo(rows);
        return first;
    }

    @Test
    void rollbackOfABigTransactionLeavesNothing() throws IOException {
        open(smallParts());
        fx.commitPut(1, 1);
        long versionsBefore = versionKeys();
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ)) {
            for (int k = 0; k < 60_000; k++) {
                t.put(key(k), val(-k));
            }
            t.rollback();
        }
        assertThat(fx.store.locks()).isEmpty();
        assertThat(fx.store.stats().active()).isEmpty();
        assertThat(versionKeys()).isEqualTo(versionsBefore);
        assertThat(fx.readCommitted(1)).isEqualTo(1);
        assertThat(fx.readCommitted(2)).isNull();
        fx.commitPut(2, 2);   // the rows it locked are free
        assertThat(fx.readCommitted(2)).isEqualTo(2);
    }

    /** Every key in the engine (all versions, plus the store's metadata). */
    private long versionKeys() throws IOException {
        long n = 0;
        try (KvCursor c = fx.node.engine().cursor(null, null, true)) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aWriteSetPastItsBoundFailsWith54000AndTheTransactionStaysUsable() throws IOException {
        open(TxnOptions.defaults().withWriteSetBytesMax(1 << 20));
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            int k = 0;
            while (true) {
                try {
                    t.put(key(k), val(k));
                    k++;
                } catch (TxnException e) {
                    assertThat(e.sqlState()).isEqualTo("54000");
                    assertThat(e.getMessage()).contains("transaction too large")
                            .contains("1 MiB");
                    break;
                }
                assertThat(k).as("the bound is hit").isLessThan(1 << 20);
            }
            assertThat(t.writeCount()).isEqualTo(k);
            t.put(key(0), val(-1));   // overwriting a row adds nothing
            assertThat(num(t.get(key(0)))).isEqualTo(-1);
            t.commit();
        }
        assertThat(fx.readCommitted(0)).isEqualTo(-1);
        assertThat(fx.readCommitted(1)).isEqualTo(1);
    }

    @Test
    void aPartedCommitIsRecoveredFromTheLogAfterACrash() throws IOException {
        FaultyFileSystem fs = new FaultyFileSystem(42);
        NodeOptions options = NodeOptions.defaults().withSynchronousCommit(true);
        TxnFixture crashing = new TxnFixture(fs, Path.of("/db"), options, smallParts());
        int rows = 3_000;
        try (Transaction t = crashing.store.begin(Isolation.READ_COMMITTED)) {
            for (int k = 0; k < rows; k++) {
                t.put(key(k), val(k));
            }
            t.commit();
        }
        // No checkpoint: the engine image on disk has nothing of it, only the log does.
        FaultyFileSystem after = fs.crash(FaultyFileSystem.CrashMode.LOSE_UNSYNCED);
        try (TxnFixture reopened = new TxnFixture(after, Path.of("/db"), options,
                smallParts())) {
            assertThat(reopened.node.recovery().recordsReplayed()).isGreaterThan(100);
            try (Transaction t = reopened.store.begin(Isolation.REPEATABLE_READ, true)) {
                for (int k = 0; k < rows; k++) {
                    assertThat(num(t.get(key(k)))).isEqualTo(k);
                }
            }
        }
    }
}
