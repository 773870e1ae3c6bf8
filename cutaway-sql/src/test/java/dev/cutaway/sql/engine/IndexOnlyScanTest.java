package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Index-only scans: a query that reads only an index's columns and the primary key reads the
 * index alone (no gets), one that reads another column reads the rows (index + heap); the
 * rows equal those with {@code enable_indexonlyscan} off. Visibility: a transaction sees its
 * own uncommitted inserts, updates and deletes through the index, and a repeatable-read
 * snapshot does not see another session's later commits.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexOnlyScanTest {
    private QuietDatabase q;
    private Session s;

    @BeforeAll
    void load() {
        q = new QuietDatabase("CREATE TABLE t (id int PRIMARY KEY, cat int, name text, pad text);"
                + "INSERT INTO t SELECT g, g % 500, 'n' || (g % 37),"
                + " repeat('x', 200) FROM generate_series(1, 10000) g;"
                + "INSERT INTO t VALUES (10001, NULL, NULL, 'null cat');"
                + "CREATE INDEX t_cat ON t (cat);"
                + "CREATE INDEX t_cat_name ON t (cat, name);"
                + "ANALYZE;");
        s = q.s;
    }

    @AfterAll
    void close() throws Exception {
        q.close();
    }

    private String plan(Session session, String sql) {
        return Rows.text(session.executeOne("EXPLAIN (COSTS off) " + sql));
    }

    private static List<String> rows(Session session, String sql) {
        List<String> lines = new ArrayList<>(Arrays.asList(Rows.query(session, sql)
                .split("\n")));
        lines.sort(null);
        return lines;
    }

    private void sameRowsWithoutIndexOnly(String sql) {
        List<String> expected = rows(s, sql);
        s.execute("SET enable_indexonlyscan = off");
        try {
            assertThat(plan(s, sql)).doesNotContain("Index Only Scan");
            assertThat(rows(s, sql)).as(sql).isEqualTo(expected);
        } finally {
            s.execute("RESET enable_indexonlyscan");
        }
    }

    @Test
    void coveredLookupReadsTheIndexOnly() {
        String sql = "SELECT id, cat FROM t WHERE cat = 7";
        assertThat(plan(s, sql)).contains("Index Only Scan using t_cat");
        assertThat(rows(s, sql)).hasSize(20).contains("7|7", "507|7");
        String analyzed = Rows.text(s.executeOne("EXPLAIN (ANALYZE, TIMING off) " + sql));
        assertThat(analyzed).contains("Index Only Scan").doesNotContain("gets=");
        sameRowsWithoutIndexOnly(sql);
    }

    @Test
    void indexScanOffLeavesIndexOnlyScansOn() {
        // PostgreSQL's switches are separate: enable_indexscan does not govern index-only
        String sql = "SELECT id FROM t WHERE cat = 11";
        s.execute("SET enable_indexscan = off");
        try {
            assertThat(plan(s, sql)).contains("Index Only Scan using t_cat");
            s.execute("SET enable_indexonlyscan = off");
            assertThat(plan(s, sql)).contains("Seq Scan on t");
        } finally {
            s.execute("RESET enable_indexscan");
            s.execute("RESET enable_indexonlyscan");
        }
    }

    @Test
    void anUncoveredColumnNeedsTheRow() {
        String sql = "SELECT id, pad FROM t WHERE cat = 7";
        assertThat(plan(s, sql)).doesNotContain("Index Only Scan")
                .contains("Index Lookup using");
        assertThat(rows(s, sql)).hasSize(20);
    }

    @Test
    void countAndGroupingOverATwoColumnIndex() {
        String count = "SELECT count(*) FROM t WHERE cat = 3";
        assertThat(plan(s, count)).contains("Index Only Scan");
        assertThat(rows(s, count)).containsExactly("20");
        sameRowsWithoutIndexOnly(count);
        // a narrow index read whole instead of the wide table
        String grouped = "SELECT name, count(*) FROM t GROUP BY name";
        assertThat(plan(s, grouped)).contains("Index Only Scan using t_cat_name");
        assertThat(rows(s, grouped)).hasSize(38).contains("NULL|1", "n0|270");
        sameRowsWithoutIndexOnly(grouped);
        String nulls = "SELECT id FROM t WHERE cat IS NULL";
        sameRowsWithoutIndexOnly(nulls);
        assertThat(rows(s, nulls)).containsExactly("10001");
    }

    @Test
    void aTransactionSeesItsOwnWritesThroughTheIndex() {
        String sql = "SELECT id, cat FROM t WHERE cat = 499";
        assertThat(plan(s, sql)).contains("Index Only Scan");
        List<String> before = rows(s, sql);
        s.execute("BEGIN");
        try {
            s.execute("INSERT INTO t VALUES (20000, 499, 'new', 'p')");
            s.execute("UPDATE t SET cat = 498 WHERE id = 499");
            s.execute("DELETE FROM t WHERE id = 999");
            List<String> inside = rows(s, sql);
            assertThat(inside).contains("20000|499").doesNotContain("499|499", "999|499")
                    .hasSize(before.size() - 1);
        } finally {
            s.execute("ROLLBACK");
        }
        assertThat(rows(s, sql)).isEqualTo(before);
    }

    @Test
    void aSnapshotDoesNotSeeLaterCommits() {
        String sql = "SELECT id FROM t WHERE cat = 498";
        try (Session other = q.db.newSession()) {
            s.execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
            try {
                List<String> first = rows(s, sql);
                other.execute("INSERT INTO t VALUES (20001, 498, 'later', 'p')");
                other.execute("DELETE FROM t WHERE id = 998");
                assertThat(plan(s, sql)).contains("Index Only Scan");
                assertThat(rows(s, sql)).isEqualTo(first);
            } finally {
                s.execute("COMMIT");
            }
            assertThat(rows(s, sql)).contains("20001").doesNotContain("998");
            other.execute("DELETE FROM t WHERE id = 20001");
            other.execute("INSERT INTO t VALUES (998, 498, 'n36', repeat('x', 200))");
        }
    }
}
