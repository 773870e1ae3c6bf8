package dev.cutaway.sql.explain;

import dev.cutaway.kv.ReadEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL-like text form: one line per operator, inputs under {@code ->} arrows six
 * columns further in, details two columns under the operator's name:
 * <pre>
 * Filter  (cost=0.00..45.00 rows=10 width=12) (actual time=0.020..1.250 rows=10 loops=1)
 *   Rows Removed by Filter: 990
 *   Buffers: shared hit=12 read=2
 *   KV: scans=1 entries=1000 pages read=2
 *   -&gt;  Seq Scan on t  (cost=0.00..20.00 rows=1000 width=12) (actual ...)
 * </pre>
 * Times are milliseconds per loop, rows per loop (rounded), as PostgreSQL prints them.
 */
final class ExplainText {
    private ExplainText() {}

    static List<String> lines(ExplainNode root, ExplainOptions options) {
        List<String> out = new ArrayList<>();
        node(root, 0, options, out);
        return out;
    }

    private static void node(ExplainNode n, int depth, ExplainOptions o, List<String> out) {
        String lead = depth == 0 ? "" : " ".repeat(6 * (depth - 1) + 2) + "->  ";
        StringBuilder line = new StringBuilder(lead).append(n.name());
        if (o.costs()) {
            line.append(String.format(Locale.ROOT, "  (cost=%.2f..%.2f rows=%.0f width=%d)",
                    n.estimate().startupCost(), n.estimate().totalCost(),
                    n.estimatedRowsShown(), n.estimate().width()));
        }
        if (n.actual() != null) {
            line.append(actual(n, o));
        }
        out.add(line.toString());
        String pad = " ".repeat(depth == 0 ? 2 : 6 * depth + 2);
        if (n.rowsRemovedByFilter() > 0) {
            out.add(pad + "Rows Removed by Filter: " + n.rowsRemovedByFilter());
        }
        if (n.actual() != null && o.buffers()) {
            String buffers = buffers(n.actual());
            if (!buffers.isEmpty()) {
                out.add(pad + "Buffers: shared" + buffers);
            }
            String kv = kv(n.actual());
            if (!kv.isEmpty()) {
                out.add(pad + "KV:" + kv);
            }
        }
        if (n.actual() != null && n.spilledBytesOwn() > 0) {
            out.add(pad + "Spilled: files=" + n.spilledFilesOwn() + " bytes="
                    + n.spilledBytesOwn());
        }
        for (ExplainNode child : n.inputs()) {
            node(child, depth + 1, o, out);
        }
    }

    private static String actual(ExplainNode n, ExplainOptions o) {
        NodeStats a = n.actual();
        if (a.loops() == 0) {
            return " (never executed)";
        }
        String rows = String.format(Locale.ROOT, "rows=%.0f loops=%d",
                Math.rint(n.actualRowsPerLoop()), a.loops());
        if (!o.timing()) {
            return " (actual " + rows + ")";
        }
        return String.format(Locale.ROOT, " (actual time=%.3f..%.3f %s)",
                a.firstRowNanos() / 1e6 / a.loops(), a.totalNanos() / 1e6 / a.loops(), rows);
    }

    static String buffers(NodeStats a) {
        StringBuilder b = new StringBuilder();
        append(b, "hit", a.evidence(ReadEvidence.Counter.BUFFER_HITS));
        append(b, "read", a.evidence(ReadEvidence.Counter.BUFFER_MISSES));
        return b.toString();
    }

    static String kv(NodeStats a) {
        StringBuilder b = new StringBuilder();
        append(b, "gets", a.evidence(ReadEvidence.Counter.KV_GETS));
        append(b, "scans", a.evidence(ReadEvidence.Counter.KV_SCANS));
        append(b, "entries", a.evidence(ReadEvidence.Counter.KV_ENTRIES_READ));
        append(b, "pages read", a.evidence(ReadEvidence.Counter.PAGES_READ));
        append(b, "sstables probed", a.evidence(ReadEvidence.Counter.SSTABLES_PROBED));
        append(b, "bloom skips", a.evidence(ReadEvidence.Counter.BLOOM_SKIPS));
        append(b, "lock waits", a.evidence(ReadEvidence.Counter.LOCK_WAITS));
        return b.toString();
    }

    private static void append(StringBuilder b, String name, long value) {
        if (value != 0) {
            b.append(' ').append(name).append('=').append(value);
        }
    }
}
