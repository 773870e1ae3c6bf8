package dev.cutaway.sql.parse;

import java.util.Set;

/**
 * PostgreSQL's keyword categories (Appendix C of its manual, "SQL Key Words"), which decide where
 * a word may serve as a name. Only reserved words are refused as plain identifiers; everything
 * else (value, name, key, text, date, ...) stays usable as a column or table name.
 *
 * <ul>
 *   <li>reserved: never a column, table or function name; a column label only after AS;
 *   <li>type/function names (join, left, like, ...): a function or type name, never a column or
 *       table name;
 *   <li>column names (between, int, coalesce, ...): a column or table name, never a function or
 *       type name (the parser knows their special syntax);
 *   <li>every other word, keyword or not, is a plain identifier.
 * </ul>
 */
final class Keywords {
    static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array",
            "as", "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column",
            "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from",
            "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on",
            "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "system_user", "table", "then", "to",
            "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
            "window", "with");

    static final Set<String> TYPE_FUNCTION_NAME = Set.of("authorization", "binary", "collation",
            "concurrently", "cross", "current_schema", "freeze", "full", "ilike", "inner", "is",
            "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right",
            "similar", "tablesample", "verbose");

    static final Set<String> COLUMN_NAME = Set.of("between", "bigint", "bit", "boolean", "char",
            "character", "coalesce", "dec", "decimal", "exists", "extract", "float", "greatest",
            "grouping", "inout", "int", "integer", "interval", "least", "national", "nchar",
            "none", "normalize", "nullif", "numeric", "out", "overlay", "position", "precision",
            "real", "row", "setof", "smallint", "substring", "time", "timestamp", "treat", "trim",
            "values", "varchar");

    /** Words that may not be a column label without AS, though not reserved (PostgreSQL's
     *  AS_LABEL keywords that can follow an expression). */
    private static final Set<String> AS_LABEL_ONLY = Set.of("day", "hour", "minute", "month",
            "second", "year", "filter", "over", "within", "without", "varying", "precision",
            "char", "character", "escape", "isnull", "notnull", "is", "like", "ilike", "similar");

    private Keywords() {}

    /** Whether an unquoted {@code word} may name a column or table (PostgreSQL's ColId). */
    static boolean isColumnId(String word) {
        return !RESERVED.contains(word) && !TYPE_FUNCTION_NAME.contains(word);
    }

    /** Whether an unquoted {@code word} may name a function or type (type_function_name). */
    static boolean isFunctionName(String word) {
        return !RESERVED.contains(word) && !COLUMN_NAME.contains(word);
    }

    /** Whether an unquoted {@code word} may be a column alias without AS (BareColLabel). */
    static boolean isBareLabel(String word) {
        return isColumnId(word) && !AS_LABEL_ONLY.contains(word);
    }

    /** Whether an unquoted {@code word} is reserved in any way (needs quoting to be a name). */
    static boolean needsQuoting(String word) {
        return RESERVED.contains(word) || TYPE_FUNCTION_NAME.contains(word)
                || COLUMN_NAME.contains(word);
    }
}
