package dev.cutaway.sql.types;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * The one place that says what type an aggregate returns, as PostgreSQL's
 * {@code pg_aggregate} does (the executor owns the aggregate state):
 * <pre>
 *   count(*), count(x)          bigint
 *   sum(smallint | integer)     bigint
 *   sum(bigint | numeric)       numeric
 *   sum(real) real, sum(double precision) double precision, sum(interval) interval
 *   avg(smallint | integer | bigint | numeric)   numeric (sum / count with numeric division
 *                                                scale, e.g. avg(1, 2) = 1.5000000000000000)
 *   avg(real | double precision) double precision, avg(interval) interval
 *   min, max                    the argument's type (any ordered type; text by code point)
 *   bool_and, bool_or, every    boolean;  string_agg(text, text) text
 *   array_agg(x)                an array of x's type (NULL inputs kept as elements)
 * </pre>
 * Unknown arguments (untyped literals) are taken as text, as PostgreSQL does. Anything else is
 * 42883 {@code function sum(text) does not exist}.
 */
public final class AggregateTypes {
    private AggregateTypes() {}

    /** Whether {@code name} is an aggregate this table knows. */
    public static boolean isAggregate(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "count", "sum", "avg", "min", "max", "bool_and", "bool_or", "every",
                    "string_agg", "array_agg" -> true;
            default -> false;
        };
    }

    /** The result type of aggregate {@code name} over {@code arg} (null for count(*)). */
    public static SqlType resultType(String name, SqlType arg) {
        String fn = name.toLowerCase(Locale.ROOT);
        if (fn.equals("count")) {
            return SqlType.BIGINT;
        }
        if (fn.equals("array_agg") && arg != null) {
            SqlType element = arg.id() == TypeId.UNKNOWN ? SqlType.TEXT : arg.base();
            if (element.isArray() || element.id() == TypeId.RECORD) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "array_agg of arrays or records is not supported");
            }
            return SqlType.arrayOf(element);
        }
        TypeId id = arg == null ? null : arg.id() == TypeId.UNKNOWN ? TypeId.TEXT : arg.id();
        SqlType result = id == null ? null : switch (fn) {
            case "sum" -> switch (id) {
                case SMALLINT, INTEGER -> SqlType.BIGINT;
                case BIGINT, NUMERIC -> SqlType.NUMERIC;
                case REAL, DOUBLE, INTERVAL -> SqlType.of(id);
                default -> null;
            };
            case "avg" -> switch (id) {
                case SMALLINT, INTEGER, BIGINT, NUMERIC -> SqlType.NUMERIC;
                case REAL, DOUBLE -> SqlType.DOUBLE;
                case INTERVAL -> SqlType.INTERVAL;
                default -> null;
            };
            case "min", "max" -> id == TypeId.VARCHAR ? SqlType.TEXT : SqlType.of(id);
            case "bool_and", "bool_or", "every" -> id == TypeId.BOOLEAN ? SqlType.BOOLEAN
                    : null;
            case "string_agg" -> id.isString() ? SqlType.TEXT : null;
            default -> null;
        };
        if (result == null) {
            throw new SqlException(SqlState.UNDEFINED_FUNCTION, "function " + fn + "("
                    + (arg == null ? "" : arg.id().displayName()) + ") does not exist", 0, null,
                    "No function matches the given name and argument types. You might need to "
                    + "add explicit type casts.", null);
        }
        return result;
    }

    /** avg over integers or numeric: {@code sum / count} with numeric division's scale. */
    public static BigDecimal average(BigDecimal sum, long count) {
        return Arithmetic.divide(sum, BigDecimal.valueOf(count));
    }
}
