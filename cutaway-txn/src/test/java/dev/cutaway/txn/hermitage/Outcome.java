package dev.cutaway.txn.hermitage;

import java.util.List;
import java.util.Objects;

/**
 * What one statement returned, as a {@link Session} reports it: rows, an affected-row count,
 * plain success, or a failure with its SQLSTATE. Row values are {@link Long}s or
 * {@link String}s (or null), so a JDBC or wire-protocol session can report them as well.
 */
public sealed interface Outcome {

    /** A query's rows, in the order returned. */
    record Rows(List<List<Object>> rows) implements Outcome {
        public Rows {
            rows = rows.stream().map(r -> List.copyOf(r.stream()
                    .map(Outcome::normalize).toList())).toList();
        }
    }

    /** An INSERT, UPDATE or DELETE that affected {@code count} rows. */
    record Count(long count) implements Outcome {}

    /** Success without rows or count (BEGIN, COMMIT, SET …). */
    record Ok() implements Outcome {}

    /** A failure with PostgreSQL's SQLSTATE. */
    record Failed(String sqlState, String message) implements Outcome {
        public Failed {
            Objects.requireNonNull(sqlState, "sqlState");
            if (sqlState.length() != 5) {
                throw new IllegalArgumentException("SQLSTATE has five characters: " + sqlState);
            }
        }
    }

    /** True unless this is a {@link Failed}. */
    default boolean succeeded() {
        return !(this instanceof Failed);
    }

    /** Integers of every width become Longs, so rows compare with the spec's numbers. */
    static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            default -> value;
        };
    }
}
