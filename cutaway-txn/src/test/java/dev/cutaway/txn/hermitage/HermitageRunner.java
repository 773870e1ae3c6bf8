package dev.cutaway.txn.hermitage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * Runs one Hermitage case at one level against any {@link SessionFactory}, as
 * shared/isolation/README.md prescribes: one thread per session, steps in script order; a
 * statement the spec expects to block that has not returned within {@code blockMillis} counts
 * as blocked and is collected at its resume step. A statement the spec expects to return gets
 * {@code returnMillis} (longer, so a slow fsync on a busy machine is not taken for a lock wait
 * and the script's order holds); if it has not returned by then it counts as blocked and is
 * collected when its session is next needed. A statement that does not return within
 * {@code stuckMillis} when collected makes the case stuck. The run is classified error /
 * anomaly / prevented, and every step is also compared with the spec's expectation at the
 * level ({@link RunResult#differences()}).
 *
 * <p>A step expected to block costs {@code blockMillis}; any other step costs only its own
 * time, unless it blocks unexpectedly.
 */
public final class HermitageRunner {
    private final List<String> setup;
    private final long blockMillis;
    private final long returnMillis;
    private final long stuckMillis;

    /**
     * @param setup the spec's setup statements, run through the factory before every case
     * @param blockMillis how long a statement expected to block may take before it counts as
     *     blocked
     * @param returnMillis the same for a statement expected to return
     * @param stuckMillis how long a blocked statement may take to return once collected
     */
    public HermitageRunner(List<String> setup, long blockMillis, long returnMillis,
            long stuckMillis) {
        if (blockMillis <= 0 || returnMillis < blockMillis || stuckMillis < returnMillis) {
            throw new IllegalArgumentException(
                    "need 0 < blockMillis <= returnMillis <= stuckMillis");
        }
        this.setup = List.copyOf(setup);
        this.blockMillis = blockMillis;
        this.returnMillis = returnMillis;
        this.stuckMillis = stuckMillis;
    }

    /**
     * A runner for {@code spec}: 300 ms to count as blocked (README suggests about 500), 2 s
     * for a statement expected to return, 5 s to count as stuck.
     */
    public static HermitageRunner forSpec(HermitageSpec spec) {
        return new HermitageRunner(spec.setup(), 300, 2_000, 5_000);
    }

    /** Runs {@code c} at {@code level} (a name from the spec's {@code levels}). */
    public RunResult run(HermitageCase c, String level, SessionFactory factory)
            throws InterruptedException {
        return new Run(c, level).execute(factory);
    }

    /** The state of one run. */
    private final class Run implements Condition.Facts {
        private final HermitageCase c;
        private final String level;
        private final Map<String, SessionDriver> drivers = new LinkedHashMap<>();
        private final Map<Integer, Observation> seen = new TreeMap<>();
        private final Map<String, Integer> lastStepOf = new LinkedHashMap<>();
        private final Map<Integer, String> sqlOfStep = new LinkedHashMap<>();
        private String error;

        Run(HermitageCase c, String level) {
            this.c = c;
            this.level = level;
            c.outcomeAt(level);   // fails early for an unknown level
        }

        RunResult execute(SessionFactory factory) throws InterruptedException {
            try {
                factory.setup(setup);
            } catch (Exception e) {
                if (e instanceof InterruptedException ie) {
                    throw ie;
                }
                error = "setup failed: " + e;
                return result();
            }
            try {
                for (String name : c.sessions()) {
                    drivers.put(name, new SessionDriver(name, factory, stuckMillis));
                }
                runSteps();
            } catch (SessionDriver.Stuck e) {
                error = "stuck: " + e.getMessage();
            } catch (ExecutionException e) {
                error = "session failed: " + e.getCause();
            } catch (Exception e) {
                if (e instanceof InterruptedException ie) {
                    throw ie;
                }
                error = "failed: " + e;
            } finally {
                closeAll();
            }
            return result();
        }

        private void runSteps() throws Exception {
            for (Step step : c.steps()) {
                if (step.appliesAt(level)) {
                    runStep(step);
                }
            }
            for (SessionDriver d : drivers.values()) {
                if (d.hasPending()) {
                    collect(d);
                }
            }
        }

        private void runStep(Step step) throws Exception {
            SessionDriver d = drivers.get(step.session());
            if (step.resume()) {
                Integer original = d.hasPending() ? Integer.valueOf(d.pending().step())
                        : lastStepOf.get(d.name);
                if (d.hasPending()) {
                    collect(d);
                }
                Observation o = original == null ? null : seen.get(original);
                if (o != null) {
                    sqlOfStep.put(step.n(), o.sql());
                    seen.put(step.n(), new Observation(step.n(), d.name, null, o.blocked(),
                            o.outcome()));
                }
                return;
            }
            if (d.hasPending()) {
                collect(d);   // blocked where the spec did not expect it: wait for it now
            }
            String sql = step.sqlAt(level);
            sqlOfStep.put(step.n(), sql);
            lastStepOf.put(d.name, step.n());
            d.submit(step.n(), sql);
            boolean mayBlock = step.expectationAt(level) instanceof Expectation.Blocks;
            Outcome out = d.poll(mayBlock ? blockMillis : returnMillis);
            seen.put(step.n(), new Observation(step.n(), d.name, sql, out == null, out));
        }

        /** Waits for {@code d}'s statement in flight and records its eventual outcome. */
        private void collect(SessionDriver d) throws Exception {
            SessionDriver.Pending p = d.pending();
            Outcome out = d.await(stuckMillis);
            seen.put(p.step(), new Observation(p.step(), d.name, p.sql(), p.blocked(), out));
        }

        private void closeAll() {
            // Idle sessions first: their rollbacks release locks a stuck statement waits on.
            List<SessionDriver> order = new ArrayList<>();
            drivers.values().stream().filter(d -> !d.hasPending()).forEach(order::add);
            drivers.values().stream().filter(SessionDriver::hasPending).forEach(order::add);
            for (SessionDriver d : order) {
                String problem = d.close(stuckMillis);
                if (problem != null && error == null) {
                    error = problem;
                }
            }
        }

        private RunResult result() {
            if (error == null) {
                error = drivers.values().stream().map(SessionDriver::error)
                        .filter(e -> e != null).findFirst().orElse(null);
            }
            Classification classification = error != null ? Classification.ERROR
                    : c.anomalyHolds(this) ? Classification.ANOMALY : Classification.PREVENTED;
            return new RunResult(c.id(), level, c.outcomeAt(level), classification, error,
                    List.copyOf(seen.values()), differences());
        }

        private List<String> differences() {
            List<String> out = new ArrayList<>();
            for (Step step : c.steps()) {
                if (!step.appliesAt(level)) {
                    continue;
                }
                Expectation want = step.expectationAt(level);
                Observation o = seen.get(step.n());
                String sql = sqlOfStep.get(step.n());
                if (o == null || !want.matches(o, sql)) {
                    out.add(String.format("step %d (%s: %s): expected %s, got %s", step.n(),
                            step.session(), step.resume() ? "resume" : step.sqlAt(level),
                            describe(want), o == null ? "not run" : o.describe()));
                }
            }
            return out;
        }

        @Override
        public Observation step(int n) {
            return seen.get(n);
        }

        @Override
        public boolean committedCleanly(String session) {
            SessionDriver d = drivers.get(session);
            return d != null && d.committedCleanly();
        }
    }

    /** The spec's wording of an expectation. */
    static String describe(Expectation e) {
        return switch (e) {
            case Expectation.Ok ok -> "ok";
            case Expectation.Rows r -> "rows " + r.rows();
            case Expectation.Count n -> "count " + n.count();
            case Expectation.Blocks b -> "blocks";
            case Expectation.Error err -> "error " + err.sqlState();
            case Expectation.Aborted a -> "aborted";
        };
    }
}
