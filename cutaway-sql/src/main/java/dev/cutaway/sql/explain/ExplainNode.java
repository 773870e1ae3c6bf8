package dev.cutaway.sql.explain;

import dev.cutaway.sql.exec.ModifyTable;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.stats.Estimate;
import dev.cutaway.sql.stats.PlanEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * One operator as EXPLAIN prints it: its planned form, the estimate, what it did (null
 * without ANALYZE) and its inputs. Built once, printed as text or JSON and read by
 * {@link Diagnostics}.
 */
public record ExplainNode(Plan plan, String name, Estimate estimate, NodeStats actual,
        List<ExplainNode> inputs) {

    /** The tree of {@code plan} (instrumented or not) with the estimator's figures. */
    public static ExplainNode of(Plan plan, PlanEstimator estimator) {
        Plan original = plan instanceof Instrumented i ? i.original() : plan;
        NodeStats actual = plan instanceof Instrumented i ? i.stats() : null;
        List<ExplainNode> inputs = new ArrayList<>();
        for (Plan child : plan instanceof Instrumented i ? List.<Plan>copyOf(i.inputs())
                : plan.children()) {
            inputs.add(of(child, estimator));
        }
        return new ExplainNode(original, original.describe(), estimator.estimate(original),
                actual, List.copyOf(inputs));
    }

    /**
     * The estimated rows as EXPLAIN prints them: rounded and at least 1, as PostgreSQL
     * clamps its estimates, except for a ModifyTable without RETURNING, which returns no
     * rows and is estimated (and printed, as PostgreSQL's) as 0.
     */
    public double estimatedRowsShown() {
        if (plan instanceof ModifyTable m && !m.returning()) {
            return 0;
        }
        return Math.max(1, Math.rint(estimate.rows()));
    }

    /** Rows the operator returned per loop (PostgreSQL's "actual rows"). */
    public double actualRowsPerLoop() {
        return actual == null || actual.loops() == 0 ? 0
                : (double) actual.rows() / actual.loops();
    }

    /** For a filter that ran: rows its input produced that it did not pass on, else -1. */
    public long rowsRemovedByFilter() {
        if (actual == null || !(plan instanceof RowOps.Filter) || inputs.size() != 1
                || inputs.getFirst().actual() == null) {
            return -1;
        }
        return inputs.getFirst().actual().rows() - actual.rows();
    }

    /** Temporary files this operator itself wrote (its inputs' spills subtracted). */
    public long spilledFilesOwn() {
        if (actual == null) {
            return 0;
        }
        long own = actual.spilledFiles();
        for (ExplainNode child : inputs) {
            own -= child.actual() == null ? 0 : child.actual().spilledFiles();
        }
        return Math.max(0, own);
    }

    /** Bytes this operator itself wrote to temporary files. */
    public long spilledBytesOwn() {
        if (actual == null) {
            return 0;
        }
        long own = actual.spilledBytes();
        for (ExplainNode child : inputs) {
            own -= child.actual() == null ? 0 : child.actual().spilledBytes();
        }
        return Math.max(0, own);
    }
}
