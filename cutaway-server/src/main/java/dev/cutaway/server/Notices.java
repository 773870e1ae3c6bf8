package dev.cutaway.server;

import dev.cutaway.sql.engine.Session;
import java.io.IOException;

/**
 * Sends the NOTICE messages a statement raised as NoticeResponse ('N') messages — severity
 * NOTICE, SQLSTATE 00000 — before its completion (or its error), as PostgreSQL does for
 * {@code DROP TABLE IF EXISTS nosuch}: {@code NOTICE:  table "nosuch" does not exist,
 * skipping}. The session keeps them until drained, so none leaks into the next statement.
 */
final class Notices {
    private Notices() {}

    static void send(Session session, BackendWriter out) throws IOException {
        for (String message : session.drainNotices()) {
            out.fields('N', ErrorFields.of("NOTICE", "00000", message));
        }
    }
}
