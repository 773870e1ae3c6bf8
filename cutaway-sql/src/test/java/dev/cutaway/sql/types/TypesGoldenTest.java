package dev.cutaway.sql.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: every file in {@code src/test/resources/types/} is a list of SQL expressions,
 * each followed by a {@code => } line with what PostgreSQL 15 prints for
 * {@code SELECT expr, pg_typeof(expr)} (value {@code |} type) or the error's SQLSTATE and
 * message. A line {@code set timezone Europe/Paris} sets the session zone for the lines after
 * it (UTC before the first). The expected lines were checked against a real PostgreSQL 15
 * server (psql); {@code -Dcutaway.rewrite=true} (or {@code -Drewrite=true}) rewrites them from
 * Cutaway's output, and the diff is what gets reviewed.
 */
class TypesGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/types");
    private static final EvalContext CTX = new EvalContext(ZoneOffset.UTC,
            Clock.fixed(Instant.parse("2024-01-02T03:04:05.123456Z"), ZoneOffset.UTC),
            new SplittableRandom(42));

    static Stream<String> files() throws IOException {
        try (Stream<Path> list = Files.list(DIR)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void outputMatchesPostgres(String name) throws IOException {
        Path file = DIR.resolve(name);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> actual = new ArrayList<>();
        int cases = 0;
        EvalContext ctx = CTX;
        for (String line : lines) {
            if (line.startsWith("=> ")) {
                continue;
            }
            actual.add(line);
            if (line.startsWith("set timezone ")) {
                ctx = new EvalContext(ZoneId.of(line.substring(13).strip()), CTX.clock(),
                        CTX.random());
            } else if (!line.isBlank() && !line.startsWith("#")) {
                actual.add("=> " + MiniSql.render(ctx, line));
                cases++;
            }
        }
        if (Boolean.getBoolean("cutaway.rewrite") || Boolean.getBoolean("rewrite")) {
            Files.write(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(cases).as("cases in " + name).isPositive();
        assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", lines));
    }
}
