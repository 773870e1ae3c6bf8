package dev.cutaway.sql.stats;

/**
 * The planner's estimate for one plan node, in PostgreSQL's units: costs in sequential page
 * reads (startup before the first row, total for all rows), rows out, and the average row
 * width in bytes.
 */
public record Estimate(double startupCost, double totalCost, double rows, int width) {
    public Estimate {
        rows = Math.max(rows, 0);
        startupCost = Math.max(startupCost, 0);
        totalCost = Math.max(totalCost, startupCost);
    }
}
