package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.Statement.Isolation;
import dev.cutaway.sql.ast.Statement.TransactionModes;
import java.util.ArrayList;
import java.util.List;

/**
 * One statement from its first word: queries, DML and DDL (in the parent classes), cursors
 * ({@link CursorStatements}), and here transaction control (BEGIN, START TRANSACTION,
 * COMMIT/END, ROLLBACK/ABORT, SAVEPOINT, ROLLBACK TO, RELEASE, SET TRANSACTION), session
 * settings (SET, SHOW, RESET) and utilities (EXPLAIN, ANALYZE, VACUUM, COPY).
 */
final class StatementParser extends DdlParser {

    StatementParser(String sql, List<Token> tokens) {
        super(sql, tokens);
    }

    /** The statement between the cursor and {@code end} (a semicolon or EOF), all of it. */
    Statement statement() {
        Statement s = statementOnly();
        if (!at(TokenKind.SEMICOLON) && !at(TokenKind.EOF)) {
            throw syntaxError();
        }
        return s;
    }

    private Statement statementOnly() {
        Token t = peek();
        if (t.kind() == TokenKind.LPAREN) {
            return query();
        }
        if (t.kind() != TokenKind.IDENT) {
            throw syntaxError();
        }
        return switch (t.value()) {
            case "select", "values", "table" -> query();
            case "with" -> withStatement();
            case "insert" -> insert(null, t);
            case "update" -> update(null, t);
            case "delete" -> delete(null, t);
            case "create" -> RoleStatements.at(this) ? role(t) : create(t);
            case "drop" -> RoleStatements.at(this) ? role(t) : drop(t);
            case "alter" -> RoleStatements.at(this) ? role(t) : alterTable(t);
            case "truncate" -> truncate(t);
            case "begin", "start" -> begin(t);
            case "commit", "end" -> {
                advance();
                transactionNoise();
                yield new Statement.Commit(t.position());
            }
            case "rollback", "abort" -> rollback(t);
            case "savepoint" -> {
                advance();
                yield new Statement.Savepoint(columnId(), t.position());
            }
            case "release" -> {
                advance();
                accept("savepoint");
                yield new Statement.ReleaseSavepoint(columnId(), t.position());
            }
            case "set" -> set(t);
            case "show" -> {
                advance();
                if (accept("transaction", "isolation")) {
                    expect("level");
                    yield new Statement.Show("transaction_isolation", t.position());
                }
                if (accept("time", "zone")) {
                    yield new Statement.Show("timezone", t.position());
                }
                yield new Statement.Show(settingName(), t.position());
            }
            case "reset" -> {
                advance();
                yield new Statement.Reset(settingName(), t.position());
            }
            case "explain" -> explain(t);
            case "analyze", "analyse" -> analyze(t);
            case "vacuum" -> vacuum(t);
            case "declare" -> new CursorStatements(this).declare(t);
            case "fetch" -> new CursorStatements(this).fetch(t);
            case "close" -> new CursorStatements(this).close(t);
            case "copy" -> copy(t);
            default -> throw syntaxError();
        };
    }

    private Statement role(Token t) {
        return new RoleStatements(this).statement(t);
    }

    private void transactionNoise() {
        if (!accept("work")) {
            accept("transaction");
        }
    }

    private Statement begin(Token t) {
        if (advance().is("start")) {
            expect("transaction");
        } else {
            transactionNoise();
        }
        return new Statement.Begin(transactionModes(), t.position());
    }

    private Statement rollback(Token t) {
        advance();
        transactionNoise();
        if (accept("to")) {
            accept("savepoint");
            return new Statement.RollbackToSavepoint(columnId(), t.position());
        }
        return new Statement.Rollback(t.position());
    }

    /** Zero or more of ISOLATION LEVEL ..., READ ONLY | READ WRITE, [NOT] DEFERRABLE. */
    private TransactionModes transactionModes() {
        Isolation isolation = null;
        Boolean readOnly = null;
        Boolean deferrable = null;
        while (true) {
            if (accept("isolation")) {
                expect("level");
                isolation = isolationLevel();
            } else if (accept("read")) {
                if (accept("only")) {
                    readOnly = true;
                } else {
                    expect("write");
                    readOnly = false;
                }
            } else if (accept("deferrable")) {
                deferrable = true;
            } else if (accept("not", "deferrable")) {
                deferrable = false;
            } else {
                return new TransactionModes(isolation, readOnly, deferrable);
            }
            accept(TokenKind.COMMA);
        }
    }

    private Isolation isolationLevel() {
        if (accept("serializable")) {
            return Isolation.SERIALIZABLE;
        }
        if (accept("repeatable")) {
            expect("read");
            return Isolation.REPEATABLE_READ;
        }
        expect("read");
        if (accept("committed")) {
            return Isolation.READ_COMMITTED;
        }
        expect("uncommitted");
        return Isolation.READ_UNCOMMITTED;
    }

    private Statement set(Token t) {
        advance();
        if (accept("session", "characteristics")) {
            expect("as");
            expect("transaction");
            Statement.TransactionModes modes = transactionModes();
            if (modes.isolation() != null) {
                // The session's default for later transactions (pgjdbc's
                // setTransactionIsolation), not the current transaction's level.
                return new Statement.SetVariable("default_transaction_isolation", List.of(
                        new Expr.Literal(Expr.LiteralKind.STRING, modes.isolation().name()
                                .toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                                t.position())), false, t.position());
            }
            return new Statement.SetTransaction(modes, t.position());
        }
        boolean local = accept("local");
        if (!local) {
            accept("session");
        }
        if (accept("transaction")) {
            return new Statement.SetTransaction(transactionModes(), t.position());
        }
        if (accept("time", "zone")) {
            return new Statement.SetVariable("timezone", settingValues(), local, t.position());
        }
        String name = settingName();
        if (!acceptOperator("=")) {
            expect("to");
        }
        return new Statement.SetVariable(name, settingValues(), local, t.position());
    }

    /** A setting name: a word or dotted words (custom settings like cutaway.trace). */
    private String settingName() {
        StringBuilder name = new StringBuilder(label());
        while (accept(TokenKind.DOT)) {
            name.append('.').append(label());
        }
        return name.toString();
    }

    /** Values of SET: DEFAULT (empty), or comma-separated constants and words. */
    private List<Expr> settingValues() {
        if (accept("default") || accept("local")) {
            return List.of();
        }
        List<Expr> values = new ArrayList<>();
        do {
            values.add(settingValue());
        } while (accept(TokenKind.COMMA));
        return List.copyOf(values);
    }

    private Expr settingValue() {
        Token t = peek();
        boolean negative = t.isOperator("-");
        if (negative || t.isOperator("+")) {
            advance();
        }
        Token v = advance();
        String sign = negative ? "-" : "";
        return switch (v.kind()) {
            case INTEGER -> new Expr.Literal(Expr.LiteralKind.INTEGER, sign + v.value(),
                    t.position());
            case DECIMAL -> new Expr.Literal(Expr.LiteralKind.NUMERIC, sign + v.value(),
                    t.position());
            case STRING, IDENT, QUOTED_IDENT -> {
                if (negative) {
                    throw syntaxErrorAt(v);
                }
                yield new Expr.Literal(Expr.LiteralKind.STRING, v.value(), v.position());
            }
            default -> throw syntaxErrorAt(v);
        };
    }

    private Statement explain(Token t) {
        advance();
        List<Statement.UtilityOption> options = new ArrayList<>();
        if (at(TokenKind.LPAREN) && !peek(1).is("select") && !peek(1).is("values")
                && !peek(1).is("with") && peek(1).kind() != TokenKind.LPAREN) {
            options = optionList();
        } else {
            if (accept("analyze") || accept("analyse")) {
                options.add(new Statement.UtilityOption("analyze", null));
            }
            if (accept("verbose")) {
                options.add(new Statement.UtilityOption("verbose", null));
            }
        }
        Statement inner = statementOnly();
        return new Statement.Explain(List.copyOf(options), inner, t.position());
    }

    /** {@code (name [value], ...)}: the option list of EXPLAIN, VACUUM and COPY. */
    private List<Statement.UtilityOption> optionList() {
        expect(TokenKind.LPAREN);
        List<Statement.UtilityOption> options = new ArrayList<>();
        do {
            String name = label();
            String value = null;
            if (!at(TokenKind.COMMA) && !at(TokenKind.RPAREN)) {
                value = optionValue();
            }
            options.add(new Statement.UtilityOption(name, value));
        } while (accept(TokenKind.COMMA));
        expect(TokenKind.RPAREN);
        return List.copyOf(options);
    }

    private String optionValue() {
        Token v = advance();
        return switch (v.kind()) {
            case IDENT, QUOTED_IDENT, STRING, INTEGER, DECIMAL -> v.value();
            default -> throw syntaxErrorAt(v);
        };
    }

    private Statement vacuum(Token t) {
        advance();
        List<Statement.UtilityOption> options = new ArrayList<>();
        if (at(TokenKind.LPAREN)) {
            options.addAll(optionList());
        } else {
            for (String word : List.of("full", "freeze", "verbose", "analyze")) {
                if (accept(word) || (word.equals("analyze") && accept("analyse"))) {
                    options.add(new Statement.UtilityOption(word, null));
                }
            }
        }
        List<List<String>> tables = new ArrayList<>();
        if (atColumnId()) {
            do {
                tables.add(qualifiedName());
            } while (accept(TokenKind.COMMA));
        }
        return new Statement.Vacuum(List.copyOf(options), List.copyOf(tables), t.position());
    }

    private Statement copy(Token t) {
        advance();
        List<String> table = null;
        List<String> columns = List.of();
        Query query = null;
        if (accept(TokenKind.LPAREN)) {
            query = query();
            expect(TokenKind.RPAREN);
        } else {
            table = qualifiedName();
            columns = at(TokenKind.LPAREN) ? nameList() : List.of();
        }
        boolean from = query == null && accept("from");
        if (!from) {
            expect("to");
        }
        String file = null;
        if (!accept(from ? "stdin" : "stdout")) {
            file = expect(TokenKind.STRING).value();
        }
        boolean with = accept("with");
        List<Statement.UtilityOption> options = at(TokenKind.LPAREN) ? optionList()
                : legacyCopyOptions(with);
        return new Statement.Copy(table, columns, query, from, file, options, t.position());
    }

    /** COPY's pre-9.0 options: [WITH] [BINARY] [CSV] [HEADER] [DELIMITER [AS] 'x'] [NULL ...]. */
    private List<Statement.UtilityOption> legacyCopyOptions(boolean with) {
        List<Statement.UtilityOption> options = new ArrayList<>();
        while (true) {
            if (accept("binary")) {
                options.add(new Statement.UtilityOption("format", "binary"));
            } else if (accept("csv")) {
                options.add(new Statement.UtilityOption("format", "csv"));
            } else if (accept("header")) {
                options.add(new Statement.UtilityOption("header", null));
            } else if (at("delimiter") || at("null")) {
                String name = advance().value();
                accept("as");
                options.add(new Statement.UtilityOption(name,
                        expect(TokenKind.STRING).value()));
            } else {
                if (with && options.isEmpty()) {
                    throw syntaxError();
                }
                return List.copyOf(options);
            }
        }
    }

    private Statement analyze(Token t) {
        advance();
        accept("verbose");
        List<List<String>> tables = new ArrayList<>();
        if (atColumnId()) {
            do {
                tables.add(qualifiedName());
            } while (accept(TokenKind.COMMA));
        }
        return new Statement.Analyze(List.copyOf(tables), t.position());
    }
}
