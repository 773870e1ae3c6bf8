package dev.cutaway.txn.history;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One finding: its kind, the witness cycle (the edges in order, each ending where the next
 * begins, the last ending where the first begins; empty for G1a, G1b and garbage reads) and a
 * sentence for a student saying what happened.
 */
public record Anomaly(AnomalyKind kind, List<Edge> cycle, String detail) {
    public Anomaly {
        cycle = List.copyOf(cycle);
    }

    /** The transaction ids on the witness cycle, in cycle order. */
    public List<Long> cycleTxns() {
        return cycle.stream().map(Edge::from).toList();
    }

    @Override
    public String toString() {
        if (cycle.isEmpty()) {
            return kind.title() + ": " + detail;
        }
        String path = cycle.stream().map(e -> "T" + e.from() + " -"
                        + e.kind().name().toLowerCase(java.util.Locale.ROOT) + "(key "
                        + e.key() + ")->")
                .collect(Collectors.joining(" "));
        return kind.title() + ": " + path + " T" + cycle.get(0).from()
                + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
