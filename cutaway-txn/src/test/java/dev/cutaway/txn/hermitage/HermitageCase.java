package dev.cutaway.txn.hermitage;

import java.util.List;
import java.util.Map;

/**
 * One Hermitage case: its script and PostgreSQL's classification at each level.
 *
 * @param outcome PostgreSQL's classification by level name
 * @param anomalyWhen groups of conditions; the anomaly happened when all of one group hold
 */
public record HermitageCase(String id, String column, String title, String description,
        String hermitage, Map<String, Classification> outcome,
        List<List<Condition>> anomalyWhen, List<Step> steps) {

    public HermitageCase {
        outcome = Map.copyOf(outcome);
        anomalyWhen = anomalyWhen.stream().map(List::copyOf).toList();
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).n() != i + 1) {
                throw new IllegalArgumentException(id + ": step " + (i + 1) + " is numbered "
                        + steps.get(i).n());
            }
        }
    }

    /** PostgreSQL's classification at {@code level}. */
    public Classification outcomeAt(String level) {
        Classification c = outcome.get(level);
        if (c == null) {
            throw new IllegalArgumentException(id + " has no outcome at " + level);
        }
        return c;
    }

    /** The session names in order of first appearance. */
    public List<String> sessions() {
        return steps.stream().map(Step::session).distinct().toList();
    }

    /** True if the anomaly happened according to {@code facts}. */
    public boolean anomalyHolds(Condition.Facts facts) {
        return anomalyWhen.stream().anyMatch(g -> g.stream().allMatch(c -> c.holds(facts)));
    }

    @Override
    public String toString() {
        return id;
    }
}
