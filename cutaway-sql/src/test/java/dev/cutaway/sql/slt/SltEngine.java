package dev.cutaway.sql.slt;

import java.util.List;

/**
 * The database a sqllogictest script runs against: Cutaway's executor once it exists, real
 * PostgreSQL through JDBC ({@link JdbcEngine}) to validate the runner, or a fake in tests.
 *
 * <p>One engine is one fresh, empty database: the runner opens one per script through a
 * {@link Factory} and closes it after the script. Any exception from {@link #execute} or {@link
 * #query} means "this SQL failed" (a {@code statement error} record expects one). Values in
 * results are Java objects of the kinds {@link SltRendering} reads: null, Long, Integer, Short,
 * BigDecimal, Double, Float, String, Boolean.
 */
interface SltEngine extends AutoCloseable {
    /** Runs one SQL statement that returns no rows (or whose rows are ignored). */
    void execute(String sql) throws Exception;

    /** Runs one query and returns all its rows (the engine bounds their number). */
    SltRows query(String sql) throws Exception;

    /**
     * Asks the statement running on another thread to stop (the runner calls it when a script
     * runs past its deadline). The default does nothing; the runner then abandons the thread.
     */
    default void cancel() {}

    @Override
    void close() throws Exception;

    /** Opens fresh, empty databases. */
    @FunctionalInterface
    interface Factory {
        SltEngine open() throws Exception;
    }

    /**
     * A query's result: its column count (known even when there are no rows) and its rows.
     * Invariant: every row has exactly {@code columnCount} values.
     */
    record SltRows(int columnCount, List<List<Object>> rows) {
        public SltRows {
            if (columnCount < 0) {
                throw new IllegalArgumentException("negative column count");
            }
            rows = List.copyOf(rows.stream().map(SltRows::row).toList());
            for (List<Object> row : rows) {
                if (row.size() != columnCount) {
                    throw new IllegalArgumentException(
                            "row of " + row.size() + " values in a result of " + columnCount);
                }
            }
        }

        private static List<Object> row(List<Object> values) {
            // List.copyOf rejects nulls, and NULL is a value here.
            return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }
}
