package dev.cutaway.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random schedules of wall-clock moves (forward, backward, none), {@code now()} and
 * {@code update()} calls: every timestamp issued is greater than all before it and than what
 * was received, never behind the wall clock, and never ahead of the highest wall reading or
 * accepted remote timestamp (no overflow is reachable here). jqwik prints a failing seed.
 */
class HybridLogicalClockPropertiesTest {
    private static final long T0 = 1_000_000L;
    private static final long MAX_OFFSET_MILLIS = 20;

    /** One step: move the wall clock by {@code wallDeltaMillis}, then call now() or update(). */
    record Step(int wallDeltaMillis, boolean update, int receivedAheadMillis, int logical) {}

    @Property(tries = 500)
    void timestampsAreMonotonicCausalAndNearTheWallClock(@ForAll("schedules") List<Step> steps) {
        ManualClock wall = new ManualClock(T0);
        HybridLogicalClock hlc = new HybridLogicalClock(wall, MAX_OFFSET_MILLIS);
        Timestamp previous = Timestamp.ZERO;
        long highestSeenMillis = 0;
        for (Step step : steps) {
            wall.set(Math.max(0, wall.millis() + step.wallDeltaMillis()));
            long wallMillis = wall.millis();
            Timestamp issued;
            if (step.update()) {
                Timestamp received = new Timestamp(
                        Math.max(0, wallMillis + step.receivedAheadMillis()), step.logical());
                if (step.receivedAheadMillis() > MAX_OFFSET_MILLIS) {
                    try {
                        hlc.update(received);
                        throw new AssertionError("accepted " + received + " at " + wallMillis);
                    } catch (ClockOffsetException expected) {
                        assertThat(hlc.last()).isEqualTo(previous);
                        continue;
                    }
                }
                issued = hlc.update(received);
                assertThat(issued).isGreaterThan(received);
                highestSeenMillis = Math.max(highestSeenMillis, received.physicalMillis());
            } else {
                issued = hlc.now();
            }
            highestSeenMillis = Math.max(highestSeenMillis, wallMillis);
            assertThat(issued).isGreaterThan(previous);
            assertThat(issued.physicalMillis()).isGreaterThanOrEqualTo(wallMillis)
                    .isLessThanOrEqualTo(highestSeenMillis);
            hlc.checkInvariants();
            previous = issued;
        }
    }

    @Provide
    Arbitrary<List<Step>> schedules() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(-5, 5),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(-30, (int) MAX_OFFSET_MILLIS + 3),
                Arbitraries.integers().between(0, 5)).as(Step::new);
        return step.list().ofMaxSize(60);
    }
}
