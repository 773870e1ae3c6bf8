package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.stats.PlannerSettings;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ORDER BY served by the primary key or an index (bind/OrderedAccess): no Sort node, the scan
 * runs backwards for DESC, a LIMIT stops the scan after a few KV entries, and every answer is
 * the one the Sort gives.
 */
@Timeout(60)
class OrderedAccessTest {
    private static QuietDatabase q;
    private static Session s;

    @BeforeAll
    static void open() {
        // 3 000 rows; v unique except every 10th row NULL; w has 7 values
        q = new QuietDatabase("CREATE TABLE t (id int PRIMARY KEY, v int, w int NOT NULL,"
                + " pad text);"
                + "INSERT INTO t SELECT g, CASE WHEN g % 10 = 0 THEN NULL ELSE (g * 7919) % 3001"
                + " END, g % 7, 'x' || g FROM generate_series(1, 3000) g;"
                + "CREATE INDEX t_v ON t (v); CREATE INDEX t_w ON t (w);"
                + "CREATE TABLE p (a text, b int, c int, PRIMARY KEY (a, b));"
                + "INSERT INTO p SELECT 'k' || (g % 5), g, g % 3 FROM generate_series(1, 50) g;"
                + "ANALYZE;");
        s = q.s;
    }

    @AfterAll
    static void close() throws Exception {
        q.close();
    }

    private static String plan(String sql) {
        return Rows.text(s.executeOne("EXPLAIN (COSTS off) " + sql));
    }

    @Test
    void primaryKeyOrderNeedsNoSortAndDescReadsBackwards() {
        assertThat(plan("SELECT id FROM t ORDER BY id LIMIT 3")).isEqualTo(
                "Limit\n  ->  Project\n        ->  Seq Scan on t");
        assertThat(plan("SELECT id, pad FROM t ORDER BY id DESC LIMIT 3")).isEqualTo(
                "Limit\n  ->  Project\n        ->  Key Scan Backward on t");
        assertThat(Rows.query(s, "SELECT id FROM t ORDER BY id DESC LIMIT 3"))
                .isEqualTo("3000\n2999\n2998");
        assertThat(plan("SELECT id FROM t WHERE id BETWEEN 5 AND 9 ORDER BY id DESC"))
                .contains("Key Range Scan Backward on t (>= low, <= high)")
                .doesNotContain("Sort");
        assertThat(Rows.query(s, "SELECT id FROM t WHERE id BETWEEN 5 AND 9 ORDER BY id DESC"))
                .isEqualTo("9\n8\n7\n6\n5");
        assertThat(Rows.query(s, "SELECT id FROM t WHERE id > 2997 ORDER BY 1 DESC"))
                .isEqualTo("3000\n2999\n2998");
        assertThat(plan("SELECT id FROM t WHERE id IN (7, 3, 5) ORDER BY id"))
                .contains("Key Lookup on t (3 keys)").doesNotContain("Sort");
        // a composite text key: a prefix of the key, both directions
        assertThat(plan("SELECT a, b FROM p ORDER BY a DESC, b DESC LIMIT 2"))
                .contains("Key Scan Backward on p").doesNotContain("Sort");
        assertThat(Rows.query(s, "SELECT a, b FROM p ORDER BY a DESC, b DESC LIMIT 2"))
                .isEqualTo("k4|49\nk4|44");
        assertThat(plan("SELECT a, b FROM p ORDER BY a, b DESC")).contains("Sort");
        assertThat(plan("SELECT a, b FROM p ORDER BY b")).contains("Sort");
    }

    @Test
    void limitStopsTheScanEarly() {
        String desc = Rows.text(s.executeOne(
                "EXPLAIN (ANALYZE, TIMING off) SELECT * FROM t ORDER BY id DESC LIMIT 5"));
        assertThat(desc).contains("Key Scan Backward on t")
                .containsPattern("KV: scans=1 entries=[5-6]\\b");
        String index = Rows.text(s.executeOne(
                "EXPLAIN (ANALYZE, TIMING off) SELECT id, v FROM t ORDER BY v LIMIT 5"));
        assertThat(index).contains("Index Scan using t_v on t")
                .containsPattern("KV: gets=5 scans=1 entries=[5-6]\\b");
        String seq = Rows.text(s.executeOne(
                "EXPLAIN (ANALYZE, TIMING off) SELECT * FROM t ORDER BY id LIMIT 5"));
        assertThat(seq).containsPattern("KV: scans=1 entries=[5-6]\\b");
    }

    @Test
    void indexOrderServesLimitAndNullsFollowTheDefaults() {
        assertThat(plan("SELECT id, v FROM t ORDER BY v LIMIT 4")).isEqualTo(
                "Limit\n  ->  Project\n        ->  Index Scan using t_v on t");
        assertThat(plan("SELECT id, v FROM t ORDER BY v DESC LIMIT 4"))
                .contains("Index Scan Backward using t_v on t").doesNotContain("Sort");
        // NULLs first ascending is not the index's order: sorted
        assertThat(plan("SELECT id, v FROM t ORDER BY v NULLS FIRST LIMIT 4")).contains("Sort");
        // the whole table in v order: a get per row costs more than sorting a scan
        assertThat(plan("SELECT id, v, pad FROM t ORDER BY v")).contains("Sort")
                .contains("Seq Scan on t");
        // without pad the index holds every column read: read whole, then sorted (the
        // index-only scan's own order is not yet used to drop the Sort)
        assertThat(plan("SELECT id, v FROM t ORDER BY v")).contains("Sort")
                .contains("Index Only Scan using t_v on t");
        assertThat(Rows.query(s, "SELECT v FROM t ORDER BY v DESC LIMIT 2"))
                .isEqualTo("NULL\nNULL");
        assertThat(plan("SELECT id FROM t WHERE v = 17 ORDER BY id")).doesNotContain("Sort");
    }

    @Test
    void everyPlanGivesTheSameAnswer() {
        List<String> queries = List.of(
                "SELECT id, v FROM t ORDER BY v, id LIMIT 20",
                "SELECT id, v FROM t ORDER BY v LIMIT 20",
                "SELECT v FROM t ORDER BY v DESC LIMIT 400",
                "SELECT id, v FROM t WHERE w = 3 ORDER BY v DESC NULLS LAST, id LIMIT 30",
                "SELECT id FROM t ORDER BY id DESC LIMIT 10 OFFSET 5",
                "SELECT id FROM t WHERE id < 40 AND pad LIKE 'x1%' ORDER BY id DESC",
                "SELECT a, b FROM p WHERE c = 1 ORDER BY a DESC, b DESC",
                "SELECT id, w FROM t ORDER BY w DESC, id LIMIT 5",
                "SELECT v FROM t WHERE v > 2990 ORDER BY v");
        for (String q : queries) {
            s.execute("SET enable_indexscan = off");
            String expected = Rows.query(s, q);
            s.execute("RESET enable_indexscan");
            assertThat(Rows.query(s, q)).as(q).isEqualTo(expected);
            for (String name : PlannerSettings.NAMES) {
                s.execute("SET " + name + " = off");
                assertThat(Rows.query(s, q)).as(name + ": " + q).isEqualTo(expected);
                s.execute("RESET " + name);
            }
        }
        s.execute("SET enable_sort = off");
        assertThat(plan("SELECT id, v FROM t ORDER BY v")).contains("Index Scan using t_v")
                .doesNotContain("Sort");
        s.execute("RESET enable_sort");
    }
}
