package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.exec.KeyRangeScan;
import dev.cutaway.sql.exec.Plan;
import dev.cutaway.sql.exec.RowOps;
import dev.cutaway.sql.exec.Scans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Prepared lookups decode only the columns their plan reads (exec/ColumnPruning): the scan
 * under {@code Project [Filter]} is told which columns the projection and the filter use,
 * results are those of a full decode, and plans it cannot see through stay whole.
 */
@Timeout(60)
class ColumnPruningTest {
    private Database db;
    private Session s;

    @BeforeEach
    void open() {
        db = Database.inMemory();
        s = db.newSession();
        s.execute("CREATE TABLE t (id int PRIMARY KEY, k bigint, name text, price numeric(8,2),"
                + " note varchar(20));"
                + "CREATE INDEX t_k ON t (k);"
                + "INSERT INTO t VALUES (1, 10, 'a', 1.50, 'x'), (2, 20, 'b', 2.25, NULL),"
                + " (3, 20, 'c', 3, 'z'), (4, 40, NULL, 4, 'w')");
    }

    @AfterEach
    void close() throws Exception {
        s.close();
        db.close();
    }

    private static List<String> rows(Result r) {
        List<String> out = new ArrayList<>();
        for (Object[] row : r.rows()) {
            out.add(Arrays.toString(row));
        }
        return out;
    }

    /** The scan at the bottom of Project [Filter] scan. */
    private static Plan scanOf(Prepared p) {
        Plan plan = p.cachedPlan();
        assertThat(plan).isInstanceOf(RowOps.Project.class);
        Plan input = ((RowOps.Project) plan).input();
        return input instanceof RowOps.Filter f ? f.input() : input;
    }

    @Test
    void aKeyLookupDecodesOnlyTheColumnsItsProjectionAndFilterRead() {
        Prepared p = s.prepare("SELECT name FROM t WHERE id = $1");
        assertThat(rows(p.execute(List.of(2)))).containsExactly("[b]");
        assertThat(rows(p.execute(List.of(4)))).containsExactly("[null]");
        Scans.KeyLookup scan = (Scans.KeyLookup) scanOf(p);
        // id: the key condition stays as a filter above the lookup
        assertThat(scan.decoded()).containsExactly(true, false, true, false, false);
    }

    @Test
    void aRangeScanDecodesWhatTheProjectionAndTheFilterRead() {
        Prepared p = s.prepare("SELECT name FROM t WHERE id BETWEEN $1 AND $2 AND price > $3");
        assertThat(rows(p.execute(List.of(1, 4, new java.math.BigDecimal("2")))))
                .containsExactly("[b]", "[c]", "[null]");
        KeyRangeScan scan = (KeyRangeScan) scanOf(p);
        assertThat(scan.decoded()).containsExactly(true, false, true, true, false);
        assertThat(rows(s.prepare("SELECT name FROM t WHERE id BETWEEN $1 AND $2"
                + " ORDER BY id DESC").execute(List.of(2, 3)))).containsExactly("[c]", "[b]");
    }

    @Test
    void anIndexLookupReturnsTheSameRowsAsAFullDecode() {
        Prepared p = s.prepare("SELECT id, note FROM t WHERE k = $1");
        assertThat(rows(p.execute(List.of(20L)))).containsExactlyInAnyOrder("[2, null]",
                "[3, z]");
        Scans.IndexLookup scan = (Scans.IndexLookup) scanOf(p);
        assertThat(scan.decoded()[0]).isTrue();
        assertThat(scan.decoded()[4]).isTrue();
        assertThat(scan.decoded()[2]).isFalse();
        assertThat(scan.decoded()[3]).isFalse();
    }

    @Test
    void aSubqueryInTheProjectionKeepsEveryColumn() {
        Prepared p = s.prepare("SELECT name, (SELECT count(*) FROM t u WHERE u.k = t.k)"
                + " FROM t WHERE id = $1");
        assertThat(rows(p.execute(List.of(3)))).containsExactly("[c, 2]");
        Plan scan = scanOf(p);
        assertThat(scan).isInstanceOf(Scans.KeyLookup.class);
        assertThat(((Scans.KeyLookup) scan).decoded()).isNull();
    }

    @Test
    void lockingReadsAndWritesSeeWholeRows() {
        Prepared p = s.prepare("SELECT name FROM t WHERE id = $1 FOR UPDATE");
        assertThat(rows(p.execute(List.of(1)))).containsExactly("[a]");
        Prepared u = s.prepare("UPDATE t SET k = k + 1 WHERE id = $1");
        u.execute(List.of(1));
        assertThat(Rows.query(s, "SELECT id, k, name, price, note FROM t WHERE id = 1"))
                .isEqualTo("1|11|a|1.50|x");
    }
}
