package dev.cutaway.txn.hermitage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a step expects (the spec's {@code expect}): {@code "ok"}, {@code {"rows": …}},
 * {@code {"count": n}}, {@code "blocks"}, {@code {"error": sqlstate-or-class}} or
 * {@code "aborted"}.
 */
public sealed interface Expectation {

    record Ok() implements Expectation {}

    /** Exactly these rows, in any order. */
    record Rows(List<List<Object>> rows) implements Expectation {
        public Rows {
            rows = List.copyOf(rows.stream().map(List::copyOf).toList());
        }
    }

    record Count(long count) implements Expectation {}

    /** Does not return until another session ends; the resume step gives the outcome. */
    record Blocks() implements Expectation {}

    /** Fails with this SQLSTATE, or any of its class when two characters long. */
    record Error(String sqlState) implements Expectation {
        public Error {
            if (sqlState.length() != 2 && sqlState.length() != 5) {
                throw new IllegalArgumentException("SQLSTATE or class expected: " + sqlState);
            }
        }
    }

    /** The transaction has already failed: 25P02, though COMMIT/ROLLBACK may complete. */
    record Aborted() implements Expectation {}

    /** The expectation written as {@code json} in the spec. */
    static Expectation parse(Object json) {
        if (json instanceof String word) {
            return switch (word) {
                case "ok" -> new Ok();
                case "blocks" -> new Blocks();
                case "aborted" -> new Aborted();
                default -> throw new IllegalArgumentException("unknown expectation: " + word);
            };
        }
        if (json instanceof Map<?, ?> map && map.size() == 1) {
            var entry = map.entrySet().iterator().next();
            Object v = entry.getValue();
            return switch ((String) entry.getKey()) {
                case "rows" -> new Rows(rowsOf(v));
                case "count" -> new Count((Long) v);
                case "error" -> new Error((String) v);
                default -> throw new IllegalArgumentException("unknown expectation: " + map);
            };
        }
        throw new IllegalArgumentException("unknown expectation: " + json);
    }

    /** A JSON list of rows (lists of numbers or strings). */
    @SuppressWarnings("unchecked")
    static List<List<Object>> rowsOf(Object json) {
        return ((List<Object>) json).stream()
                .map(r -> List.copyOf((List<Object>) r)).toList();
    }

    /**
     * True if {@code seen} (the step's observation, the resumed outcome for a resume step)
     * agrees with this expectation for statement {@code sql}.
     */
    default boolean matches(Observation seen, String sql) {
        if (this instanceof Blocks) {
            return seen.blocked();
        }
        if (seen.blocked() && seen.sql() != null) {
            return false;   // blocked where the spec expects it to return
        }
        Outcome out = seen.outcome();
        if (out == null) {
            return false;
        }
        return switch (this) {
            case Ok ok -> out.succeeded() && !(out instanceof Outcome.Rows);
            case Rows r -> out instanceof Outcome.Rows o && sameRows(r.rows(), o.rows());
            case Count c -> out instanceof Outcome.Count o && o.count() == c.count();
            case Error e -> out instanceof Outcome.Failed f
                    && f.sqlState().startsWith(e.sqlState());
            case Aborted a -> out instanceof Outcome.Failed f
                    ? f.sqlState().equals("25P02") : endsTransaction(sql);
            case Blocks b -> throw new IllegalStateException("handled above");
        };
    }

    /** True for COMMIT, ROLLBACK (and their synonyms END, ABORT). */
    static boolean endsTransaction(String sql) {
        if (sql == null) {
            return false;
        }
        String s = sql.trim().toLowerCase(java.util.Locale.ROOT);
        return s.equals("commit") || s.equals("rollback") || s.equals("end")
                || s.equals("abort");
    }

    /** Equal as multisets of rows. */
    static boolean sameRows(List<List<Object>> a, List<List<Object>> b) {
        return a.size() == b.size() && counts(a).equals(counts(b));
    }

    /** Every row of {@code wanted} appears in {@code rows} (as often). */
    static boolean includesRows(List<List<Object>> rows, List<List<Object>> wanted) {
        Map<List<Object>, Integer> have = counts(rows);
        for (var e : counts(wanted).entrySet()) {
            if (have.getOrDefault(e.getKey(), 0) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Map<List<Object>, Integer> counts(List<List<Object>> rows) {
        Map<List<Object>, Integer> counts = new HashMap<>();
        for (List<Object> row : rows) {
            counts.merge(row, 1, Integer::sum);
        }
        return counts;
    }
}
