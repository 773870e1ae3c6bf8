package dev.cutaway.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** QuotedRegions: each kind of region, where it ends, and what is not a region. */
class QuotedRegionsTest {
    private static QuotedRegions.Region at(String sql, int i) {
        return QuotedRegions.at(sql, i);
    }

    @Test
    void stringsAndIdentifiersEndAfterTheirClosingQuoteWithDoubledQuotesInside() {
        String sql = "x 'it''s' \"a\"\"b\" y";
        assertThat(at(sql, 2)).isEqualTo(new QuotedRegions.Region('\'', 9));
        assertThat(at(sql, 10)).isEqualTo(new QuotedRegions.Region('"', 16));
        assertThat(at(sql, 0).none()).isTrue();
    }

    @Test
    void escapeStringsHonourBackslashesOnlyAfterAFreestandingE() {
        assertThat(at("E'a\\'b' c", 0)).isEqualTo(new QuotedRegions.Region('\'', 7));
        // in "name'..." the E ends a word: no escape string starts there
        assertThat(at("namE'a\\'b'", 3).none()).isTrue();
        assertThat(at("namE'a\\'b'", 4)).isEqualTo(new QuotedRegions.Region('\'', 8));
    }

    @Test
    void dollarQuotesNeedATagAndAreNotParametersOrPartsOfWords() {
        String sql = "$fn$ a ' b $fn$ rest";
        assertThat(at(sql, 0)).isEqualTo(new QuotedRegions.Region('$', 15));
        assertThat(at("$$x$$", 0)).isEqualTo(new QuotedRegions.Region('$', 5));
        assertThat(at("$1 + $2", 0).none()).isTrue();
        assertThat(at("a$b$ c", 1).none()).isTrue();
    }

    @Test
    void commentsNestAndLineCommentsEndAtTheNewline() {
        assertThat(at("/* a /* b */ c */ d", 0)).isEqualTo(new QuotedRegions.Region('*', 17));
        assertThat(at("-- x\ny", 0)).isEqualTo(new QuotedRegions.Region('-', 5));
        assertThat(at("-- x", 0)).isEqualTo(new QuotedRegions.Region('-', 4));
        assertThat(at("- 1", 0).none()).isTrue();
    }

    @Test
    void unterminatedRegionsSayWhatTheTextEndsIn() {
        assertThat(at("'abc", 0)).isEqualTo(new QuotedRegions.Region('\'', -1));
        assertThat(at("\"abc", 0)).isEqualTo(new QuotedRegions.Region('"', -1));
        assertThat(at("$t$ abc", 0)).isEqualTo(new QuotedRegions.Region('$', -1));
        assertThat(at("/* /* */", 0)).isEqualTo(new QuotedRegions.Region('*', -1));
        assertThat(at("'abc", 0).endOr(4)).isEqualTo(4);
    }
}
