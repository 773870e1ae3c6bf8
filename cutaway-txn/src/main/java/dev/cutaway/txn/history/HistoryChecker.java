package dev.cutaway.txn.history;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a recorded {@link History} for Adya's phenomena: builds the direct serialization
 * graph ({@link DependencyGraph}), reports garbage reads, G1a and G1b, then finds witness
 * cycles ({@link CycleSearch}) for G0, G1c, G-single and G2.
 *
 * <p>Naming: the cycle phenomena nest (G0 ⊂ G1c, G-single ⊂ G2), so each cycle is reported
 * under its most specific name: a G1c finding has at least one wr edge, a G2 finding comes from
 * a strongly connected component with no single-anti-dependency cycle. A history with no
 * finding is conflict-serializable (its graph is acyclic). Which findings a level forbids is
 * {@link IsolationLevel#allows}.
 *
 * <p>Cost: building the graph and G0/G1c/G2 are linear in the history; G-single is linear per
 * rw edge tried, bounded overall (see {@link CycleSearch}). A 5,000-transaction history checks in
 * milliseconds.
 */
public final class HistoryChecker {
    private HistoryChecker() {}

    /** Checks with each key's version order taken from commit order (the recorder's). */
    public static CheckResult check(History history) {
        return check(history, VersionOrder.fromCommitOrder(history));
    }

    /** Checks with an explicit version order (the engine's). */
    public static CheckResult check(History history, VersionOrder order) {
        DependencyGraph graph = new DependencyGraph(history, order);
        List<Anomaly> anomalies = new ArrayList<>(graph.findings);
        anomalies.sort((a, b) -> a.kind().compareTo(b.kind()));
        anomalies.addAll(new CycleSearch(graph).findCycles());
        return new CheckResult(anomalies, graph.findingCounts, graph.nodeCount(),
                graph.edgeCount);
    }

    /** The anomalies in {@code history} that {@code level} forbids (commit-order versions). */
    public static List<Anomaly> violations(History history, IsolationLevel level) {
        return check(history).violationsOf(level);
    }

    /** The anomalies in {@code history} that {@code level} forbids, with an explicit order. */
    public static List<Anomaly> violations(History history, VersionOrder order,
            IsolationLevel level) {
        return check(history, order).violationsOf(level);
    }
}
