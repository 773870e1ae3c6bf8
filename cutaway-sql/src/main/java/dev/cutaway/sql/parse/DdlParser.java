package dev.cutaway.sql.parse;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.SqlState;
import dev.cutaway.sql.ast.ColumnConstraint;
import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.SortItem;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.Statement.AlterAction;
import dev.cutaway.sql.ast.Statement.ColumnDef;
import dev.cutaway.sql.ast.Statement.DropBehavior;
import dev.cutaway.sql.ast.TableConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Data definition: CREATE TABLE (columns with types and constraints, table constraints, WITH
 * storage parameters), CREATE [UNIQUE] INDEX, CREATE [OR REPLACE] VIEW, CREATE SEQUENCE, DROP
 * TABLE / INDEX / VIEW / SEQUENCE, ALTER TABLE and TRUNCATE.
 */
abstract class DdlParser extends DmlParser {

    DdlParser(String sql, List<Token> tokens) {
        super(sql, tokens);
    }

    /** After CREATE: the kind of object decides. */
    final Statement create(Token start) {
        expect("create");
        boolean orReplace = accept("or", "replace");
        boolean temporary = accept("temporary") || accept("temp");
        if (!orReplace && at("table")) {
            return createTable(start, temporary);
        }
        if (at("view")) {
            return createView(start, orReplace, temporary);
        }
        if (!orReplace && !temporary && (at("index") || at("unique"))) {
            return createIndex(start);
        }
        if (!orReplace && at("sequence")) {
            return createSequence(start);
        }
        if (!orReplace && !temporary && accept("schema")) {
            boolean ifNotExists = ifNotExists();
            return new Statement.CreateSchema(columnId(), ifNotExists, start.position());
        }
        throw syntaxError();
    }

    private boolean ifNotExists() {
        if (at("if") && peek(1).is("not") && peek(2).is("exists")) {
            advance();
            advance();
            advance();
            return true;
        }
        return false;
    }

    private boolean ifExists() {
        return accept("if", "exists");
    }

    private Statement createTable(Token start, boolean temporary) {
        expect("table");
        boolean ifNotExists = ifNotExists();
        List<String> name = qualifiedName();
        expect(TokenKind.LPAREN);
        List<ColumnDef> columns = new ArrayList<>();
        List<TableConstraint> constraints = new ArrayList<>();
        if (!at(TokenKind.RPAREN)) {
            do {
                if (atTableConstraint()) {
                    constraints.add(tableConstraint());
                } else {
                    columns.add(columnDef());
                }
            } while (accept(TokenKind.COMMA));
        }
        expect(TokenKind.RPAREN);
        List<Statement.StorageParameter> storage = new ArrayList<>();
        if (accept("with")) {
            expect(TokenKind.LPAREN);
            do {
                String key = label();
                String value = null;
                if (acceptOperator("=")) {
                    Token v = advance();
                    if (v.kind() == TokenKind.EOF || v.kind() == TokenKind.RPAREN
                            || v.kind() == TokenKind.COMMA) {
                        throw syntaxErrorAt(v);
                    }
                    value = v.value();
                }
                storage.add(new Statement.StorageParameter(key, value));
            } while (accept(TokenKind.COMMA));
            expect(TokenKind.RPAREN);
        }
        return new Statement.CreateTable(name, ifNotExists, temporary, List.copyOf(columns),
                List.copyOf(constraints), List.copyOf(storage), start.position());
    }

    private boolean atTableConstraint() {
        return at("constraint") || at("primary") || at("unique") || at("check")
                || at("foreign");
    }

    final ColumnDef columnDef() {
        Token start = peek();
        String name = columnId();
        var type = typeName();
        List<ColumnConstraint> constraints = new ArrayList<>();
        while (true) {
            String constraintName = accept("constraint") ? columnId() : null;
            ColumnConstraint c = columnConstraint(constraintName);
            if (c == null) {
                if (constraintName != null) {
                    throw syntaxError();
                }
                break;
            }
            constraints.add(c);
        }
        return new ColumnDef(name, type, List.copyOf(constraints), start.position());
    }

    private ColumnConstraint columnConstraint(String name) {
        if (accept("not")) {
            expect("null");
            return new ColumnConstraint.NotNull(name);
        }
        if (accept("null")) {
            return new ColumnConstraint.Nullable(name);
        }
        if (accept("default")) {
            return new ColumnConstraint.Default(name, expr(ExprParser.COMPARISON));
        }
        if (accept("primary")) {
            expect("key");
            return new ColumnConstraint.PrimaryKey(name);
        }
        if (accept("unique")) {
            return new ColumnConstraint.Unique(name);
        }
        if (accept("check")) {
            return new ColumnConstraint.Check(name, parenthesisedCondition());
        }
        if (accept("references")) {
            return new ColumnConstraint.References(name, reference());
        }
        if (accept("generated")) {
            boolean always = accept("always");
            if (!always) {
                expect("by");
                expect("default");
            }
            expect("as");
            expect("identity");
            return new ColumnConstraint.Identity(name, always);
        }
        return null;
    }

    private Expr parenthesisedCondition() {
        expect(TokenKind.LPAREN);
        Expr e = expr();
        expect(TokenKind.RPAREN);
        return e;
    }

    /**
     * After REFERENCES: table [(columns)] [MATCH SIMPLE] [ON DELETE action] [ON UPDATE
     * action]. MATCH FULL and PARTIAL are refused (0A000): only MATCH SIMPLE is enforced.
     */
    private TableConstraint.Reference reference() {
        List<String> table = qualifiedName();
        List<String> columns = at(TokenKind.LPAREN) ? nameList() : List.of();
        if (at("match")) {
            Token match = advance();
            if (!accept("simple")) {
                throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "MATCH "
                        + advance().value().toUpperCase(Locale.ROOT) + " is not supported yet",
                        match.position());
            }
        }
        TableConstraint.Action onDelete = TableConstraint.Action.NO_ACTION;
        TableConstraint.Action onUpdate = TableConstraint.Action.NO_ACTION;
        while (at("on") && (peek(1).is("delete") || peek(1).is("update"))) {
            advance();
            boolean delete = advance().is("delete");
            TableConstraint.Action action = referentialAction();
            if (delete) {
                onDelete = action;
            } else {
                onUpdate = action;
            }
        }
        return new TableConstraint.Reference(table, columns, onDelete, onUpdate);
    }

    private TableConstraint.Action referentialAction() {
        if (accept("cascade")) {
            return TableConstraint.Action.CASCADE;
        }
        if (accept("restrict")) {
            return TableConstraint.Action.RESTRICT;
        }
        if (accept("no", "action")) {
            return TableConstraint.Action.NO_ACTION;
        }
        expect("set");
        if (accept("null")) {
            return TableConstraint.Action.SET_NULL;
        }
        expect("default");
        return TableConstraint.Action.SET_DEFAULT;
    }

    final TableConstraint tableConstraint() {
        String name = accept("constraint") ? columnId() : null;
        if (accept("primary")) {
            expect("key");
            return new TableConstraint.PrimaryKey(name, nameList());
        }
        if (accept("unique")) {
            return new TableConstraint.Unique(name, nameList());
        }
        if (accept("check")) {
            return new TableConstraint.Check(name, parenthesisedCondition());
        }
        expect("foreign");
        expect("key");
        List<String> columns = nameList();
        expect("references");
        return new TableConstraint.ForeignKey(name, columns, reference());
    }

    private Statement createView(Token start, boolean orReplace, boolean temporary) {
        expect("view");
        List<String> name = qualifiedName();
        List<String> columns = at(TokenKind.LPAREN) ? nameList() : List.of();
        expect("as");
        return new Statement.CreateView(name, orReplace, temporary, columns, query(),
                start.position());
    }

    private Statement createIndex(Token start) {
        boolean unique = accept("unique");
        expect("index");
        accept("concurrently");
        boolean ifNotExists = ifNotExists();
        String name = null;
        if (!at("on")) {
            name = columnId();
        }
        expect("on");
        accept("only");
        List<String> table = qualifiedName();
        String method = accept("using") ? columnId() : null;
        expect(TokenKind.LPAREN);
        List<SortItem> keys = sortList();
        expect(TokenKind.RPAREN);
        Expr where = accept("where") ? expr() : null;
        return new Statement.CreateIndex(name, unique, ifNotExists, table, method, keys, where,
                start.position());
    }

    private Statement createSequence(Token start) {
        expect("sequence");
        boolean ifNotExists = ifNotExists();
        List<String> name = qualifiedName();
        List<Statement.SequenceOption> options = new ArrayList<>();
        Statement.SequenceOption option;
        while ((option = sequenceOption()) != null) {
            options.add(option);
        }
        return new Statement.CreateSequence(name, ifNotExists, List.copyOf(options),
                start.position());
    }

    private Statement.SequenceOption sequenceOption() {
        Statement.SequenceOptionKind kind;
        if (accept("as")) {
            return new Statement.SequenceOption(Statement.SequenceOptionKind.AS, null,
                    typeName());
        } else if (accept("increment")) {
            accept("by");
            kind = Statement.SequenceOptionKind.INCREMENT;
        } else if (accept("minvalue")) {
            kind = Statement.SequenceOptionKind.MINVALUE;
        } else if (accept("maxvalue")) {
            kind = Statement.SequenceOptionKind.MAXVALUE;
        } else if (accept("start")) {
            accept("with");
            kind = Statement.SequenceOptionKind.START;
        } else if (accept("cache")) {
            kind = Statement.SequenceOptionKind.CACHE;
        } else if (accept("cycle")) {
            return new Statement.SequenceOption(Statement.SequenceOptionKind.CYCLE, null, null);
        } else if (accept("no")) {
            Token t = advance();
            String what = t.value();
            Statement.SequenceOptionKind noKind = switch (t.kind() == TokenKind.IDENT ? what
                    : "") {
                case "minvalue" -> Statement.SequenceOptionKind.NO_MINVALUE;
                case "maxvalue" -> Statement.SequenceOptionKind.NO_MAXVALUE;
                case "cycle" -> Statement.SequenceOptionKind.NO_CYCLE;
                default -> throw syntaxErrorAt(t);
            };
            return new Statement.SequenceOption(noKind, null, null);
        } else {
            return null;
        }
        return new Statement.SequenceOption(kind, signedInteger(), null);
    }

    final Statement drop(Token start) {
        expect("drop");
        Token what = advance();
        Statement.ObjectKind kind = switch (what.kind() == TokenKind.IDENT ? what.value() : "") {
            case "table" -> Statement.ObjectKind.TABLE;
            case "index" -> Statement.ObjectKind.INDEX;
            case "view" -> Statement.ObjectKind.VIEW;
            case "sequence" -> Statement.ObjectKind.SEQUENCE;
            case "schema" -> Statement.ObjectKind.SCHEMA;
            default -> throw syntaxErrorAt(what);
        };
        if (kind == Statement.ObjectKind.INDEX) {
            accept("concurrently");
        }
        boolean ifExists = ifExists();
        List<List<String>> names = new ArrayList<>();
        do {
            names.add(qualifiedName());
        } while (accept(TokenKind.COMMA));
        return new Statement.Drop(kind, ifExists, List.copyOf(names), dropBehavior(),
                start.position());
    }

    private DropBehavior dropBehavior() {
        if (accept("cascade")) {
            return DropBehavior.CASCADE;
        }
        return accept("restrict") ? DropBehavior.RESTRICT : DropBehavior.DEFAULT;
    }

    final Statement alterTable(Token start) {
        expect("alter");
        expect("table");
        boolean ifExists = ifExists();
        accept("only");
        List<String> table = qualifiedName();
        if (accept("rename")) {
            AlterAction action;
            if (accept("to")) {
                action = new AlterAction.RenameTable(columnId());
            } else {
                accept("column");
                String from = columnId();
                expect("to");
                action = new AlterAction.RenameColumn(from, columnId());
            }
            return new Statement.AlterTable(table, ifExists, List.of(action), start.position());
        }
        List<AlterAction> actions = new ArrayList<>();
        do {
            actions.add(alterAction());
        } while (accept(TokenKind.COMMA));
        return new Statement.AlterTable(table, ifExists, List.copyOf(actions), start.position());
    }

    private AlterAction alterAction() {
        if (accept("add")) {
            if (atTableConstraint()) {
                return new AlterAction.AddConstraint(tableConstraint());
            }
            accept("column");
            boolean ifNotExists = ifNotExists();
            return new AlterAction.AddColumn(columnDef(), ifNotExists);
        }
        if (accept("drop")) {
            if (accept("constraint")) {
                boolean ifExists = ifExists();
                return new AlterAction.DropConstraint(columnId(), ifExists, dropBehavior());
            }
            accept("column");
            boolean ifExists = ifExists();
            return new AlterAction.DropColumn(columnId(), ifExists, dropBehavior());
        }
        expect("alter");
        accept("column");
        String column = columnId();
        if (accept("set")) {
            if (accept("default")) {
                return new AlterAction.AlterColumnDefault(column, expr());
            }
            expect("not");
            expect("null");
            return new AlterAction.AlterColumnNotNull(column, true);
        }
        expect("drop");
        if (accept("default")) {
            return new AlterAction.AlterColumnDefault(column, null);
        }
        expect("not");
        expect("null");
        return new AlterAction.AlterColumnNotNull(column, false);
    }

    final Statement truncate(Token start) {
        expect("truncate");
        accept("table");
        List<List<String>> tables = new ArrayList<>();
        do {
            accept("only");
            tables.add(qualifiedName());
        } while (accept(TokenKind.COMMA));
        boolean restart = false;
        if (accept("restart", "identity")) {
            restart = true;
        } else {
            accept("continue", "identity");
        }
        return new Statement.Truncate(List.copyOf(tables), restart, dropBehavior(),
                start.position());
    }
}
