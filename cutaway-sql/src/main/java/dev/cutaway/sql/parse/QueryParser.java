package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.QueryBody.SetOp;
import dev.cutaway.sql.ast.QueryBody.Target;
import dev.cutaway.sql.ast.SortItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Queries: WITH [RECURSIVE]; set operations with INTERSECT binding tighter than UNION and
 * EXCEPT (both left-associative); SELECT [DISTINCT [ON (...)]] with targets, FROM (joins,
 * subqueries, table functions), WHERE, GROUP BY, HAVING; VALUES; TABLE name; parenthesised
 * queries; then ORDER BY, LIMIT / OFFSET / FETCH FIRST and FOR UPDATE / SHARE.
 *
 * <p>A parenthesised query that adds nothing outside its parentheses is the inner query itself,
 * so {@code (SELECT 1)} and {@code SELECT 1} parse to the same tree.
 */
abstract class QueryParser extends PrimaryParser {

    /** Words that may follow an empty SELECT list. */
    private static final Set<String> CLAUSE_WORDS = Set.of("from", "where", "group", "having",
            "order", "limit", "offset", "fetch", "for", "union", "intersect", "except", "window",
            "into");

    QueryParser(String sql, List<Token> tokens) {
        super(sql, tokens);
    }

    @Override
    final Query query() {
        enter(3);
        try {
            Token start = peek();
            Query.With with = at("with") ? with() : null;
            QueryBody body = setExpression();
            List<SortItem> orderBy = acceptPair("order", "by") ? sortList() : List.of();
            Expr[] limitOffset = limitOffset();
            List<Query.Locking> locking = locking();
            if (with == null && orderBy.isEmpty() && limitOffset[0] == null
                    && limitOffset[1] == null && locking.isEmpty()
                    && body instanceof QueryBody.Nested(Query inner, int ignored)) {
                return inner;
            }
            return new Query(with, body, orderBy, limitOffset[0], limitOffset[1], locking,
                    start.position());
        } finally {
            leave(3);
        }
    }

    final Query.With with() {
        expect("with");
        boolean recursive = accept("recursive");
        List<Query.CommonTableExpr> ctes = new ArrayList<>();
        do {
            Token name = peek();
            String cteName = columnId();
            List<String> columns = at(TokenKind.LPAREN) ? nameList() : List.of();
            expect("as");
            if (!accept("materialized")) {
                accept("not", "materialized");
            }
            expect(TokenKind.LPAREN);
            Query q = query();
            expect(TokenKind.RPAREN);
            ctes.add(new Query.CommonTableExpr(cteName, columns, q, name.position()));
        } while (accept(TokenKind.COMMA));
        return new Query.With(recursive, List.copyOf(ctes));
    }

    private QueryBody setExpression() {
        QueryBody left = intersection();
        int chain = 0;
        while (at("union") || at("except")) {
            SetOp op = advance().is("union") ? SetOp.UNION : SetOp.EXCEPT;
            boolean all = setQuantifier();
            left = new QueryBody.SetOperation(op, all, left, intersection(), left.position());
            checkDepth(++chain);
        }
        return left;
    }

    private QueryBody intersection() {
        QueryBody left = simpleBody();
        int chain = 0;
        while (accept("intersect")) {
            boolean all = setQuantifier();
            left = new QueryBody.SetOperation(SetOp.INTERSECT, all, left, simpleBody(),
                    left.position());
            checkDepth(++chain);
        }
        return left;
    }

    private boolean setQuantifier() {
        if (accept("all")) {
            return true;
        }
        accept("distinct");
        return false;
    }

    private QueryBody simpleBody() {
        Token t = peek();
        if (t.is("select")) {
            return select();
        }
        if (t.is("values")) {
            return values();
        }
        if (t.is("table")) {
            advance();
            Token nameToken = peek();
            List<String> name = qualifiedName();
            FromItem table = new FromItem.TableRef(name, null, nameToken.position());
            return new QueryBody.Select(false, List.of(),
                    List.of(new Target(new Expr.Star(List.of(), t.position()), null)),
                    List.of(table), null, List.of(), null, List.of(), t.position());
        }
        if (t.kind() == TokenKind.LPAREN) {
            advance();
            Query inner = query();
            expect(TokenKind.RPAREN);
            if (inner.with() == null && inner.orderBy().isEmpty() && inner.limit() == null
                    && inner.offset() == null && inner.locking().isEmpty()) {
                return inner.body();
            }
            return new QueryBody.Nested(inner, t.position());
        }
        throw syntaxError();
    }

    private QueryBody values() {
        Token start = advance();
        List<List<Expr>> rows = new ArrayList<>();
        do {
            expect(TokenKind.LPAREN);
            List<Expr> row = new ArrayList<>();
            do {
                row.add(valueOrDefault());
            } while (accept(TokenKind.COMMA));
            expect(TokenKind.RPAREN);
            rows.add(List.copyOf(row));
        } while (accept(TokenKind.COMMA));
        return new QueryBody.Values(List.copyOf(rows), start.position());
    }

    /** An expression, or DEFAULT where a column's default may stand (VALUES, SET). */
    final Expr valueOrDefault() {
        Token t = peek();
        if (t.is("default")) {
            advance();
            return new Expr.DefaultValue(t.position());
        }
        return expr();
    }

    private QueryBody select() {
        Token start = expect("select");
        boolean distinct = false;
        List<Expr> distinctOn = List.of();
        if (accept("distinct")) {
            distinct = true;
            if (accept("on")) {
                expect(TokenKind.LPAREN);
                distinctOn = exprList();
                expect(TokenKind.RPAREN);
            }
        } else {
            accept("all");
        }
        List<Target> targets = !distinct && atClauseEnd() ? List.of() : targetList();
        List<FromItem> from = accept("from") ? fromList() : List.of();
        Expr where = accept("where") ? expr() : null;
        List<Expr> groupBy = List.of();
        if (acceptPair("group", "by")) {
            accept("all");
            groupBy = exprList();
        }
        Expr having = accept("having") ? expr() : null;
        List<QueryBody.NamedWindow> windows = new ArrayList<>();
        if (accept("window")) {
            do {
                String name = columnId();
                expect("as");
                windows.add(new QueryBody.NamedWindow(name, windowSpec()));
            } while (accept(TokenKind.COMMA));
        }
        return new QueryBody.Select(distinct, distinctOn, targets, from, where, groupBy, having,
                List.copyOf(windows), start.position());
    }

    /** Whether a SELECT list may end here: PostgreSQL allows an empty one (SELECT FROM t). */
    private boolean atClauseEnd() {
        Token t = peek();
        return switch (t.kind()) {
            case EOF, SEMICOLON, RPAREN -> true;
            case IDENT -> CLAUSE_WORDS.contains(t.value());
            default -> false;
        };
    }

    /** SELECT and RETURNING lists: expressions with optional aliases, {@code *}, {@code t.*}. */
    final List<Target> targetList() {
        List<Target> targets = new ArrayList<>();
        do {
            Token t = peek();
            if (t.isOperator("*")) {
                advance();
                targets.add(new Target(new Expr.Star(List.of(), t.position()), null));
                continue;
            }
            Expr e = expr();
            targets.add(new Target(e, targetAlias()));
        } while (accept(TokenKind.COMMA));
        return List.copyOf(targets);
    }

    private String targetAlias() {
        if (accept("as")) {
            return label();
        }
        Token t = peek();
        if (t.kind() == TokenKind.QUOTED_IDENT
                || (t.kind() == TokenKind.IDENT && Keywords.isBareLabel(t.value()))) {
            return advance().value();
        }
        return null;
    }

    final List<FromItem> fromList() {
        List<FromItem> items = new ArrayList<>();
        do {
            items.add(fromItem());
        } while (accept(TokenKind.COMMA));
        return List.copyOf(items);
    }

    /** A table reference followed by any number of joins (left-associative). */
    private FromItem fromItem() {
        FromItem left = tablePrimary();
        int chain = 0;
        while (true) {
            Token t = peek();
            boolean natural = accept("natural");
            FromItem.JoinType type = joinType(natural);
            if (type == null) {
                if (natural) {
                    throw syntaxError();
                }
                return left;
            }
            FromItem right = tablePrimary();
            Expr condition = null;
            List<String> using = List.of();
            if (type != FromItem.JoinType.CROSS && !natural) {
                if (accept("on")) {
                    condition = expr();
                } else if (accept("using")) {
                    using = nameList();
                } else {
                    throw syntaxError();
                }
            }
            left = new FromItem.Join(type, natural, left, right, condition, using,
                    t.position());
            checkDepth(++chain);
        }
    }

    /** Consumes a join operator and says which, or returns null when none is next. */
    private FromItem.JoinType joinType(boolean natural) {
        if (at("cross") && natural) {
            throw syntaxError();
        }
        if (accept("cross")) {
            expect("join");
            return FromItem.JoinType.CROSS;
        }
        if (accept("join") || accept("inner", "join")) {
            return FromItem.JoinType.INNER;
        }
        FromItem.JoinType type;
        if (at("left")) {
            type = FromItem.JoinType.LEFT;
        } else if (at("right")) {
            type = FromItem.JoinType.RIGHT;
        } else if (at("full")) {
            type = FromItem.JoinType.FULL;
        } else {
            return null;
        }
        advance();
        accept("outer");
        expect("join");
        return type;
    }

    private FromItem tablePrimary() {
        Token start = peek();
        boolean lateral = accept("lateral");
        if (at(TokenKind.LPAREN)) {
            advance();
            Query q = queryToClosingParen();
            if (q != null) {
                return new FromItem.SubqueryRef(q, alias(), lateral, start.position());
            }
            if (lateral) {
                throw syntaxError();
            }
            enter();
            try {
                FromItem inner = fromItem();
                expect(TokenKind.RPAREN);
                return inner;
            } finally {
                leave();
            }
        }
        accept("only");
        Token nameToken = peek();
        List<String> name = qualifiedName();
        if (at(TokenKind.LPAREN)) {
            Expr.FunctionCall call = functionCall(name, nameToken);
            boolean ordinality = accept("with");
            if (ordinality) {
                expect("ordinality");
            }
            return new FromItem.FunctionRef(call, ordinality, alias(), lateral,
                    start.position());
        }
        if (lateral) {
            throw syntaxError();
        }
        return new FromItem.TableRef(name, alias(), nameToken.position());
    }

    /** {@code [AS] name [(columns)]}, or null when no alias follows. */
    final FromItem.Alias alias() {
        String name;
        if (accept("as")) {
            name = columnId();
        } else if (atColumnId()) {
            name = columnId();
        } else {
            return null;
        }
        List<String> columns = at(TokenKind.LPAREN) ? nameList() : List.of();
        return new FromItem.Alias(name, columns);
    }

    /** LIMIT, OFFSET and FETCH FIRST in any order: {limit, offset}, each possibly null. */
    private Expr[] limitOffset() {
        Expr[] result = new Expr[2];
        boolean limitSeen = false;
        boolean offsetSeen = false;
        while (true) {
            if (!limitSeen && accept("limit")) {
                limitSeen = true;
                result[0] = accept("all") ? null : expr();
            } else if (!offsetSeen && accept("offset")) {
                offsetSeen = true;
                result[1] = expr();
                if (!accept("rows")) {
                    accept("row");
                }
            } else if (!limitSeen && at("fetch")) {
                limitSeen = true;
                result[0] = fetchFirst();
            } else {
                return result;
            }
        }
    }

    private Expr fetchFirst() {
        Token fetch = advance();
        if (!accept("first")) {
            expect("next");
        }
        Expr count = new Expr.Literal(Expr.LiteralKind.INTEGER, "1", fetch.position());
        if (!at("row") && !at("rows")) {
            count = expr(ADDITIVE);
        }
        if (!accept("rows")) {
            expect("row");
        }
        expect("only");
        return count;
    }

    private List<Query.Locking> locking() {
        List<Query.Locking> clauses = new ArrayList<>();
        while (accept("for")) {
            Query.LockStrength strength;
            if (accept("update")) {
                strength = Query.LockStrength.UPDATE;
            } else if (accept("share")) {
                strength = Query.LockStrength.SHARE;
            } else if (accept("no", "key")) {
                expect("update");
                strength = Query.LockStrength.NO_KEY_UPDATE;
            } else {
                expect("key");
                expect("share");
                strength = Query.LockStrength.KEY_SHARE;
            }
            List<List<String>> tables = new ArrayList<>();
            if (accept("of")) {
                do {
                    tables.add(qualifiedName());
                } while (accept(TokenKind.COMMA));
            }
            Query.LockWait wait = Query.LockWait.WAIT;
            if (accept("nowait")) {
                wait = Query.LockWait.NOWAIT;
            } else if (accept("skip", "locked")) {
                wait = Query.LockWait.SKIP_LOCKED;
            }
            clauses.add(new Query.Locking(strength, List.copyOf(tables), wait));
        }
        return List.copyOf(clauses);
    }
}
