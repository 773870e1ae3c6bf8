package dev.cutaway.sql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.SqlException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQL that real clients send ({@code ../shared/pgwire/traces/sql/}: pgbench's init and run
 * scripts, pgjdbc's scenarios, psql's meta-command catalog queries) goes through the parser.
 * Everything parses except pgjdbc's deliberate errors.
 */
class ClientTracesTest {

    static List<String> statements(String file) throws IOException {
        Path path = Path.of(System.getProperty("cutaway.shared", "../../shared"), "pgwire",
                "traces", "sql", file);
        return Parser.splitScript(Files.readString(path));
    }

    static List<String> failures(List<String> statements) {
        List<String> failed = new ArrayList<>();
        for (String s : statements) {
            try {
                Parser.parse(s);
            } catch (SqlException e) {
                failed.add(e.getMessage() + " | " + s.replace('\n', ' '));
            }
        }
        return failed;
    }

    @Test
    void everyPgbenchStatementParses() throws IOException {
        List<String> statements = statements("pgbench-statements.sql");
        assertThat(statements).hasSizeGreaterThan(50);
        assertThat(failures(statements)).isEmpty();
    }

    @Test
    void everyPgjdbcStatementParsesButTheDeliberateErrors() throws IOException {
        List<String> statements = statements("pgjdbc-statements.sql");
        assertThat(statements).hasSizeGreaterThan(50);
        // The error scenarios: a typo PostgreSQL rejects too, and PL/pgSQL DO blocks.
        assertThat(failures(statements)).hasSize(3).allMatch(f -> f.contains("| selec 1")
                || f.contains("| do $$"));
    }

    @Test
    void everyPsqlCatalogQueryParses() throws IOException {
        List<String> statements = statements("psql-catalog-queries.sql");
        assertThat(statements).hasSizeGreaterThan(30);
        assertThat(failures(statements)).isEmpty();
    }
}
