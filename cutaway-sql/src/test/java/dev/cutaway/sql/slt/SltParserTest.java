package dev.cutaway.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.slt.SltRecord.Condition;
import dev.cutaway.sql.slt.SltRecord.HashThreshold;
import dev.cutaway.sql.slt.SltRecord.Malformed;
import dev.cutaway.sql.slt.SltRecord.Query;
import dev.cutaway.sql.slt.SltRecord.SortMode;
import dev.cutaway.sql.slt.SltRecord.Statement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every record kind of the sqllogictest format, read from small inline scripts. */
class SltParserTest {
    static List<SltRecord> parse(String script) throws IOException {
        SltParser parser = new SltParser(new BufferedReader(new StringReader(script)));
        List<SltRecord> out = new ArrayList<>();
        for (SltRecord r = parser.next(); r != null; r = parser.next()) {
            out.add(r);
        }
        return out;
    }

    @Test
    void statementOkAndStatementError() throws IOException {
        List<SltRecord> records = parse("""
                statement ok
                CREATE TABLE t1(a INTEGER, b INTEGER)

                statement error
                INSERT INTO nosuch VALUES(1)
                """);
        assertThat(records).containsExactly(
                new Statement(1, List.of(), false, "", "CREATE TABLE t1(a INTEGER, b INTEGER)"),
                new Statement(4, List.of(), true, "", "INSERT INTO nosuch VALUES(1)"));
    }

    @Test
    void statementErrorKeepsTheTextAfterIt() throws IOException {
        Statement s = (Statement) parse("statement error division by zero\nSELECT 1/0\n")
                .getFirst();
        assertThat(s.expectError()).isTrue();
        assertThat(s.errorText()).isEqualTo("division by zero");
    }

    @Test
    void queryWithTypesSortModeLabelAndValues() throws IOException {
        Query q = (Query) parse("""
                query IRT rowsort label-7
                SELECT a, b,
                  c FROM t1
                ----
                1
                2.500
                x
                """).getFirst();
        assertThat(q.line()).isEqualTo(1);
        assertThat(q.types()).isEqualTo("IRT");
        assertThat(q.sortMode()).isEqualTo(SortMode.ROWSORT);
        assertThat(q.label()).isEqualTo("label-7");
        assertThat(q.sql()).isEqualTo("SELECT a, b,\n  c FROM t1");
        assertThat(q.expected()).containsExactly("1", "2.500", "x");
        assertThat(q.expectedHash()).isNull();
    }

    @Test
    void queryDefaultsToNosortAndMayHaveALabelWithoutSortMode() throws IOException {
        List<SltRecord> records = parse("query I\nSELECT 1\n----\n1\n\nquery T lbl\nSELECT 'a'\n");
        Query first = (Query) records.get(0);
        Query second = (Query) records.get(1);
        assertThat(first.sortMode()).isEqualTo(SortMode.NOSORT);
        assertThat(first.label()).isEmpty();
        assertThat(second.label()).isEqualTo("lbl");
        assertThat(second.expected()).as("no ---- means an empty result").isEmpty();
        assertThat(second.line()).isEqualTo(6);
    }

    @Test
    void hashedExpectationIsRecognised() throws IOException {
        Query q = (Query) parse("query II valuesort\nSELECT * FROM t\n----\n"
                + "30 values hashing to 3f4b0bd4bc3ab5d8a8e7d3ea3b2bd1a2\n").getFirst();
        assertThat(q.sortMode()).isEqualTo(SortMode.VALUESORT);
        assertThat(q.expectedHash()).isEqualTo(
                new SltRecord.HashedResult(30, "3f4b0bd4bc3ab5d8a8e7d3ea3b2bd1a2"));
    }

    @Test
    void commentsAreDroppedWithoutEndingTheRecord() throws IOException {
        List<SltRecord> records = parse("""
                # leading comment
                query I nosort
                # inside the SQL
                SELECT 1
                ----
                # inside the values
                1
                """);
        assertThat(records).hasSize(1);
        Query q = (Query) records.getFirst();
        assertThat(q.line()).isEqualTo(2);
        assertThat(q.sql()).isEqualTo("SELECT 1");
        assertThat(q.expected()).containsExactly("1");
    }

    @Test
    void crlfLineEndingsAndWhiteSpaceOnlyLinesSeparateRecords() throws IOException {
        List<SltRecord> records = parse(
                "statement ok\r\nSELECT 1\r\n  \t \r\nquery I\r\nSELECT 2\r\n----\r\n2\r\n");
        assertThat(records).containsExactly(
                new Statement(1, List.of(), false, "", "SELECT 1"),
                new Query(4, List.of(), "I", SortMode.NOSORT, "", "SELECT 2", List.of("2")));
    }

    @Test
    void conditionsAttachToTheRecordThatFollowsThem() throws IOException {
        List<SltRecord> records = parse("""
                skipif mysql # a comment after the name
                onlyif PostgreSQL
                statement ok
                SELECT 1

                onlyif mssql
                halt

                hash-threshold 0
                """);
        Statement s = (Statement) records.get(0);
        assertThat(s.line()).isEqualTo(3);
        assertThat(s.conditions()).containsExactly(
                new Condition(false, "mysql"), new Condition(true, "postgresql"));
        assertThat(s.appliesTo("postgresql")).isTrue();
        assertThat(s.appliesTo("POSTGRESQL")).isTrue();
        assertThat(s.appliesTo("mysql")).isFalse();
        assertThat(s.appliesTo("sqlite")).isFalse();
        SltRecord halt = records.get(1);
        assertThat(halt).isInstanceOf(SltRecord.Halt.class);
        assertThat(halt.appliesTo("postgresql")).isFalse();
        assertThat(halt.appliesTo("mssql")).isTrue();
        assertThat(records.get(2)).isEqualTo(new HashThreshold(9, List.of(), 0));
    }

    @Test
    void malformedRecordsAreReportedAndParsingGoesOn() throws IOException {
        List<SltRecord> records = parse("""
                statement maybe
                SELECT 1

                query X
                SELECT 1

                hash-threshold many

                frobnicate
                more lines of it

                query I
                ----
                1

                statement ok
                SELECT 2
                """);
        assertThat(records).hasSize(6);
        assertThat(records.subList(0, 5)).allMatch(r -> r instanceof Malformed);
        assertThat(records.subList(0, 5)).extracting(SltRecord::line)
                .containsExactly(1, 4, 7, 9, 12);
        assertThat(((Malformed) records.get(3)).reason()).contains("frobnicate");
        assertThat(((Malformed) records.get(4)).reason()).contains("without SQL");
        assertThat(records.get(5)).isEqualTo(new Statement(16, List.of(), false, "", "SELECT 2"));
    }

    @Test
    void conditionsWithoutARecordAreMalformed() throws IOException {
        List<SltRecord> records = parse("skipif mysql\n\nstatement ok\nSELECT 1\n\nonlyif x\n");
        assertThat(records).hasSize(3);
        assertThat(records.get(0)).isInstanceOf(Malformed.class);
        assertThat(records.get(1)).isInstanceOf(Statement.class);
        assertThat(records.get(2)).isInstanceOf(Malformed.class);
    }

    @Test
    void multiStatementRecordsKeepTheirSemicolons() throws IOException {
        Statement s = (Statement) parse("statement ok\nINSERT INTO t1 VALUES(-1,'true');\n"
                + "DROP INDEX t1i1;\n").getFirst();
        assertThat(s.sql()).isEqualTo("INSERT INTO t1 VALUES(-1,'true');\nDROP INDEX t1i1;");
        assertThat(SqlStatements.split(s.sql()))
                .containsExactly("INSERT INTO t1 VALUES(-1,'true')", "DROP INDEX t1i1");
    }
}
