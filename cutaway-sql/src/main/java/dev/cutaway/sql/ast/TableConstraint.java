package dev.cutaway.sql.ast;

import java.util.List;

/**
 * A table constraint of CREATE TABLE or ALTER TABLE ADD; {@code name} is the optional CONSTRAINT
 * name (null when none).
 */
public sealed interface TableConstraint {

    String name();

    enum Action { NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT }

    /** The referenced side of a foreign key; columns empty means the primary key. */
    record Reference(List<String> table, List<String> columns, Action onDelete,
            Action onUpdate) {}

    record PrimaryKey(String name, List<String> columns) implements TableConstraint {}

    record Unique(String name, List<String> columns) implements TableConstraint {}

    record Check(String name, Expr condition) implements TableConstraint {}

    /** FOREIGN KEY (columns) REFERENCES ... */
    record ForeignKey(String name, List<String> columns, Reference target)
            implements TableConstraint {}
}
