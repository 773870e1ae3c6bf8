package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An equality on a whole unique key reads through the key even on a table so small that the
 * costs would prefer the scan (ADR 0032): after churn the scan walks every old version, the
 * lookup one key's.
 */
@Timeout(60)
class KeyAccessRuleTest {
    private static QuietDatabase q;   // no background threads: no GC, the versions stay
    private static Session s;

    @BeforeAll
    static void open() {
        q = new QuietDatabase("CREATE TABLE branches (bid int PRIMARY KEY, bbalance int);"
                + "INSERT INTO branches SELECT g, 0 FROM generate_series(1, 10) g;"
                + "CREATE TABLE tellers (tid int NOT NULL, bid int, tbalance int);"
                + "INSERT INTO tellers SELECT g, 1, 0 FROM generate_series(1, 10) g;"
                + "ALTER TABLE tellers ADD CONSTRAINT tellers_tid UNIQUE (tid);"
                + "CREATE TABLE codes (code text NOT NULL, n int);"
                + "INSERT INTO codes SELECT 'c' || g, g FROM generate_series(1, 10) g;"
                + "CREATE UNIQUE INDEX codes_code ON codes (code);"
                + "ANALYZE;");
        s = q.s;
        for (int i = 0; i < 400; i++) {
            s.execute("UPDATE branches SET bbalance = bbalance + 1 WHERE bid = " + (1 + i % 10));
        }
    }

    @AfterAll
    static void close() throws Exception {
        q.close();
    }

    private static String plan(String sql) {
        return Rows.text(s.executeOne("EXPLAIN (COSTS off) " + sql));
    }

    @Test
    void aWholeUniqueKeyEqualityReadsThroughTheKey() {
        assertThat(plan("SELECT bbalance FROM branches WHERE bid = 3"))
                .contains("Key Lookup on branches").doesNotContain("Seq Scan");
        assertThat(plan("UPDATE tellers SET tbalance = tbalance + 1 WHERE tid = 4"))
                .contains("using tellers_tid").doesNotContain("Seq Scan");
        assertThat(plan("SELECT n FROM codes WHERE code = 'c7'"))
                .contains("using codes_code").doesNotContain("Seq Scan");
        // a key IN list and a non-key column stay with the costs: the scan on ten rows
        assertThat(plan("SELECT n FROM codes WHERE n = 7")).contains("Seq Scan on codes");
        assertThat(Rows.query(s, "SELECT n FROM codes WHERE code = 'c7'")).isEqualTo("7");
    }

    @Test
    void theScanPaysForEveryOldVersionAndTheLookupDoesNot() {
        long lookup = sharedHits("SELECT bbalance FROM branches WHERE bid = 3");
        s.execute("SET enable_indexscan = off");
        try {
            assertThat(plan("SELECT bbalance FROM branches WHERE bid = 3"))
                    .contains("Seq Scan on branches");
            long scan = sharedHits("SELECT bbalance FROM branches WHERE bid = 3");
            assertThat(lookup).isLessThan(scan);
        } finally {
            s.execute("RESET enable_indexscan");
        }
        assertThat(Rows.query(s, "SELECT bbalance FROM branches WHERE bid = 3"))
                .isEqualTo("40");
    }

    private static long sharedHits(String sql) {
        String text = Rows.text(s.executeOne("EXPLAIN (ANALYZE, BUFFERS) " + sql));
        Matcher m = Pattern.compile("shared hit=(\\d+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Long.parseLong(m.group(1));
    }
}
