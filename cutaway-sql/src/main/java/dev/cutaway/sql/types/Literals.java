package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The types PostgreSQL gives literal constants, so the parser and binder agree with it:
 * an integer literal is integer if it fits in 32 bits, else bigint if it fits in 64, else
 * numeric; a literal with a decimal point or an exponent is numeric (never double precision:
 * {@code 0.1} is exact); a quoted string is {@code unknown} until context gives it a type;
 * NULL is an unknown NULL. A minus sign written before a numeric literal belongs to the
 * literal ({@code -2147483648} is an integer constant), as PostgreSQL's grammar folds it.
 */
public final class Literals {
    /** A constant and its type. */
    public record TypedValue(Object value, SqlType type) {}

    private static final int NUMBER_CHARS_MAX = NumberText.NUMERIC_TEXT_CHARS_MAX;

    private Literals() {}

    /**
     * The constant for numeric literal text as the lexer saw it ({@code 42}, {@code 1.5},
     * {@code 1e10}, {@code .5}), optionally with a leading minus (folded by the grammar).
     */
    public static TypedValue number(String text) {
        boolean exact = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (!NumberText.isDecimalSyntax(text) || text.length() > NUMBER_CHARS_MAX) {
            throw new SqlException(SqlState.SYNTAX_ERROR,
                    "invalid numeric literal \"" + text + "\"");
        }
        if (exact) {
            BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
            if (value.bitLength() < 32) {
                return new TypedValue(value.intValue(), SqlType.INTEGER);
            }
            if (value.bitLength() < 64) {
                return new TypedValue(value.longValue(), SqlType.BIGINT);
            }
            return new TypedValue(new BigDecimal(value), SqlType.NUMERIC);
        }
        return new TypedValue(NumberText.parseNumeric(text), SqlType.NUMERIC);
    }

    /** The literal text with a minus sign folded in (or removed: {@code - -5} is 5). */
    public static String negate(String text) {
        return text.startsWith("-") ? text.substring(1) : "-" + text;
    }

    /** An untyped string literal. */
    public static TypedValue string(String text) {
        return new TypedValue(text, SqlType.UNKNOWN);
    }

    /** The NULL literal. */
    public static TypedValue nullValue() {
        return new TypedValue(null, SqlType.UNKNOWN);
    }

    /** TRUE or FALSE. */
    public static TypedValue bool(boolean value) {
        return new TypedValue(value, SqlType.BOOLEAN);
    }
}
