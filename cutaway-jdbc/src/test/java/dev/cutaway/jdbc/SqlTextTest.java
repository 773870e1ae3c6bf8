package dev.cutaway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The placeholder scan: only a {@code ?} outside quotes and comments is a parameter. */
class SqlTextTest {

    @Test
    void skipsLiteralsIdentifiersCommentsAndDollarQuotes() {
        assertThat(SqlText.splitAtPlaceholders("a ? b '?' \"?\" -- ?\n c /* ? /* ? */ */ ? "
                + "$x$ ? $x$ E'\\'?' ?")).containsExactly("a ", " b '?' \"?\" -- ?\n c"
                + " /* ? /* ? */ */ ", " $x$ ? $x$ E'\\'?' ", "");
        assertThat(SqlText.splitAtPlaceholders("SELECT $1, ?")).hasSize(2);
        assertThat(SqlText.splitAtPlaceholders("'unterminated ?")).hasSize(1);
    }

    @Test
    void wordsIgnoreQuotedText() {
        assertThat(SqlText.words("INSERT INTO t VALUES ('returning') -- returning"))
                .containsExactly("insert", "into", "t", "values");
        assertThat(GeneratedKeys.applies("  insert into t values (1)")).isTrue();
        assertThat(GeneratedKeys.applies("SELECT 1")).isFalse();
        assertThat(GeneratedKeys.withReturning("DELETE FROM t RETURNING id", "*"))
                .isEqualTo("DELETE FROM t RETURNING id");
    }

    /** Model: a statement built from pieces and placeholders splits back into its pieces. */
    @Property(tries = 300)
    void splitInvertsJoin(@ForAll("pieces") List<String> pieces) {
        String sql = String.join("?", pieces);
        assertThat(SqlText.splitAtPlaceholders(sql)).containsExactlyElementsOf(pieces);
    }

    @Provide
    Arbitrary<List<String>> pieces() {
        Arbitrary<String> plain = Arbitraries.strings().withChars("abc 1,()+-*").ofMaxLength(6)
                .filter(s -> !s.contains("--") && !s.contains("/*"))
                .filter(s -> !s.endsWith("-") && !s.startsWith("-") && !s.endsWith("$")
                        && !s.endsWith("/") && !s.startsWith("*") && !s.endsWith("E")
                        && !s.endsWith("e"));
        Arbitrary<String> quoted = Arbitraries.strings().withChars("ab?'\"-*/ ").ofMaxLength(6)
                .map(s -> " '" + s.replace("'", "''") + "' ");
        Arbitrary<String> ident = Arbitraries.strings().withChars("ab?'-").ofMaxLength(6)
                .map(s -> " \"" + s.replace("\"", "\"\"") + "\" ");
        Arbitrary<String> comment = Arbitraries.strings().withChars("ab?'\" ").ofMaxLength(6)
                .map(s -> " /* " + s + " */ ");
        Arbitrary<String> piece = Arbitraries.oneOf(plain, quoted, ident, comment).list()
                .ofMaxSize(3).map(parts -> String.join("", parts));
        return piece.list().ofMinSize(1).ofMaxSize(6);
    }
}
