package dev.cutaway.sql.slt;

import java.util.List;
import java.util.Locale;

/**
 * One record of a sqllogictest script, as {@link SltParser} reads it. Every record carries the
 * 1-based line number of its first line (after its conditions) and its {@code skipif}/{@code
 * onlyif} conditions; SQL text has comments removed and its lines joined by {@code \n}.
 *
 * <p>Invariants: a query's type string is non-empty and made of {@code I}, {@code R} and {@code
 * T} only; SQL text is never blank; expected lines never contain a line break.
 */
sealed interface SltRecord {
    /** Line of the record's command ({@code statement}, {@code query}, ...), 1-based. */
    int line();

    /** The {@code skipif}/{@code onlyif} lines in front of the record, in order. */
    List<Condition> conditions();

    /** Whether an engine running under {@code label} runs this record (all conditions agree). */
    default boolean appliesTo(String label) {
        for (Condition c : conditions()) {
            if (!c.permits(label)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code statement ok} or {@code statement error}. {@code errorText} is whatever followed
     * {@code error} on the command line (empty in the SQLite corpus); it is kept, not checked.
     */
    record Statement(int line, List<Condition> conditions, boolean expectError, String errorText,
            String sql) implements SltRecord {
        public Statement {
            conditions = List.copyOf(conditions);
            requireSql(sql, line);
        }
    }

    /**
     * {@code query <types> [sort mode] [label]}: the SQL and the expected lines after {@code
     * ----} (one rendered value per line, or one line {@code N values hashing to <md5>}).
     * {@code label} is empty when absent.
     */
    record Query(int line, List<Condition> conditions, String types, SortMode sortMode,
            String label, String sql, List<String> expected) implements SltRecord {
        public Query {
            conditions = List.copyOf(conditions);
            expected = List.copyOf(expected);
            if (types.isEmpty() || !types.chars().allMatch(c -> c == 'I' || c == 'R' || c == 'T')) {
                throw new IllegalArgumentException("line " + line + ": bad type string " + types);
            }
            requireSql(sql, line);
        }

        /** The expected result as a hash, or null when the values are listed. */
        HashedResult expectedHash() {
            return expected.size() == 1 ? HashedResult.parse(expected.getFirst()) : null;
        }
    }

    /** {@code hash-threshold N}: results of more than N values are compared by hash (0: never). */
    record HashThreshold(int line, List<Condition> conditions, int threshold)
            implements SltRecord {
        public HashThreshold {
            conditions = List.copyOf(conditions);
            if (threshold < 0) {
                throw new IllegalArgumentException("line " + line + ": negative hash-threshold");
            }
        }
    }

    /** {@code halt}: stop reading the script (when its conditions apply). */
    record Halt(int line, List<Condition> conditions) implements SltRecord {
        public Halt {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * A record the parser could not read (unknown command, query without SQL, ...). The runner
     * counts it as an error and goes on with the next record, as the parser does.
     */
    record Malformed(int line, List<Condition> conditions, String reason) implements SltRecord {
        public Malformed {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code skipif <engine>} ({@code only == false}) or {@code onlyif <engine>}. */
    record Condition(boolean only, String engine) {
        public Condition {
            engine = engine.toLowerCase(Locale.ROOT);
        }

        boolean permits(String label) {
            boolean named = engine.equalsIgnoreCase(label);
            return only == named;
        }
    }

    /** How the runner orders a query's rendered values before comparing them. */
    enum SortMode {
        /** Keep the engine's order (the default). */
        NOSORT,
        /** Sort rows, comparing rendered values column by column with strcmp. */
        ROWSORT,
        /** Sort all values one by one with strcmp. */
        VALUESORT;

        static SortMode parse(String word) {
            return switch (word) {
                case "nosort" -> NOSORT;
                case "rowsort" -> ROWSORT;
                case "valuesort" -> VALUESORT;
                default -> null;
            };
        }
    }

    /** The line {@code <count> values hashing to <md5>}. */
    record HashedResult(int valueCount, String md5) {
        private static final java.util.regex.Pattern FORM =
                java.util.regex.Pattern.compile("(\\d+) values hashing to ([0-9a-f]{32})");

        static HashedResult parse(String line) {
            var m = FORM.matcher(line);
            return m.matches() ? new HashedResult(Integer.parseInt(m.group(1)), m.group(2)) : null;
        }

        String line() {
            return valueCount + " values hashing to " + md5;
        }
    }

    private static void requireSql(String sql, int line) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("line " + line + ": record without SQL");
        }
    }
}
