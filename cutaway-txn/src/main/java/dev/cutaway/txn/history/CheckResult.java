package dev.cutaway.txn.history;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checker found in one history: the anomalies (non-cycle findings first, then cycles
 * by kind), how many of each non-cycle kind occurred in all (only the first
 * {@code 1000} of a kind are listed), and the size of the dependency graph.
 */
public record CheckResult(List<Anomaly> anomalies, Map<AnomalyKind, Integer> findingCounts,
        int committedTxns, int edges) {
    public CheckResult {
        anomalies = List.copyOf(anomalies);
        findingCounts = Map.copyOf(findingCounts);
    }

    /** True when the history shows no anomaly at all (it is conflict-serializable). */
    public boolean isClean() {
        return anomalies.isEmpty();
    }

    /** The kinds that appear. */
    public Set<AnomalyKind> kinds() {
        EnumSet<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
        anomalies.forEach(a -> kinds.add(a.kind()));
        return kinds;
    }

    /** The anomalies that {@code level} forbids. */
    public List<Anomaly> violationsOf(IsolationLevel level) {
        return anomalies.stream().filter(a -> !level.allows(a.kind())).toList();
    }

    /** A multi-line report for a person. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(committedTxns).append(" committed transactions, ").append(edges)
                .append(" dependency edges: ")
                .append(isClean() ? "no anomaly" : anomalies.size() + " anomalies").append('\n');
        for (Anomaly anomaly : anomalies) {
            out.append("  ").append(anomaly).append('\n');
        }
        return out.toString();
    }
}
