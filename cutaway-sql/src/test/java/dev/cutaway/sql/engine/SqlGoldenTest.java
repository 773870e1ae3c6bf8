package dev.cutaway.sql.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of SQL and what it answers, one topic per file in
 * {@code src/test/resources/sql/}: each case is SQL (one or more statements) ending at a line
 * {@code ----}, then the expected output up to a blank line. All cases of a file run in order
 * on one session of a fresh in-memory database without background threads (an auto-analyze or
 * a GC pass writing while a statement scans would change its buffer counts). Output: the
 * command tag, the rows of the last statement ({@code a|b}, NULL as NULL), or for an error
 * PostgreSQL's three lines:
 * <pre>
 *   ERROR 42703: column "x" does not exist
 *   LINE 1: SELECT x FROM t
 *                  ^
 * </pre>
 * After an intended change, regenerate with {@code -Drewrite=true} (or
 * {@code -Dcutaway.rewrite=true}) and review the diff.
 */
@Timeout(60)
class SqlGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/sql");

    static Stream<String> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .sorted().toList().stream();
        }
    }

    private record Case(String sql, String expected) {}

    @ParameterizedTest
    @MethodSource("files")
    void outputMatches(String file) throws Exception {
        Path path = DIR.resolve(file);
        List<Case> cases = parse(Files.readString(path, StandardCharsets.UTF_8));
        StringBuilder actual = new StringBuilder();
        try (Database db = Database.inMemory(DatabaseOptions.defaults().withBackgroundThreads(0));
                Session s = db.newSession()) {
            for (Case c : cases) {
                actual.append(c.sql()).append("----\n").append(run(s, c.sql())).append("\n\n");
            }
        }
        String original = Files.readString(path, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("rewrite") || Boolean.getBoolean("cutaway.rewrite")) {
            Files.writeString(path, header(original) + actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(header(original) + actual).isEqualTo(original);
    }

    /** Leading comment lines (starting with #) are kept as they are. */
    private static String header(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.startsWith("#")) {
                break;
            }
            b.append(line).append('\n');
        }
        return b.isEmpty() ? "" : b + "\n";
    }

    private static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        boolean inExpected = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("#") && sql.isEmpty() && !inExpected) {
                continue;
            }
            if (inExpected) {
                if (line.isEmpty()) {
                    inExpected = false;
                }
                continue;
            }
            if (line.equals("----")) {
                cases.add(new Case(sql.toString(), null));
                sql.setLength(0);
                inExpected = true;
            } else if (!line.isEmpty() || !sql.isEmpty()) {
                sql.append(line).append('\n');
            }
        }
        return cases;
    }

    static String run(Session s, String sql) {
        try {
            List<Result> results = s.execute(sql);
            Result last = results.getLast();
            return last.hasRows() ? String.join("|", last.columnNames()) + "\n"
                    + Rows.text(last) + (last.rows().isEmpty() ? "(0 rows)" : "")
                    : last.commandTag();
        } catch (SqlException e) {
            return error(sql, e);
        }
    }

    /** The error as psql shows it: message, then the line and a caret under the position. */
    static String error(String sql, SqlException e) {
        StringBuilder b = new StringBuilder("ERROR " + e.sqlState() + ": " + e.getMessage());
        if (e.detail() != null) {
            b.append("\nDETAIL: ").append(e.detail());
        }
        if (e.position() > 0 && e.position() <= sql.length() + 1) {
            int start = sql.lastIndexOf('\n', e.position() - 2) + 1;
            int end = sql.indexOf('\n', start);
            String line = sql.substring(start, end < 0 ? sql.length() : end);
            int lineNo = (int) sql.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
            String prefix = "LINE " + lineNo + ": ";
            b.append('\n').append(prefix).append(line).append('\n')
                    .append(" ".repeat(prefix.length() + e.position() - 1 - start)).append('^');
        }
        return b.toString();
    }
}
