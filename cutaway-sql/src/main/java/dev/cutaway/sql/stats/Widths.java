package dev.cutaway.sql.stats;

import dev.cutaway.sql.types.Bytea;
import dev.cutaway.sql.types.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Approximate widths in bytes of values as the row encoding stores them, for the
 * {@code width=} of EXPLAIN and the pages a scan reads: fixed-size types by their size,
 * strings by their UTF-8 length plus a length prefix.
 */
final class Widths {
    private Widths() {}

    static int bytes(Object value) {
        return switch (value) {
            case String s -> s.getBytes(StandardCharsets.UTF_8).length + 1;
            case Bytea b -> b.length() + 1;
            case BigDecimal d -> d.unscaledValue().bitLength() / 8 + 3;
            case Short x -> 2;
            case Integer x -> 4;
            case Float x -> 4;
            case Boolean x -> 1;
            default -> 8;
        };
    }

    /** The width of a value of {@code type} when nothing was measured. */
    static int typeBytes(SqlType type) {
        return switch (type.id()) {
            case SMALLINT -> 2;
            case INTEGER, REAL, DATE -> 4;
            case BOOLEAN -> 1;
            case TEXT, VARCHAR, CHAR, BYTEA, NUMERIC -> 32;
            default -> 8;
        };
    }
}
