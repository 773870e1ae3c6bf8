package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody.Target;
import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.Statement.Assignment;
import java.util.ArrayList;
import java.util.List;

/**
 * INSERT (column list, VALUES with DEFAULT, INSERT ... SELECT, DEFAULT VALUES, ON CONFLICT DO
 * NOTHING / DO UPDATE, RETURNING), UPDATE (SET, FROM, WHERE, RETURNING) and DELETE (USING,
 * WHERE, RETURNING), each after an optional WITH.
 */
abstract class DmlParser extends QueryParser {

    DmlParser(String sql, List<Token> tokens) {
        super(sql, tokens);
    }

    /** A statement that starts with WITH: a query, or INSERT / UPDATE / DELETE after it. */
    final Statement withStatement() {
        Token start = peek();
        int m = mark();
        Query.With with = with();
        if (at("insert")) {
            return insert(with, start);
        }
        if (at("update")) {
            return update(with, start);
        }
        if (at("delete")) {
            return delete(with, start);
        }
        reset(m);
        return query();
    }

    final Statement.Insert insert(Query.With with, Token start) {
        expect("insert");
        expect("into");
        List<String> table = qualifiedName();
        String alias = accept("as") ? columnId() : null;
        List<String> columns = List.of();
        if (at(TokenKind.LPAREN) && !parenthesisedQueryStart()) {
            columns = nameList();
        }
        Query source = null;
        if (accept("default")) {
            expect("values");
        } else {
            source = query();
        }
        Statement.OnConflict onConflict = at("on") ? onConflict() : null;
        List<Target> returning = returning();
        return new Statement.Insert(with, table, alias, columns, source, onConflict, returning,
                start.position());
    }

    private boolean parenthesisedQueryStart() {
        Token t = peek(1);
        return t.is("select") || t.is("values") || t.is("with") || t.is("table")
                || t.kind() == TokenKind.LPAREN;
    }

    private Statement.OnConflict onConflict() {
        expect("on");
        expect("conflict");
        List<String> columns = at(TokenKind.LPAREN) ? nameList() : List.of();
        String constraint = null;
        if (columns.isEmpty() && accept("on")) {
            expect("constraint");
            constraint = columnId();
        }
        expect("do");
        if (accept("nothing")) {
            return new Statement.OnConflict(columns, constraint,
                    Statement.ConflictAction.NOTHING, List.of(), null);
        }
        expect("update");
        expect("set");
        List<Assignment> set = assignments();
        Expr where = accept("where") ? expr() : null;
        return new Statement.OnConflict(columns, constraint, Statement.ConflictAction.UPDATE,
                set, where);
    }

    final Statement.Update update(Query.With with, Token start) {
        expect("update");
        accept("only");
        List<String> table = qualifiedName();
        String alias = tableAlias();
        expect("set");
        List<Assignment> set = assignments();
        List<FromItem> from = accept("from") ? fromList() : List.of();
        Expr where = accept("where") ? expr() : null;
        return new Statement.Update(with, table, alias, set, from, where, returning(),
                start.position());
    }

    final Statement.Delete delete(Query.With with, Token start) {
        expect("delete");
        expect("from");
        accept("only");
        List<String> table = qualifiedName();
        String alias = tableAlias();
        List<FromItem> using = accept("using") ? fromList() : List.of();
        Expr where = accept("where") ? expr() : null;
        return new Statement.Delete(with, table, alias, using, where, returning(),
                start.position());
    }

    /** {@code [AS] alias} of UPDATE and DELETE (SET, USING and WHERE are not aliases). */
    private String tableAlias() {
        if (accept("as")) {
            return columnId();
        }
        if (atColumnId() && !at("set")) {
            return columnId();
        }
        return null;
    }

    private List<Assignment> assignments() {
        List<Assignment> set = new ArrayList<>();
        do {
            Token column = peek();
            String name = columnId();
            expectOperator("=");
            set.add(new Assignment(name, valueOrDefault(), column.position()));
        } while (accept(TokenKind.COMMA));
        return List.copyOf(set);
    }

    private List<Target> returning() {
        return accept("returning") ? targetList() : List.of();
    }
}
