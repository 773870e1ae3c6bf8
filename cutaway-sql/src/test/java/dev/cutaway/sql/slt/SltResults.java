package dev.cutaway.sql.slt;

import java.util.List;

/**
 * What running sqllogictest scripts produces: per record failures, and per script totals.
 * Counting (as in shared/sqllogictest/README.md): only {@code statement} and {@code query}
 * records count; one passes when it behaves as the record says, else it fails; records a
 * {@code skipif}/{@code onlyif} condition excludes are skipped; errors are records the runner
 * could not judge (a malformed record, a value it cannot render, an engine that would not
 * open, a script cut off at its deadline).
 */
final class SltResults {
    private SltResults() {}

    /** Why a record did not pass. */
    enum Kind {
        /** {@code statement ok} raised an error. */
        STATEMENT_FAILED(false),
        /** {@code statement error} succeeded. */
        STATEMENT_SUCCEEDED(false),
        /** A query raised an error. */
        QUERY_FAILED(false),
        /** A query returned a different number of columns than its type string has. */
        COLUMN_COUNT(false),
        /** A query returned other values than expected. */
        WRONG_RESULT(false),
        /** The engine threw an invariant violation or overflowed its stack: a bug. */
        ENGINE_BUG(false),
        /** The parser could not read the record. */
        MALFORMED(true),
        /** The engine would not open, or returned a value the runner cannot render. */
        ENGINE_ERROR(true),
        /** The script ran past its deadline; the rest of it did not run. */
        TIMEOUT(true);

        final boolean isError;

        Kind(boolean isError) {
            this.isError = isError;
        }
    }

    /**
     * One record that did not pass: the line of its command, the SQL, and what was expected
     * and what came instead (each possibly several lines, already shortened for reading).
     */
    record Failure(int line, Kind kind, String sql, String expected, String actual) {}

    /** Totals of one script, with its first failures (at most the runner's bound). */
    record FileResult(String name, int passed, int failed, int skipped, int errors,
            boolean halted, long elapsedMillis, List<Failure> firstFailures) {
        public FileResult {
            firstFailures = List.copyOf(firstFailures);
        }

        int judged() {
            return passed + failed + errors;
        }
    }
}
