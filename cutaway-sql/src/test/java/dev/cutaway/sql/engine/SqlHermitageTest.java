package dev.cutaway.sql.engine;

import dev.cutaway.sql.SqlException;
import dev.cutaway.txn.hermitage.HermitageConformance;
import dev.cutaway.txn.hermitage.Outcome;
import dev.cutaway.txn.hermitage.Session;
import dev.cutaway.txn.hermitage.SessionFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Hermitage cases of shared/isolation/ through SQL: each case's scripts run on
 * {@link dev.cutaway.sql.engine.Session}s of a fresh on-disk {@link Database}, at all four
 * isolation levels, and every classification must be PostgreSQL's.
 */
class SqlHermitageTest extends HermitageConformance {

    @Override
    protected Fixture open(Path dir) throws Exception {
        Database db = Database.open(dir, DatabaseOptions.defaults().withBackgroundThreads(0)
                .withSynchronousCommit(false));
        SessionFactory factory = new SessionFactory() {
            @Override
            public void setup(List<String> setupSql) {
                try (var s = db.newSession()) {
                    for (String sql : setupSql) {
                        s.executeOne(sql);
                    }
                }
            }

            @Override
            public Session open(String name) {
                return new SqlSession(db.newSession());
            }
        };
        return new Fixture() {
            @Override
            public SessionFactory sessions() {
                return factory;
            }

            @Override
            public void checkInvariants() {
                db.txnStore().checkInvariants();
            }

            @Override
            public void close() throws Exception {
                db.close();
            }
        };
    }

    /** A Hermitage session over a SQL session: results become outcomes, errors failures. */
    private record SqlSession(dev.cutaway.sql.engine.Session session) implements Session {
        @Override
        public Outcome execute(String sql) {
            Result r;
            try {
                r = session.executeOne(sql);
            } catch (SqlException e) {
                return new Outcome.Failed(e.sqlState(), e.getMessage());
            }
            if (r.hasRows()) {
                List<List<Object>> rows = new ArrayList<>();
                for (Object[] row : r.rows()) {
                    rows.add(Arrays.asList(row));
                }
                return new Outcome.Rows(rows);
            }
            String tag = r.commandTag();
            if (tag.startsWith("INSERT") || tag.startsWith("UPDATE")
                    || tag.startsWith("DELETE")) {
                return new Outcome.Count(r.rowCount());
            }
            return new Outcome.Ok();
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
