package dev.cutaway.txn.hermitage;

import java.util.List;

/**
 * The result of running one case at one level.
 *
 * @param expected PostgreSQL's classification (the spec's {@code outcome})
 * @param classification this run's classification
 * @param errorReason why the run is an {@link Classification#ERROR}, else null
 * @param observations what each step did, in step order (steps that never ran are absent)
 * @param differences the steps whose observation disagrees with the spec's expectation, one
 *     line each ("step 6 (T2: update …): expected blocks, got count 1")
 */
public record RunResult(String caseId, String level, Classification expected,
        Classification classification, String errorReason, List<Observation> observations,
        List<String> differences) {

    public RunResult {
        observations = List.copyOf(observations);
        differences = List.copyOf(differences);
    }

    /** The bar: the classification equals PostgreSQL's. */
    public boolean passed() {
        return classification == expected;
    }

    /** The stricter goal: every step behaved as in PostgreSQL. */
    public boolean stepsAgree() {
        return differences.isEmpty();
    }

    /** A few lines for a test log: verdict, error, step differences. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-20s %-17s %-9s (PostgreSQL: %s)%s%s", caseId, level,
                classification, expected, passed() ? "" : "  MISMATCH",
                stepsAgree() ? "  steps agree" : "  steps differ: " + differences.size()));
        if (errorReason != null) {
            sb.append("\n    error: ").append(errorReason);
        }
        for (String d : differences) {
            sb.append("\n    ").append(d);
        }
        return sb.toString();
    }

    /** Every observation, one line each (for a failing case's message). */
    public String trace() {
        StringBuilder sb = new StringBuilder();
        for (Observation o : observations) {
            sb.append(String.format("%n    %2d %s %-45s -> %s", o.n(), o.session(),
                    o.sql() == null ? "(resume)" : o.sql(), o.describe()));
        }
        return sb.toString();
    }
}
