package dev.cutaway.cli.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutaway.sql.engine.Database;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL shell driven the way a user drives it: keystrokes into JLine's line reader on a dumb
 * terminal (prompts land on the terminal's output), results and errors on the shell's
 * streams. Meta commands, multi-line statements, transaction prompts, errors with carets,
 * completion and history.
 */
class SqlShellTest {
    private final Database db = Database.inMemory();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @AfterEach
    void close() throws IOException {
        db.close();
    }

    private SqlShell shell(boolean onErrorStop) {
        return new SqlShell(db, new PrintWriter(out, true), new PrintWriter(err, true),
                new SqlShell.Options(true, onErrorStop, "a test database"));
    }

    /** Types {@code input} into a dumb terminal and runs the shell to the end of it. */
    private int type(SqlShell shell, String input) throws IOException {
        try (Terminal terminal = terminal(input)) {
            LineReader reader = ShellReader.create(terminal, db, null);
            return shell.run(ShellReader.lines(reader, shell::clearBuffer));
        }
    }

    /** A dumb terminal (no pty, no escape sequences) typing {@code input}. */
    private Terminal terminal(String input) throws IOException {
        return new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), screen,
                StandardCharsets.UTF_8);
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private void setUpTable() throws IOException {
        type(shell(false), """
                create table t (id int primary key, name varchar(20) not null default 'x',
                  score numeric(4,1));
                create index t_name_idx on t (name);
                insert into t values (1, 'alice', 9.5), (2, 'bob', null);
                create view v as select id, name from t;
                """);
        out.getBuffer().setLength(0);
        screen.reset();
    }

    @Test
    void multiLineStatementsRunAtTheSemicolonWithContinuationPrompts() throws IOException {
        int status = type(shell(false), "select 1\n  as one,\n 'a;b' as \"c;d\"\n;\n");
        assertThat(status).isZero();
        assertThat(out.toString()).isEqualTo("""
                 one | c;d\s
                -----+-----
                   1 | a;b
                (1 row)

                """);
        assertThat(screen()).contains("cutaway=> ").contains("cutaway-> ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void promptShowsQuotesParenthesesAndTransactionState() throws IOException {
        type(shell(false), """
                select 'open
                quote';
                select (1
                );
                begin;
                select 1/0;
                rollback;
                select $$x;
                $$;
                """);
        assertThat(screen()).contains("cutaway'> ", "cutaway(> ", "cutaway=*> ", "cutaway=!> ",
                "cutaway$> ");
        assertThat(out.toString()).contains("BEGIN", "ROLLBACK", " x;\n");
        assertThat(err.toString()).contains("ERROR:  22012: division by zero");
    }

    @Test
    void errorsShowSqlstateLineAndCaretAndTheShellGoesOn() throws IOException {
        SqlShell shell = shell(false);
        int status = type(shell, "select nosuch\n  from (select 1) s;\nselect 2 as two;\n"
                + "selec 3;\n\\nosuch\nselect 4 as four;\n");
        assertThat(err.toString()).isEqualTo("""
                ERROR:  42703: column "nosuch" does not exist
                LINE 1: select nosuch
                               ^
                ERROR:  42601: syntax error at or near "selec"
                LINE 1: selec 3
                        ^
                invalid command \\nosuch
                Try \\? for help.
                """);
        assertThat(out.toString()).contains(" two \n", " four \n");
        assertThat(shell.errors()).isEqualTo(3);
        assertThat(status).as("a terminal session ends well").isZero();
    }

    @Test
    void onErrorStopEndsAtTheFirstErrorWithStatus3() throws IOException {
        int status = type(shell(true), "select 1/0;\nselect 5 as five;\n");
        assertThat(status).isEqualTo(SqlShell.EXIT_STOPPED);
        assertThat(out.toString()).doesNotContain("five");
    }

    @Test
    void describeCommandsLookLikePsql() throws IOException {
        setUpTable();
        type(shell(false), "\\d t\n\\dt\n\\di t_*\n\\dv\n\\d nosuch\n");
        assertThat(out.toString()).contains("""
                                        Table "public.t"
                 Column |         Type          | Collation | Nullable | Default\s
                --------+-----------------------+-----------+----------+---------
                 id     | integer               |           | not null |\s
                 name   | character varying(20) |           | not null | 'x'
                 score  | numeric(4,1)          |           |          |\s
                Indexes:
                    "t_pkey" PRIMARY KEY, btree (id)
                    "t_name_idx" btree (name)
                """).contains("""
                        List of relations
                 Schema | Name | Type  |  Owner \s
                --------+------+-------+---------
                 public | t    | table | cutaway
                (1 row)
                """).contains(" public | t_name_idx | index | cutaway | t\n",
                " public | t_pkey     | index | cutaway | t\n",
                " public | v    | view | cutaway\n",
                "Did not find any relation named \"nosuch\".\n");
    }

    @Test
    void describeAViewShowsItsColumnTypesAndDefinition() throws IOException {
        setUpTable();
        type(shell(false), "\\d v\n");
        assertThat(out.toString()).contains("View \"public.v\"",
                " id     | integer               |", " name   | character varying(20) |",
                "View definition:");
    }

    @Test
    void expandedDisplayAndTimingToggle() throws IOException {
        setUpTable();
        type(shell(false), "\\x\nselect * from t order by id;\n\\x off\n\\timing on\n"
                + "select 1;\n\\timing\n\\x maybe\n");
        assertThat(out.toString()).contains("""
                Expanded display is on.
                -[ RECORD 1 ]
                id    | 1
                name  | alice
                score | 9.5
                -[ RECORD 2 ]
                id    | 2
                name  | bob
                score |\s

                Expanded display is off.
                Timing is on.
                """).containsPattern("Time: \\d+\\.\\d{3} ms\n").contains("Timing is off.");
        assertThat(err.toString()).contains("unrecognized value \"maybe\" for \"expanded\"");
    }

    @Test
    void expandedRecordLineFollowsPsqlWidths() {
        assertThat(ResultPrinter.expanded(List.of("a_rather_long_name", "b"),
                List.<String[]>of(new String[] {"1", "hello"}))).isEqualTo("""
                -[ RECORD 1 ]------+------
                a_rather_long_name | 1
                b                  | hello
                """);
        assertThat(ResultPrinter.expanded(List.of("a"), List.of())).isEqualTo("(0 rows)\n");
    }

    @Test
    void includeRunsAFileThroughTheSameLoopAndQuitStops() throws IOException {
        Path script = dir.resolve("s.sql");
        Files.writeString(script, "create table s (a int);\ninsert into s\n values (7);\n"
                + "\\echo included\n");
        type(shell(false), "\\i " + script + "\nselect a from s;\n\\i " + dir.resolve("none")
                + "\n\\q\nselect 99 as never;\n");
        assertThat(out.toString()).contains("CREATE TABLE", "INSERT 0 1", "included", " 7\n")
                .doesNotContain("never");
        assertThat(err.toString()).contains("none: No such file or directory");
    }

    @Test
    void includeRefusesEndlessRecursion() throws IOException {
        Path script = dir.resolve("loop.sql");
        Files.writeString(script, "\\i " + script + "\n");
        type(shell(false), "\\i " + script + "\nselect 1 as after;\n");
        assertThat(err.toString()).contains("files nest more than 16 deep");
        assertThat(out.toString()).contains("after");
    }

    @Test
    void helpAndConninfo() throws IOException {
        type(shell(false), "\\?\n\\conninfo\n");
        assertThat(out.toString()).contains("\\explain QUERY", "\\d [NAME]", "\\timing",
                "You are connected to database \"cutaway\" (a test database).");
    }

    @Test
    void engineCommandsOpenTheEngineUp() throws IOException {
        setUpTable();
        type(shell(false), "\\explain select t.name from t join t u on u.id = t.id "
                + "order by t.name\n\\buffers\n\\locks\n\\log 2\n\\engine t\n\\engine nosuch\n"
                + "\\log x\n");
        String text = out.toString();
        assertThat(text).contains("└── ", "Seq Scan on t")
                .contains("Buffer pool", "public.t", "hit_ratio")
                .contains("Locks", "blocked_by")
                .contains("batch mutations=", "(log LSNs")
                .contains("Table \"public.t\": space 0, btree engine", "tree_height");
        assertThat(err.toString()).contains("relation \"nosuch\" does not exist",
                "\"x\" is not a record count");
    }

    @Test
    void completionOffersKeywordsTablesColumnsAndMetaCommands() throws IOException {
        setUpTable();
        try (Terminal terminal = terminal("")) {
            LineReader reader = ShellReader.create(terminal, db, null);
            assertThat(complete(reader, "SEL")).contains("SELECT");
            assertThat(complete(reader, "select * from ")).contains("t", "v", "select");
            assertThat(complete(reader, "select na")).contains("name");
            assertThat(complete(reader, "select sc")).containsExactly("score");
            assertThat(complete(reader, "\\d")).contains("\\d", "\\dt", "\\di", "\\dv")
                    .doesNotContain("\\q");
            assertThat(complete(reader, "select \\d")).isEmpty();
        }
    }

    private static List<String> complete(LineReader reader, String line) {
        ParsedLine parsed = reader.getParser().parse(line, line.length());
        List<Candidate> candidates = new ArrayList<>();
        ((LineReaderImpl) reader).getCompleter().complete(reader, parsed, candidates);
        List<String> values = new ArrayList<>();
        candidates.forEach(c -> values.add(c.value()));
        return values;
    }

    @Test
    void historyKeepsStatementsButNeverPasswords() throws IOException {
        Path history = dir.resolve("history");
        try (Terminal terminal = terminal("select 1;\nalter role x password 'secret';\n")) {
            LineReader reader = ShellReader.create(terminal, db, history);
            shell(false).run(ShellReader.lines(reader, () -> { }));
            reader.getHistory().save();
        }
        assertThat(Files.readString(history)).contains("select 1;").doesNotContain("secret");
    }

    @Test
    void greetingNamesTheTargetAndHintsTheSampleOnlyWhenNew() throws IOException {
        assertThat(shell(false).greeting("docs/sample/university.sql"))
                .contains("a test database", "\\i docs/sample/university.sql", "\\?");
        setUpTable();
        assertThat(shell(false).greeting("x.sql")).doesNotContain("\\i");
    }
}
