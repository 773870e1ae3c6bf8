package dev.cutaway.sql.bind;

import dev.cutaway.sql.catalog.Relation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import dev.cutaway.sql.exec.SemiJoin;
import java.util.ArrayList;
import java.util.List;

/**
 * Removal of a redundant sort (ADR 0023): an ORDER BY that the rows already come in. A
 * table's rows are stored under their primary key, so a sequential scan and primary-key
 * lookups return them in ascending key order, and filters, projections and semi joins keep
 * the order of their (left) input. When the sort keys, followed back through those
 * operators, are the table's primary-key columns in key order, ascending (a prefix of the
 * key, or the whole key followed by anything, which a unique key leaves nothing to do for),
 * the sort is left out. Only integer key columns qualify: their key encoding orders exactly
 * as the sort compares them, while text keys order by bytes and the sort by its collation.
 */
final class SortElision {
    private SortElision() {}

    /** Whether {@code plan}'s rows already come in the order {@code keys} asks for. */
    static boolean satisfied(Plan plan, List<RowOps.SortKey> keys) {
        Relation.Table table = null;
        List<Integer> columns = new ArrayList<>();
        for (RowOps.SortKey k : keys) {
            if (k.descending()) {
                return false;
            }
            Origin o = origin(plan, k.column());
            if (o == null || table != null && o.table() != table) {
                return false;
            }
            table = o.table();
            columns.add(o.column());
        }
        if (table == null || !table.hasPrimaryKey()) {
            return false;
        }
        List<Integer> pk = table.primaryKey();
        for (int i = 0; i < Math.min(pk.size(), columns.size()); i++) {
            if (!columns.get(i).equals(pk.get(i))
                    || !table.columns().get(pk.get(i)).type().id().isInteger()) {
                return false;
            }
        }
        return true;
    }

    /** A table column in an order-keeping plan. */
    private record Origin(Relation.Table table, int column) {}

    private static Origin origin(Plan plan, int index) {
        return switch (plan) {
            case RowOps.Project p -> index < p.exprs().size()
                    && p.exprs().get(index) instanceof BoundExpr.ColRef r && r.depth() == 0
                    ? origin(p.input(), r.index()) : null;
            case RowOps.Filter f -> origin(f.input(), index);
            case SemiJoin j -> origin(j.left(), index);
            case Scans.TableScan t -> index < t.table().columns().size()
                    ? new Origin(t.table(), index) : null;
            case Scans.KeyLookup k -> index < k.table().columns().size()
                    ? new Origin(k.table(), index) : null;
            default -> null;
        };
    }
}
