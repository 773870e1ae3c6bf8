package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.system.SystemTable;
import dev.cutaway.sql.types.SqlType;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * System tables (ADR 0017): the generic mechanism (resolution, joins, filters, read-only,
 * reserved schemas) and the {@code cutaway.*} views over live state.
 */
@Timeout(60)
class SystemViewsTest {
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
        s.execute("""
                CREATE TABLE t (id int PRIMARY KEY, v text);
                INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
                CREATE TABLE l (k int PRIMARY KEY, w int) WITH (engine = 'lsm');
                INSERT INTO l VALUES (1, 10), (2, 20);
                """);
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    private static String sqlState(Runnable r) {
        try {
            r.run();
        } catch (SqlException e) {
            return e.sqlState() + " " + e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void registeredTableIsResolvedJoinedAndFiltered() {
        AtomicLong scans = new AtomicLong();
        db.systemTables().register(SystemTable.of("pg_catalog", "answers", "test rows",
                cx -> {
                    scans.incrementAndGet();
                    return List.of(new Object[] {1L, "one"}, new Object[] {2L, "two"},
                            new Object[] {7L, null});
                }, "n", SqlType.BIGINT, "word", SqlType.TEXT));
        assertThat(query(s, "SELECT * FROM pg_catalog.answers")).isEqualTo(
                "1|one\n2|two\n7|NULL");
        // pg_catalog is searched before the search path, as in PostgreSQL
        assertThat(query(s, "SELECT word FROM answers WHERE n > 1 ORDER BY n DESC"))
                .isEqualTo("NULL\ntwo");
        assertThat(query(s, "SELECT t.v, a.word FROM t JOIN answers a ON a.n = t.id "
                + "ORDER BY t.id")).isEqualTo("a|one\nb|two");
        assertThat(query(s, "SELECT x.c FROM pg_catalog.answers AS x(c, d) WHERE d = 'two'"))
                .isEqualTo("2");
        assertThat(query(s, "SELECT count(*) FROM t WHERE id IN (SELECT n FROM answers)"))
                .isEqualTo("2");
        assertThat(scans.get()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void wrongRowsFromASourceAreAnInternalError() {
        db.systemTables().register(SystemTable.of("cutaway", "broken", "bad rows",
                cx -> List.<Object[]>of(new Object[] {"not a number"}), "n", SqlType.BIGINT));
        assertThat(sqlState(() -> s.executeOne("SELECT * FROM cutaway.broken")))
                .startsWith("XX000 system view cutaway.broken produced a String");
    }

    @Test
    void systemViewsAreReadOnlyAndTheirSchemasClosed() {
        assertThat(sqlState(() -> s.executeOne("INSERT INTO cutaway.log VALUES (1)")))
                .isEqualTo("55000 cannot insert into view \"log\"");
        assertThat(sqlState(() -> s.executeOne("UPDATE cutaway.locks SET mode = 'x'")))
                .isEqualTo("55000 cannot update view \"locks\"");
        assertThat(sqlState(() -> s.executeOne("DELETE FROM cutaway.transactions")))
                .isEqualTo("55000 cannot delete from view \"transactions\"");
        assertThat(sqlState(() -> s.executeOne("CREATE TABLE cutaway.x (a int)")))
                .isEqualTo("42501 permission denied to create \"cutaway.x\"");
        assertThat(sqlState(() -> s.executeOne("CREATE VIEW pg_catalog.v AS SELECT 1")))
                .isEqualTo("42501 permission denied to create \"pg_catalog.v\"");
        assertThat(sqlState(() -> s.executeOne("DROP VIEW cutaway.log")))
                .isEqualTo("42501 must be owner of view log");
        assertThat(sqlState(() -> s.executeOne("TRUNCATE cutaway.log")))
                .isEqualTo("42809 \"log\" is not a table");
        assertThat(sqlState(() -> s.executeOne("CREATE SCHEMA cutaway")))
                .isEqualTo("42P06 schema \"cutaway\" already exists");
        // cutaway is not on the search path: unqualified names do not find its views
        assertThat(sqlState(() -> s.executeOne("SELECT * FROM locks")))
                .isEqualTo("42P01 relation \"locks\" does not exist");
        assertThat(sqlState(() -> s.executeOne("SELECT * FROM cutaway.nope")))
                .isEqualTo("42P01 relation \"cutaway.nope\" does not exist");
        assertThat(query(s, "SELECT count(*) FROM t")).isEqualTo("3");
    }

    @Test
    void tablesMapToKeySpacesAndEngines() {
        assertThat(query(s, "SELECT name, space > 0, engine, shares_space FROM cutaway.tables "
                + "ORDER BY name")).isEqualTo("l|t|lsm|f\nt|f|btree|t");
        assertThat(query(s, "SELECT btree_height >= 1, btree_pages >= 1, lsm_levels "
                + "FROM cutaway.tables WHERE name = 't'")).isEqualTo("t|t|NULL");
        assertThat(query(s, "SELECT memtable_bytes > 0, btree_pages FROM cutaway.tables "
                + "WHERE name = 'l'")).isEqualTo("t|NULL");
        assertThat(query(s, "SELECT engine, cache, tables FROM cutaway.buffer_pool "
                + "ORDER BY space")).isEqualTo("btree|page cache|public.t\n"
                + "lsm|block cache|public.l");
        assertThat(query(s, "SELECT capacity_pages > 0, hits + misses > 0 "
                + "FROM cutaway.buffer_pool WHERE space = 0")).isEqualTo("t|t");
        assertThat(query(s, "SELECT count(DISTINCT engine) FROM cutaway.engine_stats "
                + "WHERE counter IN ('tree_height', 'compactions')")).isEqualTo("2");
    }

    @Test
    void logViewShowsLiveStateNotTheSnapshot() {
        s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
        long before = Long.parseLong(query(s, "SELECT last_lsn FROM cutaway.log"));
        try (Session other = db.newSession()) {
            other.execute("INSERT INTO t VALUES (4, 'd')");
        }
        long after = Long.parseLong(query(s, "SELECT last_lsn FROM cutaway.log"));
        assertThat(after).isGreaterThan(before);
        assertThat(query(s, "SELECT count(*) FROM t")).isEqualTo("3");
        s.execute("COMMIT");
        assertThat(query(s, "SELECT durable_lsn <= last_lsn, segments >= 1, "
                + "records_appended > 0 FROM cutaway.log")).isEqualTo("t|t|t");
    }

    @Test
    void transactionsAndLocksShowHoldersAndWaiters() throws Exception {
        Session a = db.newSession();
        Session b = db.newSession();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            a.execute("BEGIN; UPDATE t SET v = 'x' WHERE id = 2");
            String aId = query(a, "SELECT txn_id FROM cutaway.transactions WHERE is_current");
            assertThat(query(s, "SELECT relation, key, mode, granted FROM cutaway.locks "
                    + "WHERE txn_id = " + aId + " ORDER BY key"))
                    .isEqualTo("public.t|(2)|exclusive|t\npublic.t|(table)|share|t");
            b.execute("BEGIN");
            Future<?> blocked = pool.submit(() -> b.execute("UPDATE t SET v = 'y' WHERE id = 2"));
            String waiting = "";
            for (int i = 0; i < 500 && waiting.isEmpty(); i++) {
                waiting = query(s, "SELECT txn_id, blocked_by, waited_ms >= 0 FROM cutaway.locks"
                        + " WHERE NOT granted");
                Thread.sleep(10);
            }
            assertThat(waiting).endsWith("|" + aId + "|t");
            String bId = waiting.substring(0, waiting.indexOf('|'));
            assertThat(query(s, "SELECT waiting, waiting_for, isolation FROM cutaway.transactions"
                    + " WHERE txn_id = " + bId)).isEqualTo("t|" + aId + "|read committed");
            a.execute("COMMIT");
            blocked.get(10, TimeUnit.SECONDS);
            b.execute("COMMIT");
            assertThat(query(s, "SELECT count(*) FROM cutaway.locks")).isEqualTo("0");
            assertThat(query(s, "SELECT count(*) FROM cutaway.transactions")).isEqualTo("1");
            assertThat(query(s, "SELECT value > 0 FROM cutaway.transaction_stats "
                    + "WHERE counter = 'locks.waits'")).isEqualTo("t");
        } finally {
            pool.shutdownNow();
            a.close();
            b.close();
        }
    }
}
