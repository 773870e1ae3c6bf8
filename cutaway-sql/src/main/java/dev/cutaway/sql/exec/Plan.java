package dev.cutaway.sql.exec;

import java.util.List;

/**
 * A physical operator of an executable plan: it knows the columns it produces, opens a
 * {@link RowCursor} for one execution ({@code outer} holds the rows of enclosing queries, for
 * correlated subqueries), and describes itself for EXPLAIN-like output.
 *
 * <p>Plans are immutable and may be opened many times (a correlated subquery re-opens its plan
 * per outer row); per-execution state lives in the cursor or in the {@link ExecContext}.
 */
public interface Plan {

    List<Column> columns();

    RowCursor open(ExecContext cx, Frame outer);

    /** One line naming the operator and its parameters (children not included). */
    String describe();

    /** The operator's inputs, for printing the tree. */
    default List<Plan> children() {
        return List.of();
    }

    /** The plan as an indented tree, one operator per line. */
    static String explain(Plan plan) {
        StringBuilder b = new StringBuilder();
        explain(plan, 0, b);
        return b.toString();
    }

    private static void explain(Plan plan, int depth, StringBuilder b) {
        b.append("  ".repeat(depth)).append(depth == 0 ? "" : "->  ").append(plan.describe())
                .append('\n');
        for (Plan child : plan.children()) {
            explain(child, depth + 1, b);
        }
    }
}
