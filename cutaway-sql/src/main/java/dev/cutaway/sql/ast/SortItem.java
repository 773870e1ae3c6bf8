package dev.cutaway.sql.ast;

/**
 * One key of ORDER BY (of a query, an aggregate's arguments, or a window): expression, direction
 * and where NULLs go, each DEFAULT when not written (PostgreSQL then sorts ascending with NULLs
 * last, and descending with NULLs first).
 */
public record SortItem(Expr expr, Direction direction, Nulls nulls) {

    public enum Direction { DEFAULT, ASC, DESC }

    public enum Nulls { DEFAULT, FIRST, LAST }
}
