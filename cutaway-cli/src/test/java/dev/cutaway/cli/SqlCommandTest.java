package dev.cutaway.cli;

import static dev.cutaway.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutaway sql}: scripts in, psql-shaped tables, tags and errors out; data persists. */
class SqlCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsStatementsAndPrintsTablesTagsAndErrors() {
        CliTest.Run run = cli("sql", "--mem", "-c",
                "create table t (id int primary key, name text); "
                        + "insert into t values (1, 'a'), (2, null); "
                        + "select * from t order by id; select nosuch from t");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("""
                CREATE TABLE
                INSERT 0 2
                 id | name\s
                ----+------
                  1 | a
                  2 |\s
                (2 rows)

                """);
        assertThat(run.err()).isEqualTo("""
                ERROR:  42703: column "nosuch" does not exist
                LINE 1: select nosuch from t
                               ^
                """);
    }

    @Test
    void aScriptFileRunsAgainstADataDirectoryThatKeepsItsData() throws IOException {
        Path script = dir.resolve("load.sql");
        Files.writeString(script, """
                create table kv (k text primary key, v bigint);
                insert into kv values ('x', 1);
                insert into kv values ('x', 2);  -- fails: duplicate key, the script goes on
                insert into kv values ('y', 3);
                """);
        Path data = dir.resolve("data");
        CliTest.Run load = cli("sql", "--data", data.toString(), "-f", script.toString());
        assertThat(load.status()).isEqualTo(1);
        assertThat(load.err()).startsWith("ERROR:  23505: ");
        CliTest.Run read = cli("sql", "--data", data.toString(), "-c",
                "select k, v from kv order by k");
        assertThat(read.status()).isZero();
        assertThat(read.out()).contains(" x | 1", " y | 3", "(2 rows)");
    }

    @Test
    void withoutSqlItSaysWhatToGive() {
        CliTest.Run run = cli("sql", "--mem");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("-c");
    }

    @Test
    void storageOptionsChooseTheEngineOfANewDirectoryAndRefuseBadValues() {
        Path data = dir.resolve("lsm");
        CliTest.Run run = cli("sql", "--data", data.toString(), "--engine", "lsm",
                "--synchronous-commit", "off", "-c", "create table t (a int primary key); "
                        + "select distinct engine from cutaway.engine_stats");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains(" lsm\n");
        CliTest.Run bad = cli("sql", "--mem", "--synchronous-commit", "maybe", "-c", "select 1");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("--synchronous-commit must be on or off, not maybe");
    }
}
