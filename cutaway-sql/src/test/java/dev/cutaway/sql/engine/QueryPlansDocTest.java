package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Guards docs/query-plans.md: loads the page's sample database ({@code docs/sample/
 * university.sql}, then {@code plans.sql}, which fills the same tables at scale; without
 * background threads so that no auto-analyze interferes) and replays
 * {@code src/test/resources/plans/query-plans.txt} — the page's statements with their plan
 * shapes, actual rows and hints (costs and times off) — in the golden format of
 * {@link SqlGoldenTest}: SQL up to a line {@code ----}, the expected output up to a blank
 * line; lines starting with # between cases are comments and are kept on rewrite
 * ({@code -Dcutaway.rewrite=true}).
 */
@Timeout(120)
class QueryPlansDocTest {
    private static final Path SCHEMA = Path.of("..", "docs", "sample", "university.sql");
    private static final Path SAMPLE = Path.of("..", "docs", "sample", "plans.sql");
    private static final Path GOLDEN = Path.of("src/test/resources/plans/query-plans.txt");
    private static final Pattern TIME = Pattern.compile(
            "actual time=(\\d+\\.\\d+)\\.\\.(\\d+\\.\\d+)");

    private static Database db;
    private static Session s;

    /** A case: the comment lines before it, its SQL (ending in a newline). */
    private record Case(String comments, String sql) {}

    @BeforeAll
    static void load() throws Exception {
        db = Database.inMemory(DatabaseOptions.defaults().withSynchronousCommit(false)
                .withBackgroundThreads(0));
        s = db.newSession();
        s.execute(Files.readString(SCHEMA, StandardCharsets.UTF_8));
        s.execute(Files.readString(SAMPLE, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void close() throws Exception {
        s.close();
        db.close();
    }

    @Test
    void theWorkedExamplesKeepTheirPlans() throws Exception {
        String original = Files.readString(GOLDEN, StandardCharsets.UTF_8);
        StringBuilder actual = new StringBuilder();
        for (Case c : parse(original)) {
            actual.append(c.comments()).append(c.sql()).append("----\n")
                    .append(SqlGoldenTest.run(s, c.sql())).append("\n\n");
        }
        if (Boolean.getBoolean("rewrite") || Boolean.getBoolean("cutaway.rewrite")) {
            Files.writeString(GOLDEN, actual.toString(), StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual.toString()).isEqualTo(original);
    }

    @Test
    void timeToTheFirstRowNeverExceedsTheTotal() {
        // a hash join opens its inputs, then builds from one before reading the other: the
        // other's time to its first row must count its own work only
        String text = Rows.text(s.executeOne("EXPLAIN ANALYZE SELECT s.name FROM enrolments e"
                + " JOIN students s ON s.id = e.student_id WHERE e.course_code = 'C123'"));
        Matcher m = TIME.matcher(text);
        int nodes = 0;
        while (m.find()) {
            nodes++;
            assertThat(Double.parseDouble(m.group(1))).as(text)
                    .isLessThanOrEqualTo(Double.parseDouble(m.group(2)));
        }
        assertThat(nodes).isGreaterThanOrEqualTo(4);   // no Filter over a lookup since ADR 0037
    }

    private static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        StringBuilder comments = new StringBuilder();
        StringBuilder sql = new StringBuilder();
        boolean inExpected = false;
        for (String line : text.split("\n", -1)) {
            if (inExpected) {
                inExpected = !line.isEmpty();
            } else if (line.equals("----")) {
                cases.add(new Case(comments.toString(), sql.toString()));
                comments.setLength(0);
                sql.setLength(0);
                inExpected = true;
            } else if (sql.isEmpty() && (line.startsWith("#") || line.isEmpty())) {
                comments.append(line).append('\n');
            } else {
                sql.append(line).append('\n');
            }
        }
        return cases;
    }
}
