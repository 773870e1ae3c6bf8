package dev.cutaway.sql.engine;

import static dev.cutaway.sql.engine.Rows.error;
import static dev.cutaway.sql.engine.Rows.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ORDER BY inside an aggregate call (ADR 0040): each group's input is sorted before it is fed
 * to the aggregate, after FILTER, also with DISTINCT (whose keys must be arguments), and a
 * group's buffered input spills when it outgrows the row budget. Expected values are
 * PostgreSQL 15's.
 */
@Timeout(60)
class AggregateOrderTest {
    private QuietDatabase q;
    private Session s;

    @BeforeEach
    void open() {
        q = new QuietDatabase("CREATE TABLE t (k int PRIMARY KEY, g int, v text, n int);"
                + "INSERT INTO t VALUES (1, 1, 'b', 30), (2, 1, 'a', NULL), (3, 1, NULL, 10),"
                + " (4, 2, 'c', 20), (5, 2, 'a', 20), (6, 1, 'a', 20)");
        s = q.s;
    }

    @AfterEach
    void close() throws Exception {
        q.close();
    }

    @Test
    void stringAggFollowsTheDirection() {
        assertThat(query(s, "SELECT string_agg(v, ',' ORDER BY v DESC) FROM t"))
                .isEqualTo("c,b,a,a,a");
        assertThat(query(s, "SELECT string_agg(v, ',' ORDER BY v) FROM t"))
                .isEqualTo("a,a,a,b,c");
        assertThat(query(s, "SELECT string_agg(v, ',' ORDER BY k DESC) FROM t"))
                .isEqualTo("a,a,c,a,b");
    }

    @Test
    void arrayAggPlacesNullsAsAsked() {
        assertThat(query(s, "SELECT array_agg(k ORDER BY k DESC) FROM t"))
                .isEqualTo("{6,5,4,3,2,1}");
        assertThat(query(s, "SELECT array_agg(v ORDER BY v) FROM t"))
                .isEqualTo("{a,a,a,b,c,NULL}");
        assertThat(query(s, "SELECT array_agg(v ORDER BY v NULLS FIRST) FROM t"))
                .isEqualTo("{NULL,a,a,a,b,c}");
        assertThat(query(s, "SELECT array_agg(v ORDER BY v DESC) FROM t"))
                .isEqualTo("{NULL,c,b,a,a,a}");
        assertThat(query(s, "SELECT array_agg(v ORDER BY v DESC NULLS LAST) FROM t"))
                .isEqualTo("{c,b,a,a,a,NULL}");
    }

    @Test
    void severalKeysBreakTiesInTurn() {
        assertThat(query(s, "SELECT array_agg(k ORDER BY n DESC NULLS LAST, v, k DESC) FROM t"))
                .isEqualTo("{1,6,5,4,3,2}");
        assertThat(query(s, "SELECT string_agg(v || k, ' ' ORDER BY n, k DESC) FROM t"))
                .isEqualTo("a6 a5 c4 b1 a2");
    }

    @Test
    void distinctSortsAndDeduplicates() {
        assertThat(query(s, "SELECT array_agg(DISTINCT v ORDER BY v DESC) FROM t"))
                .isEqualTo("{NULL,c,b,a}");
        assertThat(query(s, "SELECT string_agg(DISTINCT v, '-' ORDER BY v) FROM t"))
                .isEqualTo("a-b-c");
        assertThat(query(s, "SELECT array_agg(DISTINCT n ORDER BY n DESC NULLS LAST) FROM t"))
                .isEqualTo("{30,20,10,NULL}");
        assertThat(query(s, "SELECT count(DISTINCT n ORDER BY n), sum(DISTINCT n ORDER BY n)"
                + " FROM t")).isEqualTo("3|60");
        SqlException e = error(s, "SELECT array_agg(DISTINCT v ORDER BY k) FROM t");
        assertThat(e.sqlState()).isEqualTo("42P10");
        assertThat(e.getMessage()).contains("ORDER BY expressions must appear in argument list");
    }

    @Test
    void filterAppliesBeforeTheSort() {
        assertThat(query(s, "SELECT array_agg(k ORDER BY k DESC) FILTER (WHERE g = 1) FROM t"))
                .isEqualTo("{6,3,2,1}");
        assertThat(query(s, "SELECT g, array_agg(k ORDER BY k) FILTER (WHERE v = 'c') FROM t"
                + " GROUP BY g ORDER BY g")).isEqualTo("1|NULL\n2|{4}");
    }

    @Test
    void eachGroupIsSortedOnItsOwn() {
        assertThat(query(s, "SELECT g, string_agg(v, '' ORDER BY v DESC NULLS LAST),"
                + " array_agg(n ORDER BY n NULLS FIRST) FROM t GROUP BY g ORDER BY g"))
                .isEqualTo("1|baa|{NULL,10,20,30}\n2|ca|{20,20}");
    }

    @Test
    void anEmptyInputGivesNull() {
        assertThat(query(s, "SELECT string_agg(v, ',' ORDER BY v), array_agg(k ORDER BY k),"
                + " count(k ORDER BY k) FROM t WHERE k > 100")).isEqualTo("NULL|NULL|0");
        assertThat(query(s, "SELECT g, array_agg(k ORDER BY k) FROM t WHERE k > 100"
                + " GROUP BY g")).isEmpty();
    }

    @Test
    void orderDoesNotChangeOtherAggregates() {
        assertThat(query(s, "SELECT sum(n ORDER BY k DESC), count(v ORDER BY v), min(v ORDER BY"
                + " k), max(n ORDER BY v), bool_and(n > 5 ORDER BY n), avg(n ORDER BY n) FROM t"))
                .isEqualTo(query(s, "SELECT sum(n), count(v), min(v), max(n), bool_and(n > 5),"
                        + " avg(n) FROM t"));
        assertThat(query(s, "SELECT sum(n ORDER BY k DESC), count(v ORDER BY v) FROM t"))
                .isEqualTo("100|5");
    }

    @Test
    void theSameCallWithAnotherOrderIsAnotherAggregate() {
        assertThat(query(s, "SELECT array_agg(k ORDER BY k), array_agg(k ORDER BY k DESC),"
                + " array_agg(k ORDER BY k) FROM t WHERE g = 2"))
                .isEqualTo("{4,5}|{5,4}|{4,5}");
    }

    @Test
    void orderByOutsideAnAggregateIsAnError() {
        SqlException window = error(s, "SELECT array_agg(k ORDER BY k) OVER () FROM t");
        assertThat(window.sqlState()).isEqualTo("0A000");
        assertThat(window.getMessage())
                .contains("aggregate ORDER BY is not implemented for window functions");
        SqlException scalar = error(s, "SELECT lower(v ORDER BY v) FROM t");
        assertThat(scalar.sqlState()).isEqualTo("42809");
        assertThat(scalar.getMessage())
                .contains("ORDER BY specified, but lower is not an aggregate function");
        assertThat(error(s, "SELECT array_agg(k ORDER BY count(*)) FROM t").sqlState())
                .isEqualTo("42803");
    }

    /** An index-only scan feeding the aggregate must also cover the ORDER BY's columns. */
    @Test
    void anIndexOnlyScanCoversTheOrderColumns() {
        s.execute("CREATE TABLE w (k int PRIMARY KEY, g int, n int, pad text)");
        s.execute("INSERT INTO w SELECT i, i % 3, (i * 7) % 10, repeat('x', 200)"
                + " FROM generate_series(1, 300) i");
        s.execute("CREATE INDEX w_g ON w (g)");
        s.execute("ANALYZE w");
        String sql = "SELECT g, array_agg(k ORDER BY n DESC, k) FILTER (WHERE k < 13)"
                + " FROM w GROUP BY g ORDER BY g";
        assertThat(query(s, sql)).isEqualTo("0|{12,9,6,3}\n1|{7,4,1,10}\n2|{11,8,5,2}");
    }

    /**
     * Many groups and big groups under a budget of 10 rows: the groups spill by partition and
     * each group's buffered input spills and is sorted externally; the answers match ones
     * computed here, and no temporary file remains. (An array may hold no more elements than
     * the budget, so the big inputs go to string_agg.)
     */
    @Test
    void spilledGroupsAndInputsStaySorted() throws Exception {
        var options = DatabaseOptions.defaults().withSynchronousCommit(false)
                .withRowsInMemoryMax(10);
        try (Database small = Database.inMemory(options); Session x = small.newSession()) {
            x.execute("CREATE TABLE big (k int PRIMARY KEY, g int, v int)");
            x.execute("INSERT INTO big SELECT i, i % 40, (i * 37) % 101"
                    + " FROM generate_series(1, 1200) i");
            TreeMap<Integer, List<int[]>> groups = new TreeMap<>();
            List<int[]> all = new ArrayList<>();
            for (int i = 1; i <= 1200; i++) {
                int[] row = {i, i % 40, (i * 37) % 101};
                groups.computeIfAbsent(row[1], g -> new ArrayList<>()).add(row);
                all.add(row);
            }
            Comparator<int[]> byVDescK = Comparator.<int[]>comparingInt(r -> -r[2])
                    .thenComparingInt(r -> r[0]);
            StringJoiner expected = new StringJoiner("\n");
            for (var e : groups.entrySet()) {
                List<int[]> rows = new ArrayList<>(e.getValue());
                rows.sort(byVDescK);
                StringJoiner keys = new StringJoiner(",");
                rows.forEach(r -> keys.add(String.valueOf(r[0])));
                String distinct = rows.stream().map(r -> r[2] % 10).distinct().sorted()
                        .map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
                String digits = rows.stream().map(r -> r[2] % 10).distinct()
                        .sorted(Comparator.reverseOrder()).map(String::valueOf)
                        .reduce((a, b) -> a + "," + b).orElseThrow();
                expected.add(e.getKey() + "|" + keys + "|" + distinct + "|{" + digits + "}");
            }
            long before = small.spillArea().filesWritten();
            assertThat(query(x, "SELECT g, string_agg(k::text, ',' ORDER BY v DESC, k),"
                    + " string_agg(DISTINCT (v % 10)::text, ',' ORDER BY (v % 10)::text),"
                    + " array_agg(DISTINCT v % 10 ORDER BY v % 10 DESC)"
                    + " FROM big GROUP BY g ORDER BY g")).isEqualTo(expected.toString());
            all.sort(byVDescK.reversed());
            StringJoiner whole = new StringJoiner(",");
            all.forEach(r -> whole.add(String.valueOf(r[2])));
            assertThat(query(x, "SELECT string_agg(v::text, ',' ORDER BY v, k DESC) FROM big"))
                    .isEqualTo(whole.toString());
            assertThat(small.spillArea().filesWritten()).isGreaterThan(before);
            assertThat(small.spillArea().files()).isEmpty();
        }
    }
}
