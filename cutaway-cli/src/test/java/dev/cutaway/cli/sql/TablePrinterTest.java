package dev.cutaway.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The aligned format and the error format, byte for byte as psql 15 printed them. */
class TablePrinterTest {

    @Test
    void alignsLikePsql() {
        String out = TablePrinter.render(List.of("id", "name", "v", "b", "d"),
                new boolean[] {true, false, true, false, false},
                List.of(new String[] {"1", "alice", "1.50", "t", "2024-01-02"},
                        new String[] {"22", null, "-3.00", "f", null}));
        assertThat(out).isEqualTo("""
                 id | name  |   v   | b |     d     \s
                ----+-------+-------+---+------------
                  1 | alice |  1.50 | t | 2024-01-02
                 22 |       | -3.00 | f |\s
                (2 rows)
                """);
    }

    @Test
    void oneRowAndNoRows() {
        assertThat(TablePrinter.render(List.of("x"), new boolean[] {true},
                List.<String[]>of(new String[] {"1"}))).isEqualTo(" x \n---\n 1\n(1 row)\n");
        assertThat(TablePrinter.render(List.of("?column?"), new boolean[] {false},
                List.of())).isEqualTo(" ?column? \n----------\n(0 rows)\n");
    }

    @Test
    void errorsPointAtTheirPosition() {
        assertThat(ErrorPrinter.render("42703", "column \"nosuch\" does not exist", 8, null,
                null, "select nosuch from t")).isEqualTo("""
                ERROR:  42703: column "nosuch" does not exist
                LINE 1: select nosuch from t
                               ^
                """);
        assertThat(ErrorPrinter.render("42601", "syntax error at or near \"fro\"", 12, null,
                "a hint", "select 1\n  fro t")).isEqualTo("""
                ERROR:  42601: syntax error at or near "fro"
                LINE 2:   fro t
                          ^
                HINT:  a hint
                """);
        assertThat(ErrorPrinter.render("22012", "division by zero", 0, null, null, "select 1/0"))
                .isEqualTo("ERROR:  22012: division by zero\n");
    }
}
