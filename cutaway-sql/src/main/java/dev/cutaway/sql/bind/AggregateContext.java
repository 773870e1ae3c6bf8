package dev.cutaway.sql.bind;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.exec.Aggregation;
import dev.cutaway.sql.exec.BoundExpr;
import dev.cutaway.sql.parse.SqlPrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * The grouping of one aggregated query level: its GROUP BY expressions (bound over the input
 * row) and the aggregate calls found so far. Expressions above the aggregate are bound against
 * its output row: group-by values first, then one value per call.
 */
final class AggregateContext {
    final Scope input;
    final List<BoundExpr> groupBy = new ArrayList<>();
    final List<String> groupByText = new ArrayList<>();
    final List<Aggregation.Call> calls = new ArrayList<>();
    final List<String> callText = new ArrayList<>();

    AggregateContext(Scope input) {
        this.input = input;
    }

    void addGroup(Expr source, BoundExpr bound) {
        groupBy.add(bound);
        groupByText.add(source == null ? null : SqlPrinter.print(source));
    }

    /** Output slot of the group-by expression printed as {@code text}, or -1. */
    int groupSlot(String text) {
        return groupByText.indexOf(text);
    }

    /** Output slot of a group-by plain column reference to input column {@code index}, or -1. */
    int groupSlotOfColumn(int index) {
        for (int i = 0; i < groupBy.size(); i++) {
            if (groupBy.get(i) instanceof BoundExpr.ColRef c && c.depth() == 0
                    && c.index() == index) {
                return i;
            }
        }
        return -1;
    }

    /** Registers a call (reusing an identical one). @return its output slot */
    int addCall(String text, Aggregation.Call call) {
        int existing = callText.indexOf(text);
        if (existing >= 0) {
            return groupBy.size() + existing;
        }
        calls.add(call);
        callText.add(text);
        return groupBy.size() + calls.size() - 1;
    }

    /** Names visible to subqueries above the aggregate: the grouped plain columns. */
    Scope outputScope() {
        List<Scope.Entry> entries = new ArrayList<>();
        for (int i = 0; i < groupBy.size(); i++) {
            if (groupBy.get(i) instanceof BoundExpr.ColRef c && c.depth() == 0) {
                for (Scope.Entry e : input.entries()) {
                    if (e.index() == c.index()) {
                        entries.add(new Scope.Entry(e.qualifier(), e.name(), e.type(), i,
                                e.hidden(), e.inStar()));
                    }
                }
            }
        }
        return new Scope(entries, input.parent());
    }
}
