package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Filter above a key or index lookup keeps only the conditions the lookup does not apply
 * itself (ADR 0037, {@code bind/IndexConditions}): {@code id = 7} over "Key Lookup" is no
 * Filter at all, as PostgreSQL shows it as the Index Cond; anything else — another column, a
 * cast of the key, a second value, an unfixed key column, a locked index lookup — stays, and
 * its Rows Removed by Filter counts what it removed. Every query returns what it returns with
 * the lookups switched off (a Seq Scan under the whole condition).
 */
@Timeout(60)
class IndexConditionsTest {
    private static QuietDatabase q;
    private static Session s;

    @BeforeAll
    static void open() {
        q = new QuietDatabase("CREATE TABLE t (id int PRIMARY KEY, v int, note text);"
                + "INSERT INTO t SELECT g, g % 50, CASE WHEN g % 3 = 0 THEN 'n' || g END"
                + " FROM generate_series(1, 2000) g;"
                + "CREATE INDEX t_v ON t (v);"
                + "CREATE TABLE e (a int, b text, g int, PRIMARY KEY (a, b));"
                + "INSERT INTO e SELECT x / 4, 'b' || (x % 4), x FROM generate_series(0, 799) x;"
                + "CREATE TABLE sm (k smallint PRIMARY KEY, w int);"
                + "INSERT INTO sm SELECT g, g FROM generate_series(1, 100) g;"
                + "ANALYZE;");
        s = q.s;
    }

    @AfterAll
    static void close() throws Exception {
        q.close();
    }

    @AfterEach
    void defaults() {
        s.execute("RESET enable_seqscan; RESET enable_indexscan; RESET enable_hashjoin;"
                + " RESET enable_mergejoin");
    }

    private static String plan(String sql) {
        return Rows.text(s.executeOne("EXPLAIN (COSTS off) " + sql));
    }

    private static String analyze(String sql) {
        return Rows.text(s.executeOne("EXPLAIN (ANALYZE, COSTS off, TIMING off, BUFFERS off) "
                + sql));
    }

    /** The rows of {@code sql}, checked equal to what a Seq Scan under the whole WHERE gives. */
    private static String rows(String sql) {
        String planned = Rows.query(s, sql);
        s.execute("SET enable_indexscan = off");
        try {
            assertThat(Rows.query(s, sql)).as(sql).isEqualTo(planned);
        } finally {
            s.execute("RESET enable_indexscan");
        }
        return planned;
    }

    @Test
    void aWholeKeyEqualityLeavesNoFilter() {
        assertThat(plan("SELECT note FROM t WHERE id = 9"))
                .isEqualTo("Project\n  ->  Key Lookup on t (1 key)");
        assertThat(plan("SELECT note FROM t WHERE 9 = id")).doesNotContain("Filter");
        assertThat(plan("SELECT g FROM e WHERE a = 10 AND b = 'b2'"))
                .isEqualTo("Project\n  ->  Key Lookup on e (1 key)");
        assertThat(rows("SELECT note FROM t WHERE id = 9")).isEqualTo("n9");
        assertThat(rows("SELECT g FROM e WHERE a = 10 AND b = 'b2'")).isEqualTo("42");
        assertThat(analyze("SELECT note FROM t WHERE id = 9"))
                .doesNotContain("Filter").contains("Key Lookup on t (1 key) (actual rows=1");
    }

    @Test
    void otherTermsStayInTheFilterAndCountWhatTheyRemove() {
        assertThat(plan("SELECT id FROM t WHERE id = 10 AND note IS NULL"))
                .isEqualTo("Project\n  ->  Filter\n        ->  Key Lookup on t (1 key)");
        assertThat(rows("SELECT id FROM t WHERE id = 10 AND note IS NULL")).isEqualTo("10");
        assertThat(analyze("SELECT id FROM t WHERE id = 9 AND note IS NULL"))
                .contains("Filter (actual rows=0 loops=1)\n        Rows Removed by Filter: 1");
        assertThat(rows("SELECT id FROM t WHERE id = 9 AND note IS NULL")).isEmpty();
        assertThat(plan("SELECT g FROM e WHERE a = 10 AND b = 'b2' AND g > 100"))
                .contains("Filter\n        ->  Key Lookup on e (1 key)");
        assertThat(rows("SELECT g FROM e WHERE a = 10 AND b = 'b2' AND g > 40")).isEqualTo("42");
    }

    @Test
    void aCastOfTheKeyOrAnotherValueIsNotImplied() {
        // the lookup reads id 7; '7' <> '07' as text, so the filter must stay and remove it
        assertThat(analyze("SELECT id FROM t WHERE id = 7 AND id::text = '07'"))
                .contains("Rows Removed by Filter: 1").contains("Key Lookup on t (1 key)");
        assertThat(rows("SELECT id FROM t WHERE id = 7 AND id::text = '07'")).isEmpty();
        assertThat(rows("SELECT id FROM t WHERE id = 7 AND id::numeric = 7.0")).isEqualTo("7");
        // a comparison through numeric is no lookup at all: a scan under the whole condition
        assertThat(plan("SELECT id FROM t WHERE id = 7.5")).contains("Filter")
                .contains("Seq Scan on t");
        assertThat(rows("SELECT id FROM t WHERE id = 7.5")).isEmpty();
        // two values for one key: the lookup uses one, the other is checked
        assertThat(analyze("SELECT id FROM t WHERE id = 7 AND id = 8"))
                .contains("Rows Removed by Filter: 1");
        assertThat(rows("SELECT id FROM t WHERE id = 7 AND id = 8")).isEmpty();
        assertThat(plan("SELECT id FROM t WHERE id = 7 AND id = 7")).doesNotContain("Filter");
        // out of smallint's range: the lookup finds nothing, as the equality would
        assertThat(plan("SELECT w FROM sm WHERE k = 100000")).doesNotContain("Filter");
        assertThat(rows("SELECT w FROM sm WHERE k = 100000")).isEmpty();
        assertThat(rows("SELECT w FROM sm WHERE k = 42::bigint")).isEqualTo("42");
    }

    @Test
    void aPartialKeyKeepsItsFilter() {
        assertThat(plan("SELECT g FROM e WHERE a = 10")).contains("Filter");
        assertThat(rows("SELECT g FROM e WHERE a = 10")).isEqualTo("40\n41\n42\n43");
        assertThat(plan("SELECT g FROM e WHERE b = 'b1' AND a = 3")).doesNotContain("Filter");
    }

    @Test
    void inListsAndOrsOfTheKeyAreImpliedWhenTheyAreTheLookupsValues() {
        s.execute("SET enable_seqscan = off");
        assertThat(plan("SELECT id FROM t WHERE id IN (5, 3, NULL)"))
                .isEqualTo("Project\n  ->  Key Lookup on t (3 keys)");
        assertThat(plan("SELECT id FROM t WHERE id = 5 OR id = 3"))
                .isEqualTo("Project\n  ->  Key Lookup on t (2 keys)");
        assertThat(plan("SELECT id FROM t WHERE v IN (5, 6)")).doesNotContain("Filter")
                .contains("Index Lookup using t_v on t (2 keys)");
        // the lookup takes the IN list; the equality narrows it further
        assertThat(analyze("SELECT id FROM t WHERE id IN (5, 3) AND id = 3"))
                .contains("Rows Removed by Filter: 1");
        for (String sql : List.of("SELECT id FROM t WHERE id IN (5, 3, NULL)",
                "SELECT id FROM t WHERE id = 5 OR id = 3",
                "SELECT id FROM t WHERE id IN (5, 3) AND id = 3",
                "SELECT id FROM t WHERE v IN (5, 6) AND id < 200 ORDER BY id")) {
            String planned = Rows.query(s, sql);
            s.execute("SET enable_indexscan = off; SET enable_seqscan = on");
            assertThat(Rows.query(s, sql)).as(sql).isEqualTo(planned);
            s.execute("SET enable_indexscan = on; SET enable_seqscan = off");
        }
    }

    @Test
    void indexLookupsDropTheirEqualitiesUnlessTheyLockRows() {
        s.execute("SET enable_seqscan = off");
        assertThat(plan("SELECT note FROM t WHERE v = 7"))
                .isEqualTo("Project\n  ->  Index Lookup using t_v on t");
        assertThat(plan("SELECT note FROM t WHERE v = 7 AND id > 1000"))
                .contains("Filter\n        ->  Index Lookup using t_v on t");
        // a lock returns the newest version, whose v may have changed: checked again
        assertThat(plan("SELECT note FROM t WHERE v = 7 FOR UPDATE"))
                .contains("Filter").contains("Index Lookup using t_v on t");
        assertThat(plan("SELECT id FROM t WHERE id = 7 FOR UPDATE")).doesNotContain("Filter");
        assertThat(Rows.query(s, "SELECT count(*) FROM (SELECT id FROM t WHERE v = 7"
                + " AND id > 1000) x")).isEqualTo("20");
        // an index-only scan under the key applies it too, whichever way it was chosen
        assertThat(plan("SELECT id FROM t WHERE v = 7"))
                .isEqualTo("Project\n  ->  Index Only Scan using t_v on t");
        s.execute("SET enable_indexscan = off; SET enable_seqscan = on");
        assertThat(plan("SELECT id FROM t WHERE v = 7")).doesNotContain("Filter")
                .contains("Index Only Scan using t_v on t");
        assertThat(plan("SELECT id FROM t WHERE v = 7 AND id % 4 = 3"))
                .contains("Filter\n        ->  Index Only Scan using t_v on t");
        assertThat(Rows.query(s, "SELECT count(*) FROM (SELECT id FROM t WHERE v = 7"
                + " AND id % 4 = 3) x")).isEqualTo("20");
    }

    @Test
    void outerReferencesAndParametersAreStableValues() {
        String sql = "SELECT a.id, (SELECT b.note FROM t b WHERE b.id = a.v + 3) FROM t a"
                + " WHERE a.id IN (3, 4, 5) ORDER BY a.id";
        assertThat(rows(sql)).isEqualTo("3|n6\n4|NULL\n5|NULL");
        String lateral = "SELECT a.id, x.note FROM t a, LATERAL (SELECT note FROM t b"
                + " WHERE b.id = a.v + 3) x WHERE a.id IN (3, 4, 5, 6) ORDER BY a.id";
        assertThat(plan(lateral)).contains("->  Key Lookup on t (1 key)")
                .doesNotContain("Filter\n                    ->  Key Lookup");
        assertThat(rows(lateral)).isEqualTo("3|n6\n4|NULL\n5|NULL\n6|n9");
        assertThat(Rows.text(s.executeOne("SELECT note FROM t WHERE id = $1", List.of("9"))))
                .isEqualTo("n9");
    }

    @Test
    void anIndexNestedLoopKeepsTheConditionsOfALookupOnItsRightSide() {
        s.execute("SET enable_hashjoin = off; SET enable_mergejoin = off;"
                + " SET enable_seqscan = off");
        // b's own condition makes it an index lookup on t_v; the join then probes b by key,
        // and v = 7 must be checked on each row the probe finds
        String sql = "SELECT a.id, b.note FROM t a JOIN t b ON b.id = a.id"
                + " WHERE b.v = 7 AND a.id < 300 ORDER BY a.id";
        String planned = plan(sql);
        assertThat(planned).contains("Key Lookup on t (1 key)");
        String result = Rows.query(s, sql);
        assertThat(result).isEqualTo("7|NULL\n57|n57\n107|NULL\n157|NULL\n207|n207\n257|NULL");
        defaults();
        s.execute("SET enable_indexscan = off");
        assertThat(Rows.query(s, sql)).isEqualTo(result);
    }
}
