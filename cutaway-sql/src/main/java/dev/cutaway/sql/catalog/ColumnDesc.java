package dev.cutaway.sql.catalog;

import dev.cutaway.sql.types.SqlType;
import java.util.Objects;

/**
 * One column of a table as the catalog stores it.
 *
 * @param name the column name (as the lexer produced it)
 * @param type its SQL type with modifiers
 * @param notNull NOT NULL (primary-key columns always are)
 * @param defaultSql the DEFAULT expression as SQL text ({@code SqlPrinter}), or null
 * @param identity how the column is generated, {@link Identity#NONE} for a plain column
 * @param sequenceId the sequence feeding SERIAL / IDENTITY values, 0 when none
 */
public record ColumnDesc(String name, SqlType type, boolean notNull, String defaultSql,
        Identity identity, long sequenceId) {

    /** SERIAL is a DEFAULT nextval(...); IDENTITY columns are ALWAYS or BY DEFAULT. */
    public enum Identity { NONE, SERIAL, ALWAYS, BY_DEFAULT }

    public ColumnDesc {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(identity, "identity");
    }

    public ColumnDesc withName(String newName) {
        return new ColumnDesc(newName, type, notNull, defaultSql, identity, sequenceId);
    }

    public ColumnDesc withNotNull(boolean on) {
        return new ColumnDesc(name, type, on, defaultSql, identity, sequenceId);
    }

    public ColumnDesc withDefault(String sql) {
        return new ColumnDesc(name, type, notNull, sql, identity, sequenceId);
    }
}
