package dev.cutaway.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The lexer's tokens, values and positions, PostgreSQL's operator rules, and its invariants
 * (positions increasing, one EOF one past the end, only 42601 errors) on random input.
 */
class LexerTest {

    private static List<String> describe(String sql) {
        return Lexer.tokenize(sql).stream()
                .map(t -> t.kind() + ":" + t.value() + "@" + t.position()).toList();
    }

    @Test
    void tokensHaveKindsValuesAndOneBasedPositions() {
        assertThat(describe("SELECT \"Ab\"\"c\", x1$ FROM t -- c\nWHERE a<>$12"))
                .containsExactly("IDENT:select@1", "QUOTED_IDENT:Ab\"c@8", "COMMA:,@15",
                        "IDENT:x1$@17", "IDENT:from@21", "IDENT:t@26", "IDENT:where@33",
                        "IDENT:a@39", "OPERATOR:<>@40", "PARAM:12@42", "EOF:@45");
    }

    @Test
    void numbersKeepTheirTextAndKind() {
        assertThat(describe("1 1.5 .5 1. 1e10 2E-3 1.5e+2"))
                .containsExactly("INTEGER:1@1", "DECIMAL:1.5@3", "DECIMAL:.5@7",
                        "DECIMAL:1.@10", "DECIMAL:1e10@13", "DECIMAL:2E-3@18",
                        "DECIMAL:1.5e+2@23", "EOF:@29");
    }

    @Test
    void stringsAreUnescaped() {
        assertThat(describe("'it''s' E'\\t\\\\\\'' $$a'b$$ $q$x$$y$q$ 'a'\n  'b'"))
                .containsExactly("STRING:it's@1", "STRING:\t\\'@9", "STRING:a'b@19",
                        "STRING:x$$y@27", "STRING:ab@38", "EOF:@47");
    }

    @Test
    void operatorsFollowPostgresqlsTrailingSignRule() {
        assertThat(describe("a+-1 a*-1 a!=b a::int a||b a%-b a<=b"))
                .filteredOn(s -> s.startsWith("OPERATOR"))
                .extracting(s -> s.substring(9, s.indexOf('@')))
                .containsExactly("+", "-", "*", "-", "<>", "::", "||", "%-", "<=");
    }

    @Test
    void nestedCommentsAreSkipped() {
        assertThat(describe("/* a /* b */ c */1/**/2")).containsExactly("INTEGER:1@18",
                "INTEGER:2@23", "EOF:@24");
    }

    @Property(tries = 1000)
    void positionsIncreaseAndEndWithOneEof(@ForAll("text") String sql) {
        List<Token> tokens;
        try {
            tokens = Lexer.tokenize(sql);
        } catch (SqlException e) {
            assertThat(e.sqlState()).isEqualTo("42601");
            assertThat(e.position()).isBetween(1, sql.length());
            assertThat(e.getMessage()).contains(" at or near \"");
            return;
        }
        Token last = tokens.get(tokens.size() - 1);
        assertThat(last.kind()).isEqualTo(TokenKind.EOF);
        assertThat(last.position()).isEqualTo(sql.length() + 1);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            assertThat(t.kind()).isNotEqualTo(TokenKind.EOF);
            assertThat(t.end()).isGreaterThanOrEqualTo(t.position());
            assertThat(tokens.get(i + 1).position()).isGreaterThan(t.end());
        }
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withChars("aE1._ '\"$;:-*/+<>=!|~%^()[],\\\nxé")
                .ofMaxLength(30);
    }
}
