package dev.cutaway.cli;

import dev.cutaway.cli.sql.ErrorPrinter;
import dev.cutaway.cli.sql.ResultPrinter;
import dev.cutaway.sql.SqlException;
import dev.cutaway.sql.engine.Database;
import dev.cutaway.sql.engine.Session;
import dev.cutaway.sql.parse.Parser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutaway sql}: runs SQL from {@code -c} or a file against a data directory (the
 * shell's default one unless {@code --data} names another) or a throw-away in-memory
 * database ({@code --mem}), printing results as psql prints them: aligned tables, command tags,
 * and errors as {@code ERROR:  SQLSTATE: message} with the line and a caret under the
 * position. Like psql, a failed statement does not stop the script; the exit status is 1 if any
 * statement failed.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run SQL statements (-c) or a script (-f) and print the results.")
final class SqlCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true)
    DatabaseTarget target = new DatabaseTarget();

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Option(names = {"-c", "--command"}, paramLabel = "SQL",
            description = "SQL to run (repeatable; each may hold several statements)")
    List<String> commands = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "a SQL script to run")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (commands.isEmpty() && files.isEmpty()) {
            throw new IllegalArgumentException("give SQL with -c \"...\" or a script with -f FILE");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        try (Database db = target.open(storage.databaseOptions());
             Session session = db.newSession()) {
            for (String sql : commands) {
                failed |= !runScript(session, sql, out, err);
            }
            for (Path file : files) {
                failed |= !runScript(session, Files.readString(file, StandardCharsets.UTF_8),
                        out, err);
            }
        }
        out.flush();
        err.flush();
        return failed ? 1 : 0;
    }

    /** Runs every statement of {@code script}; returns false if any failed. */
    static boolean runScript(Session session, String script, PrintWriter out, PrintWriter err) {
        List<String> statements;
        try {
            statements = Parser.splitScript(script);
        } catch (SqlException e) {
            printError(e, script, out, err);
            return false;
        }
        boolean ok = true;
        for (String sql : statements) {
            try {
                ResultPrinter.print(session.executeOne(sql), false, out);
            } catch (SqlException e) {
                printError(e, sql, out, err);
                ok = false;
            }
        }
        return ok;
    }

    private static void printError(SqlException e, String sql, PrintWriter out,
            PrintWriter err) {
        out.flush();
        err.print(ErrorPrinter.render(e.sqlState(), e.getMessage(), e.position(), e.detail(),
                e.hint(), sql));
        err.flush();
    }
}
