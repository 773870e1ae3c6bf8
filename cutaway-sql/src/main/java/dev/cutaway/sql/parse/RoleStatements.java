package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Statement;
import dev.cutaway.sql.ast.Statement.RoleAction;

/**
 * Role statements, as PostgreSQL writes them:
 * <pre>
 *   CREATE {ROLE | USER} name [[WITH] option ...]
 *   ALTER  {ROLE | USER} name [[WITH] option ...]
 *   DROP   {ROLE | USER} [IF EXISTS] name
 *   option: LOGIN | NOLOGIN | SUPERUSER | NOSUPERUSER | PASSWORD 'text' | PASSWORD NULL
 * </pre>
 * The printer prints the password as a literal (the canonical form must parse back); nothing
 * stores or logs printed role statements.
 */
final class RoleStatements {
    private final StatementParser p;

    RoleStatements(StatementParser parser) {
        this.p = parser;
    }

    /** Whether the parser is at CREATE/ALTER/DROP followed by ROLE or USER. */
    static boolean at(StatementParser p) {
        Token next = p.peek(1);
        return next.is("role") || next.is("user");
    }

    Statement statement(Token start) {
        RoleAction action = switch (p.advance().value()) {
            case "create" -> RoleAction.CREATE;
            case "alter" -> RoleAction.ALTER;
            default -> RoleAction.DROP;
        };
        boolean user = p.advance().is("user");
        boolean ifExists = action == RoleAction.DROP && p.accept("if", "exists");
        String name = p.columnId();
        if (action == RoleAction.DROP) {
            return new Statement.RoleStatement(action, name, null, null, null, false, ifExists,
                    start.position());
        }
        p.accept("with");
        Boolean login = action == RoleAction.CREATE && user ? Boolean.TRUE : null;
        Boolean superuser = null;
        String password = null;
        boolean passwordNull = false;
        while (p.peek().kind() == TokenKind.IDENT) {
            Token option = p.advance();
            switch (option.value()) {
                case "login" -> login = true;
                case "nologin" -> login = false;
                case "superuser" -> superuser = true;
                case "nosuperuser" -> superuser = false;
                case "password" -> {
                    if (p.accept("null")) {
                        passwordNull = true;
                        password = null;
                    } else {
                        password = p.expect(TokenKind.STRING).value();
                        passwordNull = false;
                    }
                }
                default -> throw p.syntaxErrorAt(option);
            }
        }
        return new Statement.RoleStatement(action, name, login, superuser, password,
                passwordNull, false, start.position());
    }

    static void print(Statement.RoleStatement r, SqlPrinter out) {
        out.append(r.action().name()).append(" ROLE ");
        if (r.ifExists()) {
            out.append("IF EXISTS ");
        }
        out.append(SqlPrinter.identifier(r.name()));
        if (r.login() != null) {
            out.append(r.login() ? " LOGIN" : " NOLOGIN");
        }
        if (r.superuser() != null) {
            out.append(r.superuser() ? " SUPERUSER" : " NOSUPERUSER");
        }
        if (r.passwordNull()) {
            out.append(" PASSWORD NULL");
        } else if (r.password() != null) {
            out.append(" PASSWORD '").append(r.password().replace("'", "''")).append("'");
        }
    }
}
