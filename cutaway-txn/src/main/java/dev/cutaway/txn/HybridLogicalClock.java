package dev.cutaway.txn;

import dev.cutaway.check.Invariants;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A hybrid logical clock (Kulkarni, Demirbas et al., "Logical Physical Clocks and Consistent
 * Snapshots in Globally Distributed Databases", 2014): timestamps that stay close to wall-clock
 * time, yet are strictly increasing on one node and respect causality across nodes (a timestamp
 * issued after receiving another is greater than it). Commit timestamps of the MVCC layer come
 * from here.
 *
 * <p>The rules, with {@code pt} the wall clock reading and {@code last} the last timestamp:
 * <ul>
 *   <li>{@link #now()}: if {@code pt > last.physicalMillis} then {@code (pt, 0)}, else
 *       {@code last.next()} (same physical time, logical + 1).</li>
 *   <li>{@link #update(Timestamp) update(m)}: the same with {@code max(last, m)} in place of
 *       {@code last}; first, if {@code m} is more than {@code maxOffsetMillis} ahead of
 *       {@code pt}, it is rejected with {@link ClockOffsetException} and the clock is unchanged.
 *   </li>
 * </ul>
 * When the logical counter would overflow (2^31 events without the wall clock advancing past
 * {@code last}) the physical part is advanced by 1 ms ({@link Timestamp#next()}).
 *
 * <p>Wall time comes only from the injected {@link Clock}. The state is one immutable record
 * behind an {@link AtomicReference}, advanced by compare-and-set, so the clock is lock-free.
 *
 * <p>Invariants: (1) every timestamp this clock returns is strictly greater than every one it
 * returned before (across all threads); (2) {@code last.physicalMillis >= wallMillisMax}, the
 * highest wall-clock reading seen; (3) a received timestamp more than {@code maxOffsetMillis}
 * ahead of the wall clock never enters the state.
 */
public final class HybridLogicalClock {
    /** The state: the last timestamp issued and the highest wall-clock reading seen. */
    private record State(Timestamp last, long wallMillisMax) {}

    private final Clock clock;
    private final long maxOffsetMillis;
    private final AtomicReference<State> state =
            new AtomicReference<>(new State(Timestamp.ZERO, 0));

    /**
     * @param clock the wall clock (a fixed or manual clock in tests)
     * @param maxOffsetMillis how far a received timestamp may be ahead of the wall clock; must
     *     be positive (CockroachDB's default is 500 ms)
     */
    public HybridLogicalClock(Clock clock, long maxOffsetMillis) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxOffsetMillis <= 0) {
            throw new IllegalArgumentException("maxOffsetMillis must be > 0: " + maxOffsetMillis);
        }
        this.maxOffsetMillis = maxOffsetMillis;
    }

    /** A new timestamp, greater than every timestamp this clock issued before. */
    public Timestamp now() {
        long wallMillis = wallMillis();
        while (true) {
            State before = state.get();
            State after = advance(before, before.last(), wallMillis);
            if (state.compareAndSet(before, after)) {
                return after.last();
            }
        }
    }

    /**
     * Takes in a timestamp received from another node (or read from a record it wrote) and
     * returns a new local timestamp greater than both it and every timestamp issued before.
     *
     * @throws ClockOffsetException if {@code received} is more than {@code maxOffsetMillis}
     *     ahead of the wall clock; the clock is then unchanged
     */
    public Timestamp update(Timestamp received) {
        Objects.requireNonNull(received, "received");
        long wallMillis = wallMillis();
        if (received.physicalMillis() - wallMillis > maxOffsetMillis) {
            throw new ClockOffsetException(received, wallMillis, maxOffsetMillis);
        }
        while (true) {
            State before = state.get();
            Timestamp floor = before.last().compareTo(received) >= 0 ? before.last() : received;
            State after = advance(before, floor, wallMillis);
            if (state.compareAndSet(before, after)) {
                return after.last();
            }
        }
    }

    /**
     * Makes every later timestamp greater than {@code floor}, without the offset check of
     * {@link #update}: recovery passes the highest commit timestamp found on disk, which is this
     * node's own past even if the wall clock was since set back.
     */
    public void raiseFloor(Timestamp floor) {
        Objects.requireNonNull(floor, "floor");
        while (true) {
            State before = state.get();
            if (before.last().compareTo(floor) >= 0) {
                return;
            }
            if (state.compareAndSet(before, new State(floor, before.wallMillisMax()))) {
                return;
            }
        }
    }

    /** The last timestamp issued, without issuing a new one ({@link Timestamp#ZERO} at first). */
    public Timestamp last() {
        return state.get().last();
    }

    public long maxOffsetMillis() {
        return maxOffsetMillis;
    }

    /** Checks invariant (2) on the current state (the others hold by construction). */
    public void checkInvariants() {
        State s = state.get();
        Invariants.check(s.last().physicalMillis() >= s.wallMillisMax(),
                "HybridLogicalClock.2 last timestamp not behind the wall clock",
                s.last(), s.wallMillisMax());
    }

    private static State advance(State before, Timestamp floor, long wallMillis) {
        Timestamp next = wallMillis > floor.physicalMillis()
                ? new Timestamp(wallMillis, 0)
                : floor.next();
        Invariants.check(next.isAfter(before.last()), "HybridLogicalClock.1 strictly increasing",
                before.last(), next);
        return new State(next, Math.max(before.wallMillisMax(), wallMillis));
    }

    private long wallMillis() {
        long millis = clock.millis();
        if (millis < 0) {
            throw new IllegalStateException("wall clock reads before the epoch: " + millis);
        }
        return millis;
    }
}
