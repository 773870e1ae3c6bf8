package dev.cutaway.txn;

import static dev.cutaway.txn.TxnFixture.key;
import static dev.cutaway.txn.TxnFixture.num;
import static dev.cutaway.txn.TxnFixture.val;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.kv.KvCursor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The classic invariants: concurrent transfers between accounts keep the total under
 * repeatable read and serializable (and every snapshot sees the same total); write skew
 * commits under repeatable read and never under serializable.
 */
class BankTransferTest {
    private static final int ACCOUNTS = 8;
    private static final long OPENING_BALANCE = 100;
    private static final long SEED = Long.getLong("cutaway.seed", 4242L);

    @TempDir
    Path dir;
    TxnFixture fx;
    ExecutorService pool = Executors.newFixedThreadPool(5);

    @BeforeEach
    void open() throws IOException {
        fx = new TxnFixture(dir);
        try (Transaction t = fx.store.begin(Isolation.SERIALIZABLE)) {
            for (int a = 0; a < ACCOUNTS; a++) {
                t.put(key(a), val(OPENING_BALANCE));
            }
            t.commit();
        }
    }

    @AfterEach
    void close() throws IOException {
        pool.shutdownNow();
        fx.close();
    }

    @ParameterizedTest
    @EnumSource(value = Isolation.class, names = {"REPEATABLE_READ", "SERIALIZABLE"})
    void concurrentTransfersKeepTheTotal(Isolation level) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong committed = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        ConcurrentLinkedQueue<Long> auditedTotals = new ConcurrentLinkedQueue<>();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            SplittableRandom random = new SplittableRandom(SEED + w);
            workers.add(pool.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    while (!transfer(level, random)) {
                        retried.incrementAndGet();
                    }
                    committed.incrementAndGet();
                }
                return null;
            }));
        }
        Future<?> auditor = pool.submit(() -> {
            while (!stop.get()) {
                auditedTotals.add(total(level));
            }
            return null;
        });
        for (Future<?> f : workers) {
            f.get(60, TimeUnit.SECONDS);
        }
        stop.set(true);
        auditor.get(10, TimeUnit.SECONDS);
        assertThat(total(level)).isEqualTo(ACCOUNTS * OPENING_BALANCE);
        assertThat(auditedTotals).isNotEmpty().allMatch(t -> t == ACCOUNTS * OPENING_BALANCE);
        assertThat(committed.get()).isEqualTo(600);
        assertThat(retried.get()).as("contention must have caused some retries").isPositive();
        fx.store.checkInvariants();
    }

    /** One transfer; false if it failed with 40001/40P01 and must be retried. */
    private boolean transfer(Isolation level, SplittableRandom random) throws IOException {
        int from = random.nextInt(ACCOUNTS);
        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        long amount = 1 + random.nextInt(20);
        Transaction t = fx.store.begin(level);
        try {
            long fromBalance = num(t.get(key(from)));
            long toBalance = num(t.get(key(to)));
            if (fromBalance < amount) {
                t.commit();
                return true;
            }
            t.put(key(from), val(fromBalance - amount));
            t.put(key(to), val(toBalance + amount));
            t.commit();
            return true;
        } catch (TxnException e) {
            assertThat(e.sqlState()).isIn("40001", "40P01");
            t.rollback();
            return false;
        }
    }

    private long total(Isolation level) throws IOException {
        try (Transaction t = fx.store.begin(level, true)) {
            long sum = 0;
            try (KvCursor c = t.scan(null, null, true)) {
                while (c.next()) {
                    sum += num(c.value());
                }
            }
            t.commit();
            return sum;
        }
    }

    /**
     * Two doctors on call; each goes off call if the other is still on: the write-skew
     * interleaving (both read both, each writes its own row).
     */
    private void writeSkew(Isolation level) throws IOException {
        Transaction alice = fx.store.begin(level);
        Transaction bob = fx.store.begin(level);
        long aliceSees = num(alice.get(key(0))) + num(alice.get(key(1)));
        long bobSees = num(bob.get(key(0))) + num(bob.get(key(1)));
        assertThat(aliceSees).isEqualTo(2 * OPENING_BALANCE);
        assertThat(bobSees).isEqualTo(2 * OPENING_BALANCE);
        alice.put(key(0), val(0));
        bob.put(key(1), val(0));
        alice.commit();
        bob.commit();
    }

    @Test
    void writeSkewCommitsUnderRepeatableRead() throws IOException {
        writeSkew(Isolation.REPEATABLE_READ);
        assertThat(fx.readCommitted(0)).isZero();
        assertThat(fx.readCommitted(1)).isZero();   // nobody on call: the anomaly
    }

    @Test
    void writeSkewNeverCommitsUnderSerializable() throws IOException {
        assertThatThrownBy(() -> writeSkew(Isolation.SERIALIZABLE))
                .isInstanceOf(TxnException.class)
                .extracting(e -> ((TxnException) e).sqlState()).isEqualTo("40001");
        assertThat(fx.readCommitted(0) + fx.readCommitted(1)).isPositive();
        assertThat(fx.store.stats().abortsByReason().get("serialization_ssi")).isEqualTo(1L);
    }

    @Test
    void concurrentWriteSkewAttemptsNeverLeaveNobodyOnCall() throws Exception {
        for (int round = 0; round < 40; round++) {
            fx.commitPut(0, 1);
            fx.commitPut(1, 1);
            List<Future<Boolean>> doctors = new ArrayList<>();
            for (int d = 0; d < 2; d++) {
                int me = d;
                doctors.add(pool.submit(() -> goOffCall(me)));
            }
            for (Future<Boolean> f : doctors) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertThat(fx.readCommitted(0) + fx.readCommitted(1)).as("round " + round)
                    .isPositive();
        }
    }

    private boolean goOffCall(int me) throws IOException {
        Transaction t = fx.store.begin(Isolation.SERIALIZABLE);
        try {
            long onCall = num(t.get(key(0))) + num(t.get(key(1)));
            Thread.onSpinWait();
            if (onCall >= 2) {
                t.put(key(me), val(0));
            }
            t.commit();
            return true;
        } catch (TxnException e) {
            t.rollback();
            return false;
        }
    }
}
