package dev.cutaway.sql.explain;

import dev.cutaway.kv.ReadEvidence;
import java.util.List;
import java.util.Locale;

/**
 * The JSON form, shaped as PostgreSQL's {@code EXPLAIN (FORMAT JSON)}: an array of one
 * object with {@code "Plan"} (each node with "Node Type", costs, "Plan Rows", "Plan Width",
 * the actual figures, and its inputs under "Plans"), then "Execution Time" and Cutaway's
 * "Hints". The KV counters use Cutaway's own keys ("KV Gets", "SSTables Probed", ...).
 */
final class ExplainJson {
    private ExplainJson() {}

    static String render(ExplainNode root, ExplainOptions o, Double executionMs,
            List<String> hints) {
        StringBuilder b = new StringBuilder("[\n  {\n    \"Plan\": ");
        node(root, o, b, 4);
        if (executionMs != null) {
            b.append(",\n    \"Execution Time\": ")
                    .append(String.format(Locale.ROOT, "%.3f", executionMs));
        }
        if (o.analyze()) {
            b.append(",\n    \"Hints\": [");
            for (int i = 0; i < hints.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(quote(hints.get(i)));
            }
            b.append(']');
        }
        return b.append("\n  }\n]").toString();
    }

    private static void node(ExplainNode n, ExplainOptions o, StringBuilder b, int indent) {
        String pad = " ".repeat(indent + 2);
        b.append("{\n").append(pad).append("\"Node Type\": ").append(quote(n.name()));
        if (o.costs()) {
            field(b, pad, "Startup Cost", fixed(n.estimate().startupCost(), 2));
            field(b, pad, "Total Cost", fixed(n.estimate().totalCost(), 2));
            field(b, pad, "Plan Rows", fixed(n.estimatedRowsShown(), 0));
            field(b, pad, "Plan Width", Integer.toString(n.estimate().width()));
        }
        NodeStats a = n.actual();
        if (a != null) {
            actual(n, o, b, pad);
        }
        if (!n.inputs().isEmpty()) {
            b.append(",\n").append(pad).append("\"Plans\": [");
            for (int i = 0; i < n.inputs().size(); i++) {
                b.append(i == 0 ? "" : ", ");
                node(n.inputs().get(i), o, b, indent + 2);
            }
            b.append(']');
        }
        b.append('\n').append(" ".repeat(indent)).append('}');
    }

    private static void actual(ExplainNode n, ExplainOptions o, StringBuilder b, String pad) {
        NodeStats a = n.actual();
        long loops = Math.max(1, a.loops());
        if (o.timing()) {
            field(b, pad, "Actual Startup Time", fixed(a.firstRowNanos() / 1e6 / loops, 3));
            field(b, pad, "Actual Total Time", fixed(a.totalNanos() / 1e6 / loops, 3));
        }
        field(b, pad, "Actual Rows", fixed(Math.rint(n.actualRowsPerLoop()), 0));
        field(b, pad, "Actual Loops", Long.toString(a.loops()));
        if (n.rowsRemovedByFilter() >= 0) {
            field(b, pad, "Rows Removed by Filter", Long.toString(n.rowsRemovedByFilter()));
        }
        if (o.buffers()) {
            field(b, pad, "Shared Hit Blocks", count(a, ReadEvidence.Counter.BUFFER_HITS));
            field(b, pad, "Shared Read Blocks", count(a, ReadEvidence.Counter.BUFFER_MISSES));
            field(b, pad, "KV Gets", count(a, ReadEvidence.Counter.KV_GETS));
            field(b, pad, "KV Scans", count(a, ReadEvidence.Counter.KV_SCANS));
            field(b, pad, "KV Entries Read", count(a, ReadEvidence.Counter.KV_ENTRIES_READ));
            field(b, pad, "Pages Read", count(a, ReadEvidence.Counter.PAGES_READ));
            field(b, pad, "SSTables Probed", count(a, ReadEvidence.Counter.SSTABLES_PROBED));
            field(b, pad, "Bloom Skips", count(a, ReadEvidence.Counter.BLOOM_SKIPS));
            field(b, pad, "Lock Waits", count(a, ReadEvidence.Counter.LOCK_WAITS));
        }
        field(b, pad, "Temp Files Written", Long.toString(n.spilledFilesOwn()));
        field(b, pad, "Temp Bytes Written", Long.toString(n.spilledBytesOwn()));
    }

    private static String count(NodeStats a, ReadEvidence.Counter c) {
        return Long.toString(a.evidence(c));
    }

    private static void field(StringBuilder b, String pad, String name, String value) {
        b.append(",\n").append(pad).append(quote(name)).append(": ").append(value);
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
