package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * EXPLAIN and EXPLAIN ANALYZE of INSERT, UPDATE and DELETE: the row source under an
 * "Update on t" node; ANALYZE runs the statement for real in the current transaction (a
 * ROLLBACK discards it, as in PostgreSQL) and shows the row source's actual rows.
 */
@Timeout(60)
class ExplainDmlTest {
    private QuietDatabase q;
    private Session s;

    @BeforeEach
    void open() {
        q = new QuietDatabase("CREATE TABLE t (id int PRIMARY KEY, v int);"
                + "INSERT INTO t SELECT g, g % 10 FROM generate_series(1, 200) g;"
                + "ANALYZE");
        s = q.s;
    }

    @AfterEach
    void close() throws Exception {
        q.close();
    }

    private String explain(String sql) {
        return Rows.text(s.executeOne("EXPLAIN " + sql));
    }

    @Test
    void withoutAnalyzeThePlanShowsAndNothingChanges() {
        String update = explain("(COSTS off) UPDATE t SET v = 0 WHERE id = 7");
        assertThat(update).startsWith("Update on t\n").contains("->  Key Lookup on t");
        assertThat(explain("(COSTS off) DELETE FROM t WHERE v = 3"))
                .startsWith("Delete on t\n").contains("Seq Scan on t");
        assertThat(explain("(COSTS off) INSERT INTO t VALUES (1000, 1), (1001, 2)"))
                .startsWith("Insert on t\n").contains("Values");
        assertThat(Rows.query(s, "SELECT v FROM t WHERE id = 7")).isEqualTo("7");
        assertThat(Rows.query(s, "SELECT count(*) FROM t")).isEqualTo("200");
    }

    @Test
    void analyzeRunsTheStatementAndShowsItsRowSource() {
        String text = explain("ANALYZE DELETE FROM t WHERE v = 3");
        assertThat(text).startsWith("Delete on t").contains("rows=20 loops=1")
                .doesNotContain("Hint: Delete");
        assertThat(Rows.query(s, "SELECT count(*) FROM t")).isEqualTo("180");
        s.execute("BEGIN");
        assertThat(explain("ANALYZE UPDATE t SET v = -1 WHERE id = 8"))
                .contains("Key Lookup on t").contains("rows=1 loops=1");
        assertThat(Rows.query(s, "SELECT v FROM t WHERE id = 8")).isEqualTo("-1");
        s.execute("ROLLBACK");
        assertThat(Rows.query(s, "SELECT v FROM t WHERE id = 8")).isEqualTo("8");
        assertThat(explain("ANALYZE INSERT INTO t VALUES (500, 5) RETURNING id"))
                .startsWith("Insert on t");
        assertThat(Rows.query(s, "SELECT v FROM t WHERE id = 500")).isEqualTo("5");
    }

    @Test
    void theModifyTableNodeEstimatesTheRowsItReturnsAsPostgresDoes() {
        // without RETURNING it returns nothing: rows=0 width=0 (PostgreSQL 14 and later),
        // at its input's cost; with RETURNING one row per row of its input
        String delete = explain("DELETE FROM t WHERE v = 3");
        String[] lines = delete.split("\n");
        assertThat(lines[0]).matches("Delete on t  \\(cost=0\\.00\\.\\.(\\d+\\.\\d\\d)"
                + " rows=0 width=0\\)");
        String inputCost = lines[1].replaceAll(".*\\.\\.(\\d+\\.\\d\\d) rows=20 .*", "$1");
        assertThat(lines[0]).contains(".." + inputCost + " rows=0");
        assertThat(explain("DELETE FROM t WHERE v = 3 RETURNING id").split("\n")[0])
                .matches("Delete on t  \\(cost=0\\.00\\.\\.\\d+\\.\\d\\d rows=20 width=\\d+\\)");
        assertThat(explain("INSERT INTO t VALUES (1000, 1), (1001, 2)").split("\n")[0])
                .endsWith(" rows=0 width=0)");
        assertThat(explain("(FORMAT json) UPDATE t SET v = 0 WHERE id = 7"))
                .contains("\"Plan Rows\": 0,");
        s.execute("BEGIN");
        assertThat(explain("ANALYZE UPDATE t SET v = -1 WHERE v = 4 RETURNING id"))
                .startsWith("Update on t  (cost=").contains("rows=20 width=")
                .contains("(actual time=").containsPattern("^Update on t .*rows=20 loops=1\\)");
        assertThat(explain("ANALYZE UPDATE t SET v = -2 WHERE v = 5").split("\n")[0])
                .contains("rows=0 width=0)").endsWith("rows=0 loops=1)");
        s.execute("ROLLBACK");
    }

    @Test
    void errorsOfTheStatementAreTheStatementsErrors() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> s.execute("EXPLAIN ANALYZE INSERT INTO t VALUES (1, 1)")))
                .hasMessageContaining("duplicate key");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> s.execute("EXPLAIN UPDATE nosuch SET v = 1")))
                .hasMessageContaining("nosuch");
    }
}
