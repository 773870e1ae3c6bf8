package dev.cutaway.sql.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser over the whole dev set (shared/sqllogictest/test): every record of every script
 * is readable, and the parser finds as many statements and queries as a plain scan of the
 * command lines counts.
 */
class SltCorpusTest {
    @Test
    void everyDevSetScriptParsesWithoutAMalformedRecord() throws IOException {
        Path root = SltCorpus.devSet();
        List<Path> scripts = SltCorpus.scripts(root);
        assertThat(scripts).as("the dev set has 51 scripts").hasSize(51);
        List<String> problems = new ArrayList<>();
        long queries = 0;
        long statements = 0;
        for (Path relative : scripts) {
            Path file = root.resolve(relative);
            long[] parsed = parseCounting(file, problems, SltCorpus.name(relative));
            long[] scanned = scanCommandLines(file);
            assertThat(parsed).as(relative.toString()).containsExactly(scanned);
            queries += parsed[0];
            statements += parsed[1];
        }
        assertThat(problems).isEmpty();
        assertThat(queries).isGreaterThan(300_000);
        assertThat(statements).isGreaterThan(15_000);
    }

    /** Queries and statements the parser reads; malformed records and bad order to problems. */
    private static long[] parseCounting(Path file, List<String> problems, String name)
            throws IOException {
        long[] counts = new long[2];
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            SltParser parser = new SltParser(in);
            int lastLine = 0;
            for (SltRecord r = parser.next(); r != null; r = parser.next()) {
                if (r.line() <= lastLine) {
                    problems.add(name + ":" + r.line() + ": out of order after " + lastLine);
                }
                lastLine = r.line();
                switch (r) {
                    case SltRecord.Query _ -> counts[0]++;
                    case SltRecord.Statement _ -> counts[1]++;
                    case SltRecord.Malformed m -> problems.add(name + ":" + m.line() + ": "
                            + m.reason());
                    case SltRecord.Halt _, SltRecord.HashThreshold _ -> { }
                }
            }
        }
        return counts;
    }

    /** Lines that start with {@code query } and {@code statement } (none is inside a value). */
    private static long[] scanCommandLines(Path file) throws IOException {
        long[] counts = new long[2];
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("query ")) {
                    counts[0]++;
                } else if (line.startsWith("statement ")) {
                    counts[1]++;
                }
            }
        }
        return counts;
    }
}
