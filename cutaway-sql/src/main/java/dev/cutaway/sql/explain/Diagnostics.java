package dev.cutaway.sql.explain;

import dev.cutaway.sql.catalog.IndexDesc;
import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The problems EXPLAIN ANALYZE names, each as one "Hint:" line: a row estimate off by 10x or
 * more (reported at the lowest node where it happens, since every node above inherits it);
 * a scan whose filter discards at least 90% of at least {@link #SCAN_ROWS_MIN} rows (an
 * index candidate, naming the filtered columns); and an index that exists on a filtered
 * column while a sequential scan was used; and an operator that spilled rows to temporary
 * files because it held more rows than the statement's row budget (ADR 0015).
 */
final class Diagnostics {
    static final double OFF_FACTOR = 10;
    static final long SCAN_ROWS_MIN = 100;
    static final double DISCARD_FRACTION = 0.9;

    private Diagnostics() {}

    static List<String> hints(ExplainNode root) {
        List<String> out = new ArrayList<>();
        visit(root, out, false);
        return List.copyOf(new LinkedHashSet<>(out));   // a shared node (CTE) appears twice
    }

    /**
     * Visits bottom-up; returns whether this subtree already reported a misestimate. A node
     * {@code cutShort} streams under a LIMIT (no Sort or aggregate between them drains it),
     * so it was stopped early and its actual rows are no measure of its estimate.
     */
    private static boolean visit(ExplainNode n, List<String> out, boolean cutShort) {
        boolean below = false;
        boolean childCutShort = n.plan() instanceof RowOps.Limit
                || cutShort && !(n.plan() instanceof RowOps.Sort
                        || n.plan() instanceof dev.cutaway.sql.exec.Aggregation.HashAggregate);
        for (ExplainNode child : n.inputs()) {
            below |= visit(child, out, childCutShort);
        }
        scanHints(n, out);
        spillHint(n, out);
        if (below || cutShort || n.actual() == null || n.actual().loops() == 0) {
            return below;
        }
        double est = Math.max(1, n.estimatedRowsShown());
        double act = Math.rint(n.actualRowsPerLoop());
        double hi = Math.max(est, act);
        double lo = Math.max(1, Math.min(est, act));
        if (hi >= OFF_FACTOR && hi / lo >= OFF_FACTOR) {
            out.add(String.format(Locale.ROOT, "Hint: %s: estimated %.0f rows, actual %.0f"
                    + " (%.0fx off); ANALYZE the tables below it, or its conditions are"
                    + " correlated", n.name(), est, act, hi / lo));
            return true;
        }
        return false;
    }

    private static void scanHints(ExplainNode n, List<String> out) {
        long removed = n.rowsRemovedByFilter();
        if (removed < 0 || !(n.plan() instanceof RowOps.Filter f)
                || !(n.inputs().getFirst().plan() instanceof Scans.TableScan scan)) {
            return;
        }
        long read = n.inputs().getFirst().actual().rows();
        if (read < SCAN_ROWS_MIN || removed < DISCARD_FRACTION * read) {
            return;
        }
        Relation.Table table = scan.table();
        TreeSet<Integer> columns = new TreeSet<>();
        columnsOf(f.condition(), columns);
        columns.removeIf(c -> c >= table.columns().size());
        if (columns.isEmpty()) {
            return;
        }
        List<Integer> pk = table.primaryKey();
        if (!pk.isEmpty() && columns.contains(pk.getFirst())) {
            out.add(String.format(Locale.ROOT, "Hint: Seq Scan on %s read %d rows and the"
                    + " filter discarded %.1f%% of them; a condition that bounds the primary"
                    + " key (%s) as a range (<, >, BETWEEN on an integer key) reads only the range",
                    table.name(), read, 100.0 * removed / read, names(table, pk)));
            return;
        }
        for (IndexDesc index : table.indexes()) {
            if (columns.contains(index.columns().getFirst())) {
                out.add(String.format(Locale.ROOT, "Hint: index %s on %s (%s) was not used"
                        + " although the filter discards %.1f%% of the rows; the planner"
                        + " estimated the Seq Scan cheaper (stale statistics?) or"
                        + " enable_indexscan is off", index.name(), table.name(),
                        names(table, index.columns()), 100.0 * removed / read));
                return;
            }
        }
        out.add(String.format(Locale.ROOT, "Hint: Seq Scan on %s read %d rows and the filter"
                + " discarded %.1f%% of them; an index on %s (%s) is a candidate",
                table.name(), read, 100.0 * removed / read, table.name(),
                names(table, List.copyOf(columns))));
    }

    private static void spillHint(ExplainNode n, List<String> out) {
        long bytes = n.spilledBytesOwn();
        if (bytes <= 0) {
            return;
        }
        out.add(String.format(Locale.ROOT, "Hint: %s spilled %d bytes to %d temporary files"
                + " (it held more rows than the row budget, rowsInMemoryMax); an index that"
                + " delivers the order or the groups, a smaller input, or a larger budget"
                + " avoids the disk", n.name(), bytes, n.spilledFilesOwn()));
    }

    private static String names(Relation.Table table, List<Integer> columns) {
        List<String> names = new ArrayList<>();
        for (int c : columns) {
            names.add(table.columns().get(c).name());
        }
        return String.join(", ", names);
    }

    /** Columns of the row (depth 0) that a condition compares; opaque forms add none. */
    static void columnsOf(BoundExpr e, TreeSet<Integer> out) {
        switch (e) {
            case BoundExpr.ColRef r when r.depth() == 0 -> out.add(r.index());
            case BoundExpr.Cast c -> columnsOf(c.operand(), out);
            case BoundExpr.And a -> a.terms().forEach(t -> columnsOf(t, out));
            case BoundExpr.Or o -> o.terms().forEach(t -> columnsOf(t, out));
            case BoundExpr.Not n -> columnsOf(n.operand(), out);
            case BoundExpr.Binary b -> {
                columnsOf(b.left(), out);
                columnsOf(b.right(), out);
            }
            case BoundExpr.InList in -> columnsOf(in.operand(), out);
            case BoundExpr.Between b -> columnsOf(b.operand(), out);
            case BoundExpr.Like l -> columnsOf(l.operand(), out);
            case BoundExpr.IsNull i -> columnsOf(i.operand(), out);
            default -> { }
        }
    }
}
