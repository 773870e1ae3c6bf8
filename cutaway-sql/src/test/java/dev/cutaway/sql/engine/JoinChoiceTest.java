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
 * Join methods chosen by cost flip where they should (issue 6) on one fixed, analysed data
 * set: {@code big} (20 000 rows, primary key {@code id}, an index on {@code g}), {@code mid}
 * (20 000 rows) and {@code small} (10 rows). A few outer rows against a big indexed table
 * probe it per row (index nested loop over a key or index lookup); a big outer row count
 * hashes instead; inputs already in key order merge without a Sort. Each plan's rows equal
 * those with the method switched off.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinChoiceTest {
    private QuietDatabase q;
    private Session s;

    @BeforeAll
    void load() {
        q = new QuietDatabase("CREATE TABLE big (id int PRIMARY KEY, g int, pad text);"
                + "INSERT INTO big SELECT x, x % 2000, repeat('p', 40) || x"
                + " FROM generate_series(1, 20000) x;"
                + "CREATE INDEX big_g ON big (g);"
                + "CREATE TABLE mid (id int PRIMARY KEY, big_id int, v int);"
                + "INSERT INTO mid SELECT x, (x * 7) % 20000 + 1, x % 100"
                + " FROM generate_series(1, 20000) x;"
                + "CREATE TABLE small (id int PRIMARY KEY, big_id int, g int);"
                + "INSERT INTO small SELECT x, x * 1000, x * 3 FROM generate_series(1, 10) x;"
                + "ANALYZE;");
        s = q.s;
    }

    @AfterAll
    void close() throws Exception {
        q.close();
    }

    private String plan(String sql) {
        return Rows.text(s.executeOne("EXPLAIN (COSTS off) " + sql));
    }

    private List<String> rows(String sql) {
        List<String> lines = new ArrayList<>(Arrays.asList(Rows.query(s, sql).split("\n")));
        lines.sort(null);
        return lines;
    }

    /** The rows of {@code sql} with {@code setting} off equal the default plan's. */
    private void sameRowsWithout(String setting, String sql) {
        List<String> expected = rows(sql);
        s.execute("SET " + setting + " = off");
        try {
            assertThat(rows(sql)).as("%s off: %s", setting, sql).isEqualTo(expected);
        } finally {
            s.execute("RESET " + setting);
        }
    }

    @Test
    void fewOuterRowsProbeTheBigTableByPrimaryKey() {
        String sql = "SELECT small.id, big.pad FROM small JOIN big ON big.id = small.big_id";
        assertThat(plan(sql)).contains("Nested Loop INNER Join", "Key Lookup on big")
                .doesNotContain("Seq Scan on big");
        assertThat(rows(sql)).hasSize(10).contains("3|" + "p".repeat(40) + "3000");
        sameRowsWithout("enable_nestloop", sql);
        s.execute("SET enable_nestloop = off");
        try {
            assertThat(plan(sql)).doesNotContain("Nested Loop").contains("Seq Scan on big");
        } finally {
            s.execute("RESET enable_nestloop");
        }
    }

    @Test
    void fewOuterRowsProbeASecondaryIndex() {
        String sql = "SELECT small.id, big.id FROM small, big WHERE big.g = small.g";
        assertThat(plan(sql)).contains("Nested Loop INNER Join",
                "Index Lookup using big_g on big");
        assertThat(rows(sql)).hasSize(100);
        sameRowsWithout("enable_nestloop", sql);
    }

    @Test
    void manyOuterRowsHashInstead() {
        String sql = "SELECT mid.id, big.pad FROM mid JOIN big ON big.id = mid.big_id";
        assertThat(plan(sql)).doesNotContain("Nested Loop").doesNotContain("Key Lookup");
        assertThat(rows(sql)).hasSize(20000);
        sameRowsWithout("enable_hashjoin", sql);
    }

    @Test
    void theFlipFollowsTheOuterRowCount() {
        String few = "SELECT mid.id, big.g FROM mid JOIN big ON big.id = mid.big_id"
                + " WHERE mid.id <= 20";
        String many = "SELECT mid.id, big.g FROM mid JOIN big ON big.id = mid.big_id"
                + " WHERE mid.id <= 15000";
        assertThat(plan(few)).contains("Nested Loop INNER Join", "Key Lookup on big");
        assertThat(plan(many)).doesNotContain("Key Lookup on big");
        sameRowsWithout("enable_nestloop", few);
        sameRowsWithout("enable_hashjoin", many);
    }

    @Test
    void inputsInKeyOrderMergeWithoutSorts() {
        // both sides read in primary-key order on the join key: the merge needs no Sort
        String sql = "SELECT count(*) FROM big b1 JOIN big b2 ON b1.id = b2.id";
        assertThat(plan(sql)).contains("Merge INNER Join").doesNotContain("Sort");
        assertThat(rows(sql)).containsExactly("20000");
        sameRowsWithout("enable_mergejoin", sql);
    }

    @Test
    void unorderedInputsPayForTheSortAndHash() {
        String sql = "SELECT count(*) FROM mid m1 JOIN mid m2 ON m1.v = m2.big_id";
        assertThat(plan(sql)).contains("Hash INNER Join").doesNotContain("Merge");
        sameRowsWithout("enable_hashjoin", sql);
    }
}
