package dev.cutaway.cli;

import dev.cutaway.cli.sql.ShellReader;
import dev.cutaway.cli.sql.SqlShell;
import dev.cutaway.io.RealFileSystem;
import dev.cutaway.kv.Node;
import dev.cutaway.kv.NodeOptions;
import dev.cutaway.sql.engine.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cutaway shell} (and {@code cutaway} alone): the SQL shell ({@link SqlShell}) on a data
 * directory, the default {@code cutaway-data}, or a private in-memory database. On a terminal
 * it reads through JLine (editing, history in {@code ~/.cutaway_history} or
 * {@code $CUTAWAY_HISTORY}, Tab completion) and greets; otherwise it reads the input as a
 * script: no prompts, errors on stderr, exit status 1 if a statement failed, or 3 at the first
 * error with {@code --on-error-stop}. A directory of the key-value shell is refused.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Open the SQL shell (the default command). Reads a script from standard "
                + "input when it is not a terminal.")
final class ShellCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true)
    DatabaseTarget target = new DatabaseTarget();

    @Mixin
    StorageOptions storage = new StorageOptions();

    @Option(names = "--on-error-stop",
            description = "stop at the first error with exit status 3 (psql's ON_ERROR_STOP)")
    boolean onErrorStop;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String description = target.description();
        boolean interactive = System.console() != null && System.console().isTerminal();
        if (!target.memory) {
            refuseKvDirectory(target.dir());
        }
        try (Database db = target.open(storage.databaseOptions())) {
            if (!interactive) {
                var in = new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8));
                return new SqlShell(db, out, err,
                        new SqlShell.Options(false, onErrorStop, description))
                        .run(prompt -> in.readLine());
            }
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                PrintWriter screen = terminal.writer();
                SqlShell shell = new SqlShell(db, screen, screen,
                        new SqlShell.Options(true, onErrorStop, description));
                LineReader reader = ShellReader.create(terminal, db, historyFile());
                screen.print(shell.greeting(samplePath()));
                int status = shell.run(ShellReader.lines(reader,
                        shell::clearBuffer));
                reader.getHistory().save();
                return status;
            }
        }
    }

    /** A directory the key-value shell wrote raw keys into would confuse the SQL layer. */
    private static void refuseKvDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        boolean kv;
        try (Node node = Node.open(new RealFileSystem(), dir, NodeOptions.defaults())) {
            kv = node.get(KvCommand.MARKER_KEY) != null;
        }
        if (kv) {
            throw new IllegalArgumentException(dir + " belongs to the key-value shell "
                    + "(./cutaway kv); give the SQL shell another --data directory");
        }
    }

    private static Path historyFile() {
        String env = System.getenv("CUTAWAY_HISTORY");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cutaway_history");
    }

    /** The sample script, absolute when the launcher told us where the repository is. */
    private static String samplePath() {
        String home = System.getProperty("cutaway.home");
        Path sample = Path.of("docs", "sample", "university.sql");
        return home == null ? sample.toString() : Path.of(home).resolve(sample).toString();
    }
}
