package dev.cutaway.cli;

import static dev.cutaway.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutaway shell} with standard input that is not a terminal (a pipe, as in
 * {@code ./cutaway < script.sql}): no prompts or greeting, results on stdout, errors on
 * stderr, exit status 1 after a failed statement or 3 with --on-error-stop; and the KV and SQL
 * shells refusing each other's directories.
 */
class ShellCommandTest {
    @TempDir
    Path dir;

    private static CliTest.Run piped(String input, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return cli(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void pipedScriptRunsWithoutPromptsAndPersists() {
        String data = dir.resolve("db").toString();
        CliTest.Run run = piped("create table t (a int);\ninsert into t\nvalues (1), (2);\n"
                + "\\dt\n", "shell", "--data", data);
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("CREATE TABLE\nINSERT 0 2\n")
                .contains(" public | t    | table | cutaway")
                .doesNotContain("cutaway=>").doesNotContain("SQL shell on");
        CliTest.Run again = piped("select sum(a) from t;", "shell", "-d", data);
        assertThat(again.out()).contains("   3\n");
    }

    @Test
    void pipedErrorsGoToStderrAndSetTheExitStatus() {
        CliTest.Run run = piped("select 1/0;\nselect 2 as two;\n", "shell", "--mem");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains(" two ");
        assertThat(run.err()).contains("ERROR:  22012: division by zero");
        CliTest.Run stop = piped("select 1/0;\nselect 2 as two;\n", "shell", "--mem",
                "--on-error-stop");
        assertThat(stop.status()).isEqualTo(3);
        assertThat(stop.out()).doesNotContain("two");
    }

    @Test
    void kvAndSqlShellsRefuseEachOthersDirectories() {
        String sql = dir.resolve("sql").toString();
        String kv = dir.resolve("kv").toString();
        assertThat(piped("create table t (a int);\n", "shell", "--data", sql).status())
                .isZero();
        CliTest.Run kvOnSql = piped("put a 1\n", "kv", "--data", sql);
        assertThat(kvOnSql.status()).isEqualTo(2);
        assertThat(kvOnSql.err()).contains("holds an SQL database");
        assertThat(piped("put a 1\nget a\n", "kv", "--data", kv).out()).contains("1\n");
        CliTest.Run sqlOnKv = piped("select 1;\n", "shell", "--data", kv);
        assertThat(sqlOnKv.status()).isEqualTo(2);
        assertThat(sqlOnKv.err()).contains("belongs to the key-value shell");
    }
}
