package dev.cutaway.bench.sql;

import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.DatabaseOptions;
import dev.cutaway.kv.NodeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The engines of {@code bench sql}, each reached through its own JDBC driver in this process,
 * with a file database in its own directory and set to make every commit durable:
 * <ul>
 *   <li>{@code cutaway-btree}, {@code cutaway-lsm}: {@code jdbc:cutaway:file:DIR}; synchronous
 *       commit is the default (fsync of the log before COMMIT returns, group commit across
 *       sessions). The LSM directory is created with the LSM engine first; a database keeps
 *       the engine it was created with.</li>
 *   <li>{@code h2}: {@code jdbc:h2:file:DIR/db} with {@code WRITE_DELAY=0} (write the commit
 *       at once instead of up to 500 ms later); H2 2.x has no setting that fsyncs per commit,
 *       which its {@code sync} field says.</li>
 *   <li>{@code sqlite}: xerial sqlite-jdbc, {@code journal_mode=WAL},
 *       {@code synchronous=FULL} (fsync of the WAL at every commit), a busy timeout so
 *       concurrent writers wait instead of failing.</li>
 *   <li>{@code hsqldb}: {@code jdbc:hsqldb:file:DIR/db} with {@code hsqldb.write_delay=false}
 *       (the log is synced at every commit) and MVCC transactions (its default, 2PL with
 *       table locks, would serialize the readers behind any writer).</li>
 * </ul>
 */
enum SqlPeer {
    CUTAWAY_BTREE("cutaway-btree", "on"),
    CUTAWAY_LSM("cutaway-lsm", "on"),
    H2("h2", "write_delay0_no_fsync"),
    SQLITE("sqlite", "on"),
    HSQLDB("hsqldb", "on");

    private final String label;
    private final String sync;

    SqlPeer(String label, String sync) {
        this.label = label;
        this.sync = sync;
    }

    /** The engine token of the bench lines. */
    String label() {
        return label;
    }

    /** What a commit guarantees, the {@code sync=} field of the lines. */
    String sync() {
        return sync;
    }

    static SqlPeer named(String name) {
        for (SqlPeer p : values()) {
            if (p.label.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown engine " + name + "; known: "
                + List.of(values()).stream().map(SqlPeer::label).toList());
    }

    /** Creates what the engine needs in {@code dir} before the first connection. */
    void create(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (this == CUTAWAY_LSM) {
            Database.open(dir, DatabaseOptions.defaults()
                    .withEngine(NodeOptions.EngineKind.LSM)).close();
        }
    }

    /** A new connection to the database in {@code dir}, autocommit on, durability set. */
    Connection connect(Path dir) throws SQLException {
        String path = dir.toAbsolutePath().toString();
        Connection c = switch (this) {
            case CUTAWAY_BTREE, CUTAWAY_LSM -> DriverManager.getConnection(
                    "jdbc:cutaway:file:" + path);
            case H2 -> DriverManager.getConnection("jdbc:h2:file:" + path + "/db;WRITE_DELAY=0",
                    "sa", "");
            case SQLITE -> DriverManager.getConnection("jdbc:sqlite:" + path + "/db.sqlite");
            case HSQLDB -> DriverManager.getConnection("jdbc:hsqldb:file:" + path
                    + "/db;hsqldb.write_delay=false;hsqldb.tx=mvcc", "SA", "");
        };
        if (this == SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=60000");
            }
        }
        return c;
    }

    /** Work an engine wants when the run is over (HSQLDB writes its files at SHUTDOWN). */
    void shutdown(Connection c) throws SQLException {
        if (this == HSQLDB) {
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }
}
