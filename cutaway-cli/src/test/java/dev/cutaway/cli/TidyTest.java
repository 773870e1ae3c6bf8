package dev.cutaway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size and naming rules of STYLE.md over every Java file of the repository: files stay
 * under 1,000 lines, methods under 70, lines under 100 columns; no util, manager or impl names;
 * every file opens with a comment or Javadoc before its type.
 */
class TidyTest {
    static final int FILE_LINES_MAX = 1000;
    static final int METHOD_LINES_MAX = 70;
    static final int LINE_COLUMNS_MAX = 100;
    private static final Pattern METHOD_START = Pattern.compile(
            "^\\s{4,8}(?!(if|for|while|switch|catch|try|do|else|synchronized|return|new)\\b)"
                    + "[\\w<>\\[\\],.? @]+\\s+\\w+\\s*\\([^;]*\\)\\s*(throws [\\w., ]+)?\\{\\s*$");
    private static final Pattern BANNED_NAME = Pattern.compile(
            "(^|[/.])(util|utils|manager|impl)([/.]|$)|[A-Z]\\w*(Util|Utils|Manager|Impl)\\.java$");

    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("cutaway"))) {
            p = p.getParent();
        }
        assertThat(p).as("repository root with the ./cutaway launcher").isNotNull();
        return p;
    }

    static List<Path> javaFiles() throws IOException {
        try (Stream<Path> s = Files.walk(repositoryRoot())) {
            return s.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/."))
                    .sorted().toList();
        }
    }

    @Test
    void sourceTreeIsFound() throws IOException {
        assertThat(javaFiles()).hasSizeGreaterThan(20)
                .anyMatch(f -> f.endsWith("TidyTest.java"));
    }

    @Test
    void filesAndLinesStayShort() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path f : javaFiles()) {
            List<String> lines = Files.readAllLines(f);
            if (lines.size() > FILE_LINES_MAX) {
                problems.add(f + ": " + lines.size() + " lines (max " + FILE_LINES_MAX + ")");
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).length() > LINE_COLUMNS_MAX) {
                    problems.add(f + ":" + (i + 1) + ": " + lines.get(i).length() + " columns");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void methodsStayShort() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path f : javaFiles()) {
            problems.addAll(longMethods(f, Files.readAllLines(f)));
        }
        assertThat(problems).isEmpty();
    }

    /** Methods whose body runs past the limit, found by brace depth from a declaration line. */
    static List<String> longMethods(Path file, List<String> lines) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!METHOD_START.matcher(lines.get(i)).matches()) {
                continue;
            }
            int depth = 0;
            int end = i;
            boolean inTextBlock = false;
            for (int j = i; j < lines.size(); j++) {
                String code = lines.get(j);
                if (code.contains("\"\"\"")) {
                    inTextBlock = !inTextBlock;
                    continue;
                }
                if (inTextBlock) {
                    continue;
                }
                code = code.replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("'.'", "''")
                        .replaceAll("//.*", "");
                for (char c : code.toCharArray()) {
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                }
                if (depth <= 0) {
                    end = j;
                    break;
                }
            }
            int length = end - i + 1;
            if (length > METHOD_LINES_MAX) {
                problems.add(file + ":" + (i + 1) + ": method of " + length + " lines");
            }
        }
        return problems;
    }

    @Test
    void noUtilManagerOrImplNames() throws IOException {
        Path root = repositoryRoot();
        assertThat(javaFiles()).map(f -> root.relativize(f).toString())
                .noneMatch(f -> BANNED_NAME.matcher(f).find());
    }

    @Test
    void everyFileExplainsItselfBeforeItsType() throws IOException {
        List<String> missing = new ArrayList<>();
        Pattern type = Pattern.compile("^(public |final |abstract |sealed |non-sealed )*"
                + "(class|interface|record|enum|@interface) .*");
        for (Path f : javaFiles()) {
            if (f.endsWith("package-info.java") || f.toString().contains("/src/test/")) {
                continue;
            }
            List<String> lines = Files.readAllLines(f);
            boolean comment = false;
            for (String line : lines) {
                String t = line.strip();
                comment |= t.startsWith("/**") || t.startsWith("/*") || t.startsWith("//");
                if (type.matcher(t).matches()) {
                    break;
                }
            }
            if (!comment) {
                missing.add(f.toString());
            }
        }
        assertThat(missing).as("files without a header comment").isEmpty();
    }

    @Test
    void methodCheckerCatchesALongMethod() {
        List<String> lines = new ArrayList<>();
        lines.add("    void tooLong() {");
        for (int i = 0; i < METHOD_LINES_MAX; i++) {
            lines.add("        x++;");
        }
        lines.add("    }");
        assertThat(longMethods(Path.of("X.java"), lines)).hasSize(1);
        assertThat(longMethods(Path.of("X.java"), lines.subList(2, lines.size()))).isEmpty();
    }
}
