package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutaway.sql.SqlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spilling operators, metamorphically: the same queries over the same 20,000-row tables in a
 * database whose operators may hold 50 rows and in one with the default budget must give the
 * same results (same order where the query fixes it). The small database must really have
 * written temporary files, and none may remain after each statement. Randomised data: the
 * seed is printed and {@code -Dcutaway.seed=N} replays it.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpillTest {
    static final int ROWS = 20_000;
    static final long BUDGET = 50;

    private SpillFixture fixture;
    private Database small;
    private Session s;
    private Session l;

    @BeforeAll
    void load() {
        fixture = new SpillFixture("SpillTest", BUDGET, SpillTest::setup);
        small = fixture.small;
        s = fixture.s;
        l = fixture.l;
    }

    @AfterAll
    void close() throws Exception {
        fixture.close();
    }

    /** Table a (ROWS rows, many NULLs and duplicates) and b (a quarter of that) for joins. */
    private static List<String> setup(SplittableRandom random) {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE a (id int PRIMARY KEY, k int, g int, s text, d double precision,"
                + " n numeric, ts timestamp, b boolean, c varchar(10))");
        sql.add("CREATE TABLE b (id int PRIMARY KEY, ak int, w text)");
        String[] words = {"apple", "Apple", "banana", "éclair", "zebra", "Zulu", "", " x"};
        StringBuilder values = new StringBuilder();
        for (int id = 1; id <= ROWS; id++) {
            values.append(values.isEmpty() ? "" : ", ").append('(').append(id).append(", ")
                    .append(maybeNull(random, String.valueOf(random.nextInt(3000)))).append(", ")
                    .append(random.nextInt(40)).append(", ")
                    .append(maybeNull(random, "'" + words[random.nextInt(words.length)]
                            + random.nextInt(100) + "'")).append(", ")
                    .append(maybeNull(random, String.valueOf(random.nextInt(1000) / 8.0)))
                    .append(", ")
                    .append(maybeNull(random, random.nextInt(100_000) / 100 + ".5")).append(", ")
                    .append(maybeNull(random, "timestamp '2020-01-01' + interval '"
                            + random.nextInt(10_000) + " minutes'")).append(", ")
                    .append(maybeNull(random, random.nextBoolean() ? "true" : "false"))
                    .append(", ").append(maybeNull(random, "'c" + random.nextInt(50) + "'"))
                    .append(')');
            if (id % 1000 == 0) {
                sql.add("INSERT INTO a VALUES " + values);
                values.setLength(0);
            }
        }
        for (int id = 1; id <= ROWS / 4; id++) {
            values.append(values.isEmpty() ? "" : ", ").append('(').append(id).append(", ")
                    .append(maybeNull(random, String.valueOf(random.nextInt(3500)))).append(", '")
                    .append("w").append(random.nextInt(500)).append("')");
            if (id % 1000 == 0) {
                sql.add("INSERT INTO b VALUES " + values);
                values.setLength(0);
            }
        }
        return sql;
    }

    private static String maybeNull(SplittableRandom random, String value) {
        return random.nextInt(12) == 0 ? "NULL" : value;
    }

    /** Runs {@code sql} in both databases; returns the small one's rows as lines. */
    private List<String> both(String sql, boolean ordered) {
        long filesBefore = small.spillArea().filesWritten();
        List<String> expected = lines(l.executeOne(sql), ordered);
        List<String> actual = lines(s.executeOne(sql), ordered);
        assertThat(actual).as(sql).isEqualTo(expected);
        assertThat(small.spillArea().filesWritten()).as("spilled: " + sql)
                .isGreaterThan(filesBefore);
        assertNoTempFiles();
        return actual;
    }

    private static List<String> lines(Result r, boolean ordered) {
        List<String> lines = new ArrayList<>(List.of(Rows.text(r).split("\n", -1)));
        if (!ordered) {
            lines.sort(null);
        }
        return lines;
    }

    private void assertNoTempFiles() {
        try {
            assertThat(small.spillArea().files()).isEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void orderBy() {
        List<String> rows = both("SELECT id, k, s FROM a ORDER BY k NULLS FIRST, s DESC", true);
        assertThat(rows).hasSize(ROWS);
        both("SELECT id, s, d FROM a ORDER BY s, d DESC NULLS LAST, id", true);
        both("SELECT id, ts, n FROM a ORDER BY ts DESC NULLS FIRST, n, id", true);
        both("SELECT b, c, id FROM a ORDER BY b, c DESC, id DESC", true);
        both("SELECT g, k FROM a ORDER BY g, k", true);
    }

    @Test
    void explainAnalyzeShowsTheSpillAndNamesIt() {
        assertThat(Rows.text(s.executeOne("EXPLAIN ANALYZE SELECT id, s FROM a ORDER BY s, id")))
                .containsPattern("Spilled: files=\\d+ bytes=\\d+")
                .containsPattern("Hint: Sort[^\\n]* spilled \\d+ bytes to \\d+ temporary files");
        assertThat(Rows.text(s.executeOne("EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM a"
                + " ORDER BY s"))).containsPattern("\"Temp Bytes Written\": [1-9]");
        assertThat(Rows.text(l.executeOne("EXPLAIN ANALYZE SELECT id FROM a ORDER BY s")))
                .doesNotContain("Spilled:").doesNotContain("temporary files");
    }

    @Test
    void orderByLimitKeepsTopN() {
        long before = small.spillArea().filesWritten();
        String sql = "SELECT id, k FROM a ORDER BY k DESC NULLS LAST, id LIMIT 20 OFFSET 5";
        assertThat(lines(s.executeOne(sql), true)).isEqualTo(lines(l.executeOne(sql), true));
        assertThat(small.spillArea().filesWritten()).isEqualTo(before);
        both("SELECT id, k FROM a ORDER BY k, id LIMIT 100 OFFSET 10", true);
        assertThat(both("SELECT id FROM a ORDER BY id + 0 DESC LIMIT 9223372036854775807 OFFSET"
                + " 19998", true)).containsExactly("2", "1");
    }

    @Test
    void groupBy() {
        both("SELECT k, count(*), count(d), sum(d), avg(n), min(s), max(ts) FROM a GROUP BY k",
                false);
        both("SELECT s, g, count(DISTINCT k), sum(k) FILTER (WHERE b), bool_and(b),"
                + " max(c) FROM a GROUP BY s, g", false);
        both("SELECT n, count(*) FROM a GROUP BY n HAVING count(*) > 1", false);
        both("SELECT k % 7 AS m, ts, count(*) FROM a GROUP BY 1, 2", false);
    }

    @Test
    void joins() {
        for (String kind : List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN")) {
            both("SELECT a.id, a.k, b.id, b.w FROM a " + kind + " b ON a.k = b.ak", false);
            both("SELECT a.id, b.id FROM a " + kind + " b ON a.k = b.ak AND b.w < 'w3'",
                    false);
        }
        both("SELECT count(*), sum(a.g), min(a2.s) FROM a JOIN a a2 ON a.id = a2.k", false);
    }

    @Test
    void nestedLoopJoins() {
        for (String kind : List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN")) {
            both("SELECT x.id, y.id FROM (SELECT * FROM b WHERE id <= 300) x " + kind
                    + " (SELECT * FROM b WHERE id <= 400) y ON x.ak < y.ak - 3400", false);
        }
    }

    @Test
    void distinctAndSetOperations() {
        both("SELECT DISTINCT k, g FROM a", false);
        both("SELECT DISTINCT s FROM a ORDER BY s", true);
        both("SELECT k FROM a UNION SELECT ak FROM b", false);
        both("SELECT g, k FROM a UNION ALL SELECT 1, ak FROM b ORDER BY 1, 2", true);
        for (String op : List.of("INTERSECT", "INTERSECT ALL", "EXCEPT", "EXCEPT ALL")) {
            both("SELECT k, g % 3 FROM a " + op + " SELECT ak, id % 3 FROM b", false);
            both("SELECT ak, id % 3 FROM b " + op + " SELECT k, g % 3 FROM a", false);
        }
        both("WITH w AS (SELECT id, k FROM a WHERE g < 20) SELECT count(*) FROM w x"
                + " JOIN w y ON x.id = y.id", false);
    }

    @Test
    void windowsOverSpilledInput() {
        both("SELECT id, row_number() OVER (PARTITION BY id / 7 ORDER BY k DESC, id),"
                + " sum(g) OVER (PARTITION BY id / 7 ORDER BY id ROWS 2 PRECEDING),"
                + " lag(s) OVER (PARTITION BY id / 5 ORDER BY id),"
                + " count(*) OVER (PARTITION BY id / 9 ORDER BY g RANGE BETWEEN 3 PRECEDING"
                + " AND CURRENT ROW) FROM a", false);
    }

    /** A prepared query's plan runs without binding; its files go when it ends, too. */
    @Test
    void aPreparedQueryLeavesNoTempFiles() {
        Prepared p = s.prepare("SELECT id, k FROM a WHERE g < $1 ORDER BY k, id");
        long before = small.spillArea().filesWritten();
        List<String> rows = lines(p.execute(List.of(30)), true);
        assertThat(rows).isEqualTo(lines(l.executeOne(
                "SELECT id, k FROM a WHERE g < 30 ORDER BY k, id"), true));
        assertThat(small.spillArea().filesWritten()).as("sorted on disk").isGreaterThan(before);
        assertNoTempFiles();
        lines(p.execute(List.of(10)), true);
        assertNoTempFiles();
    }

    @Test
    void failuresNeedingMemoryLeaveNoTempFiles() {
        long before = small.spillArea().filesWritten();
        assertThatThrownBy(() -> s.executeOne("SELECT id, sum(k) OVER (PARTITION BY g) FROM a"))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("53200");
                    assertThat(e.hint()).contains("cannot spill");
                });
        assertThat(small.spillArea().filesWritten()).isGreaterThan(before);
        assertNoTempFiles();
        assertThatThrownBy(() -> s.executeOne("SELECT k, count(*), sum(1 / (id - 19000)) FROM"
                + " (SELECT * FROM a ORDER BY s) x GROUP BY k"))
                .isInstanceOfSatisfying(SqlException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("22012"));
        assertNoTempFiles();
        assertThatThrownBy(() -> s.executeOne("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL"
                + " SELECT n + 1 FROM r) SELECT count(*) FROM r"))
                .isInstanceOfSatisfying(SqlException.class,
                        e -> assertThat(e.sqlState()).isEqualTo("53200"));
        assertNoTempFiles();
        assertThat(Rows.query(s, "SELECT count(*) FROM a")).isEqualTo(String.valueOf(ROWS));
    }

    @Test
    void openDeletesLeftoverTempFilesOnDisk(@TempDir Path dir) throws Exception {
        Path tmp = dir.resolve("tmp");
        Files.createDirectories(tmp);
        Files.writeString(tmp.resolve("s7-0.run"), "left by a crash");
        DatabaseOptions options = DatabaseOptions.defaults().withRowsInMemoryMax(BUDGET)
                .withBackgroundThreads(0);
        try (Database db = Database.open(dir, options); Session x = db.newSession()) {
            assertThat(db.spillArea().files()).isEmpty();
            x.execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
            x.execute("INSERT INTO t SELECT g, 'v' || (g % 13) FROM generate_series(1, 500) g");
            assertThat(Rows.query(x, "SELECT v, count(*) FROM t GROUP BY v ORDER BY v LIMIT 2"))
                    .isEqualTo("v0|38\nv1|39");
            assertThat(Rows.query(x, "SELECT id FROM t ORDER BY v DESC, id DESC LIMIT 1 OFFSET"
                    + " 60")).isEqualTo("203");
            assertThat(db.spillArea().filesWritten()).isPositive();
            assertThat(db.spillArea().bytesWritten()).isPositive();
            try (var files = Files.list(tmp)) {
                assertThat(files).isEmpty();
            }
        }
    }
}
