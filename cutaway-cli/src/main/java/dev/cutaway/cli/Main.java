package dev.cutaway.cli;

import dev.cutaway.io.CorruptionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cutaway} command line. The launcher script runs this class; {@code ./cutaway test}
 * and {@code ./cutaway bench} are handled by the launcher itself (Maven and the bench module).
 *
 * <p>Expected failures (a corrupt or missing file, a bad argument) print one clear line on
 * stderr and exit with status 2; only our own bugs print a stack trace.
 */
@Command(name = "cutaway", mixinStandardHelpOptions = true, version = "cutaway 0.1.0",
        description = "A real SQL database whose insides are left open to look at.%n"
                + "Without a command, opens the SQL shell on the default data directory.",
        subcommands = {ShellCommand.class, SqlCommand.class, KvCommand.class,
            InspectCommand.class, ServerCommand.class},
        footer = {"", "Also: ./cutaway test (the whole test suite), "
                + "./cutaway bench kv (benchmarks),",
            "./cutaway classpath (the class path holding the JDBC driver; --jar: the single "
                + "jar)."})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0) {
            args = new String[] {"shell"};   // the default command, with the same error handling
        }
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CorruptionException || e instanceof NoSuchFileException
                    || e instanceof IllegalArgumentException || e instanceof IOException) {
                err.println("cutaway: " + describe(e));
                err.flush();
                return 2;
            }
            throw e;
        });
        return cli.execute(args);
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    @Override
    public void run() {
        throw new IllegalStateException("unreachable: run() maps no arguments to the shell");
    }
}
