package dev.cutaway.jdbc;

import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.DatabaseOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The databases the driver has open in this JVM, shared by every connection naming them and
 * counted by reference: {@code mem:NAME} by name, {@code file:DIR} by absolute normalized
 * directory. A private {@code mem:} database is not registered (its connection owns it).
 *
 * <p>Invariants: (1) every registered entry has {@code references >= 1}; (2) the last
 * {@link #release} of an entry closes its database and removes the entry, so a name opened
 * again later is a new, empty in-memory database. All methods hold the registry's lock; opening
 * a file database under it serializes opens, which is rare and keeps (1) simple.
 */
final class DatabaseRegistry {
    /** A bound on how many shared databases one JVM keeps open through the driver. */
    static final int SHARED_DATABASES_MAX = 1024;

    private final Map<String, Entry> open = new HashMap<>();

    private static final class Entry {
        final Database database;
        int references;

        Entry(Database database) {
            this.database = database;
        }
    }

    /** The database of {@code url}, opened if needed; each call must be paired with release. */
    synchronized Database acquire(CutawayUrl url) throws SQLException {
        if (url.kind() == CutawayUrl.Kind.PRIVATE_MEMORY) {
            return Database.inMemory();
        }
        Entry entry = open.get(url.key());
        if (entry == null) {
            if (open.size() >= SHARED_DATABASES_MAX) {
                throw new SQLException("too many shared databases open (" + SHARED_DATABASES_MAX
                        + ")", "53000");
            }
            entry = new Entry(openDatabase(url));
            open.put(url.key(), entry);
        }
        entry.references++;
        return entry.database;
    }

    private static Database openDatabase(CutawayUrl url) throws SQLException {
        if (url.kind() == CutawayUrl.Kind.NAMED_MEMORY) {
            return Database.inMemory();
        }
        try {
            return Database.open(Path.of(url.location()), DatabaseOptions.defaults());
        } catch (IOException e) {
            throw new SQLException("could not open database in " + url.location() + ": "
                    + e.getMessage(), "58030", e);
        }
    }

    /** Gives back one reference; the last one closes the database. */
    synchronized void release(CutawayUrl url, Database database) throws SQLException {
        if (url.kind() == CutawayUrl.Kind.PRIVATE_MEMORY) {
            close(database);
            return;
        }
        Entry entry = open.get(url.key());
        if (entry == null || entry.database != database) {
            throw new IllegalStateException("release of a database not acquired: " + url);
        }
        entry.references--;
        if (entry.references == 0) {
            open.remove(url.key());
            close(database);
        }
    }

    /** How many connections hold the shared database of {@code url} (0 if not open). */
    synchronized int references(CutawayUrl url) {
        Entry entry = open.get(url.key());
        return entry == null ? 0 : entry.references;
    }

    private static void close(Database database) throws SQLException {
        try {
            database.close();
        } catch (IOException e) {
            throw new SQLException("could not close database: " + e.getMessage(), "58030", e);
        }
    }
}
