package dev.cutaway.sql.stats;

/**
 * What the planner consults besides the query: statistics, the session's switches and the
 * cost constants. {@link #NONE} plans as before statistics existed (rule-based).
 */
public record Planning(StatsSource stats, PlannerSettings settings, CostModel costs) {
    public static final Planning NONE = new Planning(StatsSource.NONE, PlannerSettings.ALL,
            CostModel.defaults());
}
