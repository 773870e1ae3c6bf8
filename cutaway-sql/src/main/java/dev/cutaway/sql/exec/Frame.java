package dev.cutaway.sql.exec;

/**
 * The row an expression is evaluated against, and the rows of the enclosing queries (for
 * correlated subqueries): a column reference at depth d reads {@code outer} d times, then the
 * row. Frames are immutable links; the arrays are owned by the operator that made them.
 */
public record Frame(Object[] row, Frame outer) {
    public static final Frame EMPTY = new Frame(new Object[0], null);

    /** The frame {@code depth} levels out (0 is this one). */
    public Frame up(int depth) {
        Frame f = this;
        for (int i = 0; i < depth; i++) {
            f = f.outer;
        }
        return f;
    }

    /** A frame for {@code inner} nested inside this one. */
    public Frame push(Object[] inner) {
        return new Frame(inner, this);
    }
}
