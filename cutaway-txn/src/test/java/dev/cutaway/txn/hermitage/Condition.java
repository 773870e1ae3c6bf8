package dev.cutaway.txn.hermitage;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One condition of an {@code anomaly_when} group (shared/isolation/README.md). A group holds
 * when all its conditions do; the anomaly happened when at least one group holds.
 */
public sealed interface Condition {

    /** Each of these sessions' transactions committed, with no statement in it failing. */
    record Committed(List<String> sessions) implements Condition {
        public Committed {
            sessions = List.copyOf(sessions);
        }
    }

    /**
     * Conditions on what step {@code step} returned; null fields are not checked. A step that
     * never ran or never returned satisfies no condition.
     */
    record OnStep(int step, List<List<Object>> rows, List<List<Object>> rowsInclude, Long count,
            Boolean succeeded, Boolean blocked) implements Condition {}

    /** What a run observed, as the conditions need it. */
    interface Facts {
        /** The observation of step {@code n}, or null if it never ran. */
        Observation step(int n);

        /** True if {@code session}'s transaction committed with no statement in it failing. */
        boolean committedCleanly(String session);
    }

    /** True if this condition holds for {@code facts}. */
    default boolean holds(Facts facts) {
        return switch (this) {
            case Committed c -> c.sessions().stream().allMatch(facts::committedCleanly);
            case OnStep s -> holdsOn(s, facts.step(s.step()));
        };
    }

    private static boolean holdsOn(OnStep c, Observation seen) {
        if (seen == null || !seen.returned()) {
            return false;
        }
        Outcome out = seen.outcome();
        if (c.blocked() != null && c.blocked() != seen.blocked()) {
            return false;
        }
        if (c.succeeded() != null && c.succeeded() != out.succeeded()) {
            return false;
        }
        if (c.count() != null
                && !(out instanceof Outcome.Count n && n.count() == c.count())) {
            return false;
        }
        if (c.rows() != null
                && !(out instanceof Outcome.Rows r && Expectation.sameRows(r.rows(), c.rows()))) {
            return false;
        }
        return c.rowsInclude() == null || out instanceof Outcome.Rows r
                && Expectation.includesRows(r.rows(), c.rowsInclude());
    }

    /** The condition written as {@code json} in the spec. */
    @SuppressWarnings("unchecked")
    static Condition parse(Map<String, Object> json) {
        if (json.containsKey("committed")) {
            if (json.size() != 1) {
                throw new IllegalArgumentException("committed stands alone: " + json);
            }
            return new Committed((List<String>) json.get("committed"));
        }
        Set<String> known = Set.of("step", "rows", "rows_include", "count", "succeeded",
                "blocked");
        if (!known.containsAll(json.keySet()) || !(json.get("step") instanceof Long n)) {
            throw new IllegalArgumentException("unknown condition: " + json);
        }
        return new OnStep(Math.toIntExact(n),
                json.containsKey("rows") ? Expectation.rowsOf(json.get("rows")) : null,
                json.containsKey("rows_include")
                        ? Expectation.rowsOf(json.get("rows_include")) : null,
                (Long) json.get("count"), (Boolean) json.get("succeeded"),
                (Boolean) json.get("blocked"));
    }
}
