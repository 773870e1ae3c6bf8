package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The merge join against the hash join, metamorphically: with {@code enable_hashjoin = off}
 * the plan must be a merge join and its rows (as a multiset) those of the default plan, on
 * generated data with duplicate keys on both sides, NULL keys, mixed int/bigint/smallint
 * keys, numeric keys that are equal at different scales, text keys, residual conditions and
 * LEFT joins; also in a database whose operators may hold only {@link #BUDGET} rows, where
 * the sorts under the merge join spill. Randomised data: the seed is printed and
 * {@code -Dcutaway.seed=N} replays it.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MergeJoinTest {
    static final long BUDGET = 40;
    static final List<String> QUERIES = List.of(
            "SELECT l.id, r.id FROM l JOIN r ON l.k = r.k",
            "SELECT l.id, r.id FROM l JOIN r ON r.k = l.k AND l.s = r.s",
            "SELECT l.id, r.id, r.v FROM l LEFT JOIN r ON l.k = r.k AND l.v < r.v",
            "SELECT l.id, r.id FROM l LEFT JOIN r ON l.k = r.k AND l.k2 = r.k2",
            "SELECT l.id, r.id FROM l JOIN r ON l.n = r.n",
            "SELECT l.id, r.id FROM l LEFT JOIN r ON l.t = r.t WHERE l.id < 300",
            "SELECT l.id, r.id FROM l, r WHERE l.k = r.k AND r.v > 40",
            "SELECT l.id, r.id FROM l LEFT JOIN r ON l.k = r.k WHERE r.v > 10",
            "SELECT count(*), sum(r.v) FROM l JOIN r USING (k)");

    private SpillFixture fixture;
    private Session s;
    private Session l;

    @BeforeAll
    void load() {
        fixture = new SpillFixture("MergeJoinTest", BUDGET, MergeJoinTest::setup);
        s = fixture.s;
        l = fixture.l;
    }

    @AfterAll
    void close() throws Exception {
        fixture.close();
    }

    /** l (600 rows) and r (400 rows): keys in a small range, so both sides repeat them. */
    private static List<String> setup(SplittableRandom random) {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE l (id int PRIMARY KEY, k int, k2 smallint, n numeric, t text,"
                + " s int, v int)");
        sql.add("CREATE TABLE r (id int PRIMARY KEY, k bigint, k2 int, n numeric, t text,"
                + " s int, v int)");
        sql.add(insert("l", 600, random));
        sql.add(insert("r", 400, random));
        sql.add("INSERT INTO r VALUES (1000, 7, 1, 7.0, 'only', 0, 0)");
        sql.add("INSERT INTO l VALUES (1000, 1, 1, 1.0, 'one', 0, 0)");
        sql.add("CREATE TABLE big (id int PRIMARY KEY, k int)");
        sql.add("INSERT INTO big SELECT g, 1 FROM generate_series(1, 100) g");
        sql.add("ANALYZE");
        return sql;
    }

    private static String insert(String table, int rows, SplittableRandom random) {
        StringBuilder b = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int id = 1; id <= rows; id++) {
            int k = random.nextInt(120);
            b.append(id == 1 ? "" : ", ").append('(').append(id).append(", ")
                    .append(maybeNull(random, String.valueOf(k))).append(", ")
                    .append(maybeNull(random, String.valueOf(random.nextInt(3)))).append(", ")
                    .append(maybeNull(random, k % 20 + (random.nextBoolean() ? ".0" : ".00")))
                    .append(", ").append(maybeNull(random, "'w" + k % 30 + "'")).append(", ")
                    .append(random.nextInt(4)).append(", ")
                    .append(maybeNull(random, String.valueOf(random.nextInt(60)))).append(')');
        }
        return b.toString();
    }

    private static String maybeNull(SplittableRandom random, String value) {
        return random.nextInt(10) == 0 ? "NULL" : value;
    }

    private static String plan(Session session, String sql) {
        return Rows.text(session.executeOne("EXPLAIN (COSTS off) " + sql));
    }

    /** The rows as sorted lines: joins fix no order. */
    private static List<String> multiset(Session session, String sql) {
        List<String> lines = new ArrayList<>(Rows.query(session, sql).lines().toList());
        lines.sort(null);
        return lines;
    }

    private void compare(Session session) {
        for (String q : QUERIES) {
            session.execute("RESET enable_hashjoin");
            List<String> expected = multiset(l, q);
            assertThat(plan(l, q)).as(q).doesNotContain("Merge");
            assertThat(expected).as(q).isNotEmpty();
            session.execute("SET enable_hashjoin = off");
            assertThat(plan(session, q)).as(q).contains("Merge").doesNotContain("Hash");
            assertThat(multiset(session, q)).as(q).isEqualTo(expected);
        }
        session.execute("RESET enable_hashjoin");
    }

    @Test
    void mergeJoinGivesTheHashJoinsRows() {
        compare(l);
    }

    @Test
    void mergeJoinGivesTheSameRowsWhenItsSortsSpill() {
        compare(s);
        s.execute("SET enable_hashjoin = off");
        String text = Rows.text(s.executeOne("EXPLAIN ANALYZE " + QUERIES.getFirst()));
        s.execute("RESET enable_hashjoin");
        assertThat(text).contains("Merge INNER Join").containsPattern("Spilled: files=[1-9]");
    }

    @Test
    void switchesChooseTheMethod() {
        String q = QUERIES.get(2);
        l.execute("SET enable_hashjoin = off");
        assertThat(plan(l, q)).contains("Merge LEFT Join").contains("Sort");
        l.execute("SET enable_mergejoin = off");
        assertThat(plan(l, q)).contains("Nested Loop LEFT Join").doesNotContain("Merge");
        l.execute("RESET enable_hashjoin");
        assertThat(plan(l, q)).contains("Hash LEFT Join").doesNotContain("Merge");
        l.execute("RESET enable_mergejoin");
        // RIGHT and FULL joins have no merge join: the hash join stays the only equi-join
        l.execute("SET enable_hashjoin = off");
        assertThat(plan(l, "SELECT * FROM l FULL JOIN r ON l.k = r.k")).doesNotContain("Merge");
        l.execute("RESET enable_hashjoin");
    }

    @Test
    void oneGroupLargerThanTheBudgetFails() {
        s.execute("SET enable_hashjoin = off");
        try {
            assertThatThrownBy(() -> s.executeOne("SELECT count(*) FROM l JOIN big"
                    + " ON l.k = big.k")).isInstanceOfSatisfying(SqlException.class,
                            e -> assertThat(e.sqlState()).isEqualTo("53200"));
            // the same join with the budget's worth of equal keys or fewer works
            assertThat(Rows.query(s, "SELECT count(*) FROM l JOIN big ON l.k = big.k"
                    + " AND big.id <= " + BUDGET / 2)).isEqualTo(Rows.query(l,
                            "SELECT count(*) FROM l JOIN big ON l.k = big.k AND big.id <= "
                                    + BUDGET / 2));
        } finally {
            s.execute("RESET enable_hashjoin");
        }
    }
}
