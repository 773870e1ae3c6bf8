package dev.cutaway.sql.stats;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The session's {@code enable_*} planner switches (PostgreSQL's names), and Cutaway's own
 * {@code cutaway.rewrite} (ADR 0023: off plans subqueries, outer joins and WHERE placement
 * as written, for comparing results and plans). A switched-off method
 * is not forbidden but priced out: its cost gets {@link #DISABLED_COST} added, so when it is
 * the only way (a sort for ORDER BY, a hash aggregate for GROUP BY, today) it is still used,
 * as in PostgreSQL.
 */
public record PlannerSettings(boolean seqScan, boolean indexScan, boolean indexOnlyScan,
        boolean hashJoin, boolean nestLoop, boolean mergeJoin, boolean sort, boolean hashAgg,
        boolean rewrite) {
    /** PostgreSQL's disable_cost. */
    public static final double DISABLED_COST = 1.0e10;
    /** Every switch, as SET and SHOW name them. */
    public static final List<String> NAMES = List.of("enable_seqscan", "enable_indexscan",
            "enable_indexonlyscan", "enable_hashjoin", "enable_nestloop", "enable_mergejoin",
            "enable_sort", "enable_hashagg", "cutaway.rewrite");
    public static final PlannerSettings ALL = new PlannerSettings(true, true, true, true, true,
            true, true, true, true);

    /** The switches from session settings ({@code on} when unset). */
    public static PlannerSettings from(Function<String, String> settings) {
        boolean[] on = new boolean[NAMES.size()];
        for (int i = 0; i < on.length; i++) {
            String v = settings.apply(NAMES.get(i));
            on[i] = v == null || isOn(v);
        }
        return new PlannerSettings(on[0], on[1], on[2], on[3], on[4], on[5], on[6], on[7],
                on[8]);
    }

    /** PostgreSQL's boolean setting spellings; anything else is not a boolean. */
    public static Boolean parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT).replace("'", "").strip()) {
            case "on", "true", "yes", "1", "t", "y" -> Boolean.TRUE;
            case "off", "false", "no", "0", "f", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static boolean isOn(String value) {
        return !Boolean.FALSE.equals(parse(value));
    }
}
