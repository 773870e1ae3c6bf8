package dev.cutaway.sql.stats;

import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Joins;
import dev.cutaway.sql.exec.KeyRangeScan;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.exec.SemiJoin;

/**
 * Traces an output column of a plan node back to the table column it carries unchanged
 * (through filters, sorts, limits, projections of plain columns, joins and semi joins), so
 * estimates above a scan can use that column's statistics. Anything computed has no origin.
 */
final class Origins {
    /** A table column. */
    record Origin(Relation.Table table, int column) {}

    private final StatsSource stats;

    Origins(StatsSource stats) {
        this.stats = stats;
    }

    /** Where column {@code index} of {@code plan} comes from, or null. */
    static Origin of(Plan plan, int index) {
        return switch (plan) {
            case Scans.TableScan t -> table(t.table(), index);
            case Scans.KeyLookup k -> table(k.table(), index);
            case Scans.IndexLookup i -> table(i.table(), index);
            case KeyRangeScan r -> table(r.table(), index);
            case dev.cutaway.sql.exec.IndexScan i -> table(i.table(), index);
            case dev.cutaway.sql.exec.IndexMultiLookup i -> table(i.table(), index);
            case dev.cutaway.sql.exec.IndexOnlyScan i -> table(i.table(), index);
            case RowOps.Filter f -> of(f.input(), index);
            case RowOps.Sort s -> of(s.input(), index);
            case RowOps.Limit l -> of(l.input(), index);
            case RowOps.Trim t -> of(t.input(), index);
            case RowOps.Distinct d -> of(d.input(), index);
            case RowOps.DistinctOn d -> of(d.input(), index);
            case RowOps.Materialize m -> of(m.input(), index);
            case RowOps.Project p -> index < p.exprs().size()
                    && p.exprs().get(index) instanceof BoundExpr.ColRef r && r.depth() == 0
                    ? of(p.input(), r.index()) : null;
            case Joins.NestedLoop n -> side(n.left(), n.right(), index);
            case Joins.Hash h -> side(h.left(), h.right(), index);
            case dev.cutaway.sql.exec.MergeJoin m -> side(m.left(), m.right(), index);
            case SemiJoin j -> of(j.left(), index);
            default -> null;
        };
    }

    private static Origin side(Plan left, Plan right, int index) {
        int lw = columnCount(left);
        return index < lw ? of(left, index) : of(right, index - lw);
    }

    /**
     * {@code plan.columns().size()} without building the list: a join's columns are its
     * inputs' concatenated anew on every call, and tracing through a deep join asks at every
     * level (this made planning many-table joins quadratic in allocations).
     */
    static int columnCount(Plan plan) {
        return switch (plan) {
            case Scans.TableScan t -> t.table().columns().size() + (t.withKey() ? 1 : 0);
            case Scans.KeyLookup k -> k.table().columns().size() + (k.withKey() ? 1 : 0);
            case Scans.IndexLookup i -> i.table().columns().size() + (i.withKey() ? 1 : 0);
            case RowOps.Filter f -> columnCount(f.input());
            case RowOps.Sort s -> columnCount(s.input());
            case RowOps.Project p -> p.columns().size();
            case Joins.NestedLoop n -> columnCount(n.left()) + columnCount(n.right());
            case Joins.Hash h -> columnCount(h.left()) + columnCount(h.right());
            case dev.cutaway.sql.exec.MergeJoin m -> columnCount(m.left())
                    + columnCount(m.right());
            default -> plan.columns().size();
        };
    }

    private static Origin table(Relation.Table table, int index) {
        return index < table.columns().size() ? new Origin(table, index) : null;
    }

    /** The statistics of column {@code index} of {@code plan}, or null. */
    ColumnStats stats(Plan plan, int index) {
        Origin o = of(plan, index);
        if (o == null) {
            return null;
        }
        TableStats t = stats.stats(o.table());
        return t == null ? null : t.column(o.column());
    }

    /** Rows of the table column {@code index} comes from (or the default). */
    double tableRows(Plan plan, int index) {
        Origin o = of(plan, index);
        TableStats t = o == null ? null : stats.stats(o.table());
        return t == null ? PlanEstimator.DEFAULT_ROWS : t.rowCount();
    }
}
