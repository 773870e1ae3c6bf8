package dev.cutaway.txn.hermitage;

/**
 * What the runner saw for one step at one level.
 *
 * @param n the step number
 * @param session the session that ran it
 * @param sql the statement as run (null for a resume step)
 * @param blocked true if the statement had not returned within the blocking timeout
 * @param outcome what it eventually returned, or null if it never returned (or never ran)
 */
public record Observation(int n, String session, String sql, boolean blocked, Outcome outcome) {

    /** True if the statement returned (possibly after blocking). */
    public boolean returned() {
        return outcome != null;
    }

    /** A short description: "blocked, then count 1", "rows [[1, 10]]", "still blocked". */
    public String describe() {
        String result = outcome == null ? "never returned" : switch (outcome) {
            case Outcome.Rows r -> "rows " + r.rows();
            case Outcome.Count c -> "count " + c.count();
            case Outcome.Ok ok -> "ok";
            case Outcome.Failed f -> "error " + f.sqlState() + " (" + f.message() + ")";
        };
        return blocked ? "blocked, then " + result : result;
    }
}
