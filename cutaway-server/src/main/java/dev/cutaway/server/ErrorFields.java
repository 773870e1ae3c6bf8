package dev.cutaway.server;

import dev.cutaway.sql.SqlException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of an ErrorResponse or NoticeResponse: S and V (severity, localized and not),
 * C (SQLSTATE), M (message), and when known D (detail), H (hint), P (1-based character
 * position in the query string the client sent).
 */
final class ErrorFields {
    /** One field: its one-byte code and value. */
    record Field(char code, String value) {}

    private ErrorFields() {}

    static List<Field> of(String severity, String sqlState, String message) {
        List<Field> f = new ArrayList<>();
        f.add(new Field('S', severity));
        f.add(new Field('V', severity));
        f.add(new Field('C', sqlState));
        f.add(new Field('M', message == null ? "" : message));
        return f;
    }

    /** A SQL error; {@code positionOffset} shifts its position to the whole query string. */
    static List<Field> of(SqlException e, int positionOffset) {
        List<Field> f = of("ERROR", e.sqlState(), e.getMessage());
        if (e.detail() != null) {
            f.add(new Field('D', e.detail()));
        }
        if (e.hint() != null) {
            f.add(new Field('H', e.hint()));
        }
        if (e.position() > 0) {
            f.add(new Field('P', Integer.toString(e.position() + positionOffset)));
        }
        return f;
    }
}
