package dev.cutaway.server;

import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.DatabaseOptions;
import dev.cutaway.txn.hermitage.HermitageConformance;
import dev.cutaway.txn.hermitage.Outcome;
import dev.cutaway.txn.hermitage.Session;
import dev.cutaway.txn.hermitage.SessionFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Hermitage cases of shared/isolation/ over the wire: every session is its own pgjdbc
 * connection to a server on a fresh on-disk database, at all four isolation levels, and
 * every classification must be PostgreSQL's (blocked lock waits block inside the socket
 * read, as with PostgreSQL).
 */
class WireHermitageTest extends HermitageConformance {

    @Override
    protected Fixture open(Path dir) throws Exception {
        Database db = Database.open(dir, DatabaseOptions.defaults().withBackgroundThreads(0)
                .withSynchronousCommit(false));
        PgServer server = PgServer.start(db, ServerOptions.defaults().withPort(0));
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
        SessionFactory factory = new SessionFactory() {
            @Override
            public void setup(List<String> setupSql) throws SQLException {
                try (Connection c = connect(url); Statement s = c.createStatement()) {
                    for (String sql : setupSql) {
                        s.execute(sql);
                    }
                }
            }

            @Override
            public Session open(String name) throws SQLException {
                return new WireSession(connect(url));
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
                server.close();
                db.close();
            }
        };
    }

    private static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection(url, p);
    }

    /** A Hermitage session over one pgjdbc connection. */
    private record WireSession(Connection connection) implements Session {
        @Override
        public Outcome execute(String sql) {
            try (Statement s = connection.createStatement()) {
                if (s.execute(sql)) {
                    List<List<Object>> rows = new ArrayList<>();
                    try (ResultSet rs = s.getResultSet()) {
                        int n = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            List<Object> row = new ArrayList<>(n);
                            for (int c = 1; c <= n; c++) {
                                row.add(rs.getObject(c));
                            }
                            rows.add(row);
                        }
                    }
                    return new Outcome.Rows(rows);
                }
                String verb = sql.strip().toLowerCase(java.util.Locale.ROOT);
                if (verb.startsWith("insert") || verb.startsWith("update")
                        || verb.startsWith("delete")) {
                    return new Outcome.Count(s.getUpdateCount());
                }
                return new Outcome.Ok();
            } catch (SQLException e) {
                return new Outcome.Failed(e.getSQLState(), e.getMessage());
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
