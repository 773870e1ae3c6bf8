package dev.cutaway.txn;

import static dev.cutaway.txn.TxnFixture.key;
import static dev.cutaway.txn.TxnFixture.num;
import static dev.cutaway.txn.TxnFixture.val;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.NodeOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantics of one transaction and of two that meet: snapshots, locks, first updater. */
class TransactionTest {
    @TempDir
    Path dir;
    TxnFixture fx;
    ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void open() throws IOException {
        fx = new TxnFixture(dir);
    }

    @AfterEach
    void close() throws IOException {
        pool.shutdownNow();
        fx.store.checkInvariants();
        fx.close();
    }

    @Test
    void ownWritesAreVisibleToItselfAndInvisibleToOthersUntilCommit() throws IOException {
        fx.commitPut(1, 10);
        try (Transaction a = fx.store.begin(Isolation.REPEATABLE_READ)) {
            a.put(key(1), val(11));
            a.put(key(2), val(20));
            assertThat(num(a.get(key(1)))).isEqualTo(11);
            assertThat(fx.readCommitted(1)).isEqualTo(10);
            assertThat(fx.readCommitted(2)).isNull();
            a.commit();
        }
        assertThat(fx.readCommitted(1)).isEqualTo(11);
        assertThat(fx.readCommitted(2)).isEqualTo(20);
    }

    @Test
    void repeatableReadKeepsItsSnapshotAndReadCommittedMovesPerStatement() throws IOException {
        fx.commitPut(1, 10);
        Transaction rr = fx.store.begin(Isolation.REPEATABLE_READ, true);
        Transaction rc = fx.store.begin(Isolation.READ_COMMITTED, true);
        assertThat(num(rr.get(key(1)))).isEqualTo(10);
        fx.commitPut(1, 11);
        rr.newStatement();
        rc.newStatement();
        assertThat(num(rr.get(key(1)))).isEqualTo(10);
        assertThat(num(rc.get(key(1)))).isEqualTo(11);
        rr.commit();
        rc.commit();
    }

    @Test
    void rolledBackWritesVanish() throws IOException {
        try (Transaction a = fx.store.begin(Isolation.SERIALIZABLE)) {
            a.put(key(5), val(50));
            a.rollback();
        }
        assertThat(fx.readCommitted(5)).isNull();
    }

    @Test
    void scanMergesOwnWritesAndHidesTombstonesBothWays() throws IOException {
        for (long k = 1; k <= 5; k++) {
            fx.commitPut(k, k * 10);
        }
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ)) {
            t.delete(key(2));
            t.put(key(4), val(44));
            t.put(key(7), val(70));
            assertThat(scan(t, true)).containsExactly(1L, 10L, 3L, 30L, 4L, 44L, 5L, 50L, 7L, 70L);
            assertThat(scan(t, false)).containsExactly(7L, 70L, 5L, 50L, 4L, 44L, 3L, 30L, 1L, 10L);
            t.commit();
        }
        fx.commitPut(3, 33);   // a newer version above an older one
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ, true)) {
            assertThat(scan(t, true)).containsExactly(1L, 10L, 3L, 33L, 4L, 44L, 5L, 50L, 7L, 70L);
            assertThat(scan(t, false)).containsExactly(7L, 70L, 5L, 50L, 4L, 44L, 3L, 33L, 1L, 10L);
        }
    }

    /**
     * A key's versions spread over several B+tree leaves (big values, many commits): the scan
     * returns the snapshot's version of each key — through the views and through key() and
     * value() alike — while the cursor moves on to the next leaf before it returns the row.
     */
    @Test
    void scanReturnsTheSnapshotVersionWhenAKeysVersionsSpanLeaves() throws IOException {
        java.util.function.BiFunction<Long, Integer, byte[]> big = (k, round) -> {
            byte[] v = new byte[1500];
            java.util.Arrays.fill(v, (byte) (k * 16 + round));
            v[0] = round.byteValue();
            return v;
        };
        for (int round = 0; round < 12; round++) {
            try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                for (long k = 1; k <= 4; k++) {
                    t.put(key(k), big.apply(k, round));
                }
                t.commit();
            }
        }
        try (Transaction reader = fx.store.begin(Isolation.REPEATABLE_READ)) {
            reader.get(key(1));   // takes the snapshot: round 11 is visible
            for (int round = 12; round < 20; round++) {   // newer versions the reader skips
                try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                    for (long k = 1; k <= 4; k++) {
                        t.put(key(k), big.apply(k, round));
                    }
                    t.commit();
                }
            }
            reader.put(key(5), val(55));   // an own write merged after the stored keys
            for (boolean ascending : new boolean[] {true, false}) {
                List<Long> keys = new ArrayList<>();
                try (KvCursor c = reader.scan(null, null, ascending)) {
                    while (c.next()) {
                        byte[] view = java.util.Arrays.copyOfRange(c.valueBuffer(),
                                c.valueOffset(), c.valueOffset() + c.valueLength());
                        long k = num(c.key());
                        keys.add(k);
                        byte[] want = k == 5 ? val(55) : big.apply(k, 11);
                        assertThat(view).as("key %d ascending %b", k, ascending).isEqualTo(want);
                        assertThat(c.value()).isEqualTo(want);
                    }
                }
                assertThat(keys).containsExactlyElementsOf(ascending
                        ? List.of(1L, 2L, 3L, 4L, 5L) : List.of(5L, 4L, 3L, 2L, 1L));
            }
        }
    }

    private static List<Long> scan(Transaction t, boolean ascending) throws IOException {
        List<Long> out = new ArrayList<>();
        try (KvCursor c = t.scan(null, null, ascending)) {
            while (c.next()) {
                out.add(num(c.key()));
                out.add(num(c.value()));
            }
        }
        return out;
    }

    @Test
    void aSecondWriterWaitsForTheFirstAndThenFailsUnderRepeatableRead() throws Exception {
        fx.commitPut(1, 10);
        Transaction a = fx.store.begin(Isolation.REPEATABLE_READ);
        Transaction b = fx.store.begin(Isolation.REPEATABLE_READ);
        a.put(key(1), val(11));
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                b.put(key(1), val(12));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, pool);
        Thread.sleep(150);
        assertThat(blocked).isNotDone();
        assertThat(fx.store.stats().lockWaits()).singleElement()
                .satisfies(w -> assertThat(w.holderIds()).containsExactly(a.id()));
        a.commit();
        assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(TxnException.class)
                .cause().hasMessageContaining("concurrent update")
                .extracting(e -> ((TxnException) e).sqlState()).isEqualTo("40001");
        b.rollback();
        assertThat(fx.readCommitted(1)).isEqualTo(11);
    }

    @Test
    void aReadCommittedWriterWaitsThenWorksOnTheNewestVersion() throws Exception {
        fx.commitPut(1, 10);
        Transaction a = fx.store.begin(Isolation.READ_COMMITTED);
        Transaction b = fx.store.begin(Isolation.READ_COMMITTED);
        a.put(key(1), val(11));
        CompletableFuture<Long> seen = CompletableFuture.supplyAsync(() -> {
            try {
                b.newStatement();
                return num(b.getForUpdate(key(1)));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, pool);
        Thread.sleep(100);
        assertThat(seen).isNotDone();
        a.commit();
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo(11L);
        b.put(key(1), val(12));
        b.commit();
        assertThat(fx.readCommitted(1)).isEqualTo(12);
    }

    @Test
    void deadlockIsBrokenWithinASecondByAbortingTheYoungest() throws Exception {
        fx.commitPut(1, 10);
        fx.commitPut(2, 20);
        Transaction a = fx.store.begin(Isolation.READ_COMMITTED);
        Transaction b = fx.store.begin(Isolation.READ_COMMITTED);
        a.put(key(1), val(11));
        b.put(key(2), val(21));
        CompletableFuture<Void> aWaits = CompletableFuture.runAsync(() -> {
            try {
                a.put(key(2), val(12));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, pool);
        Thread.sleep(20);
        long started = System.nanoTime();
        assertThatThrownBy(() -> b.put(key(1), val(22)))
                .isInstanceOf(TxnException.class)
                .extracting(e -> ((TxnException) e).sqlState()).isEqualTo("40P01");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
        b.rollback();
        aWaits.get(5, TimeUnit.SECONDS);
        a.commit();
        assertThat(fx.readCommitted(2)).isEqualTo(12);
        assertThat(fx.store.stats().counters().get("locks.deadlocks")).isEqualTo(1L);
        assertThat(fx.store.stats().abortsByReason().get("deadlock")).isEqualTo(1L);
    }

    @Test
    void lockTimeoutGivesUpWith55P03() throws IOException {
        fx.commitPut(1, 10);
        Transaction a = fx.store.begin(Isolation.READ_COMMITTED);
        a.put(key(1), val(11));
        try (Transaction b = fx.store.begin(Isolation.READ_COMMITTED)) {
            b.setLockTimeoutMillis(100);
            assertThatThrownBy(() -> b.delete(key(1)))
                    .extracting(e -> ((TxnException) e).sqlState()).isEqualTo("55P03");
            assertThatThrownBy(() -> b.lock(key(1), LockMode.SHARE, true))
                    .extracting(e -> ((TxnException) e).reason())
                    .isEqualTo(TxnException.Reason.LOCK_NOT_AVAILABLE);
        }
        a.commit();
    }

    @Test
    void sharedLocksCoexistAndBlockWriters() throws Exception {
        fx.commitPut(1, 10);
        Transaction a = fx.store.begin(Isolation.READ_COMMITTED);
        Transaction b = fx.store.begin(Isolation.READ_COMMITTED);
        assertThat(num(a.getForShare(key(1)))).isEqualTo(10);
        assertThat(num(b.getForShare(key(1)))).isEqualTo(10);
        Transaction c = fx.store.begin(Isolation.READ_COMMITTED);
        c.setLockTimeoutMillis(100);
        assertThatThrownBy(() -> c.put(key(1), val(3)))
                .extracting(e -> ((TxnException) e).reason())
                .isEqualTo(TxnException.Reason.LOCK_TIMEOUT);
        c.rollback();
        a.commit();
        b.commit();
    }

    @Test
    void insertRefusesALiveKeyButNotADeletedOne() throws IOException {
        fx.commitPut(1, 10);
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            assertThatThrownBy(() -> t.insert(key(1), val(1)))
                    .extracting(e -> ((TxnException) e).sqlState()).isEqualTo("23505");
            t.delete(key(1));
            t.insert(key(1), val(2));
            assertThatThrownBy(() -> t.insert(key(1), val(3)))
                    .extracting(e -> ((TxnException) e).sqlState()).isEqualTo("23505");
            t.commit();
        }
        assertThat(fx.readCommitted(1)).isEqualTo(2);
    }

    @Test
    void putWithRowLocksTheKeyWithoutReadingItAndNeedsItsRowWrittenFirst() throws IOException {
        try (Transaction a = fx.store.begin(Isolation.REPEATABLE_READ)) {
            assertThatThrownBy(() -> a.putWithRow(key(2), val(20), key(1)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(a.writeCount()).isZero();
            a.insert(key(1), val(10));
            a.putWithRow(key(2), val(20), key(1));
            a.putWithRow(key(2), val(21), key(1));   // already held: just restaged
            assertThat(num(a.get(key(2)))).isEqualTo(21);
            try (Transaction b = fx.store.begin(Isolation.READ_COMMITTED)) {
                b.setLockTimeoutMillis(100);
                assertThatThrownBy(() -> b.put(key(2), val(3)))
                        .extracting(e -> ((TxnException) e).reason())
                        .isEqualTo(TxnException.Reason.LOCK_TIMEOUT);
            }
            a.commit();
        }
        assertThat(fx.readCommitted(2)).isEqualTo(21);
    }

    @Test
    void savepointsUndoLaterWritesOnly() throws IOException {
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ)) {
            t.put(key(1), val(1));
            int sp = t.savepoint();
            t.put(key(1), val(2));
            t.put(key(2), val(2));
            t.rollbackToSavepoint(sp);
            assertThat(num(t.get(key(1)))).isEqualTo(1);
            assertThat(t.get(key(2))).isNull();
            t.put(key(3), val(3));
            t.releaseSavepoint();
            t.commit();
        }
        assertThat(fx.readCommitted(1)).isEqualTo(1);
        assertThat(fx.readCommitted(2)).isNull();
        assertThat(fx.readCommitted(3)).isEqualTo(3);
    }

    @Test
    void aTransactionPastItsWriteSetBoundIsRefusedAndNothingBreaks() throws IOException {
        // A commit larger than one log record is written in parts now (ADR 0029,
        // BigTransactionTest); what is refused is a write set past its memory bound.
        fx.close();
        fx = new TxnFixture(new RealFileSystem(), dir,
                NodeOptions.defaults().withSynchronousCommit(false),
                TxnOptions.defaults().withDeadlockCheckMillis(50).withWriteSetBytesMax(64L << 20));
        byte[] mebibyte = new byte[1 << 20];
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 80; i++) {
                    t.put(key(i), mebibyte);
                }
            }).isInstanceOf(TxnException.class)
                    .extracting(e -> ((TxnException) e).sqlState()).isEqualTo("54000");
            t.rollback();
        }
        fx.commitPut(1, 1);   // the store and its node keep working
        assertThat(fx.readCommitted(1)).isEqualTo(1);
        assertThatThrownBy(() -> fx.node.write(bigBatch()))
                .isInstanceOf(IllegalArgumentException.class);
        fx.commitPut(2, 2);
        assertThat(fx.readCommitted(2)).isEqualTo(2);
    }

    private static dev.cutaway.log.WriteBatch bigBatch() {
        var batch = new dev.cutaway.log.WriteBatch();
        for (int i = 0; i < 70; i++) {
            batch.put(key(i), new byte[1 << 20]);
        }
        return batch;
    }

    @Test
    void readOnlyTransactionsRefuseWrites() throws IOException {
        try (Transaction t = fx.store.begin(Isolation.SERIALIZABLE, true)) {
            assertThatThrownBy(() -> t.put(key(1), val(1)))
                    .extracting(e -> ((TxnException) e).sqlState()).isEqualTo("25006");
        }
    }

    @Test
    void commitsSurviveARestartAndTheClockNeverGoesBack() throws IOException {
        fx.commitPut(1, 10);
        Timestamp before;
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.put(key(1), val(11));
            before = t.commit();
        }
        fx.node.flush();
        fx.reopen();
        assertThat(fx.store.visibleTimestamp()).isEqualTo(before);
        assertThat(fx.readCommitted(1)).isEqualTo(11);
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.put(key(1), val(12));
            assertThat(t.commit()).isGreaterThan(before);
        }
    }

    @Test
    void garbageCollectionKeepsWhatAnOpenSnapshotReads() throws IOException {
        fx.commitPut(1, 10);
        Transaction old = fx.store.begin(Isolation.REPEATABLE_READ, true);
        for (int i = 1; i <= 5; i++) {
            fx.commitPut(1, 10 + i);
        }
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.delete(key(1));
            t.put(key(2), val(2));
            t.commit();
        }
        VersionGc.Progress p = fx.store.collectGarbage();
        assertThat(num(old.get(key(1)))).isEqualTo(10);
        assertThat(p.versionsRemoved()).isZero();
        old.commit();
        p = fx.store.collectGarbage();
        assertThat(p.versionsRemoved()).isEqualTo(7);   // six values and the tombstone of key 1
        assertThat(fx.readCommitted(1)).isNull();
        assertThat(fx.readCommitted(2)).isEqualTo(2);
        assertThat(fx.store.stats().gc().passes()).isEqualTo(2);
    }

    @Test
    void pruningVisitsOnlyTheKeysSmallCommitsWrote() throws IOException {
        for (int i = 0; i < 10; i++) {
            fx.commitPut(1, i);   // nine old versions of key 1
        }
        for (int round = 0; round < 2; round++) {   // one commit of 300 keys, then again
            try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                for (int k = 1000; k < 1300; k++) {
                    t.put(key(k), val(round));
                }
                t.commit();
            }
        }
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.versionsRemoved()).as("key 1 only: the big commits were not recorded")
                .isEqualTo(9);
        assertThat(p.keysPruned()).isEqualTo(1);
        assertThat(p.passes()).isZero();
        assertThat(fx.store.pruneGarbage().versionsRemoved()).as("nothing recorded since")
                .isEqualTo(9);
        p = fx.store.collectGarbage();
        assertThat(p.versionsRemoved()).as("the full pass finds the 300").isEqualTo(309);
        assertThat(fx.readCommitted(1)).isEqualTo(9);
        assertThat(fx.readCommitted(1299)).isEqualTo(1);
    }

    @Test
    void aPrunedKeyWaitsForTheHorizonAndTombstonesGoWhenNoSnapshotNeedsThem()
            throws IOException {
        fx.commitPut(5, 1);
        fx.commitPut(6, 1);
        Transaction old = fx.store.begin(Isolation.REPEATABLE_READ, true);
        fx.commitPut(5, 2);
        fx.commitPut(5, 3);
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.delete(key(6));
            t.commit();
        }
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.versionsRemoved()).as("the open snapshot reads 5=1 and 6=1").isZero();
        assertThat(p.keysRecorded()).as("both keys wait for the horizon").isEqualTo(2);
        assertThat(num(old.get(key(5)))).isEqualTo(1);
        assertThat(num(old.get(key(6)))).isEqualTo(1);
        assertThat(fx.store.pruneGarbage().versionsRemoved()).as("horizon unchanged").isZero();
        old.commit();
        p = fx.store.pruneGarbage();
        assertThat(p.versionsRemoved()).as("5=2, 5=1, 6's tombstone and 6=1").isEqualTo(4);
        assertThat(p.keysRecorded()).isZero();
        assertThat(fx.readCommitted(5)).isEqualTo(3);
        assertThat(fx.readCommitted(6)).isNull();
        assertThat(fx.store.collectGarbage().versionsRemoved()).as("nothing left").isEqualTo(4);
    }

    @Test
    void backgroundGarbageCollectionRunsOnTheInjectedExecutor() throws Exception {
        fx.close();
        var background = Executors.newSingleThreadScheduledExecutor();
        try (TxnFixture gcFx = new TxnFixture(new dev.cutaway.io.RealFileSystem(),
                dir.resolve("gc"), fx.nodeOptions,
                TxnOptions.defaults().withBackgroundGc(background, 20))) {
            for (int i = 0; i < 50; i++) {
                gcFx.commitPut(i % 5, i);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (gcFx.store.stats().gc().versionsRemoved() < 45
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            VersionGc.Progress p = gcFx.store.stats().gc();
            assertThat(p.versionsRemoved()).isEqualTo(45);
            assertThat(p.lastError()).isNull();
            assertThat(gcFx.readCommitted(4)).isEqualTo(49);
        } finally {
            background.shutdownNow();
            fx = new TxnFixture(dir.resolve("after"));
        }
    }

    @Test
    void mappedPrefixesLiveInTheirOwnSpaceAndCommitAtomicallyWithOthers() throws IOException {
        int lsm = fx.node.createSpace(dev.cutaway.kv.NodeOptions.EngineKind.LSM);
        byte[] prefix = {0x7F};
        fx.store.mapPrefix(prefix, lsm);
        byte[] tableKey = {0x7F, 1};
        try (Transaction t = fx.store.begin(Isolation.SERIALIZABLE)) {
            t.put(tableKey, val(1));
            t.put(key(1), val(2));
            t.commit();
        }
        assertThat(fx.node.engine(lsm).ceiling(null, null)).isNotNull();
        try (Transaction t = fx.store.begin(Isolation.REPEATABLE_READ)) {
            assertThat(num(t.get(tableKey))).isEqualTo(1);
            t.put(tableKey, val(3));
            try (KvCursor c = t.scan(prefix, dev.cutaway.kv.tuple.TupleEncoding.prefixEnd(prefix),
                    true)) {
                assertThat(c.next()).isTrue();
                assertThat(num(c.value())).isEqualTo(3);
                assertThat(c.next()).isFalse();
            }
            assertThatThrownBy(() -> t.scan(prefix, null, true))
                    .isInstanceOf(IllegalArgumentException.class);
            t.commit();
        }
        assertThat(fx.store.collectGarbage().versionsRemoved()).isEqualTo(1);
        assertThatThrownBy(() -> fx.store.mapPrefix(new byte[] {0x7F, 2}, lsm))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statsShowActiveTransactionsAndCounts() throws IOException {
        Transaction a = fx.store.begin(Isolation.SERIALIZABLE);
        TxnStats s = fx.store.stats();
        assertThat(s.active()).singleElement()
                .satisfies(t -> assertThat(t.isolation()).isEqualTo(Isolation.SERIALIZABLE));
        a.rollback();
        s = fx.store.stats();
        assertThat(s.active()).isEmpty();
        assertThat(s.begun()).isEqualTo(1);
        assertThat(s.rolledBack()).isEqualTo(1);
    }
}
