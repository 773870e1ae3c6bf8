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
        // the key condition is the lookup's own (ADR 0037): no filter, so id is not decoded
        assertThat(((RowOps.Project) p.cachedPlan()).input()).isSameAs(scan);
        assertThat(scan.decoded()).containsExactly(false, false, true, false, false);
    }

    @Test
    void aRangeScanDecodesWhatTheProjectionAndTheFilterRead() {
        Prepared p = s.prepare("SELECT name FROM t WHERE id BETWEEN $1 AND $2 AND price > $3");
        assertThat(rows(p.execute(List.of(1, 4, new java.math.BigDecimal("2")))))
                .containsExactly("[b]", "[c]", "[null]");
        KeyRangeScan scan = (KeyRangeScan) scanOf(p);
        // id: the range implies the BETWEEN, so only price's term is left to read it
        assertThat(scan.decoded()).containsExactly(false, false, true, true, false);
        assertThat(((RowOps.Filter) ((RowOps.Project) p.cachedPlan()).input()).condition())
                .isNotInstanceOf(dev.cutaway.sql.exec.BoundExpr.And.class);
        assertThat(rows(s.prepare("SELECT name FROM t WHERE id BETWEEN $1 AND $2"
                + " ORDER BY id DESC").execute(List.of(2, 3)))).containsExactly("[c]", "[b]");
    }

    @Test
    void aRangeScanDropsTheFilterTermsItsRangeImplies() {
        s.execute("INSERT INTO t SELECT g, g, 'n' || g, g, NULL FROM generate_series(5, 30) g");
        Prepared between = s.prepare("SELECT name FROM t WHERE id BETWEEN $1 AND $2");
        assertThat(((RowOps.Project) between.cachedPlan()).input())
                .isInstanceOf(KeyRangeScan.class);   // no filter left
        assertThat(((KeyRangeScan) scanOf(between)).decoded())
                .containsExactly(false, false, true, false, false);
        assertThat(rows(between.execute(List.of(9, 11)))).containsExactly("[n9]", "[n10]",
                "[n11]");
        assertThat(rows(between.execute(List.of(11, 9)))).isEmpty();
        assertThat(rows(between.execute(Arrays.asList(null, 11)))).isEmpty();
        // bounds outside the key type's range are clamped, and still filter exactly
        Prepared wide = s.prepare(
                "SELECT id FROM t WHERE id BETWEEN $1::bigint AND $2::bigint");
        assertThat(rows(wide.execute(List.of(-5_000_000_000L, 2L)))).containsExactly("[1]",
                "[2]");
        assertThat(rows(wide.execute(List.of(29L, 5_000_000_000L)))).containsExactly("[29]",
                "[30]");
        assertThat(rows(wide.execute(List.of(5_000_000_000L, 6_000_000_000L)))).isEmpty();
        Prepared open = s.prepare("SELECT id FROM t WHERE $1 < id AND id < $2 + 1");
        assertThat(((RowOps.Project) open.cachedPlan()).input())
                .isInstanceOf(KeyRangeScan.class);
        assertThat(rows(open.execute(List.of(3, 5)))).containsExactly("[4]", "[5]");
    }

    @Test
    void aRangeScanKeepsTheTermsItsRangeDoesNotImply() {
        s.execute("INSERT INTO t SELECT g, g, 'n' || g, g, NULL FROM generate_series(5, 30) g");
        // the second lower bound is not the one the range was built from
        Prepared twoLows = s.prepare("SELECT id FROM t WHERE id >= $1 AND id >= $2 AND id < $3");
        assertThat(rows(twoLows.execute(List.of(3, 6, 9)))).containsExactly("[6]", "[7]",
                "[8]");
        assertThat(rows(twoLows.execute(List.of(6, 3, 9)))).containsExactly("[6]", "[7]",
                "[8]");
        assertThat(((RowOps.Project) twoLows.cachedPlan()).input())
                .isInstanceOf(RowOps.Filter.class);
        // a bound with a function call may change from row to row: the term stays
        Prepared called = s.prepare("SELECT id FROM t WHERE id BETWEEN abs($1) AND $2");
        assertThat(rows(called.execute(List.of(-28, 40)))).containsExactly("[28]", "[29]",
                "[30]");
        assertThat(((RowOps.Project) called.cachedPlan()).input())
                .isInstanceOf(RowOps.Filter.class);
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
