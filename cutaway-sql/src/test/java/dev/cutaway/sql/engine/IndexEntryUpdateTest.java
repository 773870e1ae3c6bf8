package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An UPDATE that changes no column of an index leaves the index's entry alone (no lock, no
 * new version, no garbage); one that does moves the entry, and lookups follow it.
 */
@Timeout(60)
class IndexEntryUpdateTest {
    private QuietDatabase q;
    private Session s;

    @BeforeEach
    void open() {
        q = new QuietDatabase("CREATE TABLE acc (aid int NOT NULL, bal int, tag text);"
                + " INSERT INTO acc SELECT g, 0, 't' || (g % 3) FROM generate_series(1, 50) g;"
                + " ALTER TABLE acc ADD CONSTRAINT acc_aid UNIQUE (aid);"
                + " CREATE INDEX acc_tag ON acc (tag)");
        s = q.s;
    }

    @AfterEach
    void close() throws Exception {
        q.close();
    }

    private String locksHeld() {
        return Rows.query(s, "SELECT count(*) FROM cutaway.locks l JOIN cutaway.transactions t"
                + " ON l.txn_id = t.txn_id WHERE t.is_current AND l.granted"
                + " AND l.key <> '(table)'");   // row locks; the table lock is ADR 0036's
    }

    @Test
    void anUpdateOfOtherColumnsTouchesNoIndexEntry() {
        s.execute("BEGIN");
        s.execute("UPDATE acc SET bal = bal + 5 WHERE aid = 7");
        assertThat(locksHeld()).as("the row alone").isEqualTo("1");
        s.execute("UPDATE acc SET tag = 'moved' WHERE aid = 8");
        assertThat(locksHeld()).as("row 8, its old and its new acc_tag entry").isEqualTo("4");
        s.execute("COMMIT");
        assertThat(Rows.query(s, "SELECT bal, tag FROM acc WHERE aid = 7")).isEqualTo("5|t1");
        assertThat(Rows.query(s, "SELECT aid FROM acc WHERE tag = 'moved'")).isEqualTo("8");
        assertThat(Rows.query(s, "SELECT count(*) FROM acc WHERE tag = 't2'")).isEqualTo("16");
        s.execute("UPDATE acc SET aid = 1000 WHERE aid = 9");   // the unique entry moves
        assertThat(Rows.query(s, "SELECT aid FROM acc WHERE aid IN (9, 1000)")).isEqualTo("1000");
        assertThat(Rows.query(s, "SELECT count(*) FROM acc WHERE tag = 't0'")).isEqualTo("16");
    }
}
