package dev.cutaway.server;

import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.DatabaseOptions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** An in-memory database served on a free loopback port, for tests. */
final class ServerFixture implements AutoCloseable {
    final Database db;
    final PgServer server;

    ServerFixture(ServerOptions options) throws IOException {
        db = Database.inMemory(DatabaseOptions.defaults().withSynchronousCommit(false));
        server = PgServer.start(db, options.withPort(0));
    }

    ServerFixture() throws IOException {
        this(ServerOptions.defaults());
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
    }

    Connection connect() throws SQLException {
        return connect(new Properties());
    }

    Connection connect(Properties extra) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.putAll(extra);
        return DriverManager.getConnection(url(), p);
    }

    @Override
    public void close() throws IOException {
        server.close();
        db.close();
    }
}
