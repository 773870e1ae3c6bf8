package dev.cutaway.txn.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real threads recording at once: the recorder loses nothing, and the histories of a locked
 * serial store and of a snapshot-isolation store check as their levels promise.
 */
class ConcurrentRecordingTest {
    private static final long SEED = Long.getLong("cutaway.seed", 4242L);
    private static final int THREADS = 4;
    private static final int TXNS_PER_THREAD = 250;
    private static final int KEYS = 8;

    @Test
    void wholeTransactionsUnderOneLockCheckClean() throws Exception {
        HistoryRecorder recorder = new HistoryRecorder();
        TreeMap<Long, Long> state = new TreeMap<>();
        runThreads(thread -> {
            SplittableRandom random = new SplittableRandom(SEED + thread);
            for (int i = 0; i < TXNS_PER_THREAD; i++) {
                synchronized (state) {
                    long txn = recorder.begin();
                    Map<Long, Long> pending = new HashMap<>();
                    for (int s = 0; s < 4; s++) {
                        long key = random.nextInt(KEYS);
                        if (random.nextBoolean()) {
                            long value = recorder.freshValue();
                            pending.put(key, value);
                            recorder.write(txn, key, value);
                        } else {
                            recorder.read(txn, key, pending.getOrDefault(key, state.get(key)));
                        }
                    }
                    state.putAll(pending);
                    recorder.commit(txn);
                }
            }
        });
        History history = recorder.history();
        assertThat(history.size()).isEqualTo(THREADS * TXNS_PER_THREAD);
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.isClean()).as("seed " + SEED + "\n" + result.describe()).isTrue();
    }

    @Test
    void threadsInterleavingOnASnapshotStoreNeverViolateRepeatableRead() throws Exception {
        ToyStore store = new ToyStore(ToyStore.Mode.SNAPSHOT);
        runThreads(thread -> {
            SplittableRandom random = new SplittableRandom(SEED + thread);
            for (int i = 0; i < TXNS_PER_THREAD; i++) {
                long txn = store.begin();
                for (int s = 0; s < 4; s++) {
                    long key = random.nextInt(KEYS);
                    if (random.nextInt(3) == 0) {
                        store.write(txn, key);
                    } else {
                        store.read(txn, key);
                    }
                    Thread.onSpinWait();
                }
                store.commit(txn);
            }
        });
        History history = store.history();
        assertThat(history.size()).isEqualTo(THREADS * TXNS_PER_THREAD);
        CheckResult result = HistoryChecker.check(history);
        assertThat(result.violationsOf(IsolationLevel.REPEATABLE_READ))
                .as("seed " + SEED + "\n" + result.describe()).isEmpty();
    }

    private interface Body {
        void run(int thread) throws Exception;
    }

    private static void runThreads(Body body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    body.run(thread);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
