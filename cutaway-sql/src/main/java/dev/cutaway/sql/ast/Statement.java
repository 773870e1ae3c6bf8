package dev.cutaway.sql.ast;

import dev.cutaway.sql.ast.QueryBody.Target;
import java.util.List;

/**
 * A SQL statement. {@link Query} is one; the others are nested here, grouped as DML, DDL,
 * transaction control, session settings and utilities. Names are lists of parts ({@code s.t} is
 * ["s", "t"]); optional parts are null when absent and lists empty, never null. Every statement
 * knows the 1-based position where it starts.
 */
public sealed interface Statement permits Query, Statement.Insert, Statement.Update,
        Statement.Delete, Statement.CreateTable, Statement.Drop, Statement.CreateIndex,
        Statement.CreateView, Statement.CreateSequence, Statement.AlterTable, Statement.Truncate,
        Statement.Begin, Statement.Commit, Statement.Rollback, Statement.Savepoint,
        Statement.RollbackToSavepoint, Statement.ReleaseSavepoint, Statement.SetTransaction,
        Statement.SetVariable, Statement.Show, Statement.Reset, Statement.Explain,
        Statement.Analyze, Statement.Vacuum, Statement.Copy, Statement.CreateSchema,
        Statement.DeclareCursor, Statement.Fetch, Statement.CloseCursor, Statement.RoleStatement {

    int position();

    // ---- DML ----

    /** {@code column = value} of UPDATE and ON CONFLICT DO UPDATE; value may be DEFAULT. */
    record Assignment(String column, Expr value, int position) {}

    enum ConflictAction { NOTHING, UPDATE }

    /**
     * {@code ON CONFLICT [(columns) | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ...
     * [WHERE ...]}; constraint is null unless named.
     */
    record OnConflict(List<String> columns, String constraint, ConflictAction action,
            List<Assignment> set, Expr where) {}

    /**
     * INSERT INTO table [AS alias] [(columns)] {query | DEFAULT VALUES} [ON CONFLICT ...]
     * [RETURNING ...]. {@code source} is null for DEFAULT VALUES; a VALUES list is a query whose
     * body is {@link QueryBody.Values} (DEFAULT items are {@link Expr.DefaultValue}).
     */
    record Insert(Query.With with, List<String> table, String alias, List<String> columns,
            Query source, OnConflict onConflict, List<Target> returning, int position)
            implements Statement {}

    /** UPDATE table [[AS] alias] SET ... [FROM ...] [WHERE ...] [RETURNING ...]. */
    record Update(Query.With with, List<String> table, String alias, List<Assignment> set,
            List<FromItem> from, Expr where, List<Target> returning, int position)
            implements Statement {}

    /** DELETE FROM table [[AS] alias] [USING ...] [WHERE ...] [RETURNING ...]. */
    record Delete(Query.With with, List<String> table, String alias, List<FromItem> using,
            Expr where, List<Target> returning, int position) implements Statement {}

    // ---- DDL ----

    /** {@code name = value} of WITH (...) on CREATE TABLE; value as written (string unquoted). */
    record StorageParameter(String name, String value) {}

    /** A column of CREATE TABLE or ALTER TABLE ADD COLUMN. */
    record ColumnDef(String name, TypeName type, List<ColumnConstraint> constraints,
            int position) {}

    /** CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (columns, constraints) [WITH (...)]. */
    record CreateTable(List<String> name, boolean ifNotExists, boolean temporary,
            List<ColumnDef> columns, List<TableConstraint> constraints,
            List<StorageParameter> storage, int position) implements Statement {}

    enum ObjectKind { TABLE, INDEX, VIEW, SEQUENCE, SCHEMA }

    /** CREATE SCHEMA [IF NOT EXISTS] name. */
    record CreateSchema(String name, boolean ifNotExists, int position) implements Statement {}

    enum DropBehavior { DEFAULT, CASCADE, RESTRICT }

    /** DROP TABLE | INDEX | VIEW | SEQUENCE | SCHEMA [IF EXISTS] names [CASCADE | RESTRICT]. */
    record Drop(ObjectKind kind, boolean ifExists, List<List<String>> names,
            DropBehavior behavior, int position) implements Statement {}

    /**
     * CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON table [USING method] (keys) [WHERE ...].
     * A key is a column or an expression with a direction; name, method and where may be null.
     */
    record CreateIndex(String name, boolean unique, boolean ifNotExists, List<String> table,
            String method, List<SortItem> keys, Expr where, int position) implements Statement {}

    /** CREATE [OR REPLACE] [TEMPORARY] VIEW name [(columns)] AS query. */
    record CreateView(List<String> name, boolean orReplace, boolean temporary,
            List<String> columns, Query query, int position) implements Statement {}

    enum SequenceOptionKind {
        AS, INCREMENT, MINVALUE, NO_MINVALUE, MAXVALUE, NO_MAXVALUE, START, CACHE, CYCLE, NO_CYCLE
    }

    /** One option of CREATE SEQUENCE; value set for the kinds that take a number. */
    record SequenceOption(SequenceOptionKind kind, Long value, TypeName type) {}

    /** CREATE [TEMPORARY] SEQUENCE [IF NOT EXISTS] name [options]. */
    record CreateSequence(List<String> name, boolean ifNotExists, List<SequenceOption> options,
            int position) implements Statement {}

    /** One action of ALTER TABLE. */
    sealed interface AlterAction {
        record AddColumn(ColumnDef column, boolean ifNotExists) implements AlterAction {}

        record DropColumn(String column, boolean ifExists, DropBehavior behavior)
                implements AlterAction {}

        record RenameColumn(String from, String to) implements AlterAction {}

        record RenameTable(String to) implements AlterAction {}

        record AddConstraint(TableConstraint constraint) implements AlterAction {}

        /** DROP CONSTRAINT [IF EXISTS] name [CASCADE | RESTRICT]. */
        record DropConstraint(String name, boolean ifExists, DropBehavior behavior)
                implements AlterAction {}

        record AlterColumnNotNull(String column, boolean notNull) implements AlterAction {}

        record AlterColumnDefault(String column, Expr value) implements AlterAction {}
    }

    /** ALTER TABLE [IF EXISTS] name action[, ...] (RENAME comes alone). */
    record AlterTable(List<String> table, boolean ifExists, List<AlterAction> actions,
            int position) implements Statement {}

    /** TRUNCATE [TABLE] names [RESTART IDENTITY] [CASCADE | RESTRICT]. */
    record Truncate(List<List<String>> tables, boolean restartIdentity, DropBehavior behavior,
            int position) implements Statement {}

    // ---- transactions ----

    enum Isolation { READ_UNCOMMITTED, READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE }

    /** Modes of BEGIN and SET TRANSACTION; null when not given. */
    record TransactionModes(Isolation isolation, Boolean readOnly, Boolean deferrable) {
        public static final TransactionModes NONE = new TransactionModes(null, null, null);
    }

    /** BEGIN [WORK | TRANSACTION] [modes] or START TRANSACTION [modes]. */
    record Begin(TransactionModes modes, int position) implements Statement {}

    /** COMMIT or END. */
    record Commit(int position) implements Statement {}

    /** ROLLBACK or ABORT. */
    record Rollback(int position) implements Statement {}

    record Savepoint(String name, int position) implements Statement {}

    /** ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name. */
    record RollbackToSavepoint(String name, int position) implements Statement {}

    /** RELEASE [SAVEPOINT] name. */
    record ReleaseSavepoint(String name, int position) implements Statement {}

    /**
     * CREATE ROLE | USER name [WITH] options, ALTER ROLE | USER name [WITH] options,
     * DROP ROLE | USER [IF EXISTS] name. Options: [NO]LOGIN, [NO]SUPERUSER, PASSWORD 'p' |
     * PASSWORD NULL; null fields were not given. CREATE USER implies LOGIN.
     */
    record RoleStatement(RoleAction action, String name, Boolean login, Boolean superuser,
            String password, boolean passwordNull, boolean ifExists, int position)
            implements Statement {}

    enum RoleAction { CREATE, ALTER, DROP }

    /** SET [SESSION CHARACTERISTICS AS] TRANSACTION modes. */
    record SetTransaction(TransactionModes modes, int position) implements Statement {}

    // ---- cursors ----

    /** DECLARE name [BINARY] [NO] SCROLL CURSOR [WITH | WITHOUT HOLD] FOR query. */
    record DeclareCursor(String name, boolean scroll, boolean hold, Query query, int position)
            implements Statement {}

    /**
     * FETCH [NEXT | FORWARD [n | ALL] | ALL | n] [FROM | IN] cursor (MOVE is not parsed).
     * count is the number of rows, or -1 for ALL.
     */
    record Fetch(String cursor, long count, int position) implements Statement {}

    /** CLOSE name, or CLOSE ALL (name null). */
    record CloseCursor(String name, int position) implements Statement {}

    // ---- settings ----

    /**
     * SET [SESSION | LOCAL] name {TO | =} value[, ...]; values are literals (an identifier
     * value arrives as a string); empty means DEFAULT. SET TIME ZONE x is name "timezone".
     */
    record SetVariable(String name, List<Expr> values, boolean local, int position)
            implements Statement {}

    /** SHOW name (SHOW ALL is name "all"). */
    record Show(String name, int position) implements Statement {}

    /** RESET name (RESET ALL is name "all"). */
    record Reset(String name, int position) implements Statement {}

    // ---- utilities ----

    /**
     * An option of EXPLAIN, VACUUM or COPY: {@code ANALYZE}, {@code FORMAT JSON},
     * {@code FREEZE on}, {@code DELIMITER ','}; name lower case, value as written (a string
     * unquoted, a word folded) or null when bare.
     */
    record UtilityOption(String name, String value) {}

    /** EXPLAIN [ANALYZE] [VERBOSE] statement or EXPLAIN (option, ...) statement. */
    record Explain(List<UtilityOption> options, Statement statement, int position)
            implements Statement {}

    /** ANALYZE [VERBOSE] [tables]. */
    record Analyze(List<List<String>> tables, int position) implements Statement {}

    /** VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [tables], or VACUUM (options) [tables]. */
    record Vacuum(List<UtilityOption> options, List<List<String>> tables, int position)
            implements Statement {}

    /**
     * COPY table [(columns)] FROM {STDIN | 'file'} / TO {STDOUT | 'file'}, or COPY (query) TO
     * ..., with options in parentheses ({@code WITH (FORMAT csv, HEADER)}) or PostgreSQL's older
     * bare words (CSV, HEADER, BINARY, DELIMITER 'x', NULL 'x'), which arrive as the same
     * options. Either table or query is set; file is null for STDIN/STDOUT.
     */
    record Copy(List<String> table, List<String> columns, Query query, boolean from,
            String file, List<UtilityOption> options, int position) implements Statement {}
}
