package dev.cutaway.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where the shell's query buffer ends statements, and what the continuation prompt shows. */
class StatementScannerTest {

    private static StatementScanner.Scan scan(String text) {
        return StatementScanner.scan(text);
    }

    @Test
    void splitsAtSemicolonsOutsideQuotesCommentsAndParentheses() {
        StatementScanner.Scan s = scan("select 'a;b', \"x;y\" -- c;\n from t; /* ; */ select $$;$$,"
                + " $f$ ; $f$, E'\\';' ; select (1;\n");
        assertThat(s.statements()).containsExactly(
                "select 'a;b', \"x;y\" -- c;\n from t",
                "/* ; */ select $$;$$, $f$ ; $f$, E'\\';' ");
        assertThat(s.rest()).isEqualTo(" select (1;\n");
        assertThat(s.state()).isEqualTo('(');
    }

    @Test
    void reportsWhatAnUnfinishedBufferIsInside() {
        assertThat(scan("select 'abc").state()).isEqualTo('\'');
        assertThat(scan("select \"abc").state()).isEqualTo('"');
        assertThat(scan("select $body$ x").state()).isEqualTo('$');
        assertThat(scan("select /* a /* nested */ still").state()).isEqualTo('*');
        assertThat(scan("select 1").state()).isEqualTo('-');
        assertThat(scan("select 'it''s; fine'; x").statements()).containsExactly(
                "select 'it''s; fine'");
    }

    @Test
    void blankAndCommentOnlyTextIsNoStatement() {
        StatementScanner.Scan s = scan("  ;\n-- just a comment;\n/* and; this */ ;");
        assertThat(s.statements()).isEmpty();
        assertThat(s.restIsBlank()).isTrue();
        assertThat(scan("-- comment\n").restIsBlank()).isTrue();
        assertThat(scan("select").restIsBlank()).isFalse();
    }

    @Test
    void dollarSignsInsideWordsAndParametersAreNotQuotes() {
        assertThat(scan("select a$b$c, $1; select 2;").statements())
                .containsExactly("select a$b$c, $1", "select 2");
    }
}
