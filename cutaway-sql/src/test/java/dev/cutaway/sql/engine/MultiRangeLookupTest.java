package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.stats.PlannerSettings;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Multi-range lookups for {@code col IN (...)} and ORs of equalities: one lookup per distinct
 * value, NULLs dropped, rows in key order, each once; chosen by cost against the scan.
 */
@Timeout(60)
class MultiRangeLookupTest {
    private static QuietDatabase q;
    private static Session s;

    @BeforeAll
    static void open() {
        q = new QuietDatabase("CREATE TABLE t (id int PRIMARY KEY, v int, w int, pad text);"
                + "INSERT INTO t SELECT g, g % 500, g % 7, 'x' || g"
                + " FROM generate_series(1, 3000) g;"
                + "CREATE INDEX t_v ON t (v); CREATE INDEX t_w ON t (w);"
                + "CREATE TABLE q (id int PRIMARY KEY, a int, b text);"
                + "INSERT INTO q SELECT g, g % 40, 'b' || (g % 30) FROM generate_series(1, 2400) g;"
                + "CREATE INDEX q_ab ON q (a, b);"
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
    void inListsAndOrsBecomeOneLookupPerValue() {
        assertThat(plan("SELECT id FROM t WHERE v IN (7, 3, 7, NULL)"))
                .contains("Index Lookup using t_v on t (4 keys)");
        assertThat(Rows.query(s, "SELECT id FROM t WHERE v IN (7, 3, 7, NULL)"))
                .isEqualTo("3\n503\n1003\n1503\n2003\n2503\n7\n507\n1007\n1507\n2007\n2507");
        assertThat(plan("SELECT id FROM t WHERE v = 7 OR v = 3 OR (v = 9)"))
                .contains("Index Lookup using t_v on t (3 keys)");
        assertThat(plan("SELECT id FROM t WHERE id = 30 OR id = 10 OR id = 30"))
                .contains("Key Lookup on t (3 keys)");
        assertThat(Rows.query(s, "SELECT id FROM t WHERE id = 30 OR id = 10 OR id = 30"))
                .isEqualTo("10\n30");
        // an OR over two columns is no lookup
        assertThat(plan("SELECT id FROM t WHERE v = 7 OR w = 3")).contains("Seq Scan on t");
        // two of seven w values: the scan is cheaper than 860 gets
        assertThat(plan("SELECT id FROM t WHERE w IN (1, 2)")).contains("Seq Scan on t");
        // a two-column index: the product of the columns' values
        assertThat(plan("SELECT id FROM q WHERE a IN (1, 2) AND b IN ('b1', 'b2', 'b3')"))
                .contains("Index Lookup using q_ab on q (6 keys)");
        String text = Rows.text(s.executeOne("EXPLAIN (ANALYZE, TIMING off)"
                + " SELECT id FROM t WHERE v IN (7, 3, 7)"));
        assertThat(text).contains("KV: gets=12 scans=2 entries=12");
    }

    @Test
    void parametersAndNullsAndEverySwitchGiveTheSameRows() {
        Prepared p = s.prepare("SELECT id FROM t WHERE v IN ($1, $2) ORDER BY id");
        assertThat(p.execute(Arrays.asList(1, null)).rows()).hasSize(6);
        assertThat(p.execute(List.of(1, 1)).rows()).hasSize(6);
        List<String> queries = List.of(
                "SELECT id FROM t WHERE v IN (7, 3, 7, NULL) ORDER BY id",
                "SELECT id, v FROM t WHERE (v = 499 OR v = 0) AND w > 2 ORDER BY v, id",
                "SELECT id FROM t WHERE id IN (3, 1, 3) OR id = 2 ORDER BY 1",
                "SELECT id FROM q WHERE a IN (1, 2) AND (b = 'b1' OR b = 'b3') ORDER BY id",
                "SELECT count(*) FROM t WHERE v NOT IN (1, 2)");
        for (String q : queries) {
            String expected = Rows.query(s, q);
            for (String name : PlannerSettings.NAMES) {
                s.execute("SET " + name + " = off");
                assertThat(Rows.query(s, q)).as(name + ": " + q).isEqualTo(expected);
                s.execute("RESET " + name);
            }
        }
        // a in (1, 2) and b in (b1, b3): only g = 1 (mod 120) qualifies
        assertThat(Rows.query(s, "SELECT count(*), min(id), max(id) FROM q WHERE a IN (1, 2)"
                + " AND (b = 'b1' OR b = 'b3')")).isEqualTo("20|1|2281");
    }
}
