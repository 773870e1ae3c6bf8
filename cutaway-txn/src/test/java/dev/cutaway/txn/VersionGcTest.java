package dev.cutaway.txn;

import static dev.cutaway.txn.TxnFixture.key;
import static dev.cutaway.txn.TxnFixture.num;
import static dev.cutaway.txn.TxnFixture.val;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.kv.KvCursor;
import dev.cutaway.kv.KvEngine;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.kv.tuple.TupleEncoding;
import dev.cutaway.log.LogReader;
import dev.cutaway.log.LogRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which keys a commit records for pruning (ADR 0034: not those it found without any version
 * and leaves holding a value) and what a prune costs. Every test starts after a full pass, so
 * a full pass is due only if a commit made it so.
 */
class VersionGcTest {
    @TempDir
    Path dir;
    TxnFixture fx;

    @BeforeEach
    void open() throws IOException {
        fx = new TxnFixture(dir);
        fx.store.collectGarbage();   // the pass due at open
        assertThat(counter("gc.full_pass_due")).isZero();
    }

    @AfterEach
    void close() throws IOException {
        fx.store.checkInvariants();
        fx.close();
    }

    @Test
    void insertsOfNewKeysAreNotRecorded() throws IOException {
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            for (int k = 1; k <= 3; k++) {
                t.insert(key(k), val(k));
            }
            t.commit();
        }
        assertThat(counter("gc.keys_skipped")).isEqualTo(3);
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.prunes()).as("nothing to visit").isZero();
        assertThat(p.keysPruned()).isZero();
        assertThat(counter("gc.full_pass_due")).isZero();
        for (int k = 1; k <= 3; k++) {
            assertThat(versionsOf(k)).isEqualTo(1);
            assertThat(fx.readCommitted(k)).isEqualTo(k);
        }
    }

    @Test
    void aTpcbLikeCommitRecordsItsUpdatesButNotItsInsert() throws IOException {
        fx.commitPut(1, 0);
        fx.commitPut(2, 0);
        fx.store.pruneGarbage();
        long skippedBefore = counter("gc.keys_skipped");
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.put(key(1), val(1));
            t.insert(key(100), val(100));   // a new key after the updated ones
            t.put(key(2), val(2));
            t.insert(key(0), val(0));       // and one before them
            t.commit();
        }
        assertThat(counter("gc.keys_skipped") - skippedBefore).isEqualTo(2);
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.keysPruned()).as("keys 1 and 2 only").isEqualTo(2);
        assertThat(p.versionsRemoved()).isEqualTo(2);
        assertThat(versionsOf(1)).isEqualTo(1);
        assertThat(versionsOf(2)).isEqualTo(1);
        assertThat(versionsOf(0)).isEqualTo(1);
        assertThat(versionsOf(100)).isEqualTo(1);
    }

    @Test
    void updatesDeletesAndInsertsOverTombstonesOfInsertedKeysArePruned() throws IOException {
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.insert(key(1), val(1));
            t.insert(key(2), val(2));
            t.insert(key(3), val(3));
            t.commit();
        }
        fx.commitPut(1, 11);   // key 1: an update
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.delete(key(2));   // key 2: a delete
            t.delete(key(3));
            t.commit();
        }
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.insert(key(3), val(33));   // key 3: an insert that finds the tombstone
            t.commit();
        }
        assertThat(versionsOf(3)).isEqualTo(3);
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.keysPruned()).isEqualTo(3);
        assertThat(p.versionsRemoved()).as("1=1; 2's tombstone and 2=2; 3's tombstone and 3=3")
                .isEqualTo(5);
        assertThat(versionsOf(1)).isEqualTo(1);
        assertThat(versionsOf(2)).isZero();
        assertThat(versionsOf(3)).isEqualTo(1);
        assertThat(fx.readCommitted(1)).isEqualTo(11);
        assertThat(fx.readCommitted(2)).isNull();
        assertThat(fx.readCommitted(3)).isEqualTo(33);
        assertThat(fx.store.collectGarbage().versionsRemoved()).as("nothing was left")
                .isEqualTo(5);
    }

    @Test
    void aLoneTombstoneOfANewKeyIsRecorded() throws IOException {
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.delete(key(1));                 // a key that never existed
            t.insert(key(2), val(2));
            t.delete(key(2));                 // inserted and deleted here
            t.insert(key(3), val(3));
            t.delete(key(3));
            t.insert(key(3), val(33));        // inserted, deleted, inserted: one value
            t.commit();
        }
        assertThat(versionsOf(1)).isEqualTo(1);
        assertThat(versionsOf(2)).isEqualTo(1);
        assertThat(counter("gc.keys_skipped")).as("key 3").isEqualTo(1);
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.keysPruned()).isEqualTo(2);
        assertThat(p.versionsRemoved()).as("the two tombstones").isEqualTo(2);
        assertThat(versionsOf(1)).isZero();
        assertThat(versionsOf(2)).isZero();
        assertThat(versionsOf(3)).isEqualTo(1);
        assertThat(fx.readCommitted(3)).isEqualTo(33);
    }

    @Test
    void savepointRollbacksForgetTheNewKeysTheyUndo() throws IOException {
        fx.commitPut(9, 0);
        fx.store.pruneGarbage();
        long skippedBefore = counter("gc.keys_skipped");   // key 9's first put
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.put(key(9), val(1));
            int s1 = t.savepoint();
            t.insert(key(1), val(1));
            t.savepoint();
            t.insert(key(2), val(2));
            t.releaseSavepoint();
            t.rollbackToSavepoint(s1);        // undoes both inserts
            t.releaseSavepoint();
            int s2 = t.savepoint();
            t.insert(key(3), val(3));
            t.rollbackToSavepoint(s2);
            t.insert(key(3), val(33));        // read again: still no version, still new
            t.releaseSavepoint();
            t.insert(key(4), val(4));
            int s3 = t.savepoint();
            t.delete(key(4));
            t.rollbackToSavepoint(s3);        // back to 4's inserted value, still new
            t.releaseSavepoint();
            t.commit();   // the invariant check in record: new keys are write-set keys
        }
        assertThat(counter("gc.keys_skipped") - skippedBefore).as("keys 3 and 4").isEqualTo(2);
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.keysPruned()).as("key 9").isEqualTo(1);
        assertThat(p.versionsRemoved()).isEqualTo(1);
        assertThat(fx.readCommitted(1)).isNull();
        assertThat(fx.readCommitted(2)).isNull();
        assertThat(fx.readCommitted(3)).isEqualTo(33);
        assertThat(fx.readCommitted(4)).isEqualTo(4);
        assertThat(versionsOf(1)).isZero();
        assertThat(versionsOf(3)).isEqualTo(1);
        assertThat(versionsOf(4)).isEqualTo(1);
    }

    @Test
    void aSavepointRollbackOfADeleteOfANewKeyStillRecordsNothingForIt() throws IOException {
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            int s = t.savepoint();
            t.insert(key(1), val(1));
            t.savepoint();
            t.delete(key(1));
            t.rollbackToSavepoint(s + 1);     // the delete's undo restores the insert
            t.commit();
        }
        assertThat(counter("gc.keys_skipped")).isEqualTo(1);
        assertThat(fx.store.pruneGarbage().keysPruned()).isZero();
        assertThat(versionsOf(1)).isEqualTo(1);
    }

    @Test
    void aBulkInsertDoesNotMakeAFullPassDueButAMassUpdateDoes() throws IOException {
        int rows = 3 * VersionGc.RECORD_KEYS_PER_COMMIT_MAX;
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            for (int k = 0; k < rows; k++) {
                t.insert(key(k), val(k));
            }
            t.commit();
        }
        assertThat(counter("gc.full_pass_due")).as("a load of new rows").isZero();
        assertThat(counter("gc.keys_skipped")).isEqualTo(rows);
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            for (int k = rows; k < 2 * rows; k++) {
                t.insert(key(k), val(k));
            }
            t.put(key(0), val(-1));   // and one update among them
            t.delete(key(1));
            t.commit();
        }
        assertThat(counter("gc.full_pass_due")).isZero();
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.keysPruned()).as("the update and the delete").isEqualTo(2);
        assertThat(p.versionsRemoved()).isEqualTo(3);
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            for (int k = 2; k < 2 + VersionGc.RECORD_KEYS_PER_COMMIT_MAX + 1; k++) {
                t.put(key(k), val(-k));
            }
            t.commit();
        }
        assertThat(counter("gc.full_pass_due")).as("too many old keys to record").isOne();
        assertThat(fx.store.collectGarbage().versionsRemoved())
                .isEqualTo(3 + VersionGc.RECORD_KEYS_PER_COMMIT_MAX + 1);
        assertThat(counter("gc.full_pass_due")).isZero();
    }

    @Test
    void aPruneReadsEachKeyWithOneDescent() throws IOException {
        int keys = 20;
        Transaction old = null;
        for (int round = 0; round < 3; round++) {
            try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                for (int k = 0; k < keys; k++) {
                    t.put(key(k), val(round));
                }
                t.commit();
            }
            if (round == 0) {   // reads the first versions: the prune removes nothing
                old = fx.store.begin(Isolation.REPEATABLE_READ, true);
            }
        }
        assertThat(engineStat("tree_height")).as("one leaf: a descent pins one page")
                .isEqualTo(1);
        try {
            long pins = pagesPinnedBy(() -> fx.store.pruneGarbage());
            VersionGc.Progress p = fx.store.stats().gc();
            assertThat(p.versionsRemoved()).isZero();
            assertThat(p.keysPruned()).as("the first round's keys were new").isEqualTo(keys);
            assertThat(p.versionsScanned()).isEqualTo(3 * keys);
            // Point lookups pinned four pages per key of three versions (one each, one more
            // to find there is none); a cursor pins one.
            assertThat(pins).isEqualTo(keys);
        } finally {
            old.commit();
        }
        assertThat(fx.store.pruneGarbage().versionsRemoved()).isEqualTo(2 * keys);
    }

    @Test
    void aPruneOfATallerTreeCostsAboutOneDescentPerKey() throws IOException {
        int keys = 1000;
        for (int from = 0; from < keys; from += 200) {
            try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                for (int k = from; k < from + 200; k++) {
                    t.insert(key(k), val(k));
                }
                t.commit();
            }
        }
        Transaction old = fx.store.begin(Isolation.REPEATABLE_READ, true);
        try {
            for (int from = 0; from < keys; from += 200) {   // second versions, recorded
                try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                    for (int k = from; k < from + 200; k++) {
                        t.put(key(k), val(-k));
                    }
                    t.commit();
                }
            }
            long height = engineStat("tree_height");
            long pages = engineStat("page_count");
            assertThat(height).as("a tree with internal pages").isGreaterThan(1);
            long pins = pagesPinnedBy(() -> fx.store.pruneGarbage());
            assertThat(fx.store.stats().gc().versionsRemoved()).isZero();
            // Each key one descent; a key whose versions run on into the next leaf one more
            // (at most one per leaf). Point lookups cost three descents per key.
            assertThat(pins).isLessThanOrEqualTo((keys + pages) * height)
                    .isLessThan(3L * keys * height);
        } finally {
            old.commit();
        }
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.versionsRemoved()).as("the keys waited; the horizon moved").isEqualTo(keys);
    }

    @Test
    void keysOfAnLsmSpaceArePrunedToo() throws IOException {
        int lsm = fx.node.createSpace(NodeOptions.EngineKind.LSM);
        fx.store.mapPrefix(new byte[] {0x7F}, lsm);
        byte[] k = {0x7F, 1};
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            t.insert(k, val(1));
            t.commit();
        }
        assertThat(fx.store.pruneGarbage().keysPruned()).isZero();
        for (int v = 2; v <= 3; v++) {
            try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                t.put(k, val(v));
                t.commit();
            }
        }
        assertThat(versionsOf(fx.node.engine(lsm), k)).isEqualTo(3);
        VersionGc.Progress p = fx.store.pruneGarbage();
        assertThat(p.versionsRemoved()).isEqualTo(2);
        assertThat(versionsOf(fx.node.engine(lsm), k)).isEqualTo(1);
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED, true)) {
            assertThat(num(t.get(k))).isEqualTo(3);
        }
    }

    @Test
    void aBaseTombstoneIsDeletedAfterTheVersionsBelowIt() throws IOException {
        for (long k = 1; k <= 2; k++) {
            fx.commitPut(k, 1);
            fx.commitPut(k, 2);
            try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                t.delete(key(k));
                t.commit();
            }
        }
        long from = fx.node.log().lastLsn() + 1;
        fx.store.pruneGarbage();
        assertDeletesEndWithTheTombstone(from, 6);
        for (long k = 3; k <= 4; k++) {   // too many keys to record: the full pass
            try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                t.put(key(k), val(1));
                t.commit();
            }
            try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
                for (int i = 0; i <= VersionGc.RECORD_KEYS_PER_COMMIT_MAX; i++) {
                    t.put(key(1000 + i), val(i));
                }
                t.delete(key(k));
                t.commit();
            }
        }
        from = fx.node.log().lastLsn() + 1;
        fx.store.collectGarbage();
        // Keys 3 and 4: a value and a tombstone each; and the first versions of keys 1000...
        assertDeletesEndWithTheTombstone(from, 4 + VersionGc.RECORD_KEYS_PER_COMMIT_MAX + 1);
    }

    /**
     * Reads the GC's log records from {@code fromLsn}: {@code deletes} deletes, and each user
     * key's deletes end with its newest version, the tombstone (a reader must find it until
     * the older versions are gone).
     */
    private void assertDeletesEndWithTheTombstone(long fromLsn, int deletes) throws IOException {
        fx.node.flush();
        List<byte[]> keys = new ArrayList<>();
        try (LogReader r = fx.node.log().read(fromLsn)) {
            for (LogRecord rec = r.next(); rec != null; rec = r.next()) {
                if (rec instanceof LogRecord.Batch b) {
                    for (var m : b.batch().mutations()) {
                        assertThat(m.isDelete()).isTrue();
                        keys.add(m.key());
                    }
                }
            }
        }
        assertThat(keys).hasSize(deletes);
        int start = 0;   // of the run of deletes of one user key
        for (int i = 1; i <= keys.size(); i++) {
            if (i < keys.size() && VersionKeys.sameUserKey(keys.get(start), keys.get(i))) {
                continue;
            }
            Timestamp last = VersionKeys.timestampOf(keys.get(i - 1));
            for (int j = start; j < i - 1; j++) {
                assertThat(VersionKeys.timestampOf(keys.get(j)).isBefore(last))
                        .as("the newest version of a key is deleted last").isTrue();
            }
            start = i;
        }
        assertThat(start).isEqualTo(keys.size());
    }

    @Test
    void aFailedPruneLeavesAFullPassDue() throws IOException {
        fx.commitPut(1, 1);
        fx.commitPut(1, 2);
        fx.node.close();
        assertThatThrownBy(() -> fx.store.pruneGarbage()).isInstanceOf(RuntimeException.class);
        assertThat(counter("gc.full_pass_due")).as("the records it took are gone").isOne();
        fx.reopen();
        assertThat(fx.store.collectGarbage().versionsRemoved()).isEqualTo(1);
    }

    /**
     * Random small transactions (inserts, puts, deletes, savepoints, rollbacks) against a map;
     * after every commit a prune with no snapshot open must leave each key its one live
     * version or none: what a commit did not record held no garbage (invariant 1).
     */
    @Test
    void pruningAfterRandomTransactionsLeavesOnlyLiveVersions() throws IOException {
        long seed = Long.getLong("cutaway.seed", new SplittableRandom().nextLong(1L << 40));
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, Long> committed = new HashMap<>();
        int keys = 8;
        try {
            for (int round = 0; round < 150; round++) {
                Map<Long, Long> staged = randomTransaction(random, keys, committed);
                if (staged != null) {
                    committed = staged;
                }
                fx.store.pruneGarbage();
                for (long k = 0; k < keys; k++) {
                    Long expected = committed.get(k);
                    assertThat(versionsOf(k)).as("key %d after round %d", k, round)
                            .isEqualTo(expected == null ? 0 : 1);
                    assertThat(fx.readCommitted(k)).isEqualTo(expected);
                }
            }
            assertThat(counter("gc.full_pass_due")).isZero();
            assertThat(counter("gc.keys_skipped")).isPositive();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("failed with -Dcutaway.seed=" + seed, e);
        }
    }

    /** Runs one random transaction. @return the committed state after it, or null (rolled back) */
    private Map<Long, Long> randomTransaction(SplittableRandom random, int keys,
            Map<Long, Long> committed) throws IOException {
        Map<Long, Long> staged = new HashMap<>(committed);
        Deque<Map<Long, Long>> savepoints = new ArrayDeque<>();
        Deque<Integer> handles = new ArrayDeque<>();
        try (Transaction t = fx.store.begin(Isolation.READ_COMMITTED)) {
            int ops = 1 + random.nextInt(6);
            for (int i = 0; i < ops; i++) {
                long k = random.nextInt(keys);
                long v = random.nextLong(1000);
                switch (random.nextInt(7)) {
                    case 0, 1 -> {
                        if (staged.containsKey(k)) {
                            assertThatThrownBy(() -> t.insert(key(k), val(v)))
                                    .isInstanceOf(TxnException.class);
                        } else {
                            t.insert(key(k), val(v));
                            staged.put(k, v);
                        }
                    }
                    case 2 -> {
                        t.put(key(k), val(v));
                        staged.put(k, v);
                    }
                    case 3 -> {
                        t.delete(key(k));
                        staged.remove(k);
                    }
                    case 4 -> {
                        handles.push(t.savepoint());
                        savepoints.push(new HashMap<>(staged));
                    }
                    case 5 -> {
                        if (!handles.isEmpty()) {
                            t.rollbackToSavepoint(handles.peek());
                            staged = new HashMap<>(savepoints.peek());
                        }
                    }
                    default -> {
                        if (!handles.isEmpty()) {
                            t.releaseSavepoint();
                            handles.pop();
                            savepoints.pop();
                        }
                    }
                }
            }
            if (random.nextInt(10) == 0) {
                t.rollback();
                return null;
            }
            t.commit();
            return staged;
        }
    }

    private interface Action {
        void run() throws IOException;
    }

    /** Pages the calling thread pinned (buffer hits and misses) while {@code action} ran. */
    private static long pagesPinnedBy(Action action) throws IOException {
        boolean started = ReadEvidence.start();
        assertThat(started).isTrue();
        try {
            action.run();
            long[] counts = ReadEvidence.snapshot();
            return counts[ReadEvidence.Counter.BUFFER_HITS.ordinal()]
                    + counts[ReadEvidence.Counter.BUFFER_MISSES.ordinal()];
        } finally {
            ReadEvidence.stop();
        }
    }

    private long counter(String name) {
        return fx.store.stats().counters().get(name);
    }

    private long engineStat(String name) {
        return fx.node.engine().stats().get(name);
    }

    private int versionsOf(long k) throws IOException {
        return versionsOf(fx.node.engine(), key(k));
    }

    /** Versions of {@code userKey} stored in {@code engine}, of any kind. */
    private static int versionsOf(KvEngine engine, byte[] userKey) throws IOException {
        byte[] low = VersionKeys.versionsLow(userKey);
        int n = 0;
        try (KvCursor c = engine.cursor(low, TupleEncoding.prefixEnd(low), true)) {
            while (c.next()) {
                n++;
            }
        }
        return n;
    }
}
