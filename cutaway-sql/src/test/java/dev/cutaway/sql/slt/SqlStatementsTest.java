package dev.cutaway.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Splitting a record's SQL into statements at top-level semicolons. */
class SqlStatementsTest {
    @Test
    void oneStatementStaysWholeAndLosesItsTrailingSemicolon() {
        assertThat(SqlStatements.split("SELECT 1")).containsExactly("SELECT 1");
        assertThat(SqlStatements.split("DROP INDEX t1i1;\n")).containsExactly("DROP INDEX t1i1");
    }

    @Test
    void semicolonsInStringsIdentifiersAndCommentsDoNotSplit() {
        assertThat(SqlStatements.split("INSERT INTO t VALUES('a;b', 'it''s;');"
                + " SELECT \"x;y\" -- c;d\n FROM t /* e;f */; SELECT 2"))
                .containsExactly("INSERT INTO t VALUES('a;b', 'it''s;')",
                        "SELECT \"x;y\" -- c;d\n FROM t /* e;f */", "SELECT 2");
    }

    @Test
    void emptyPiecesAreDropped() {
        assertThat(SqlStatements.split(" ; SELECT 1;; \n;")).containsExactly("SELECT 1");
    }

    @Test
    void aTriggerBodyIsOneStatement() {
        assertThat(SqlStatements.split(
                "CREATE TRIGGER t1r1 UPDATE ON t1 BEGIN SELECT 1; SELECT 2; END; SELECT 3"))
                .containsExactly("CREATE TRIGGER t1r1 UPDATE ON t1 BEGIN SELECT 1; SELECT 2; END",
                        "SELECT 3");
    }
}
