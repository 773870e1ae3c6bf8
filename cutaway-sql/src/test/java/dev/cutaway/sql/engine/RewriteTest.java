package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ADR 0023 rewrites, case by case: which plans subqueries and joins become (EXPLAIN
 * lines), and the results that must not change, checked against PostgreSQL's answers
 * (NOT IN with NULLs on either side above all) and against {@code cutaway.rewrite = off}.
 */
@Timeout(60)
class RewriteTest {
    private static QuietDatabase q;
    private static Session s;

    @BeforeAll
    static void open() {
        q = new QuietDatabase("CREATE TABLE a (id int PRIMARY KEY, x int, tag text);"
                + "INSERT INTO a VALUES (1, 10, 'p'), (2, 20, 'q'), (3, NULL, 'r'),"
                + " (4, 40, NULL), (5, 10, 'p');"
                + "CREATE TABLE b (id int PRIMARY KEY, y int, a_id int);"
                + "INSERT INTO b VALUES (1, 10, 1), (2, 30, 1), (3, 40, 4), (4, 50, NULL);"
                + "CREATE TABLE n (y int);"
                + "INSERT INTO n VALUES (10), (NULL);"
                + "CREATE TABLE e (y int);");
        s = q.s;
    }

    @AfterAll
    static void close() throws Exception {
        q.close();
    }

    @AfterEach
    void reset() {
        s.execute("RESET cutaway.rewrite");
    }

    private static String plan(String sql) {
        return Rows.text(s.executeOne("EXPLAIN (COSTS off) " + sql));
    }

    /** The rows of {@code sql}, checked to be the same with the rewrites off. */
    private static String rows(String sql) {
        String on = Rows.query(s, sql);
        s.execute("SET cutaway.rewrite = off");
        try {
            assertThat(Rows.query(s, sql)).as("rewrite off: " + sql).isEqualTo(on);
        } finally {
            s.execute("RESET cutaway.rewrite");
        }
        return on;
    }

    @Test
    void existsBecomesAHashSemiJoin() {
        String q = "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.a_id = a.id)"
                + " ORDER BY id";
        assertThat(plan(q)).contains("Hash Semi Join").doesNotContain("SubPlan");
        assertThat(rows(q)).isEqualTo("1\n4");
        s.execute("SET cutaway.rewrite = off");
        assertThat(plan(q)).doesNotContain("Semi Join");
    }

    @Test
    void notExistsBecomesAHashAntiJoin() {
        String q = "SELECT id FROM a WHERE NOT EXISTS (SELECT * FROM b WHERE b.a_id = a.id"
                + " AND b.y > 20) ORDER BY id";
        assertThat(plan(q)).contains("Hash Anti Join");
        assertThat(rows(q)).isEqualTo("2\n3\n5");
    }

    @Test
    void inBecomesASemiJoinOnTheTargetAndKeepsNullsOut() {
        String q = "SELECT id FROM a WHERE x IN (SELECT y FROM b) ORDER BY id";
        assertThat(plan(q)).contains("Hash Semi Join");
        assertThat(rows(q)).isEqualTo("1\n4\n5");
        assertThat(rows("SELECT id FROM a WHERE x = ANY (SELECT y FROM n) ORDER BY id"))
                .isEqualTo("1\n5");
        // a correlated IN: the target equality and the correlation are both keys
        assertThat(rows("SELECT id FROM a WHERE x IN (SELECT y FROM b WHERE b.a_id = a.id)"
                + " ORDER BY id")).isEqualTo("1\n4");
    }

    @Test
    void notInWithNullsIsNotAnAntiJoin() {
        // PostgreSQL: a NULL in the subquery makes every NOT IN NULL or FALSE
        String withNull = "SELECT id FROM a WHERE x NOT IN (SELECT y FROM n) ORDER BY id";
        assertThat(plan(withNull)).contains("Hash Anti Join (null-aware)");
        assertThat(rows(withNull)).isEmpty();
        // no NULL inside: rows whose x is NULL still drop out (NULL NOT IN (...) is NULL)
        assertThat(rows("SELECT id FROM a WHERE x NOT IN (SELECT y FROM b) ORDER BY id"))
                .isEqualTo("2");
        // an empty subquery: NOT IN is TRUE even for x NULL
        assertThat(rows("SELECT id FROM a WHERE x NOT IN (SELECT y FROM e) ORDER BY id"))
                .isEqualTo("1\n2\n3\n4\n5");
        assertThat(rows("SELECT id FROM a WHERE NOT (x IN (SELECT y FROM b WHERE y > 15))"
                + " ORDER BY id")).isEqualTo("1\n2\n5");
        // correlated NOT IN is left as a per-row subquery, still right
        String correlated = "SELECT id FROM a WHERE x NOT IN (SELECT y FROM b"
                + " WHERE b.a_id = a.id) ORDER BY id";
        assertThat(plan(correlated)).doesNotContain("Anti Join");
        assertThat(rows(correlated)).isEqualTo("2\n3\n5");
    }

    @Test
    void aSemiJoinSitsOnTheItemItReadsAboveItsLookup() {
        String q = "SELECT a.id, b.id FROM a, b WHERE b.a_id = a.id AND a.id = 1"
                + " AND EXISTS (SELECT 1 FROM n WHERE n.y = a.x)";
        String p = plan(q);
        assertThat(p).as(p).containsPattern(
                "Hash INNER Join\\n\\s+->  Hash Semi Join\\n\\s+->  Key Lookup on a");
        assertThat(rows(q + " ORDER BY 2")).isEqualTo("1|1\n1|2");
        // EXPLAIN ANALYZE counts the semi join's rows like any operator's
        assertThat(Rows.text(s.executeOne("EXPLAIN (ANALYZE, TIMING off, COSTS off)"
                + " SELECT id FROM a WHERE x IN (SELECT y FROM b)")))
                .contains("Hash Semi Join (actual rows=3 loops=1)");
    }

    @Test
    void whatCannotBeDecorrelatedStaysAsItWas() {
        // an aggregate makes EXISTS always true; LIMIT 0 always false
        String agg = "SELECT id FROM a WHERE EXISTS (SELECT count(*) FROM b WHERE b.y = 999)"
                + " ORDER BY id";
        assertThat(plan(agg)).doesNotContain("Semi Join");
        assertThat(rows(agg)).isEqualTo("1\n2\n3\n4\n5");
        assertThat(rows("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.a_id = a.id"
                + " LIMIT 0)")).isEmpty();
        // inside OR the subquery is not a conjunct
        assertThat(rows("SELECT id FROM a WHERE id = 2 OR EXISTS (SELECT 1 FROM b"
                + " WHERE b.a_id = a.id) ORDER BY id")).isEqualTo("1\n2\n4");
        // errors are the ordinary binding's
        assertThatThrownBy(() -> s.execute("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b"
                + " WHERE b.nope = a.id)")).hasMessageContaining("b.nope does not exist");
    }

    @Test
    void nestedAndDoublyCorrelatedSubqueries() {
        // the inner EXISTS refers two levels out: the outer one becomes a semi join whose
        // condition still reaches a.x through the frames
        String q = "SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.a_id = a.id"
                + " AND EXISTS (SELECT 1 FROM n WHERE n.y = a.x)) ORDER BY id";
        assertThat(rows(q)).isEqualTo("1");
        String q2 = "SELECT id, (SELECT count(*) FROM b WHERE EXISTS (SELECT 1 FROM n"
                + " WHERE n.y = b.y AND b.a_id = a.id)) FROM a ORDER BY id";
        assertThat(rows(q2)).isEqualTo("1|1\n2|0\n3|0\n4|0\n5|0");
    }

    @Test
    void correlatedAggregateSubqueriesBecomeGroupedLeftJoins() {
        String avg = "SELECT id FROM a WHERE x >= (SELECT avg(y) FROM b WHERE b.a_id = a.id)"
                + " ORDER BY id";
        assertThat(plan(avg)).contains("Hash LEFT Join").contains("Aggregate");
        assertThat(rows(avg)).isEqualTo("4");
        // count(*) of no rows is 0, not NULL: a.id 2, 3, 5 have no b rows
        String count = "SELECT id FROM a WHERE (SELECT count(*) FROM b WHERE b.a_id = a.id)"
                + " = 0 ORDER BY id";
        assertThat(plan(count)).contains("Hash LEFT Join");
        assertThat(rows(count)).isEqualTo("2\n3\n5");
        assertThat(rows("SELECT id FROM a WHERE coalesce((SELECT max(y) FROM b"
                + " WHERE b.a_id = a.id), -1) < 0 ORDER BY id")).isEqualTo("2\n3\n5");
        assertThat(rows("SELECT id FROM a WHERE 1 < (SELECT count(y) + 1 FROM b"
                + " WHERE b.a_id = a.id AND b.y > 5) ORDER BY id")).isEqualTo("1\n4");
        // not an equality correlation: left as a per-row subquery
        String other = "SELECT id FROM a WHERE 0 < (SELECT count(*) FROM b WHERE b.y < a.x)"
                + " ORDER BY id";
        assertThat(plan(other)).doesNotContain("Hash LEFT Join");
        assertThat(rows(other)).isEqualTo("2\n4");
    }

    @Test
    void whereOnTheNullableSideMakesALeftJoinInnerAndGoesBelowIt() {
        String q = "SELECT a.id, b.id FROM a LEFT JOIN b ON b.a_id = a.id WHERE b.y > 20"
                + " ORDER BY 1, 2";
        String p = plan(q);
        assertThat(p).contains("Hash INNER Join").doesNotContain("LEFT");
        // the filter sits on b's scan, below the join
        assertThat(p).containsPattern(
                "Hash INNER Join\\n(.*\\n)*\\s+->  Filter\\n\\s+->  Seq Scan on b");
        assertThat(rows(q)).isEqualTo("1|2\n4|3");
        // IS NULL does not reject the padding: the anti-join idiom stays a LEFT join
        String idiom = "SELECT a.id FROM a LEFT JOIN b ON b.a_id = a.id WHERE b.id IS NULL"
                + " ORDER BY 1";
        assertThat(plan(idiom)).contains("LEFT");
        assertThat(rows(idiom)).isEqualTo("2\n3\n5");
        // a condition on the preserved side goes below, the join stays LEFT
        String preserved = "SELECT a.id, b.y FROM a LEFT JOIN b ON b.a_id = a.id"
                + " WHERE a.tag = 'p' ORDER BY 1, 2";
        assertThat(plan(preserved)).contains("Hash LEFT Join");
        assertThat(rows(preserved)).isEqualTo("1|10\n1|30\n5|NULL");
        // OR of null-rejecting terms rejects; COALESCE does not
        assertThat(plan("SELECT a.id FROM a LEFT JOIN b ON b.a_id = a.id"
                + " WHERE b.y = 10 OR b.y = 40")).doesNotContain("LEFT");
        String coalesce = "SELECT a.id FROM a LEFT JOIN b ON b.a_id = a.id"
                + " WHERE coalesce(b.y, 0) = 0 ORDER BY 1";
        assertThat(plan(coalesce)).contains("LEFT");
        assertThat(rows(coalesce)).isEqualTo("2\n3\n5");
    }

    @Test
    void onConditionsFilterTheSideThatIsNotPreserved() {
        String q = "SELECT a.id, b.id FROM a LEFT JOIN b ON b.a_id = a.id AND b.y > 20"
                + " AND a.x > 5 ORDER BY 1, 2";
        assertThat(rows(q)).isEqualTo("1|2\n2|NULL\n3|NULL\n4|3\n5|NULL");
        String right = "SELECT a.id, b.id FROM a RIGHT JOIN b ON b.a_id = a.id AND a.x = 10"
                + " ORDER BY 2, 1";
        assertThat(rows(right)).isEqualTo("1|1\n1|2\nNULL|3\nNULL|4");
        String full = "SELECT a.id, b.id FROM a FULL JOIN b ON b.a_id = a.id WHERE a.x > 15"
                + " ORDER BY 1, 2";
        assertThat(plan(full)).doesNotContain("FULL");
        assertThat(rows(full)).isEqualTo("2|NULL\n4|3");
    }

    @Test
    void constantConditionsFold() {
        assertThat(plan("SELECT id FROM a WHERE 1 = 1 AND id = 2")).contains("Key Lookup");
        assertThat(rows("SELECT id FROM a WHERE CAST('3' AS int) = id OR 1 = 0"))
                .isEqualTo("3");
        // a volatile call is not folded: random() is drawn per row
        assertThat(plan("SELECT id FROM a WHERE random() < 2.0")).contains("Filter");
        assertThat(rows("SELECT count(*) FROM a WHERE random() < 2.0")).isEqualTo("5");
    }

    @Test
    void joinOrderFollowsTheEstimates() {
        s.execute("CREATE TABLE big (id int PRIMARY KEY, k int, j int);"
                + "INSERT INTO big SELECT g, g % 100, g % 7 FROM generate_series(1, 3000) g;"
                + "CREATE TABLE s1 (k int, v int);"
                + "INSERT INTO s1 SELECT g, g % 3 FROM generate_series(1, 30) g;"
                + "CREATE TABLE s2 (j int, w int);"
                + "INSERT INTO s2 SELECT g, g FROM generate_series(0, 6) g;"
                + "ANALYZE big; ANALYZE s1; ANALYZE s2;");
        try {
            String q = "SELECT count(*), sum(big.id) FROM big, s2, s1 WHERE big.k = s1.k"
                    + " AND big.j = s2.j AND s1.v = 1";
            String p = plan(q);
            // the big table is probed, never the hash table's build side
            assertThat(p).as(p).doesNotContainPattern("Hash INNER Join\\n\\s+->  .*\\n"
                    + "(\\s+->  .*\\n)*?\\s{8,}->  Seq Scan on big\\s*$");
            assertThat(p).as(p).doesNotContain("Nested Loop");
            assertThat(rows(q)).isEqualTo("300|439350");
        } finally {
            s.execute("DROP TABLE big; DROP TABLE s1; DROP TABLE s2");
        }
    }

    @Test
    void orderByThePrimaryKeyNeedsNoSort() {
        String scan = "SELECT id, tag FROM a WHERE x > 5 ORDER BY id";
        assertThat(plan(scan)).doesNotContain("Sort");
        assertThat(rows(scan)).isEqualTo("1|p\n2|q\n4|NULL\n5|p");
        String lookups = "SELECT id FROM a WHERE id IN (5, 1, 3) ORDER BY id";
        assertThat(plan(lookups)).contains("Key Lookup").doesNotContain("Sort");
        assertThat(rows(lookups)).isEqualTo("1\n3\n5");
        assertThat(plan("SELECT id FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.a_id = a.id)"
                + " ORDER BY id")).doesNotContain("Sort");
        // DESC is a backward key scan (OrderedAccess); other orders still sort
        assertThat(plan("SELECT id FROM a ORDER BY id DESC")).contains("Key Scan Backward")
                .doesNotContain("Sort");
        assertThat(plan("SELECT id FROM a ORDER BY x")).contains("Sort");
        assertThat(plan("SELECT DISTINCT id FROM a ORDER BY id")).contains("Sort");
        assertThat(rows("SELECT id FROM a ORDER BY id DESC")).isEqualTo("5\n4\n3\n2\n1");
    }

    @Test
    void settingIsShownAndChecked() {
        assertThat(Rows.query(s, "SHOW cutaway.rewrite")).isEqualTo("on");
        s.execute("SET cutaway.rewrite = off");
        assertThat(Rows.query(s, "SHOW cutaway.rewrite")).isEqualTo("off");
        assertThatThrownBy(() -> s.execute("SET cutaway.rewrite = maybe"))
                .hasMessageContaining("requires a Boolean value");
    }
}
