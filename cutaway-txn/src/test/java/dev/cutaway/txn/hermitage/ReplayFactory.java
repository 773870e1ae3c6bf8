package dev.cutaway.txn.hermitage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Sessions that replay what the spec says PostgreSQL does at one level: each statement answers
 * with its step's expectation; a statement expected to block waits until another session ends
 * a transaction, then answers with its resume step's expectation. It checks that the runner
 * sends the script's statements in order. Used to test the runner and the spec's
 * {@code anomaly_when} conditions without a database: replaying PostgreSQL must classify as
 * PostgreSQL and agree on every step. {@link #twist} makes a step behave differently, to see
 * how the runner judges an engine that does.
 */
final class ReplayFactory implements SessionFactory {
    private static final long RELEASE_WAIT_MILLIS_MAX = 10_000;

    /** How a step departs from PostgreSQL. */
    sealed interface Twist {
        /** Answers at once with {@code outcome}. */
        record Answer(Outcome outcome) implements Twist {}

        /** Never answers (until the thread is interrupted). */
        record Hang() implements Twist {}

        /** Answers as PostgreSQL, but only after {@code millis}. */
        record Slow(long millis) implements Twist {}

        /** Waits until another session ends a transaction, then answers {@code outcome}. */
        record BlockThen(Outcome outcome) implements Twist {}
    }

    private final Map<Integer, Twist> twists = new HashMap<>();
    private boolean setupFails;

    private final String level;
    private final Map<String, Deque<Step>> scripts = new HashMap<>();
    private final Map<Integer, Step> resumeOf = new HashMap<>();
    private long transactionsEnded;   // guarded by this

    ReplayFactory(HermitageCase c, String level) {
        this.level = level;
        Map<String, Integer> lastOf = new HashMap<>();
        for (Step s : c.steps()) {
            if (!s.appliesAt(level)) {
                continue;
            }
            if (s.resume()) {
                resumeOf.put(lastOf.get(s.session()), s);
            } else {
                scripts.computeIfAbsent(s.session(), k -> new ArrayDeque<>()).add(s);
                lastOf.put(s.session(), s.n());
            }
        }
    }

    /** Step {@code n} behaves as {@code twist} says. @return this */
    ReplayFactory twist(int n, Twist twist) {
        twists.put(n, twist);
        return this;
    }

    /** Setup fails. @return this */
    ReplayFactory failingSetup() {
        setupFails = true;
        return this;
    }

    @Override
    public void setup(List<String> setupSql) {
        if (setupFails) {
            throw new IllegalStateException("setup refused");
        }
        if (setupSql.isEmpty()) {
            throw new IllegalStateException("no setup statements");
        }
    }

    @Override
    public Session open(String name) {
        Deque<Step> script = scripts.getOrDefault(name, new ArrayDeque<>());
        long[] endsSeen = {endsSoFar()};
        return new Session() {
            @Override
            public Outcome execute(String sql) throws InterruptedException {
                Step step = script.pollFirst();
                if (step == null || !step.sqlAt(level).equals(sql)) {
                    throw new IllegalStateException(name + " got \"" + sql + "\", expected "
                            + (step == null ? "nothing" : step.sqlAt(level)));
                }
                Outcome out = answer(step, sql, endsSeen[0]);
                endsSeen[0] = endsSoFar();
                return out;
            }

            @Override
            public void close() {}
        };
    }

    private Outcome answer(Step step, String sql, long endsSeen) throws InterruptedException {
        Outcome out = switch (twists.get(step.n())) {
            case null -> expected(step, sql, endsSeen);
            case Twist.Answer a -> a.outcome();
            case Twist.Hang h -> {
                new CountDownLatch(1).await();
                throw new IllegalStateException("unreachable");
            }
            case Twist.Slow slow -> {
                Thread.sleep(slow.millis());
                yield expected(step, sql, endsSeen);
            }
            case Twist.BlockThen b -> {
                waitForRelease(endsSeen);
                yield b.outcome();
            }
        };
        if (Expectation.endsTransaction(sql)) {
            synchronized (this) {
                transactionsEnded++;
                notifyAll();
            }
        }
        return out;
    }

    private Outcome expected(Step step, String sql, long endsSeen) throws InterruptedException {
        Expectation e = step.expectationAt(level);
        if (e instanceof Expectation.Blocks) {
            waitForRelease(endsSeen);
            Step resume = resumeOf.get(step.n());
            if (resume == null) {
                throw new IllegalStateException("step " + step.n() + " blocks without resume");
            }
            e = resume.expectationAt(level);
        }
        return outcomeOf(e, sql);
    }

    private synchronized long endsSoFar() {
        return transactionsEnded;
    }

    /**
     * Waits until a transaction ends after {@code endsSeen} (counted when this session's
     * previous statement returned, so an end that came before this wait began still counts).
     */
    private synchronized void waitForRelease(long seen) throws InterruptedException {
        long deadline = System.nanoTime() + RELEASE_WAIT_MILLIS_MAX * 1_000_000;
        while (transactionsEnded == seen) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new IllegalStateException("never released");
            }
            wait(leftMillis);
        }
    }

    /** The outcome PostgreSQL gives where the spec expects {@code e}. */
    static Outcome outcomeOf(Expectation e, String sql) {
        return switch (e) {
            case Expectation.Ok ok -> new Outcome.Ok();
            case Expectation.Rows r -> new Outcome.Rows(new ArrayList<>(r.rows()));
            case Expectation.Count n -> new Outcome.Count(n.count());
            case Expectation.Error err -> new Outcome.Failed(
                    err.sqlState().length() == 5 ? err.sqlState() : err.sqlState() + "000",
                    "replayed");
            case Expectation.Aborted a -> Expectation.endsTransaction(sql) ? new Outcome.Ok()
                    : new Outcome.Failed("25P02", "current transaction is aborted");
            case Expectation.Blocks b -> throw new IllegalStateException("blocks twice");
        };
    }
}
