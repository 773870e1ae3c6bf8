package dev.cutaway.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.ast.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-driven parser tests: each file under {@code src/test/resources/testdata/parser/} holds
 * blocks of SQL, a {@code ----} line, and the expected output: every statement printed back by
 * {@link SqlPrinter} (one per line), or the error as psql shows it with VERBOSITY verbose
 * ({@code ERROR:  42601: syntax error at or near "FROM"}, the line, a caret under the position).
 * Blocks are separated by blank lines; lines starting with # between blocks are comments.
 * Every printed statement must also parse back to the same text.
 *
 * <p>After an intended change, regenerate with {@code -Dcutaway.rewrite=true} (or
 * {@code -Drewrite=true}) and review the diff.
 */
class ParserGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/testdata/parser");

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> check(f)));
    }

    private static void check(Path file) throws IOException {
        String original = Files.readString(file);
        String rewritten = rewrite(original);
        if (Boolean.getBoolean("cutaway.rewrite") || Boolean.getBoolean("rewrite")) {
            Files.writeString(file, rewritten);
            return;
        }
        assertThat(rewritten).as(file.toString()).isEqualTo(original);
    }

    /** The file with every block's expected output replaced by the actual output. */
    static String rewrite(String text) {
        List<String> lines = text.lines().toList();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                out.append(line).append('\n');
                i++;
                continue;
            }
            List<String> input = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).equals("----")) {
                input.add(lines.get(i++));
            }
            i++;
            while (i < lines.size() && !lines.get(i).isBlank()) {
                i++;
            }
            String sql = String.join("\n", input);
            out.append(sql).append("\n----\n").append(run(sql));
        }
        return out.toString();
    }

    /** What a block's SQL gives: printed statements, or the error drawn as psql draws it. */
    static String run(String sql) {
        List<Statement> statements;
        try {
            statements = Parser.parseScript(sql);
        } catch (SqlException e) {
            return psqlError(sql, e);
        }
        StringBuilder out = new StringBuilder();
        for (Statement s : statements) {
            String printed = SqlPrinter.print(s);
            out.append(printed).append('\n');
            assertThat(reprint(printed)).as("printed form parses back to itself")
                    .isEqualTo(printed);
        }
        return out.toString();
    }

    private static String reprint(String printed) {
        try {
            return SqlPrinter.print(Parser.parse(printed));
        } catch (SqlException e) {
            return psqlError(printed, e);
        }
    }

    static String psqlError(String sql, SqlException e) {
        StringBuilder out = new StringBuilder("ERROR:  ").append(e.sqlState()).append(": ")
                .append(e.getMessage()).append('\n');
        int position = e.position();
        if (position > 0) {
            int offset = Math.min(position - 1, sql.length());
            int lineStart = sql.lastIndexOf('\n', offset - 1) + 1;
            int lineEnd = sql.indexOf('\n', offset);
            int lineNumber = (int) sql.substring(0, lineStart).chars().filter(c -> c == '\n')
                    .count() + 1;
            String prefix = "LINE " + lineNumber + ": ";
            String lineText = sql.substring(lineStart, lineEnd < 0 ? sql.length() : lineEnd);
            out.append(prefix).append(lineText).append('\n');
            out.append(" ".repeat(prefix.length() + offset - lineStart)).append("^\n");
        }
        if (e.hint() != null) {
            out.append("HINT:  ").append(e.hint()).append('\n');
        }
        return out.toString();
    }
}
