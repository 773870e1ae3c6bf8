package dev.cutaway.sql.slt;

import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Result;
import dev.cutaway.sql.engine.Session;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cutaway itself as a sqllogictest engine: a fresh in-memory database per script, one session,
 * autocommit. Errors are {@link dev.cutaway.sql.SqlException}s (any exception counts as "this
 * SQL failed"); an invariant violation propagates as the engine bug it is.
 */
final class CutawayEngine implements SltEngine {
    private final Database db;
    private final Session session;

    private CutawayEngine() {
        db = Database.inMemory();
        session = db.newSession();
    }

    static SltEngine.Factory factory() {
        return CutawayEngine::new;
    }

    @Override
    public void execute(String sql) {
        session.executeOne(sql);
    }

    @Override
    public SltRows query(String sql) {
        Result r = session.executeOne(sql);
        List<List<Object>> rows = new ArrayList<>(r.rows().size());
        for (Object[] row : r.rows()) {
            rows.add(Arrays.asList(row));
        }
        return new SltRows(r.columnNames().size(), rows);
    }

    @Override
    public void close() throws Exception {
        try {
            session.close();
        } finally {
            db.close();
        }
    }
}
