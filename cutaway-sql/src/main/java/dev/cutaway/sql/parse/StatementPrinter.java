package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Expr;
import dev.cutaway.sql.ast.FromItem;
import dev.cutaway.sql.ast.Query;
import dev.cutaway.sql.ast.QueryBody;
import dev.cutaway.sql.ast.QueryBody.Target;
import dev.cutaway.sql.ast.Statement;
import java.util.List;

/**
 * The statement half of {@link SqlPrinter}: queries (WITH, set operations parenthesised where
 * precedence needs it, SELECT, VALUES, FROM with joins), DML, DDL, transaction control and
 * utilities. DDL utilities are in {@link DdlPrinter}.
 */
final class StatementPrinter {
    private final SqlPrinter p;

    StatementPrinter(SqlPrinter printer) {
        this.p = printer;
    }

    void statement(Statement s) {
        switch (s) {
            case Query q -> query(q);
            case Statement.Insert i -> insert(i);
            case Statement.Update u -> update(u);
            case Statement.Delete d -> delete(d);
            case Statement.Begin b -> p.append("BEGIN").append(modes(b.modes()));
            case Statement.Commit c -> p.append("COMMIT");
            case Statement.Rollback r -> p.append("ROLLBACK");
            case Statement.Savepoint sp -> p.append("SAVEPOINT ")
                    .append(SqlPrinter.identifier(sp.name()));
            case Statement.RollbackToSavepoint r -> p.append("ROLLBACK TO SAVEPOINT ")
                    .append(SqlPrinter.identifier(r.name()));
            case Statement.ReleaseSavepoint r -> p.append("RELEASE SAVEPOINT ")
                    .append(SqlPrinter.identifier(r.name()));
            case Statement.SetTransaction t -> p.append("SET TRANSACTION")
                    .append(modes(t.modes()));
            case Statement.SetVariable v -> setVariable(v);
            case Statement.Show v -> p.append("SHOW ").append(settingName(v.name()));
            case Statement.Reset v -> p.append("RESET ").append(settingName(v.name()));
            case Statement.Explain e -> explain(e);
            case Statement.Analyze a -> {
                p.append("ANALYZE");
                if (!a.tables().isEmpty()) {
                    p.append(" ");
                    p.list(a.tables(), p::name);
                }
            }
            case Statement.Vacuum v -> {
                p.append("VACUUM");
                options(v.options());
                if (!v.tables().isEmpty()) {
                    p.append(" ");
                    p.list(v.tables(), p::name);
                }
            }
            case Statement.Copy c -> copy(c);
            case Statement.DeclareCursor d -> {
                p.append("DECLARE ").append(SqlPrinter.identifier(d.name()))
                        .append(d.scroll() ? " SCROLL" : " NO SCROLL").append(" CURSOR")
                        .append(d.hold() ? " WITH HOLD" : "").append(" FOR ");
                query(d.query());
            }
            case Statement.Fetch f -> p.append("FETCH FORWARD ")
                    .append(f.count() < 0 ? "ALL" : String.valueOf(f.count())).append(" FROM ")
                    .append(SqlPrinter.identifier(f.cursor()));
            case Statement.CloseCursor c -> p.append("CLOSE ").append(
                    c.name() == null ? "ALL" : SqlPrinter.identifier(c.name()));
            default -> new DdlPrinter(p).statement(s);
        }
    }

    private static String modes(Statement.TransactionModes m) {
        StringBuilder b = new StringBuilder();
        String sep = " ";
        if (m.isolation() != null) {
            b.append(sep).append("ISOLATION LEVEL ").append(m.isolation().name().replace('_', ' '));
            sep = ", ";
        }
        if (m.readOnly() != null) {
            b.append(sep).append(m.readOnly() ? "READ ONLY" : "READ WRITE");
            sep = ", ";
        }
        if (m.deferrable() != null) {
            b.append(sep).append(m.deferrable() ? "DEFERRABLE" : "NOT DEFERRABLE");
        }
        return b.toString();
    }

    private void setVariable(Statement.SetVariable v) {
        p.append(v.local() ? "SET LOCAL " : "SET ").append(settingName(v.name()))
                .append(" TO ");
        if (v.values().isEmpty()) {
            p.append("DEFAULT");
        } else {
            p.exprs(v.values());
        }
    }

    /** A dotted setting name, each part quoted if needed ("all" stays a bare word). */
    private static String settingName(String name) {
        StringBuilder b = new StringBuilder();
        for (String part : name.split("\\.", -1)) {
            b.append(b.isEmpty() ? "" : ".").append(part.equals("all") ? part
                    : SqlPrinter.identifier(part));
        }
        return b.toString();
    }

    private void explain(Statement.Explain e) {
        p.append("EXPLAIN");
        options(e.options());
        p.append(" ");
        statement(e.statement());
    }

    /** A space and {@code (NAME value, ...)}, or nothing when there are no options. */
    private void options(List<Statement.UtilityOption> options) {
        if (options.isEmpty()) {
            return;
        }
        p.append(" (");
        p.list(options, o -> {
            p.append(o.name().toUpperCase(java.util.Locale.ROOT));
            if (o.value() != null) {
                boolean word = o.value().matches("[a-z_][a-z0-9_]*|[0-9]+(\\.[0-9]+)?");
                p.append(" ").append(word ? o.value() : SqlPrinter.stringLiteral(o.value()));
            }
        });
        p.append(")");
    }

    private void copy(Statement.Copy c) {
        p.append("COPY ");
        if (c.query() != null) {
            p.append("(");
            query(c.query());
            p.append(")");
        } else {
            p.name(c.table());
            if (!c.columns().isEmpty()) {
                p.append(" (");
                p.names(c.columns());
                p.append(")");
            }
        }
        p.append(c.from() ? " FROM " : " TO ");
        if (c.file() == null) {
            p.append(c.from() ? "STDIN" : "STDOUT");
        } else {
            p.append(SqlPrinter.stringLiteral(c.file()));
        }
        if (!c.options().isEmpty()) {
            p.append(" WITH");
            options(c.options());
        }
    }

    void query(Query q) {
        if (q.with() != null) {
            with(q.with());
        }
        body(q.body());
        if (!q.orderBy().isEmpty()) {
            p.append(" ORDER BY ");
            p.sortItems(q.orderBy());
        }
        if (q.limit() != null) {
            p.append(" LIMIT ");
            p.expr(q.limit());
        }
        if (q.offset() != null) {
            p.append(" OFFSET ");
            p.expr(q.offset());
        }
        for (Query.Locking l : q.locking()) {
            p.append(" FOR ").append(l.strength().name().replace('_', ' '));
            if (!l.tables().isEmpty()) {
                p.append(" OF ");
                p.list(l.tables(), p::name);
            }
            switch (l.waitPolicy()) {
                case WAIT -> { }
                case NOWAIT -> p.append(" NOWAIT");
                case SKIP_LOCKED -> p.append(" SKIP LOCKED");
            }
        }
    }

    private void with(Query.With w) {
        p.append(w.recursive() ? "WITH RECURSIVE " : "WITH ");
        p.list(w.ctes(), c -> {
            p.append(SqlPrinter.identifier(c.name()));
            if (!c.columns().isEmpty()) {
                p.append("(");
                p.names(c.columns());
                p.append(")");
            }
            p.append(" AS (");
            query(c.query());
            p.append(")");
        });
        p.append(" ");
    }

    void body(QueryBody b) {
        switch (b) {
            case QueryBody.Select s -> select(s);
            case QueryBody.Values v -> {
                p.append("VALUES ");
                p.list(v.rows(), row -> {
                    p.append("(");
                    p.exprs(row);
                    p.append(")");
                });
            }
            case QueryBody.Nested n -> {
                p.append("(");
                query(n.query());
                p.append(")");
            }
            case QueryBody.SetOperation s -> {
                operand(s.left(), s, false);
                p.append(" ").append(s.op().name()).append(s.all() ? " ALL " : " ");
                operand(s.right(), s, true);
            }
        }
    }

    /** A set operation's operand, in parentheses when precedence would regroup it. */
    private void operand(QueryBody child, QueryBody.SetOperation parent, boolean right) {
        boolean parens = child instanceof QueryBody.SetOperation c
                && (rank(c) < rank(parent) || (right && rank(c) == rank(parent)));
        if (parens) {
            p.append("(");
        }
        body(child);
        if (parens) {
            p.append(")");
        }
    }

    private static int rank(QueryBody.SetOperation s) {
        return s.op() == QueryBody.SetOp.INTERSECT ? 2 : 1;
    }

    private void select(QueryBody.Select s) {
        p.append("SELECT ");
        if (s.distinct()) {
            p.append("DISTINCT ");
            if (!s.distinctOn().isEmpty()) {
                p.append("ON (");
                p.exprs(s.distinctOn());
                p.append(") ");
            }
        }
        targets(s.targets());
        if (s.targets().isEmpty()) {
            p.trimTrailingSpace();
        }
        if (!s.from().isEmpty()) {
            p.append(" FROM ");
            p.list(s.from(), this::fromItem);
        }
        where(s.where());
        if (!s.groupBy().isEmpty()) {
            p.append(" GROUP BY ");
            p.exprs(s.groupBy());
        }
        if (s.having() != null) {
            p.append(" HAVING ");
            p.expr(s.having());
        }
        if (!s.windows().isEmpty()) {
            p.append(" WINDOW ");
            p.list(s.windows(), w -> {
                p.append(SqlPrinter.identifier(w.name())).append(" AS ");
                p.windowDefinition(w.spec());
            });
        }
    }

    private void where(Expr where) {
        if (where != null) {
            p.append(" WHERE ");
            p.expr(where);
        }
    }

    void targets(List<Target> targets) {
        p.list(targets, t -> {
            p.expr(t.expr());
            if (t.alias() != null) {
                p.append(" AS ").append(SqlPrinter.identifier(t.alias()));
            }
        });
    }

    void fromItem(FromItem f) {
        switch (f) {
            case FromItem.TableRef t -> {
                p.name(t.name());
                alias(t.alias());
            }
            case FromItem.SubqueryRef s -> {
                p.append(s.lateral() ? "LATERAL (" : "(");
                query(s.query());
                p.append(")");
                alias(s.alias());
            }
            case FromItem.FunctionRef fn -> {
                if (fn.lateral()) {
                    p.append("LATERAL ");
                }
                p.expr(fn.call());
                p.append(fn.withOrdinality() ? " WITH ORDINALITY" : "");
                alias(fn.alias());
            }
            case FromItem.Join j -> join(j);
        }
    }

    private void join(FromItem.Join j) {
        fromItem(j.left());
        p.append(j.natural() ? " NATURAL " : " ");
        p.append(switch (j.type()) {
            case INNER -> "JOIN ";
            case LEFT -> "LEFT JOIN ";
            case RIGHT -> "RIGHT JOIN ";
            case FULL -> "FULL JOIN ";
            case CROSS -> "CROSS JOIN ";
        });
        boolean parens = j.right() instanceof FromItem.Join;
        p.append(parens ? "(" : "");
        fromItem(j.right());
        p.append(parens ? ")" : "");
        if (j.condition() != null) {
            p.append(" ON ");
            p.expr(j.condition());
        } else if (!j.using().isEmpty()) {
            p.append(" USING (");
            p.names(j.using());
            p.append(")");
        }
    }

    private void alias(FromItem.Alias a) {
        if (a == null) {
            return;
        }
        p.append(" AS ").append(SqlPrinter.identifier(a.name()));
        if (!a.columns().isEmpty()) {
            p.append("(");
            p.names(a.columns());
            p.append(")");
        }
    }

    private void insert(Statement.Insert i) {
        if (i.with() != null) {
            with(i.with());
        }
        p.append("INSERT INTO ");
        p.name(i.table());
        if (i.alias() != null) {
            p.append(" AS ").append(SqlPrinter.identifier(i.alias()));
        }
        if (!i.columns().isEmpty()) {
            p.append(" (");
            p.names(i.columns());
            p.append(")");
        }
        if (i.source() == null) {
            p.append(" DEFAULT VALUES");
        } else {
            p.append(" ");
            query(i.source());
        }
        if (i.onConflict() != null) {
            onConflict(i.onConflict());
        }
        returning(i.returning());
    }

    private void onConflict(Statement.OnConflict c) {
        p.append(" ON CONFLICT");
        if (!c.columns().isEmpty()) {
            p.append(" (");
            p.names(c.columns());
            p.append(")");
        }
        if (c.constraint() != null) {
            p.append(" ON CONSTRAINT ").append(SqlPrinter.identifier(c.constraint()));
        }
        if (c.action() == Statement.ConflictAction.NOTHING) {
            p.append(" DO NOTHING");
            return;
        }
        p.append(" DO UPDATE SET ");
        assignments(c.set());
        where(c.where());
    }

    private void assignments(List<Statement.Assignment> set) {
        p.list(set, a -> {
            p.append(SqlPrinter.identifier(a.column())).append(" = ");
            p.expr(a.value());
        });
    }

    private void returning(List<Target> returning) {
        if (!returning.isEmpty()) {
            p.append(" RETURNING ");
            targets(returning);
        }
    }

    private void update(Statement.Update u) {
        if (u.with() != null) {
            with(u.with());
        }
        p.append("UPDATE ");
        p.name(u.table());
        if (u.alias() != null) {
            p.append(" AS ").append(SqlPrinter.identifier(u.alias()));
        }
        p.append(" SET ");
        assignments(u.set());
        if (!u.from().isEmpty()) {
            p.append(" FROM ");
            p.list(u.from(), this::fromItem);
        }
        where(u.where());
        returning(u.returning());
    }

    private void delete(Statement.Delete d) {
        if (d.with() != null) {
            with(d.with());
        }
        p.append("DELETE FROM ");
        p.name(d.table());
        if (d.alias() != null) {
            p.append(" AS ").append(SqlPrinter.identifier(d.alias()));
        }
        if (!d.using().isEmpty()) {
            p.append(" USING ");
            p.list(d.using(), this::fromItem);
        }
        where(d.where());
        returning(d.returning());
    }
}
