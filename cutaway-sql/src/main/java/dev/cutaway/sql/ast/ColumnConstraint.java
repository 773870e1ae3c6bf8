package dev.cutaway.sql.ast;

/**
 * A constraint written on a column of CREATE TABLE; {@code name} is the optional CONSTRAINT name
 * (null when none).
 */
public sealed interface ColumnConstraint {

    String name();

    record NotNull(String name) implements ColumnConstraint {}

    /** NULL (explicitly nullable; PostgreSQL accepts and ignores it). */
    record Nullable(String name) implements ColumnConstraint {}

    record Default(String name, Expr value) implements ColumnConstraint {}

    record PrimaryKey(String name) implements ColumnConstraint {}

    record Unique(String name) implements ColumnConstraint {}

    record Check(String name, Expr condition) implements ColumnConstraint {}

    /** REFERENCES table [(column)] [ON DELETE action] [ON UPDATE action]. */
    record References(String name, TableConstraint.Reference target) implements ColumnConstraint {}

    /** GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY. */
    record Identity(String name, boolean always) implements ColumnConstraint {}
}
