package dev.cutaway.jdbc;

import dev.cutaway.sql.engine.Database;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The embedded JDBC driver, found by {@link DriverManager} through
 * {@code META-INF/services/java.sql.Driver}. URLs are described in {@link CutawayUrl}; one
 * {@link DatabaseRegistry} per JVM shares named and file databases between connections.
 */
public final class CutawayDriver implements Driver {
    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;
    public static final String NAME = "Cutaway JDBC Driver";

    private static final DatabaseRegistry REGISTRY = new DatabaseRegistry();

    static {
        try {
            DriverManager.registerDriver(new CutawayDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;   // the JDBC contract: another driver's URL
        }
        CutawayUrl parsed = CutawayUrl.parse(url);
        Database db = REGISTRY.acquire(parsed);
        try {
            return new CutawayConnection(url, db, () -> REGISTRY.release(parsed, db));
        } catch (RuntimeException e) {
            REGISTRY.release(parsed, db);
            throw e;
        }
    }

    /** How many open connections share the database of {@code url} (tests and tools). */
    public static int connectionsSharing(String url) throws SQLException {
        return REGISTRY.references(CutawayUrl.parse(url));
    }

    @Override
    public boolean acceptsURL(String url) {
        return CutawayUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;   // a first increment: no stored procedures, escapes or scrolling
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging in Cutaway");
    }
}
