package dev.cutaway.sql.parse;

import dev.cutaway.sql.ast.Statement;

/**
 * Cursor statements as psql's FETCH_COUNT mode sends them: DECLARE ... CURSOR FOR query,
 * FETCH FORWARD n FROM cursor, CLOSE cursor.
 */
final class CursorStatements {
    private final StatementParser p;

    CursorStatements(StatementParser parser) {
        this.p = parser;
    }

    Statement declare(Token start) {
        p.advance();
        String name = p.columnId();
        p.accept("binary");
        p.accept("insensitive");
        boolean scroll = true;
        if (p.accept("no")) {
            p.expect("scroll");
            scroll = false;
        } else if (!p.accept("scroll")) {
            scroll = false;
        }
        p.expect("cursor");
        boolean hold = false;
        if (p.accept("with")) {
            p.expect("hold");
            hold = true;
        } else if (p.accept("without")) {
            p.expect("hold");
        }
        p.expect("for");
        return new Statement.DeclareCursor(name, scroll, hold, p.query(), start.position());
    }

    Statement fetch(Token start) {
        p.advance();
        long count = 1;
        if (p.accept("next")) {
            count = 1;
        } else if (p.accept("all")) {
            count = -1;
        } else if (p.accept("forward")) {
            if (p.accept("all")) {
                count = -1;
            } else if (p.at(TokenKind.INTEGER)) {
                count = p.signedInteger();
            }
        } else if (p.at(TokenKind.INTEGER)) {
            count = p.signedInteger();
        }
        if (!p.accept("from")) {
            p.accept("in");
        }
        return new Statement.Fetch(p.columnId(), count, start.position());
    }

    Statement close(Token start) {
        p.advance();
        if (p.accept("all")) {
            return new Statement.CloseCursor(null, start.position());
        }
        return new Statement.CloseCursor(p.columnId(), start.position());
    }
}
