package dev.cutaway.sql.ast;

import java.util.List;

/**
 * The window of {@code f(...) OVER (...)}: {@code name} is {@code OVER w} or the base window of
 * {@code OVER (w ORDER BY ...)} (null when none), then PARTITION BY, ORDER BY and an optional
 * frame (null when not written).
 */
public record WindowSpec(String name, List<Expr> partitionBy, List<SortItem> orderBy,
        Frame frame) {

    public enum FrameUnit { ROWS, RANGE, GROUPS }

    public enum BoundKind {
        UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING
    }

    /** A frame bound; offset is set for PRECEDING and FOLLOWING only. */
    public record Bound(BoundKind kind, Expr offset) {}

    /** {@code unit BETWEEN start AND end}, or {@code unit start} with end null. */
    public record Frame(FrameUnit unit, Bound start, Bound end) {}
}
