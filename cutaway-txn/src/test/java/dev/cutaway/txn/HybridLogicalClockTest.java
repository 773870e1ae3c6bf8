package dev.cutaway.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link HybridLogicalClock} and {@link Timestamp} driven by a {@link ManualClock}. */
class HybridLogicalClockTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long MAX_OFFSET_MILLIS = 500;

    private final ManualClock wall = new ManualClock(T0);
    private final HybridLogicalClock hlc = new HybridLogicalClock(wall, MAX_OFFSET_MILLIS);

    private static Timestamp ts(long physicalMillis, int logical) {
        return new Timestamp(physicalMillis, logical);
    }

    @Test
    void nowFollowsTheWallClockWhileItAdvances() {
        assertThat(hlc.now()).isEqualTo(ts(T0, 0));
        wall.advance(5);
        assertThat(hlc.now()).isEqualTo(ts(T0 + 5, 0));
        hlc.checkInvariants();
    }

    @Test
    void nowCountsLogicallyWhileTheWallClockStalls() {
        assertThat(hlc.now()).isEqualTo(ts(T0, 0));
        assertThat(hlc.now()).isEqualTo(ts(T0, 1));
        assertThat(hlc.now()).isEqualTo(ts(T0, 2));
    }

    @Test
    void nowStaysMonotonicWhenTheWallClockGoesBackwards() {
        wall.set(T0 + 100);
        Timestamp high = hlc.now();
        wall.set(T0);
        assertThat(hlc.now()).isEqualTo(ts(T0 + 100, 1));
        assertThat(hlc.now()).isEqualTo(ts(T0 + 100, 2)).isGreaterThan(high);
        hlc.checkInvariants();
    }

    @Test
    void logicalCounterResetsWhenPhysicalTimeMovesPast() {
        hlc.now();
        hlc.now();
        assertThat(hlc.now().logical()).isEqualTo(2);
        wall.advance(1);
        assertThat(hlc.now()).isEqualTo(ts(T0 + 1, 0));
    }

    @Test
    void updateMovesPastAReceivedTimestampAhead() {
        hlc.now();
        Timestamp received = ts(T0 + 200, 7);
        assertThat(hlc.update(received)).isEqualTo(ts(T0 + 200, 8));
        assertThat(hlc.now()).isEqualTo(ts(T0 + 200, 9));
        wall.advance(201);
        assertThat(hlc.now()).isEqualTo(ts(T0 + 201, 0));
    }

    @Test
    void updateWithAnOlderTimestampJustTicks() {
        wall.advance(10);
        assertThat(hlc.update(ts(T0, 99))).isEqualTo(ts(T0 + 10, 0));
        assertThat(hlc.update(ts(T0 + 5, 0))).isEqualTo(ts(T0 + 10, 1));
    }

    @Test
    void updateWithTheSamePhysicalTimeTakesTheLargerLogicalPlusOne() {
        hlc.update(ts(T0 + 50, 3));
        assertThat(hlc.update(ts(T0 + 50, 10))).isEqualTo(ts(T0 + 50, 11));
        assertThat(hlc.update(ts(T0 + 50, 2))).isEqualTo(ts(T0 + 50, 12));
    }

    @Test
    void updateRejectsTimestampsBeyondTheMaxOffsetAndLeavesTheClockAlone() {
        Timestamp before = hlc.now();
        Timestamp atBound = ts(T0 + MAX_OFFSET_MILLIS, 0);
        Timestamp beyond = ts(T0 + MAX_OFFSET_MILLIS + 1, 0);
        assertThatThrownBy(() -> hlc.update(beyond))
                .isInstanceOf(ClockOffsetException.class)
                .hasMessageContaining("501 ms ahead")
                .hasMessageContaining("maximum offset of 500 ms")
                .satisfies(e -> assertThat(((ClockOffsetException) e).received())
                        .isEqualTo(beyond));
        assertThat(hlc.last()).isEqualTo(before);
        assertThat(hlc.update(atBound)).isEqualTo(ts(T0 + MAX_OFFSET_MILLIS, 1));
    }

    @Test
    void logicalOverflowAdvancesThePhysicalPart() {
        assertThat(hlc.update(ts(T0, Integer.MAX_VALUE))).isEqualTo(ts(T0 + 1, 0));
        assertThat(hlc.now()).isEqualTo(ts(T0 + 1, 1));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new HybridLogicalClock(wall, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ts(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Timestamp.1");
        assertThatThrownBy(() -> ts(0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Timestamp.2");
        wall.set(-5);
        assertThatThrownBy(hlc::now).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void timestampsOrderByPhysicalThenLogical() {
        assertThat(ts(5, 9)).isLessThan(ts(6, 0));
        assertThat(ts(6, 0)).isLessThan(ts(6, 1));
        assertThat(ts(6, 1).isAfter(ts(6, 0))).isTrue();
        assertThat(ts(6, 0).isBefore(ts(6, 1))).isTrue();
        assertThat(ts(6, 1).next()).isEqualTo(ts(6, 2));
        assertThat(Timestamp.ZERO).isLessThan(ts(0, 1));
        assertThat(ts(6, 1)).hasToString("6.1");
        assertThatThrownBy(Timestamp.MAX::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentCallersGetDistinctIncreasingTimestamps() throws Exception {
        int threads = 4;
        int callsPerThread = 20_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Timestamp>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean updater = t % 2 == 1;
                results.add(pool.submit(() -> {
                    start.await();
                    List<Timestamp> seen = new ArrayList<>(callsPerThread);
                    for (int i = 0; i < callsPerThread; i++) {
                        boolean update = updater && i % 3 == 0;
                        seen.add(update ? hlc.update(ts(T0 + i % 50, i)) : hlc.now());
                    }
                    return seen;
                }));
            }
            Future<?> ticker = pool.submit(() -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    wall.advance(i % 7 == 0 ? -3 : 1);   // mostly forward, sometimes back
                }
                return null;
            });
            start.countDown();
            ticker.get(60, TimeUnit.SECONDS);
            Set<Timestamp> all = new HashSet<>();
            for (Future<List<Timestamp>> f : results) {
                List<Timestamp> seen = f.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < seen.size(); i++) {
                    assertThat(seen.get(i)).isGreaterThan(seen.get(i - 1));
                }
                all.addAll(seen);
            }
            assertThat(all).hasSize(threads * callsPerThread);
            hlc.checkInvariants();
        } finally {
            pool.shutdownNow();
        }
    }
}
