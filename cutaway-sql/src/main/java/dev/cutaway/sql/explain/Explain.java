package dev.cutaway.sql.explain;

import dev.cutaway.kv.ReadEvidence;
import dev.cutaway.sql.exec.ExecContext;
import dev.cutaway.sql.exec.Frame;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowCursor;
import dev.cutaway.sql.stats.PlanEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Runs EXPLAIN for a bound plan: without ANALYZE prints the estimates; with it instruments
 * the plan, runs it to the end (rows are discarded, as PostgreSQL does), collecting the KV
 * read evidence on this thread, and prints estimates next to what happened, the execution
 * time and the hints. The output is the "QUERY PLAN" rows: one per text line, or one JSON
 * document.
 */
public final class Explain {
    private Explain() {}

    public static List<String> run(Plan plan, ExplainOptions options, PlanEstimator estimator,
            ExecContext cx, LongSupplier nanos) {
        if (!options.analyze()) {
            return render(ExplainNode.of(plan, estimator), options, null);
        }
        LongSupplier clock = options.timing() ? nanos : () -> 0L;
        Instrumented root = Instrumentation.wrap(plan, clock);
        boolean started = !ReadEvidence.collecting();
        if (started) {
            ReadEvidence.start();
        }
        long start = nanos.getAsLong();
        try (RowCursor c = root.open(cx, Frame.EMPTY)) {
            while (c.next() != null) {
                // rows are counted by the instrumentation and dropped
            }
        } finally {
            if (started) {
                ReadEvidence.stop();
            }
        }
        double ms = (nanos.getAsLong() - start) / 1e6;
        return render(ExplainNode.of(root, estimator), options, options.timing() ? ms : null);
    }

    private static List<String> render(ExplainNode root, ExplainOptions o, Double ms) {
        List<String> hints = o.analyze() ? Diagnostics.hints(root) : List.of();
        if (o.json()) {
            return List.of(ExplainJson.render(root, o, ms, hints));
        }
        List<String> lines = new ArrayList<>(ExplainText.lines(root, o));
        if (ms != null) {
            lines.add(String.format(Locale.ROOT, "Execution Time: %.3f ms", ms));
        }
        lines.addAll(hints);
        return lines;
    }
}
