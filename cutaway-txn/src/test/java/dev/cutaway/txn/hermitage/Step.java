package dev.cutaway.txn.hermitage;

import java.util.List;
import java.util.Map;

/**
 * One step of a case: a statement {@code sql} run by {@code session}, or (with {@code resume})
 * the point where the session's blocked statement returns.
 *
 * @param n position in the script, from 1
 * @param session "T1", "T2", …
 * @param sql the statement, with {@code {level}} standing for the level tested; null if resume
 * @param resume true for a resume step
 * @param expect what PostgreSQL does at every level not in {@code expectAt}
 * @param expectAt overrides by level name
 * @param levels the levels the step applies at; empty means all
 */
public record Step(int n, String session, String sql, boolean resume, Expectation expect,
        Map<String, Expectation> expectAt, List<String> levels) {

    public Step {
        if (resume == (sql != null)) {
            throw new IllegalArgumentException("step " + n + ": exactly one of sql and resume");
        }
        expectAt = Map.copyOf(expectAt);
        levels = List.copyOf(levels);
    }

    /** What the step expects at {@code level}. */
    public Expectation expectationAt(String level) {
        return expectAt.getOrDefault(level, expect);
    }

    /** True if the step is part of the script at {@code level}. */
    public boolean appliesAt(String level) {
        return levels.isEmpty() || levels.contains(level);
    }

    /** The statement to run at {@code level}. */
    public String sqlAt(String level) {
        return sql == null ? null : sql.replace("{level}", level);
    }
}
