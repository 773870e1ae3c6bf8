package dev.cutaway.sql.explain;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.stats.PlannerSettings;
import java.util.List;
import java.util.Locale;

/**
 * The options of one EXPLAIN: {@code ANALYZE} runs the statement; {@code BUFFERS} (on by
 * default with ANALYZE, unlike PostgreSQL, because the evidence is the point) prints the KV
 * read counters; {@code COSTS} the estimates; {@code TIMING} the per-operator times;
 * {@code FORMAT TEXT | JSON}. {@code VERBOSE} and {@code SUMMARY} are accepted and ignored.
 */
public record ExplainOptions(boolean analyze, boolean buffers, boolean costs, boolean timing,
        boolean json) {

    /** Options from the parsed list; 42601 for an unknown option, 22023 for a bad value. */
    public static ExplainOptions from(List<Statement.UtilityOption> options, int position) {
        Boolean analyze = null;
        Boolean buffers = null;
        boolean costs = true;
        boolean timing = true;
        boolean json = false;
        for (Statement.UtilityOption o : options) {
            switch (o.name().toLowerCase(Locale.ROOT)) {
                case "analyze", "analyse" -> analyze = bool(o, position);
                case "buffers" -> buffers = bool(o, position);
                case "costs" -> costs = bool(o, position);
                case "timing" -> timing = bool(o, position);
                case "verbose", "summary", "settings", "wal" -> bool(o, position);
                case "format" -> json = format(o, position);
                default -> throw new SqlException(SqlState.SYNTAX_ERROR,
                        "unrecognized EXPLAIN option \"" + o.name() + "\"", position);
            }
        }
        boolean run = Boolean.TRUE.equals(analyze);
        return new ExplainOptions(run, buffers == null ? run : buffers, costs, timing && run,
                json);
    }

    private static boolean bool(Statement.UtilityOption o, int position) {
        if (o.value() == null) {
            return true;
        }
        Boolean b = PlannerSettings.parse(o.value());
        if (b == null) {
            throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, o.name()
                    + " requires a Boolean value", position);
        }
        return b;
    }

    private static boolean format(Statement.UtilityOption o, int position) {
        String v = o.value() == null ? "" : o.value().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
                    "unrecognized value for EXPLAIN option \"format\": \"" + o.value() + "\"",
                    position);
        };
    }
}
